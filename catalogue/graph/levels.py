"""The XKOS levels of the classification and the codes we mint: our modelling, not the text's."""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, URIRef

from catalogue.graph.official import OfficialGraphBuilder
from catalogue.vocab import RDF, SKOS, SOC, XKOS, XSD

#: Level name (as in its IRI), depth, and the pattern its notations follow.
LEVELS: tuple[tuple[str, int, str], ...] = (
    ("category", 1, "[A-Z]{3}"),
    ("domain", 2, "[0-9]{2}"),
    ("business-type", 3, "[0-9]{2}\\.[0-9]{2}"),
    ("business-subtype", 4, "[0-9]{2}\\.[0-9]{2}\\.[0-9]{2}"),
)


def add_levels(graph: Graph, built: OfficialGraphBuilder) -> None:
    iris, year = built.iris, built.year
    terms = built.catalogue.level_terms
    levels: list[URIRef] = []
    for name, depth, pattern in LEVELS:
        level = iris.level(year, name)
        levels.append(level)
        graph.add((level, RDF.type, XKOS.ClassificationLevel))
        graph.add((level, XKOS.depth, Literal(depth, datatype=XSD.positiveInteger)))
        graph.add((level, XKOS.notationPattern, Literal(pattern)))
        graph.add((level, SKOS.inScheme, built.scheme))
        if name in terms:
            graph.add((level, SKOS.prefLabel, Literal(terms[name], lang="zh")))
        for member in built.level_members.get(name, []):
            graph.add((level, SKOS.member, member))
    # Fixed labels for the list's cells keep the dumps byte-identical between builds
    # (rdflib's Collection would mint random ones after the first).
    cells = [BNode("levels"), *(BNode(f"levels-{n}") for n in range(2, len(levels) + 1))]
    for cell, level, rest in zip(cells, levels, [*cells[1:], RDF.nil], strict=True):
        graph.add((cell, RDF.first, level))
        graph.add((cell, RDF.rest, rest))
    graph.add((built.scheme, XKOS.levels, cells[0]))
    graph.add((built.scheme, XKOS.numberOfLevels, Literal(len(levels), datatype=XSD.integer)))


def add_minted_codes(graph: Graph, built: OfficialGraphBuilder) -> None:
    """Business types have no official code; we mint one.

    The code is a plain skos:notation, so ``?c skos:notation "06.09.05"`` finds it as it
    finds an official "05"; soc:mintedNotation (a sub-property of skos:notation, typed
    soc:MintedCode) repeats it and is what says the code is ours, not the text's.
    """
    for concept, code in built.minted_codes.items():
        graph.add((concept, SKOS.notation, Literal(code)))
        graph.add((concept, SOC.mintedNotation, Literal(code, datatype=SOC.MintedCode)))
