"""What differs between the engines a build can be published to and served from, where the
SPARQL 1.1 protocols leave it open: where updates and the Graph Store are, how a query is
given a time limit, and how the engine says it stopped a query part-way.

Union default graph, graph listing and dataset parameters need no profile: the server
names the current build's graphs in every request (default-graph-uri and
named-graph-uri), which every engine here honours, so an engine's own default graph
(Virtuoso's union of every graph, system ones included) is never used.

Tested against real engines: Oxigraph and Virtuoso. ``generic`` is any other
SPARQL 1.1 store (Fuseki, GraphDB, QLever: docs/remote-stores.md gives their settings);
its update and Graph Store URLs are guessed in Fuseki's layout unless given.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit


@dataclass(frozen=True)
class Engine:
    name: str
    #: The query parameter that bounds the engine's own work, in milliseconds; None where
    #: the limit is the engine's own setting (``oxigraph serve --timeout-s``).
    timeout_parameter: str | None = None
    #: A header (name, value) by which the engine says its answer is incomplete because
    #: a limit stopped the query (Virtuoso's "anytime" answers: X-SQL-State S1TAT).
    partial_header: tuple[str, str] | None = None
    #: What the engine writes at the end of an answer it stopped sending (Oxigraph's
    #: timeout, met after the 200 status was sent).
    cancelled_text: bytes | None = None
    #: What the engine puts before a blank node's label in JSON results (Virtuoso writes
    #: ``nodeID://b10022``, which is no blank node label): removed before parsing.
    bnode_prefix: str | None = None


OXIGRAPH = Engine("oxigraph", cancelled_text=b"operation has been cancelled")
VIRTUOSO = Engine(
    "virtuoso",
    timeout_parameter="timeout",
    partial_header=("X-SQL-State", "S1TAT"),
    bnode_prefix="nodeID://",
)
GENERIC = Engine("generic")
ENGINES = {engine.name: engine for engine in (OXIGRAPH, VIRTUOSO, GENERIC)}
#: The choice that asks the endpoint which engine it is (its Server header).
AUTO = "auto"


def recognise(server_header: str | None) -> Engine:
    """The engine that answered with this ``Server`` header."""
    text = (server_header or "").lower()
    if text.startswith("oxigraph"):
        return OXIGRAPH
    if text.startswith("virtuoso"):
        return VIRTUOSO
    return GENERIC


@dataclass(frozen=True)
class Endpoints:
    """The three URLs of a store: queries, updates, the Graph Store."""

    query: str
    update: str
    graph_store: str


def endpoints_of(engine: Engine, query_url: str, authenticated: bool = False) -> Endpoints:
    """Where an engine has its update and Graph Store endpoints, beside its query URL.

    Oxigraph: /query, /update, /store. Virtuoso: /sparql takes updates too, the Graph
    Store is /sparql-graph-crud; with credentials, their -auth twins (digest auth).
    Generic: Fuseki's layout, /ds/query (or /ds/sparql), /ds/update, /ds/data."""
    parts = urlsplit(query_url)
    folder = parts.path.rsplit("/", 1)[0]

    def at(path: str) -> str:
        return urlunsplit((parts.scheme, parts.netloc, path, "", ""))

    if engine is VIRTUOSO:
        suffix = "-auth" if authenticated else ""
        return Endpoints(
            query_url, at(f"{folder}/sparql{suffix}"), at(f"{folder}/sparql-graph-crud{suffix}")
        )
    if engine is OXIGRAPH:
        return Endpoints(query_url, at(f"{folder}/update"), at(f"{folder}/store"))
    return Endpoints(query_url, at(f"{folder}/update"), at(f"{folder}/data"))
