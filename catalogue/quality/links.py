"""Links: qSKOS "Broken Links" inside our namespace, and "Undefined SKOS Resources".

qSKOS's "Broken Links" dereferences every HTTP IRI. Before publication our IRIs
do not dereference yet (and the check must run offline), so we check what
dereferencing would later serve: every IRI of our namespace that the dataset
points to is described in the dataset, i.e. is the subject of some triple.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path

from rdflib import Graph, URIRef

from catalogue.quality.model import CheckedGraph, Finding, Registry
from catalogue.vocab import OWL, RDF, SKOS, SOC, VOID, XKOS

CHECKS = Registry()

#: Objects of these properties are not resources of the dataset, by the
#: property's own definition, so they need no description:
NOT_DATA_RESOURCES = {
    VOID.vocabulary: "a vocabulary's namespace IRI (VoID 4.1)",
    VOID.sparqlEndpoint: "a service, reached by the SPARQL protocol, not dereferenced",
    OWL.versionIRI: "the IRI of a version of the ontology described by its own IRI",
}


@CHECKS.check(
    "broken-links",
    "every IRI of our namespace that the data points to is described in it",
    qskos="Broken Links (bl), offline",
)
def broken_links(graph: CheckedGraph) -> Iterator[Finding]:
    """An object IRI in the data namespace that is the subject of no triple: a typo in a
    link, or a resource that a build step forgot to describe."""
    g = graph.graph
    described = set(g.subjects())
    for subject, prop, obj in sorted(g):
        if (
            isinstance(obj, URIRef)
            and obj.startswith(graph.namespace)
            and obj not in described
            and prop not in NOT_DATA_RESOURCES
        ):
            yield Finding(str(subject), f"{_short(g, str(prop))} <{obj}>: described nowhere")


@CHECKS.check(
    "undefined-vocabulary-terms",
    "every SKOS, XKOS and soc: term used is defined by its vocabulary",
    qskos="Undefined SKOS Resources (usr)",
)
def undefined_vocabulary_terms(graph: CheckedGraph) -> Iterator[Finding]:
    """qSKOS checks the SKOS namespace; we check XKOS and our own ontology the same way, so
    a misspelt term (skos:boader, xkos:inclusionNotes, soc:coverdBy) is caught."""
    g = graph.graph
    vocabularies = {
        str(SKOS): skos_terms(),
        str(XKOS): xkos_terms(graph.ontology_dir / "vendor" / "xkos" / "xkos.ttl"),
        str(SOC): soc_terms(graph.ontology_dir / "soc.ttl")
        | {s for s in g.subjects(RDF.type, None) if isinstance(s, URIRef)},
    }
    exempt = {o for prop in NOT_DATA_RESOURCES for o in g.objects(None, prop)}
    reported: set[URIRef] = set()
    for triple in sorted(g):
        for term in triple:
            if not isinstance(term, URIRef) or term in reported or term in exempt:
                continue
            for namespace, terms in vocabularies.items():
                if term.startswith(namespace) and term != URIRef(namespace) and term not in terms:
                    reported.add(term)
                    yield Finding(str(term), f"is used but not defined in <{namespace}>")


@cache
def skos_terms() -> frozenset[URIRef]:
    return frozenset(SKOS[name] for name in SKOS.__annotations__)


@cache
def xkos_terms(path: Path) -> frozenset[URIRef]:
    return _defined(path, str(XKOS))


@cache
def soc_terms(path: Path) -> frozenset[URIRef]:
    return _defined(path, str(SOC))


def _defined(path: Path, namespace: str) -> frozenset[URIRef]:
    vocabulary = Graph().parse(path, format="turtle")
    return frozenset(
        s for s in vocabulary.subjects() if isinstance(s, URIRef) and s.startswith(namespace)
    )


def _short(graph: Graph, term: str) -> str:
    try:
        return graph.namespace_manager.normalizeUri(term)
    except Exception:  # an IRI no prefix fits
        return f"<{term}>"
