"""Each quality check finds its defect, planted in a copy of the real graph, on the right resource.

A table row is a defect: the triples it removes (patterns: None matches
anything), the triples it adds, the check that must report it and the
resource the report must name. The real graph itself is clean.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from rdflib import Graph, Literal, Namespace, URIRef

from catalogue.build import BuildResult
from catalogue.quality import CHECKS
from catalogue.quality.documentation import BY_LEVEL, OWN, documentation_routes
from catalogue.quality.model import CheckedGraph
from catalogue.quality.report import run_checks
from catalogue.settings import DEFAULT_NAMESPACE
from catalogue.vocab import RDF, SKOS, SOC, XKOS

NS = Namespace(DEFAULT_NAMESPACE)
SCHEME = NS["2022"]
ITO = NS["2022/category/ITO"]
DOMAIN_05 = NS["2022/domain/05"]
TYPE_05_01 = NS["2022/business-type/05.01"]
TYPE_05_02 = NS["2022/business-type/05.02"]
DOMAIN_01 = NS["2022/domain/01"]  # a definition and no other note
TYPE_01_01 = NS["2022/business-type/01.01"]
TYPE_LEVEL = NS["2022/level/business-type"]
EXCLUDED = NS["2022/domain/08/excluded-activity/1"]
NEW = NS["2022/business-type/05.99"]
ZH_05 = Literal("电子商务平台服务", lang="zh")
SKOS_BOADER = URIRef(str(SKOS) + "boader")  # rdflib's SKOS namespace refuses unknown terms
EN_05 = Literal("E-commerce platform services", lang="en")


@dataclass(frozen=True)
class Defect:
    check: str
    resource: URIRef
    remove: list[tuple] = field(default_factory=list)
    add: list[tuple] = field(default_factory=list)


def new_concept(*extra: tuple) -> list[tuple]:
    """A concept with its labels and scheme, and whatever ``extra`` relates it to."""
    return [
        (NEW, RDF.type, SKOS.Concept),
        (NEW, SKOS.inScheme, SCHEME),
        (NEW, SKOS.prefLabel, Literal("新业务", lang="zh")),
        (NEW, SKOS.prefLabel, Literal("New business", lang="en")),
        *extra,
    ]


DEFECTS = {
    "an orphan concept": Defect("orphan-concepts", NEW, add=new_concept()),
    "a cycle through broader": Defect(
        "hierarchy-cycles", TYPE_05_01,
        add=[(DOMAIN_05, SKOS.broader, TYPE_05_01), (TYPE_05_01, SKOS.narrower, DOMAIN_05)]),
    "a cycle closed by narrower alone": Defect(
        "hierarchy-cycles", TYPE_05_01, add=[(TYPE_05_01, SKOS.narrower, DOMAIN_05)]),
    "an edition without top concepts": Defect(
        "omitted-top-concepts", SCHEME,
        remove=[(SCHEME, SKOS.hasTopConcept, None), (None, SKOS.topConceptOf, SCHEME)]),
    "a root that is not a top concept": Defect(
        "missing-top-concepts", ITO,
        remove=[(SCHEME, SKOS.hasTopConcept, ITO), (ITO, SKOS.topConceptOf, SCHEME)]),
    "a top concept with a broader concept": Defect(
        "top-concepts-with-broader", DOMAIN_05,
        add=[(DOMAIN_05, SKOS.topConceptOf, SCHEME), (SCHEME, SKOS.hasTopConcept, DOMAIN_05)]),
    "broader without narrower": Defect(
        "unidirectional-relations", TYPE_05_01,
        remove=[(DOMAIN_05, SKOS.narrower, TYPE_05_01)]),
    "topConceptOf without hasTopConcept": Defect(
        "unidirectional-relations", ITO, remove=[(SCHEME, SKOS.hasTopConcept, ITO)]),
    "a cluster under no top concept": Defect(
        "unreachable-concepts", NEW,
        add=new_concept((NEW, SKOS.related, NS["2022/business-type/05.98"]),
                        (NS["2022/business-type/05.98"], SKOS.related, NEW))),
    "no English label": Defect(
        "missing-labels", DOMAIN_05, remove=[(DOMAIN_05, SKOS.prefLabel, EN_05)]),
    "no Chinese label on the edition": Defect(
        "missing-labels", SCHEME, remove=[(SCHEME, SKOS.prefLabel, None)]),
    "two Chinese labels (S14)": Defect(
        "one-preflabel-per-language", DOMAIN_05,
        add=[(DOMAIN_05, SKOS.prefLabel, Literal("别名", lang="zh"))]),
    "prefLabel also altLabel (S13)": Defect(
        "disjoint-labels", DOMAIN_05, add=[(DOMAIN_05, SKOS.altLabel, ZH_05)]),
    "altLabel in zh the prefLabel in zh-Hans (S13, across tags)": Defect(
        "disjoint-labels", DOMAIN_05,
        add=[(DOMAIN_05, SKOS.altLabel, Literal(str(ZH_05), lang="zh"))]),
    "altLabel also hiddenLabel (S13)": Defect(
        "disjoint-labels", DOMAIN_05,
        add=[(DOMAIN_05, SKOS.altLabel, Literal("x", lang="en")),
             (DOMAIN_05, SKOS.hiddenLabel, Literal("x", lang="en"))]),
    "two concepts with one English label": Defect(
        "unique-preflabels", TYPE_05_02,
        remove=[(TYPE_05_02, SKOS.prefLabel, None)],
        add=[(TYPE_05_02, SKOS.prefLabel, Literal("E-COMMERCE platform development", lang="en"))]),
    "a blank label": Defect(
        "empty-labels", DOMAIN_05, add=[(DOMAIN_05, SKOS.altLabel, Literal(" ", lang="en"))]),
    "a label without language": Defect(
        "language-tags", DOMAIN_05,
        remove=[(DOMAIN_05, SKOS.prefLabel, EN_05)],
        add=[(DOMAIN_05, SKOS.prefLabel, Literal(str(EN_05)))]),
    "a domain without its definition": Defect(
        "undocumented-concepts", DOMAIN_01,
        remove=[(DOMAIN_01, SKOS.definition, None), (DOMAIN_01, XKOS.coreContentNote, None)]),
    # Below, the business type also loses the definition generated for it: rule 2
    # (documented by level and parent) is what is left, and it must not excuse a gap.
    "a business type under an undocumented domain": Defect(
        "undocumented-concepts", TYPE_01_01,
        remove=[(DOMAIN_01, SKOS.definition, None), (DOMAIN_01, XKOS.coreContentNote, None),
                (TYPE_01_01, SKOS.definition, None)]),
    "a level without its definition": Defect(
        "undocumented-concepts", TYPE_05_01,
        remove=[(TYPE_LEVEL, SKOS.definition, None), (TYPE_LEVEL, XKOS.coreContentNote, None),
                (TYPE_05_01, SKOS.definition, None)]),
    "definition notes without text": Defect(
        "undocumented-concepts", DOMAIN_01,
        remove=[(DOMAIN_01, SKOS.definition, None),
                (DOMAIN_01 + "/note/definition/zh", XKOS.plainText, None),
                (DOMAIN_01 + "/note/definition/zh", RDF.value, None),
                (DOMAIN_01 + "/note/definition/en", XKOS.plainText, None),
                (DOMAIN_01 + "/note/definition/en", RDF.value, None)]),
    "two concepts with one code": Defect(
        "ambiguous-notations", TYPE_05_02,
        remove=[(TYPE_05_02, SKOS.notation, None)],
        add=[(TYPE_05_02, SKOS.notation, Literal("05.01"))]),
    "a concept with two codes": Defect(
        "ambiguous-notations", DOMAIN_05, add=[(DOMAIN_05, SKOS.notation, Literal("5"))]),
    "a cross-link to a concept that does not exist": Defect(
        "broken-links", EXCLUDED,
        remove=[(EXCLUDED, SOC.coveredBy, None)],
        add=[(EXCLUDED, SOC.coveredBy, NS["2022/business-type/05.1"])]),
    "a misspelt SKOS property": Defect(
        "undefined-vocabulary-terms", SKOS_BOADER, add=[(TYPE_05_01, SKOS_BOADER, DOMAIN_05)]),
    "a misspelt XKOS property": Defect(
        "undefined-vocabulary-terms", XKOS.inclusionNotes,
        add=[(DOMAIN_05, XKOS.inclusionNotes, DOMAIN_05 + "/note/definition/en")]),
    "a misspelt soc: property": Defect(
        "undefined-vocabulary-terms", SOC.coverdBy, add=[(EXCLUDED, SOC.coverdBy, TYPE_05_01)]),
    "a business type without its code (SHACL)": Defect(
        "shacl", TYPE_05_01, remove=[(TYPE_05_01, SKOS.notation, None)]),
    "a skos:definition that is a note resource, not text (SKOS tools)": Defect(
        "shacl", TYPE_05_02, add=[(TYPE_05_02, SKOS.definition, DOMAIN_05 + "/note/definition/en")]),
}  # fmt: skip


@pytest.fixture(scope="module")
def real(build: BuildResult) -> CheckedGraph:
    """The build's graphs, with the SHACL result the build computed on the same ``data``
    (a planted copy is validated afresh; test_build_gate.py validates the dump afresh)."""
    data = build.built.union(("ontology",))
    return CheckedGraph(build.built.union(), DEFAULT_NAMESPACE, data, shacl=build.validation)


def planted(real: CheckedGraph, *defects: Defect) -> CheckedGraph:
    copies = []
    for original in (real.graph, real.data):
        copy = Graph()
        copy += original
        for defect in defects:
            for pattern in defect.remove:
                assert any(True for _ in original.triples(pattern)), f"premise: {pattern} not found"
                copy.remove(pattern)
            for triple in defect.add:
                copy.add(triple)
        copies.append(copy)
    return CheckedGraph(copies[0], real.namespace, copies[1])


def findings_of(graph: CheckedGraph, check_id: str) -> list[str]:
    check = next(c for c in CHECKS if c.id == check_id)
    return [f.resource for f in check.run(graph)]


def test_the_real_graph_is_clean(build: BuildResult, real: CheckedGraph) -> None:
    report = run_checks(real, "build")
    assert {r.check.id: r.findings for r in report.results if r.findings} == {}
    assert report.violations == 0 and not any(r.skipped for r in report.results)


@pytest.fixture(scope="module")
def shacl_findings(real: CheckedGraph) -> list[str]:
    """What the shacl check reports on one graph carrying each of its defects, each on a
    resource of its own: the check validates the graph, and validating is what it costs."""
    defects = [d for d in DEFECTS.values() if d.check == "shacl"]
    assert len({d.resource for d in defects}) == len(defects), "one resource per defect"
    return findings_of(planted(real, *defects), "shacl")


@pytest.mark.parametrize("name", list(DEFECTS))
def test_a_planted_defect_is_reported_on_its_resource(
    real: CheckedGraph, shacl_findings: list[str], name: str
) -> None:
    defect = DEFECTS[name]
    assert str(defect.resource) not in findings_of(real, defect.check)
    if defect.check == "shacl":
        assert str(defect.resource) in shacl_findings
    else:
        assert str(defect.resource) in findings_of(planted(real, defect), defect.check)


def test_every_check_is_proven_by_a_planted_defect() -> None:
    assert {c.id for c in CHECKS} == {d.check for d in DEFECTS.values()}


@pytest.mark.parametrize("check", CHECKS, ids=[c.id for c in CHECKS])
def test_every_check_says_which_quality_issue_it_tests(check) -> None:  # type: ignore[no-untyped-def]
    assert check.doc, f"{check.id} has no docstring"
    assert check.qskos or check.reference


def test_documentation_routes_of_the_real_graph(real: CheckedGraph) -> None:
    """Key domains by their official definition; categories, business types and sub-types by
    the definition generated for them, and without it by their level and parent."""
    routes = documentation_routes(real)
    assert set(routes.values()) == {OWN}
    subtype = NS["2022/business-type/06.09.05"]
    generated = [
        (concept, SKOS.definition, None)
        for concept in real.graph.subjects(RDF.type, SKOS.Concept)
        if (concept, RDF.type, SOC.KeyDomain) not in real.graph
    ]
    routes = documentation_routes(planted(real, Defect("undocumented-concepts", ITO, generated)))
    assert routes[DOMAIN_05] == OWN
    assert routes[ITO] == BY_LEVEL
    assert routes[TYPE_05_01] == BY_LEVEL
    assert routes[subtype] == BY_LEVEL
