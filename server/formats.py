"""Every serialization the endpoint speaks, in one table.

Content negotiation (``conneg.py``) chooses among these; the store serializes
with the pyoxigraph format of the same name; the service description lists them.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

import pyoxigraph as ox


class Kind(Enum):
    """What a response holds, which decides the formats it can take."""

    RESULTS = "results"  # SELECT and ASK
    GRAPH = "graph"  # CONSTRUCT, DESCRIBE, one graph of the Graph Store
    DATASET = "dataset"  # the whole dataset, named graphs kept

    # A member is its only instance, so identity hashes it: Enum's own __hash__ is Python
    # code (hash of the name), and kinds are looked up in sets and dicts on every query.
    __hash__ = object.__hash__


# eq=False: each format is one constant, so identity is equality, and hashing one (the
# key of every negotiation's cache, conneg.py) costs nothing instead of hashing its fields.
@dataclass(frozen=True, eq=False)
class Format:
    name: str
    media_type: str
    kinds: frozenset[Kind]
    #: Values of the ``format`` parameter that select this format.
    aliases: tuple[str, ...]
    #: Other media types a client may send in Accept to mean this format.
    also: tuple[str, ...] = ()
    #: The W3C formats IRI (https://www.w3.org/ns/formats/) for sd:resultFormat.
    w3c: str | None = None

    @property
    def content_type(self) -> str:
        # JSON and XML carry their encoding themselves; text/* needs it said.
        if self.media_type.startswith("text/"):
            return self.media_type + "; charset=utf-8"
        return self.media_type

    @property
    def media_types(self) -> tuple[str, ...]:
        return (self.media_type, *self.also)


_R, _G, _D = Kind.RESULTS, Kind.GRAPH, Kind.DATASET
_W3C = "http://www.w3.org/ns/formats/"

#: In order of preference: the first format of a kind is its default.
FORMATS: tuple[Format, ...] = (
    Format(
        "json",
        "application/sparql-results+json",
        frozenset({_R}),
        ("json", "srj"),
        ("application/json",),
        _W3C + "SPARQL_Results_JSON",
    ),
    Format(
        "xml",
        "application/sparql-results+xml",
        frozenset({_R}),
        ("xml", "srx"),
        ("application/xml",),
        _W3C + "SPARQL_Results_XML",
    ),
    Format("csv", "text/csv", frozenset({_R}), ("csv",), (), _W3C + "SPARQL_Results_CSV"),
    Format(
        "tsv",
        "text/tab-separated-values",
        frozenset({_R}),
        ("tsv",),
        (),
        _W3C + "SPARQL_Results_TSV",
    ),
    Format(
        "turtle",
        "text/turtle",
        frozenset({_G}),
        ("turtle", "ttl"),
        ("application/x-turtle",),
        _W3C + "Turtle",
    ),
    Format(
        "ntriples",
        "application/n-triples",
        frozenset({_G}),
        ("ntriples", "nt", "n-triples"),
        ("text/plain",),
        _W3C + "N-Triples",
    ),
    Format(
        "rdfxml",
        "application/rdf+xml",
        frozenset({_G}),
        ("rdfxml", "rdf", "xml", "rdf+xml"),
        ("application/xml",),
        _W3C + "RDF_XML",
    ),
    Format(
        "jsonld",
        "application/ld+json",
        frozenset({_G}),
        ("jsonld", "json-ld", "json"),
        ("application/json",),
        _W3C + "JSON-LD",
    ),
    Format("n3", "text/n3", frozenset({_G}), ("n3",), ("text/rdf+n3",), _W3C + "N3"),
    # N-Quads and TriG keep named graphs: the whole dataset's formats, and fine
    # for a CONSTRUCT result too (its triples sit in the default graph).
    Format(
        "nquads",
        "application/n-quads",
        frozenset({_D, _G}),
        ("nquads", "nq", "n-quads"),
        ("text/x-nquads",),
        _W3C + "N-Quads",
    ),
    Format("trig", "application/trig", frozenset({_D, _G}), ("trig",), (), _W3C + "TriG"),
)

#: The browser's format: results as a table, graphs as text, in the query page.
HTML = Format("html", "text/html", frozenset({_R, _G, _D}), ("html",), ("application/xhtml+xml",))

BY_NAME: dict[str, Format] = {f.name: f for f in (*FORMATS, HTML)}


def formats_of(kind: Kind) -> tuple[Format, ...]:
    return _OF_KIND[kind]


#: Asked on every negotiation: worked out once.
_OF_KIND = {kind: tuple(f for f in FORMATS if kind in f.kinds) for kind in Kind}


def oxigraph_format(fmt: Format) -> ox.RdfFormat:
    """The format Oxigraph writes ``fmt`` in: every RDF format offered here has one."""
    rdf_format = ox.RdfFormat.from_media_type(fmt.media_type)
    if rdf_format is None:
        raise ValueError(f"Oxigraph writes no {fmt.media_type}")
    return rdf_format
