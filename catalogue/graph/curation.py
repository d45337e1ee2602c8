"""The curated files (curation/*.ttl): our translations, cross-links and details.

Editors change these by hand, in a text editor or Protégé, so the build checks
them and blames the file, the resource and the rule when something is wrong.
They are written against the default namespace; a build for another namespace
moves their IRIs along.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeGuard

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from catalogue.settings import DEFAULT_NAMESPACE
from catalogue.vocab import FOAF, ORG, RDF, SOC


class CurationError(Exception):
    """An editor's mistake: names the file, the resource and the rule broken."""

    def __init__(self, path: Path | None, subject: Node | None, rule: str) -> None:
        self.path, self.subject, self.rule = path, subject, rule
        where = [str(path) if path else "curation", f"<{subject}>" if subject else ""]
        super().__init__(": ".join(part for part in where if part) + f": {rule}")


@dataclass
class CuratedFiles:
    """The curated triples, file by file, with their IRIs moved to the build's namespace."""

    directory: Path
    graphs: dict[Path, Graph] = field(default_factory=dict)

    #: Where English labels and texts belong: named when one is missing.
    TRANSLATIONS = "translations.en.ttl"

    @property
    def translations_file(self) -> Path:
        return self.directory / self.TRANSLATIONS

    @classmethod
    def load(cls, directory: Path, namespace: str) -> CuratedFiles:
        curated = cls(directory)
        for path in sorted(directory.glob("*.ttl")):
            graph = Graph()
            try:
                graph.parse(path, format="turtle")
            except Exception as error:  # rdflib raises many kinds; all mean "not Turtle"
                raise CurationError(path, None, f"not valid Turtle: {error}") from None
            curated.graphs[path] = relocate(graph, namespace)
        return curated

    def triples(self) -> list[tuple[Node, Node, Node]]:
        return sorted({t for g in self.graphs.values() for t in g})

    def where(self, subject: Node, predicate: Node | None = None) -> Path | None:
        """The file that states something about ``subject`` (for error messages)."""
        for path, graph in self.graphs.items():
            if (subject, predicate, None) in graph:
                return path
        return None

    def by_position(self, kind: URIRef) -> dict[int, URIRef]:
        """Resources of ``kind`` keyed by ``soc:position``: how curated IRIs meet parsed text."""
        found: dict[int, URIRef] = {}
        for path, graph in self.graphs.items():
            for subject in graph.subjects(RDF.type, kind):
                position = graph.value(subject, SOC.position)
                if position is None:
                    continue
                index = int(str(position))  # an xsd:integer's lexical form
                if index in found and found[index] != subject:
                    raise CurationError(
                        path, subject, f"soc:position {index} is already taken by <{found[index]}>"
                    )
                found[index] = URIRef(str(subject))
        return found

    def ministries(self, count: int) -> dict[int, URIRef]:
        return self._positions(ORG.Organization, count, "ministry", "organizations.ttl")

    def cited_documents(self, count: int) -> dict[int, URIRef]:
        return self._positions(FOAF.Document, count, "cited document", "documents.ttl")

    def _positions(self, kind: URIRef, count: int, what: str, filename: str) -> dict[int, URIRef]:
        found = self.by_position(kind)
        for position in range(1, count + 1):
            if position not in found:
                raise CurationError(
                    None,
                    None,
                    f"the text names {count} {what}s but no {kind.n3()} in curation/{filename} "
                    f"has soc:position {position}",
                )
        return {p: found[p] for p in range(1, count + 1)}


def relocate(graph: Graph, namespace: str) -> Graph:
    """Move data IRIs from the default namespace to ``namespace``; ontology terms stay."""
    if namespace == DEFAULT_NAMESPACE:
        return graph
    moved = Graph()
    for s, p, o in graph:
        moved.add((_relocate(s, namespace), _relocate(p, namespace), _relocate(o, namespace)))
    return moved


def _relocate(term: Node, namespace: str) -> Node:
    if (
        isinstance(term, URIRef)
        and term.startswith(DEFAULT_NAMESPACE)
        and not term.startswith(str(SOC))
    ):
        return URIRef(namespace + term[len(DEFAULT_NAMESPACE) :])
    return term


def is_english(term: Node) -> TypeGuard[Literal]:
    return isinstance(term, Literal) and (term.language or "").lower().startswith("en")
