"""What a graph yields, as the kind of node the code expects.

rdflib types every node a graph yields as ``Node``, which has no order, no text and no
language tag. These say what the caller means: every node, in rdflib's order (a graph
holds only ``Identifier``s: IRIs, blank nodes, literals); or the IRIs among them.
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib.term import Identifier, Node, URIRef


def ordered(nodes: Iterable[Node]) -> list[Identifier]:
    """``nodes`` in rdflib's order, as sorting them did before there were types."""
    return sorted(node for node in nodes if isinstance(node, Identifier))


def iris(nodes: Iterable[Node]) -> list[URIRef]:
    """The IRIs among ``nodes``, in order: for resources this project names (its concepts,
    its terms), never blank nodes."""
    return sorted(node for node in nodes if isinstance(node, URIRef))
