"""Documentation: qSKOS "Undocumented Concepts", and what "documented" means in this catalogue.

The official text defines only its twenty key domains (定义和范围). Its
categories and business types are names in a list, with no definition of
their own, and inventing one would put words in the ministries' mouths. Yet
they are not undocumented: the catalogue documents them *by their place*.

* A business type is "one of the main business types the catalogue lists for
  its key domain": its level says what kind of item it is (the level's
  skos:definition), and its key domain's definition and scope says what field
  it belongs to. Knowing both, a reader knows what the catalogue says about it,
  which is all there is to know.
* A category is documented by its level's definition alone, which names the
  three (ITO, BPO, KPO), and by the definitions of its domains.

SKOS profiles (VocPub) want a definition on every concept all the same, so the
build also gives each of these an English definition that says just this,
generated from the hierarchy and marked as generated (catalogue/graph/
generated.py); it counts as a note of its own, and rule 2 below is what
still holds when it is missing.

So the rule: a concept is documented when

1. it has a documentation note of its own with a text (skos:definition,
   skos:scopeNote, skos:note, skos:example, the XKOS content, inclusion and
   exclusion notes; history, change and editorial notes are for editors and
   do not count), or
2. its level (the xkos:ClassificationLevel it is a skos:member of) has a
   definition with a text and is a level of *named* items: none of its members
   has a note of its own. AND the concept is a top concept or a narrower
   concept of a documented concept.

The second condition keeps rule 2 from excusing a gap: at a level whose items
the text defines (the key domains), one item without its definition is
undocumented, whatever its level says.

A note is counted only if it has text: a note resource without xkos:plainText
(or rdf:value) documents nothing, however many links point to it. Rule 2
makes documentation flow down the hierarchy: a business type under a key
domain that lost its definition is undocumented too, and so is any item of a
level nobody defined.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from rdflib import Literal, URIRef
from rdflib.term import Node

from catalogue.quality.model import CheckedGraph, Finding, Registry
from catalogue.vocab import RDF, SKOS, XKOS

CHECKS = Registry()

DOCUMENTATION_PROPERTIES = (
    SKOS.definition,
    SKOS.scopeNote,
    SKOS.note,
    SKOS.example,
    XKOS.coreContentNote,
    XKOS.additionalContentNote,
    XKOS.inclusionNote,
    XKOS.exclusionNote,
)
OWN, BY_LEVEL = "own note", "level and parent"


def has_text(graph: CheckedGraph, note: Node) -> bool:
    """A literal note with text, or an xkos:ExplanatoryNote resource with a non-empty text."""
    if isinstance(note, Literal):
        return bool(str(note).strip())
    texts = [*graph.graph.objects(note, XKOS.plainText), *graph.graph.objects(note, RDF.value)]
    return any(str(text).strip() for text in texts)


def own_documentation(graph: CheckedGraph, resource: Node) -> bool:
    return any(
        has_text(graph, note)
        for prop in DOCUMENTATION_PROPERTIES
        for note in graph.graph.objects(resource, prop)
    )


def documentation_routes(graph: CheckedGraph) -> dict[URIRef, str | None]:
    """How each concept is documented: OWN, BY_LEVEL, or None (undocumented)."""
    g = graph.graph
    own = {concept for concept in graph.concepts if own_documentation(graph, concept)}
    defined_levels = {
        level
        for level in g.subjects(RDF.type, XKOS.ClassificationLevel)
        if any(has_text(graph, note) for note in g.objects(level, SKOS.definition))
        and not any(member in own for member in g.objects(level, SKOS.member))
    }
    tops = set(g.objects(None, SKOS.hasTopConcept)) | set(g.subjects(SKOS.topConceptOf, None))
    routes: dict[URIRef, str | None] = {}

    def route(concept: URIRef, visiting: frozenset[URIRef]) -> str | None:
        if concept in routes:
            return routes[concept]
        if concept in own:
            return OWN
        in_defined_level = any((level, SKOS.member, concept) in g for level in defined_levels)
        parents = graph.broader.get(concept, set()) - visiting
        placed = concept in tops or any(
            route(parent, visiting | {concept}) for parent in sorted(parents)
        )
        return BY_LEVEL if in_defined_level and placed else None

    for concept in graph.concepts:
        routes[concept] = route(concept, frozenset())
    return routes


def _summary(graph: CheckedGraph) -> str:
    counts = Counter(documentation_routes(graph).values())
    return (
        f"{counts[OWN]} concepts documented by a note of their own, "
        f"{counts[BY_LEVEL]} by their level's definition and their documented parent, "
        f"{counts[None]} undocumented"
    )


@CHECKS.check(
    "undocumented-concepts",
    "every concept is documented, by its own note or by its level and its parent",
    qskos="Undocumented Concepts (uc)",
    summary=_summary,
)
def undocumented_concepts(graph: CheckedGraph) -> Iterator[Finding]:
    """See the module's docstring for what "documented" means here, and why."""
    for concept, how in documentation_routes(graph).items():
        if how is None:
            yield Finding(
                str(concept),
                "no definition or note with text, and not documented by its level's "
                "definition under a documented parent",
            )
