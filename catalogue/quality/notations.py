"""Notations: qSKOS "Ambiguous Notation References".

In a classification the code is the identifier people quote ("06.09.05"), so
a code must name one item, and an item must have one code. Minted codes
("05.01"^^soc:MintedCode) and official ones ("05") are compared by their
lexical form: a reader does not see the datatype.
"""

from __future__ import annotations

from collections.abc import Iterator

from rdflib import URIRef

from catalogue.quality.model import CheckedGraph, Finding, Registry
from catalogue.vocab import SKOS

CHECKS = Registry()


@CHECKS.check(
    "ambiguous-notations",
    "a notation names one concept of its edition, and a concept has one notation",
    qskos="Ambiguous Notation References (anr)",
)
def ambiguous_notations(graph: CheckedGraph) -> Iterator[Finding]:
    """Two concepts of one scheme with the same notation, or a concept with several."""
    for concept in graph.concepts:
        notations = graph.literals(concept, SKOS.notation)
        if len({str(n) for n in notations}) > 1:
            shown = ", ".join(n.n3() for n in notations)
            yield Finding(str(concept), f"{len(notations)} notations: {shown}")
    for scheme in graph.schemes:
        seen: dict[str, URIRef] = {}
        for concept in graph.concepts_in(scheme):
            for notation in graph.literals(concept, SKOS.notation):
                code = str(notation)
                if code in seen and seen[code] != concept:
                    yield Finding(
                        str(concept), f"notation {code!r} is also the notation of <{seen[code]}>"
                    )
                seen.setdefault(code, concept)
