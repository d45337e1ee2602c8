"""Another SPARQL 1.1 store as the store: the build ``publish --to`` put there.

At start (a worker's, so again after SIGHUP) the store is asked which build is current
(catalogue/remote/layout.py); from then on every request names that build's graphs as
its dataset, so this worker reads one build, whole, whatever is published meanwhile,
and its ETags and pages' build stamp name that build.

- The union default graph is the build's graphs given as default-graph-uri, and
  ``GRAPH ?g`` sees them through named-graph-uri: the same on every engine, with no
  engine switch (and not Virtuoso's default of every graph in the store).
- A client's own dataset (FROM, default-graph-uri…) names graphs as they are published;
  they are renamed to the build's stored names (remote_query.py).
- Answers are asked for in JSON results or N-Triples and written in the negotiated format
  here (remote_answers.py).
- The deadline bounds our wait, and the engine's work where it takes a limit per query
  (Virtuoso's ``timeout``); Oxigraph's is its own setting, ``--timeout-s``.
"""

from __future__ import annotations

import json
import time
from urllib.parse import urlsplit

from catalogue.remote import layout
from catalogue.remote.engines import AUTO, ENGINES, GENERIC, Engine, recognise
from server.formats import Kind
from server.sparql.lexer import LexError
from server.store import remote_answers
from server.store.interface import (
    Answer,
    BuildInfo,
    FormatNotAcceptable,
    GraphRequest,
    QueryRequest,
    QuerySyntaxError,
    QueryTimeout,
    StoreUnavailable,
)
from server.store.remote_http import Reply, post
from server.store.remote_query import RESULT_FORMS, prepare

#: Seconds to learn the current build at start.
START_TIMEOUT = 10.0
#: Seconds between two checks that the build served is still in the store.
RECHECK_EVERY = 5.0
#: A graph name no build has: the default graph of a query that asked for no union.
_NO_GRAPH = "urn:x-outsourcing-catalogue:no-graph"
_DATASET_QUERY = "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
_UNION_GRAPH = "CONSTRUCT { ?s ?p ?o } WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }"


class RemoteStore:
    def __init__(
        self,
        url: str,
        prefixes: dict[str, str],
        engine: str = AUTO,
        recheck_every: float = RECHECK_EVERY,
    ) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"the store URL must be an http(s) URL: {url}")
        if engine != AUTO and engine not in ENGINES:
            raise ValueError(
                f"unknown store engine {engine!r}: one of {AUTO}, {', '.join(ENGINES)}"
            )
        self.url = url
        self._parts = parts
        self._prefixes = prefixes
        self._prologue = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in prefixes.items())
        self.engine: Engine = ENGINES.get(engine, GENERIC)
        reply = self._ask(
            [("query", layout.CURRENT_QUERY)],
            remote_answers.RESULTS_MEDIA_TYPE,
            time.monotonic() + START_TIMEOUT,
        )
        if engine == AUTO:
            self.engine = recognise(reply.headers.get("Server"))
        self._json = remote_answers.bnode_fix(self.engine.bnode_prefix)
        record = layout.current_record(self._json(reply.body))
        if record is None:
            raise StoreUnavailable(
                f"{url} holds no published build: publish one there first "
                f"(outsourcing-catalogue publish --to {url})"
            )
        self.record = record
        self._recheck_every = recheck_every
        self._checked = time.monotonic()
        self._marker = layout.marker(record.build_id).encode()
        self._stored = [record.stored(graph) for graph in record.graphs]
        self.info = BuildInfo(
            build_id=record.build_id,
            last_modified=record.made,
            quads=record.quads,
            graphs=record.graphs,
            namespace=record.namespace,
            source_sha256=record.source_sha256,
        )

    # --- the Store interface ---------------------------------------------------

    def query(self, request: QueryRequest, deadline: float) -> Answer:
        try:
            remote = prepare(request.text, self._prefixes, request.base_iri, self.record.stored)
        except LexError as error:
            raise QuerySyntaxError(str(error)) from None
        kind = Kind.RESULTS if remote.form in RESULT_FORMS else Kind.GRAPH
        wanted = request.results_format if kind is Kind.RESULTS else request.graph_format
        if wanted is None:
            raise FormatNotAcceptable(kind)
        base = f"BASE <{request.base_iri}>\n" if request.base_iri else ""
        params = [("query", base + self._prologue + remote.text)]
        params += self._dataset(request, remote.names_dataset)
        self._still_published(deadline)
        if kind is Kind.RESULTS:
            reply = self._ask(params, remote_answers.RESULTS_MEDIA_TYPE, deadline)
            body = remote_answers.results(self._json(reply.body), self._marker, wanted)
        else:
            reply = self._ask(params, remote_answers.TRIPLES_MEDIA_TYPE, deadline)
            body = remote_answers.triples(reply.body, self._marker, wanted, self._prefixes)
        return Answer(kind, wanted, [body])

    def graph(self, request: GraphRequest, deadline: float) -> Answer:
        if request.dataset:
            self._still_published(deadline)
            params = [("query", _DATASET_QUERY), *self._named()]
            reply = self._ask(params, remote_answers.RESULTS_MEDIA_TYPE, deadline)
            body = remote_answers.quads(
                self._json(reply.body), self._marker, request.format, self._prefixes
            )
            return Answer(Kind.DATASET, request.format, [body])
        if request.graph is None:
            text = _UNION_GRAPH
        else:
            text = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{request.graph}> {{ ?s ?p ?o }} }}"
        answer = self.query(
            QueryRequest(text, results_format=None, graph_format=request.format), deadline
        )
        return Answer(Kind.GRAPH, answer.format, answer.head)

    def close(self) -> None:
        """Connections are opened per request; nothing is held."""

    # --- the dataset and the engine ------------------------------------------------

    def _dataset(self, request: QueryRequest, names_dataset: bool) -> list[tuple[str, str]]:
        """The protocol's dataset for a query: the client's, renamed; else the build's."""
        if request.default_graphs is not None or request.named_graphs is not None:
            return [
                *(
                    ("default-graph-uri", self.record.stored(g))
                    for g in request.default_graphs or ()
                ),
                *(("named-graph-uri", self.record.stored(g)) for g in request.named_graphs or ()),
            ]
        if names_dataset:  # FROM and FROM NAMED, renamed, say it all
            return []
        default = self._stored if request.union_default else [self.record.stored(_NO_GRAPH)]
        return [*(("default-graph-uri", g) for g in default), *self._named()]

    def _named(self) -> list[tuple[str, str]]:
        return [("named-graph-uri", g) for g in self._stored]

    def _still_published(self, deadline: float) -> None:
        """A build dropped from the store (``publish --keep``) while this worker serves it
        has its graphs emptied: say so rather than answer from them. Asked now and then,
        not per request: the records go before the graphs, and a publication keeps
        several builds, so a check a few seconds old is still in time."""
        now = time.monotonic()
        if now - self._checked < self._recheck_every:
            return
        self._checked = now
        query = [("query", layout.recorded_query(self.record.build_id))]
        reply = self._ask(query, remote_answers.RESULTS_MEDIA_TYPE, deadline)
        if not json.loads(reply.body).get("boolean"):
            raise StoreUnavailable(
                f"build {self.record.build_id} is no longer in {self.url}: this server "
                "must be reloaded (SIGHUP) to serve the store's current build"
            )

    def _ask(self, params: list[tuple[str, str]], accept: str, deadline: float) -> Reply:
        if self.engine.timeout_parameter:
            # Half the time left: Virtuoso's limit is loose (given 1 s it answered after 2),
            # and an engine that stops itself frees its threads; our wait is the backstop.
            milliseconds = max(1, int((deadline - time.monotonic()) * 500))
            params = [*params, (self.engine.timeout_parameter, str(milliseconds))]
        reply = post(self._parts, params, accept, deadline)
        if self.engine.partial_header:
            name, value = self.engine.partial_header
            if (reply.headers.get(name) or "").strip() == value:
                # Virtuoso's "anytime" answer: what it found before its limit, not the answer.
                raise QueryTimeout("the store stopped the query at its limit: a partial answer")
        if self.engine.cancelled_text and self.engine.cancelled_text in reply.body[-200:]:
            raise QueryTimeout("the store stopped the query at its limit: a cut answer")
        if reply.media_type != accept:
            raise StoreUnavailable(
                f"{self.url} answered in {reply.media_type or 'no format'}, not {accept}"
            )
        return reply
