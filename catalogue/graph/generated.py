"""Definitions generated from the catalogue's structure, for concepts the text leaves undefined.

The official text defines only the 20 key domains (定义和范围). Categories,
business types and sub-types have a name and a place in the hierarchy, nothing
more; yet SKOS profiles such as VocPub require a definition on every concept.
We write no Chinese the text does not contain, so these definitions are
English only, composed from our English labels and the hierarchy, and say in
their own words that they were generated. They go to the translation graph,
whose statements are soc:official false.
"""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef

from catalogue.nodes import iris
from catalogue.vocab import RDF, SKOS, SOC

ENGLISH = "en"
#: Ends every generated definition, so that wherever the literal travels it says what it is.
MARK = "(Generated from the catalogue's structure; the official text defines only key domains.)"


def add_generated_definitions(union: Graph, translation: Graph) -> int:
    """An English skos:definition, in ``translation``, for every concept of ``union`` (the
    official, translation and curation graphs) that has none; returns how many."""

    def label(concept: URIRef) -> str:
        return next(str(o) for o in union.objects(concept, SKOS.prefLabel) if _english(o))

    def code(concept: URIRef) -> str:
        return str(next(iter(union.objects(concept, SKOS.notation))))

    added = 0
    for concept in iris(union.subjects(RDF.type, SKOS.Concept)):
        if any(True for _ in union.objects(concept, SKOS.definition)):
            continue
        parent = next(iter(iris(union.objects(concept, SKOS.broader))), None)
        if (concept, RDF.type, SOC.Category) in union:
            domains = sorted(code(d) for d in iris(union.objects(concept, SKOS.narrower)))
            text = (
                f"{label(concept)} ({code(concept)}): one of the three categories of service "
                f"outsourcing in the catalogue, comprising key domains {', '.join(domains)}."
            )
        elif (concept, RDF.type, SOC.BusinessSubtype) in union and parent is not None:
            text = (
                f"{label(concept)}: one of the kinds of business type {code(parent)} "
                f"({label(parent)}) that the catalogue lists in parentheses."
            )
        elif parent is not None:
            text = (
                f"{label(concept)}: one of the main business types that the catalogue lists "
                f"for key domain {code(parent)} ({label(parent)})."
            )
        else:
            continue
        translation.add((concept, SKOS.definition, Literal(f"{text} {MARK}", lang=ENGLISH)))
        added += 1
    return added


def _english(term: object) -> bool:
    return isinstance(term, Literal) and (term.language or "").startswith(ENGLISH)
