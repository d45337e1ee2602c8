"""Every term of soc.ttl is documented in both languages; the data uses each term as its kind."""

from __future__ import annotations

import pytest
from rdflib import BNode, Graph, Literal, URIRef

from catalogue.build import BuildResult
from catalogue.settings import PROJECT_ROOT
from catalogue.vocab import DCTERMS, ONTOLOGY_IRI, OWL, RDF, RDFS, SKOS, SOC

SOC_TTL = Graph().parse(PROJECT_ROOT / "ontology" / "soc.ttl")
KINDS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, RDFS.Datatype)
TERMS = sorted(
    {s for kind in KINDS for s in SOC_TTL.subjects(RDF.type, kind) if str(s).startswith(str(SOC))}
)
ONTOLOGY = URIRef(ONTOLOGY_IRI)


def languages(subject: URIRef, prop: URIRef) -> list[str]:
    texts = SOC_TTL.objects(subject, prop)
    return sorted(o.language or "" for o in texts if isinstance(o, Literal))


@pytest.mark.parametrize("term", TERMS, ids=[t.rsplit("/", 1)[-1] for t in TERMS])
@pytest.mark.parametrize("prop", [RDFS.label, RDFS.comment, SKOS.definition], ids=str)
def test_every_term_has_one_text_per_language(term: URIRef, prop: URIRef) -> None:
    assert languages(term, prop) == ["en", "zh"]
    assert (term, RDFS.isDefinedBy, ONTOLOGY) in SOC_TTL


def test_there_are_the_terms_the_readme_names() -> None:
    names = {t.rsplit("/", 1)[-1] for t in TERMS}
    assert {"Category", "KeyDomain", "BusinessType", "BusinessSubtype", "MintedCode",
            "policyNote", "excludedActivity", "coveredBy", "nonExhaustive", "official", "mintedNotation",
            "SourceExcerpt", "ExcludedActivity"} <= names  # fmt: skip


def test_the_header_says_what_an_ontology_registry_asks() -> None:
    for prop in (RDFS.label, RDFS.comment, DCTERMS.title, DCTERMS.description):
        assert languages(ONTOLOGY, prop) == ["en", "zh"], prop
    for prop in (OWL.versionIRI, OWL.versionInfo, DCTERMS.license, DCTERMS.creator,
                 DCTERMS.created, DCTERMS.modified):  # fmt: skip
        assert SOC_TTL.value(ONTOLOGY, prop) is not None, prop


def test_no_term_is_declared_twice_as_different_kinds() -> None:
    """No punning: one IRI, one kind of entity (FunctionalProperty is a characteristic)."""
    for subject in set(SOC_TTL.subjects(RDF.type, None)):
        kinds = {k for k in SOC_TTL.objects(subject, RDF.type) if k in KINDS}
        assert len(kinds) <= 1, (subject, kinds)


def test_no_literal_where_an_iri_is_expected(build: BuildResult) -> None:
    """In the published data, object properties point at resources and data properties
    hold literals, as soc.ttl declares them (and SKOS: skos:notation is a data property)."""
    data = build.built.union(exclude=("ontology",))
    objects = set(SOC_TTL.subjects(RDF.type, OWL.ObjectProperty))
    datatypes = set(SOC_TTL.subjects(RDF.type, OWL.DatatypeProperty))
    assert objects and datatypes
    wrong = [
        (s, p, o)
        for s, p, o in data
        if (p in objects and isinstance(o, Literal))
        or (p in datatypes and isinstance(o, URIRef | BNode))
    ]
    assert wrong == []
    for prop in (RDFS.domain, RDFS.range, RDFS.subClassOf, OWL.disjointWith, OWL.onProperty):
        assert not any(isinstance(o, Literal) for o in SOC_TTL.objects(None, prop)), prop
