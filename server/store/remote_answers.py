"""A remote engine's answer in the format the client negotiated, with the graphs' names.

The remote is always asked for the two formats every engine writes alike, SPARQL JSON
results and N-Triples, and the answer is written again here by pyoxigraph, as the
embedded store writes it: so each engine gives the same bytes, formats an engine lacks
(Virtuoso has no N-Quads or TriG answers) are served all the same, and Virtuoso's
``typed-literal`` JSON reaches no client.

Before that, the build's stored graph names lose their prefix (layout.marker): a client
sees ``…/graph/official``, never the name it is stored under.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable

import pyoxigraph as ox

from server.store.embedded import PREFIXED, RDF_FORMATS, RESULTS_FORMATS
from server.store.interface import StoreUnavailable

RESULTS_MEDIA_TYPE = "application/sparql-results+json"
TRIPLES_MEDIA_TYPE = "application/n-triples"


def bnode_fix(prefix: str | None) -> Callable[[bytes], bytes]:
    """What makes an engine's blank node values in JSON results labels: Virtuoso's
    ``"nodeID://b1"`` becomes ``"b1"`` (a JSON string's opening quote, not an escaped one)."""
    if prefix is None:
        return lambda body: body
    pattern = re.compile(rb'(?<!\\)"' + re.escape(prefix.encode()))
    return lambda body: pattern.sub(b'"', body)


def results(body: bytes, marker: bytes, format_name: str) -> bytes:
    parsed = _parsed_results(body.replace(marker, b""))
    out = io.BytesIO()
    try:
        parsed.serialize(out, RESULTS_FORMATS[format_name])
    except SyntaxError as error:  # the solutions are parsed as they are written
        raise StoreUnavailable(f"the store's JSON results do not parse: {error}") from None
    return out.getvalue()


def triples(body: bytes, marker: bytes, format_name: str, prefixes: dict[str, str]) -> bytes:
    try:
        parsed = list(ox.parse(body.replace(marker, b""), format=ox.RdfFormat.N_TRIPLES))
    except SyntaxError as error:
        raise StoreUnavailable(f"the store's N-Triples do not parse: {error}") from None
    return _serialized(parsed, format_name, prefixes)


def quads(body: bytes, marker: bytes, format_name: str, prefixes: dict[str, str]) -> bytes:
    """``SELECT ?s ?p ?o ?g`` solutions as the dataset they list."""
    solutions = _parsed_results(body.replace(marker, b""))
    if not isinstance(solutions, ox.QuerySolutions):
        raise StoreUnavailable("the store answered the dataset's query with a boolean")
    try:
        found = [ox.Quad(row["s"], row["p"], row["o"], row["g"]) for row in solutions]
    except SyntaxError as error:
        raise StoreUnavailable(f"the store's JSON results do not parse: {error}") from None
    return _serialized(found, format_name, prefixes)


def _parsed_results(body: bytes) -> ox.QuerySolutions | ox.QueryBoolean:
    try:
        return ox.parse_query_results(body, ox.QueryResultsFormat.JSON)
    except SyntaxError as error:
        raise StoreUnavailable(f"the store's JSON results do not parse: {error}") from None


def _serialized(
    statements: list[ox.Triple] | list[ox.Quad], format_name: str, prefixes: dict[str, str]
) -> bytes:
    fmt = RDF_FORMATS[format_name]
    chosen = prefixes if format_name in PREFIXED else None
    return ox.serialize(statements, format=fmt, prefixes=chosen) or b""
