"""The graph passes our SHACL shapes and the XKOS best-practice shapes; defects are caught.

Every planted defect is in one damaged copy of the graph, each on a resource of its own,
so one validation (about a second) proves them all: each test then looks for the result
its defect must cause (its focus node, and the shape or path that reports it) and no
other defect can cause that result for it (the signatures are distinct, a test says so).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS, XSD

from catalogue.build import BuildResult, InvalidGraph, run_build
from catalogue.console import Console
from catalogue.settings import DEFAULT_NAMESPACE, BuildSettings
from catalogue.validation import ValidationResult, Violation, validate_graph
from catalogue.vocab import DCTERMS, SOC

NS = DEFAULT_NAMESPACE
EDITION = URIRef(f"{NS}2022")


def domain(number: str) -> URIRef:
    return URIRef(f"{NS}2022/domain/{number}")


def business_type(code: str) -> URIRef:
    return URIRef(f"{NS}2022/business-type/{code}")


def definition_note(number: str) -> URIRef:
    return URIRef(f"{domain(number)}/note/definition/zh")


def minted(code: str) -> Literal:
    return Literal(code, datatype=SOC.MintedCode)


@dataclass(frozen=True)
class Defect:
    """Triples removed (patterns: None matches anything) and added; the result it causes:
    a violation on ``focus`` whose shape or path is ``reported_by``, and whose message
    names ``naming`` when the focus is the edition (the one node several defects reach)."""

    focus: URIRef
    reported_by: str
    remove: list[tuple] = field(default_factory=list)
    add: list[tuple] = field(default_factory=list)
    naming: str = ""

    def caused(self, violation: Violation) -> bool:
        return (
            violation.severity == "Violation"
            and violation.focus == str(self.focus)
            and self.reported_by in (violation.shape, violation.path)
            and self.naming in violation.message
        )


DEFECTS = {
    "a concept without its English label": Defect(
        domain("05"), "soc:ConceptShape-prefLabel-en",
        remove=[(domain("05"), SKOS.prefLabel, Literal("E-commerce platform services", lang="en"))]),
    "a second Chinese label": Defect(
        domain("02"), "soc:ConceptShape-prefLabel-zh",
        add=[(domain("02"), SKOS.prefLabel, Literal("别名", lang="zh"))]),
    "narrower without broader": Defect(
        business_type("03.01"), "soc:BroaderNarrowerInverseShape-equals",
        remove=[(business_type("03.01"), SKOS.broader, domain("03"))]),
    "a minted code not marked as ours": Defect(
        business_type("04.01"), "soc:mintedNotation",
        remove=[(business_type("04.01"), SOC.mintedNotation, minted("04.01"))]),
    "a minted code typed, so a plain-string lookup misses it": Defect(
        business_type("06.01"), "skos:notation",
        remove=[(business_type("06.01"), SKOS.notation, Literal("06.01"))],
        add=[(business_type("06.01"), SKOS.notation, minted("06.01"))]),
    "an official code marked as minted": Defect(
        domain("07"), "soc:mintedNotation",
        add=[(domain("07"), SOC.mintedNotation, minted("07"))]),
    "a definition that is a note resource, not text": Defect(
        domain("09"), "soc:ConceptShape-definition",
        add=[(domain("09"), SKOS.definition, definition_note("09"))]),
    "a business type without a definition": Defect(
        business_type("10.01"), "soc:ConceptShape-definition-en",
        remove=[(business_type("10.01"), SKOS.definition, None)]),
    "an exclusion note whose text SKOS tools cannot see": Defect(
        EDITION, "soc:EditionConceptsShape", naming=str(domain("08")),
        remove=[(domain("08"), SKOS.scopeNote, None)]),
    "a note whose rdf:value is not its text": Defect(
        definition_note("11"), "rdf:value",
        remove=[(definition_note("11"), RDF.value, None)],
        add=[(definition_note("11"), RDF.value, Literal("别的", lang="zh"))]),
    "a domain notation that is not two digits": Defect(
        domain("14"), "skos:notation",
        remove=[(domain("14"), SKOS.notation, Literal("14"))],
        add=[(domain("14"), SKOS.notation, Literal("4"))]),
    "the edition issued as a year only": Defect(
        EDITION, "soc:EditionIssuedShape",
        remove=[(EDITION, DCTERMS.issued, Literal("2022-05-07", datatype=XSD.date))],
        add=[(EDITION, DCTERMS.issued, Literal("2022", datatype=XSD.gYear))]),
}  # fmt: skip


@pytest.fixture(scope="module")
def data(build: BuildResult) -> Graph:
    return build.built.union(exclude=("ontology",))


@pytest.fixture(scope="module")
def damaged(data: Graph, build_settings: BuildSettings) -> ValidationResult:
    """The validation of one copy of the graph carrying every planted defect."""
    copy = Graph()
    copy += data
    for defect in DEFECTS.values():
        for pattern in defect.remove:
            assert any(True for _ in data.triples(pattern)), f"premise: {pattern} not in the graph"
            copy.remove(pattern)
        for triple in defect.add:
            copy.add(triple)
    return validate_graph(copy, build_settings.ontology_dir)


def test_the_built_graph_conforms(build: BuildResult) -> None:
    assert build.validation.conforms
    assert [v for v in build.validation.violations if v.severity == "Violation"] == []


def test_no_defect_can_stand_in_for_another() -> None:
    """Distinct expected results, so a shape that stops catching one defect fails its test."""
    signatures = [(d.focus, d.reported_by, d.naming) for d in DEFECTS.values()]
    assert len(set(signatures)) == len(signatures)


@pytest.mark.parametrize("defect", list(DEFECTS), ids=list(DEFECTS))
def test_a_planted_defect_is_a_violation(damaged: ValidationResult, defect: str) -> None:
    assert not damaged.conforms
    caused = [v for v in damaged.violations if DEFECTS[defect].caused(v)]
    on_focus = [str(v) for v in damaged.violations if v.focus == str(DEFECTS[defect].focus)]
    assert caused, f"nothing reports it; on its focus node: {on_focus}"


def test_an_invalid_graph_is_not_published(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A build whose graph violates a shape writes no dumps and no store."""
    import catalogue.build as build_module

    def failing(data: Graph, ontology_dir):  # type: ignore[no-untyped-def]
        data.remove((domain("05"), SKOS.notation, None))
        return validate_graph(data, ontology_dir)

    monkeypatch.setattr(build_module, "validate_graph", failing)
    settings = BuildSettings(output_dir=tmp_path)
    with pytest.raises(InvalidGraph) as raised:
        run_build(settings, Console(quiet=True))
    assert any(v.focus == str(domain("05")) for v in raised.value.result.violations)
    assert not settings.dumps_dir.exists() and not settings.store_dir.exists()
