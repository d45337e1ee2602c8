"""The one interface between the endpoint and whatever evaluates SPARQL.

Everything above this package (the blueprints, the caching, the HTTP details)
talks to a ``Store``; below it are the embedded pyoxigraph store
(``embedded.py``), the same run in killable engine processes (``isolated.py``,
what ``serve`` uses) and another SPARQL endpoint over HTTP (``remote.py``).

A store answers with bytes already serialized in the negotiated format, so a
remote engine's own serializers can be used unchanged, and the HTTP layer never
touches RDF terms.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Protocol

from server.formats import Kind


@dataclass(frozen=True)
class BuildInfo:
    """What the HTTP layer needs to know about the data it serves."""

    build_id: str
    #: Seconds since the epoch: when this build was made.
    last_modified: float
    quads: int
    #: The named graphs' IRIs, sorted.
    graphs: tuple[str, ...]
    namespace: str | None = None
    #: SHA-256 of the official text the build read, to check a copy before quoting it.
    source_sha256: str | None = None


@dataclass(frozen=True)
class QueryRequest:
    text: str
    #: The protocol's default-graph-uri and named-graph-uri; both None when the
    #: request gave neither (then the query's FROM, or else the union, applies).
    default_graphs: tuple[str, ...] | None = None
    named_graphs: tuple[str, ...] | None = None
    #: Make the default graph the union of the named graphs.
    union_default: bool = True
    #: The negotiated formats by name (see formats.py), one per kind of answer,
    #: since the kind is known only once the engine has parsed the query; None
    #: where the client accepts no format of that kind.
    results_format: str | None = "json"
    graph_format: str | None = "turtle"
    #: What relative IRIs in the query resolve against (the SPARQL Protocol: the
    #: request's own URL, unless the query says BASE); None: they are an error.
    base_iri: str | None = None


@dataclass(frozen=True)
class GraphRequest:
    """A Graph Store Protocol GET: one named graph, the default (union) graph, or all."""

    format: str
    #: A named graph's IRI; None for the default graph.
    graph: str | None = None
    #: The whole dataset, named graphs kept (N-Quads, TriG).
    dataset: bool = False


@dataclass
class Answer:
    """A serialized answer: the bytes read so far, and the rest if there is more.

    Small answers arrive whole (``complete``): they get a Content-Length and may
    be cached. Large ones are streamed; whoever stops reading early must call
    ``close`` so the engine producing them is freed.
    """

    kind: Kind
    format: str
    head: list[bytes]
    rest: Iterator[bytes] | None = None
    _closed: bool = field(default=False, repr=False)

    @property
    def complete(self) -> bool:
        return self.rest is None

    def body(self) -> bytes:
        if self.rest is not None:
            raise ValueError("a streamed answer has no body in memory; iterate it")
        return b"".join(self.head)

    def __iter__(self) -> Iterator[bytes]:
        yield from self.head
        if self.rest is not None:
            yield from self.rest

    def close(self) -> None:
        if not self._closed and self.rest is not None and hasattr(self.rest, "close"):
            self.rest.close()
        self._closed = True


class StoreError(Exception):
    """A query or request the store could not answer; the message is for the client."""


class QuerySyntaxError(StoreError):
    """The parser's message, with the position of the error."""


class FormatNotAcceptable(StoreError):
    """The query's kind of answer has no format the client accepts."""

    def __init__(self, kind: Kind) -> None:
        self.kind = kind
        super().__init__(kind.value)


class QueryTimeout(StoreError):
    """The query ran past its deadline and was stopped."""


class StoreBusy(StoreError):
    """No engine became free before the deadline."""


class ClientBusy(StoreError):
    """This client already holds its share of the engines: one client may not take them all."""


class EngineFailure(StoreError):
    """The engine died while evaluating this query (it has been replaced)."""


class StoreUnavailable(StoreError):
    """The store cannot answer at all (a remote endpoint is down, engines fail to start)."""


#: Who is asking (the client's address, as the HTTP layer believes it): a store that
#: shares scarce engines shares them fairly between clients by it. None: unknown.
requesting_client: ContextVar[str | None] = ContextVar("requesting_client", default=None)


@contextmanager
def on_the_servers_behalf() -> Iterator[None]:
    """Queries the server makes for itself (its index of the data, loaded on first use
    inside whichever request comes first) count against no client's share."""
    token = requesting_client.set(None)
    try:
        yield
    finally:
        requesting_client.reset(token)


class Store(Protocol):
    info: BuildInfo

    def query(self, request: QueryRequest, deadline: float) -> Answer:
        """Evaluate and serialize; ``deadline`` is a ``time.monotonic()`` instant."""
        ...

    def graph(self, request: GraphRequest, deadline: float) -> Answer: ...

    def close(self) -> None: ...
