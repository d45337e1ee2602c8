"""Structural issues of the hierarchy: qSKOS "Structural" family.

A classification is a forest under its top concepts: every item is reachable
from a category, no item is its own ancestor, and both directions of every
link are asserted (the build promises skos:broader AND skos:narrower, because
consumers without a reasoner read only one of them).
"""

from __future__ import annotations

from collections.abc import Iterator

from rdflib import URIRef

from catalogue.nodes import ordered
from catalogue.quality.model import CheckedGraph, Finding, Registry
from catalogue.vocab import SKOS

CHECKS = Registry()

#: Properties that relate a concept to another: a concept with none is an orphan.
SEMANTIC_RELATIONS = (
    SKOS.broader,
    SKOS.narrower,
    SKOS.related,
    SKOS.broaderTransitive,
    SKOS.narrowerTransitive,
)
#: Each property and the inverse that must be asserted with it.
INVERSES = (
    (SKOS.broader, SKOS.narrower),
    (SKOS.narrower, SKOS.broader),
    (SKOS.hasTopConcept, SKOS.topConceptOf),
    (SKOS.topConceptOf, SKOS.hasTopConcept),
    (SKOS.related, SKOS.related),
)


@CHECKS.check(
    "orphan-concepts", "every concept is related to another", qskos="Orphan Concepts (oc)"
)
def orphan_concepts(graph: CheckedGraph) -> Iterator[Finding]:
    """A concept with no hierarchical or associative relation, in either direction,
    hangs outside the classification."""
    g = graph.graph
    for concept in graph.concepts:
        outgoing = any((concept, p, None) in g for p in SEMANTIC_RELATIONS)
        incoming = any((None, p, concept) in g for p in SEMANTIC_RELATIONS)
        if not (outgoing or incoming):
            yield Finding(str(concept), "no skos:broader, skos:narrower or skos:related")


@CHECKS.check(
    "hierarchy-cycles",
    "no concept is its own ancestor",
    qskos="Cyclic Hierarchical Relations (chr)",
)
def hierarchy_cycles(graph: CheckedGraph) -> Iterator[Finding]:
    """Follows skos:broader (and inverted skos:narrower); each cycle is reported once,
    on its smallest IRI, with its members in order."""
    broader = graph.broader
    reported: set[frozenset[URIRef]] = set()
    for start in sorted(broader):
        path: list[URIRef] = []
        on_path: set[URIRef] = set()
        for cycle in _cycles_from(start, broader, path, on_path, set()):
            members = frozenset(cycle)
            if members in reported:
                continue
            reported.add(members)
            first = min(cycle)
            turn = cycle.index(first)
            ordered = cycle[turn:] + cycle[:turn]
            chain = " → ".join(f"<{c}>" for c in [*ordered, first])
            yield Finding(str(first), f"cycle through skos:broader: {chain}")


def _cycles_from(
    node: URIRef,
    broader: dict[URIRef, set[URIRef]],
    path: list[URIRef],
    on_path: set[URIRef],
    done: set[URIRef],
) -> Iterator[list[URIRef]]:
    if node in on_path:
        yield path[path.index(node) :]
        return
    if node in done:
        return
    path.append(node)
    on_path.add(node)
    for parent in sorted(broader.get(node, ())):
        yield from _cycles_from(parent, broader, path, on_path, done)
    on_path.discard(node)
    path.pop()
    done.add(node)


@CHECKS.check(
    "omitted-top-concepts",
    "an edition names its top concepts",
    qskos="Omitted Top Concepts (otc)",
)
def omitted_top_concepts(graph: CheckedGraph) -> Iterator[Finding]:
    """A scheme with concepts but no skos:hasTopConcept gives browsers no entry point."""
    g = graph.graph
    for scheme in graph.schemes:
        has_top = (scheme, SKOS.hasTopConcept, None) in g or (None, SKOS.topConceptOf, scheme) in g
        if graph.concepts_in(scheme) and not has_top:
            yield Finding(str(scheme), "has concepts but no skos:hasTopConcept")


@CHECKS.check(
    "missing-top-concepts",
    "a concept without a broader concept is a top concept of its scheme",
    qskos="Omitted Top Concepts (otc)",
)
def missing_top_concepts(graph: CheckedGraph) -> Iterator[Finding]:
    """The concept-level side of "Omitted Top Concepts": a root of the hierarchy that its
    scheme does not list is missed by every browser that starts from the top concepts."""
    g = graph.graph
    for concept in graph.concepts:
        if graph.broader.get(concept):
            continue
        for scheme in ordered(g.objects(concept, SKOS.inScheme)):
            listed = (scheme, SKOS.hasTopConcept, concept) in g or (
                concept,
                SKOS.topConceptOf,
                scheme,
            ) in g
            if not listed:
                yield Finding(
                    str(concept), f"has no skos:broader but is not a top concept of <{scheme}>"
                )


@CHECKS.check(
    "top-concepts-with-broader",
    "a top concept has no broader concept",
    qskos="Top Concepts Having Broader Concepts (tchbc)",
)
def top_concepts_with_broader(graph: CheckedGraph) -> Iterator[Finding]:
    """A top concept that is also below another concept sits at two levels at once."""
    g = graph.graph
    tops = set(g.objects(None, SKOS.hasTopConcept)) | set(g.subjects(SKOS.topConceptOf, None))
    for concept in ordered(tops):
        # ``broader`` holds the concepts typed as URIRefs (model.py): sortable.
        for parent in sorted(graph.broader.get(concept, ())):  # type: ignore[call-overload]
            yield Finding(str(concept), f"is a top concept but has skos:broader <{parent}>")


@CHECKS.check(
    "unidirectional-relations",
    "skos:broader/narrower, hasTopConcept/topConceptOf and related are asserted both ways",
    qskos="Unidirectionally Related Concepts (urc)",
)
def unidirectional_relations(graph: CheckedGraph) -> Iterator[Finding]:
    """Every link has its inverse asserted: the graph is read without a reasoner."""
    g = graph.graph
    for prop, inverse in INVERSES:
        for subject, obj in sorted(g.subject_objects(prop)):
            if (obj, inverse, subject) not in g:
                yield Finding(
                    str(subject),
                    f"skos:{prop.fragment} <{obj}> without <{obj}> skos:{inverse.fragment} "
                    f"<{subject}>",
                )


@CHECKS.check(
    "unreachable-concepts",
    "every concept is reachable from a top concept of its scheme",
    qskos="Disconnected Concept Clusters (dcc)",
)
def unreachable_concepts(graph: CheckedGraph) -> Iterator[Finding]:
    """qSKOS's "Disconnected Concept Clusters", as a classification reads it.

    A classification has several trees (one per category); its scheme joins
    them through skos:hasTopConcept. So the clusters that matter are those not
    hanging from any top concept: a concept that a walk down skos:narrower
    (or up skos:broader) from the top concepts never reaches.
    """
    g = graph.graph
    narrower: dict[URIRef, set[URIRef]] = {}
    for child, parents in graph.broader.items():
        for parent in parents:
            narrower.setdefault(parent, set()).add(child)
    for scheme in graph.schemes:
        members = graph.concepts_in(scheme)
        if not members:
            continue
        tops = set(g.objects(scheme, SKOS.hasTopConcept)) | set(
            g.subjects(SKOS.topConceptOf, scheme)
        )
        reached: set[URIRef] = set()
        todo = ordered(tops)
        while todo:  # tops and their narrower, typed as concepts: see model.broader
            node = todo.pop()
            if node not in reached:
                reached.add(node)  # type: ignore[arg-type]
                todo.extend(narrower.get(node, ()))  # type: ignore[call-overload]
        for concept in members:
            if concept not in reached and tops:
                yield Finding(str(concept), f"not reachable from the top concepts of <{scheme}>")
