"""The graph passes our SHACL shapes and the XKOS best-practice shapes; defects are caught."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS, XSD

from catalogue.build import BuildResult, InvalidGraph, run_build
from catalogue.console import Console
from catalogue.settings import DEFAULT_NAMESPACE, BuildSettings
from catalogue.validation import validate_graph
from catalogue.vocab import DCTERMS, SOC

NS = DEFAULT_NAMESPACE
DOMAIN_05 = URIRef(f"{NS}2022/domain/05")
TYPE_05_01 = URIRef(f"{NS}2022/business-type/05.01")


@pytest.fixture(scope="module")
def data(build: BuildResult) -> Graph:
    return build.built.union(exclude=("ontology",))


def test_the_built_graph_conforms(build: BuildResult) -> None:
    assert build.validation.conforms
    assert [v for v in build.validation.violations if v.severity == "Violation"] == []


def _damaged(data: Graph, remove: list[tuple], add: list[tuple] = ()) -> Graph:  # type: ignore[assignment]
    copy = Graph()
    copy += data
    for triple in remove:
        copy.remove(triple)
    for triple in add:
        copy.add(triple)
    return copy


DEFECTS = {
    "a concept without its English label": (
        [(DOMAIN_05, SKOS.prefLabel, Literal("E-commerce platform services", lang="en"))], [],
        DOMAIN_05),
    "a second Chinese label": (
        [], [(DOMAIN_05, SKOS.prefLabel, Literal("别名", lang="zh"))], DOMAIN_05),
    "narrower without broader": (
        [(TYPE_05_01, SKOS.broader, DOMAIN_05)], [], None),
    "a minted code not marked as ours": (
        [(TYPE_05_01, SOC.mintedNotation, Literal("05.01", datatype=SOC.MintedCode))], [],
        TYPE_05_01),
    "a minted code typed, so a plain-string lookup misses it": (
        [(TYPE_05_01, SKOS.notation, Literal("05.01"))],
        [(TYPE_05_01, SKOS.notation, Literal("05.01", datatype=SOC.MintedCode))], TYPE_05_01),
    "an official code marked as minted": (
        [], [(DOMAIN_05, SOC.mintedNotation, Literal("05", datatype=SOC.MintedCode))], DOMAIN_05),
    "a definition that is a note resource, not text": (
        [], [(DOMAIN_05, SKOS.definition, URIRef(f"{DOMAIN_05}/note/definition/zh"))], DOMAIN_05),
    "a business type without a definition": (
        [(TYPE_05_01, SKOS.definition, None)], [], TYPE_05_01),
    "an exclusion note whose text SKOS tools cannot see": (
        [(DOMAIN_05, SKOS.scopeNote, None)], [], URIRef(f"{NS}2022")),
    "a note whose rdf:value is not its text": (
        [(URIRef(f"{DOMAIN_05}/note/definition/zh"), RDF.value, None)],
        [(URIRef(f"{DOMAIN_05}/note/definition/zh"), RDF.value, Literal("别的", lang="zh"))],
        URIRef(f"{DOMAIN_05}/note/definition/zh")),
    "a domain notation that is not two digits": (
        [(DOMAIN_05, SKOS.notation, Literal("05"))], [(DOMAIN_05, SKOS.notation, Literal("5"))],
        DOMAIN_05),
    "the edition issued as a year only": (
        [(URIRef(f"{NS}2022"), DCTERMS.issued, Literal("2022-05-07", datatype=XSD.date))],
        [(URIRef(f"{NS}2022"), DCTERMS.issued, Literal("2022", datatype=XSD.gYear))],
        URIRef(f"{NS}2022")),
}  # fmt: skip


@pytest.mark.parametrize("defect", list(DEFECTS), ids=list(DEFECTS))
def test_a_planted_defect_is_a_violation(
    data: Graph, build_settings: BuildSettings, defect: str
) -> None:
    remove, add, focus = DEFECTS[defect]
    for triple in remove:
        assert triple in data, f"the test's premise is wrong: {triple} is not in the graph"
    result = validate_graph(_damaged(data, remove, add), build_settings.ontology_dir)
    assert not result.conforms
    if focus is not None:
        assert str(focus) in {v.focus for v in result.violations}


def test_an_invalid_graph_is_not_published(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A build whose graph violates a shape writes no dumps and no store."""
    import catalogue.build as build_module

    def failing(data: Graph, ontology_dir):  # type: ignore[no-untyped-def]
        data.remove((DOMAIN_05, SKOS.notation, None))
        return validate_graph(data, ontology_dir)

    monkeypatch.setattr(build_module, "validate_graph", failing)
    settings = BuildSettings(output_dir=tmp_path)
    with pytest.raises(InvalidGraph) as raised:
        run_build(settings, Console(quiet=True))
    assert any(v.focus == str(DOMAIN_05) for v in raised.value.result.violations)
    assert not settings.dumps_dir.exists() and not settings.store_dir.exists()
