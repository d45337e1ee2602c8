"""The direct path: a plain GET of a query answered before Flask, exactly as Flask's route.

Each request is asked of the direct layer (``server/sparql/direct.py``) and of Flask's
own route behind it, in the same app; status, headers and bytes must be equal. The
layer's inner app counts its calls, so each case also says who answered: the direct
path for a program's query (every kind of answer, the store's refusals included),
Flask for what it keeps (the query page, a revalidation, HEAD, POST, refusals made
before a query runs, the service description).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from wsgiref.types import StartResponse, WSGIEnvironment

import pytest
from endpoint_support import NS, OFFICIAL, make_app
from flask import Flask
from werkzeug.test import EnvironBuilder, run_wsgi_app

from server.service import EXTENSION
from server.sparql.direct import DIRECT_QUERIES, DirectQueries
from server.store.embedded import EmbeddedStore
from server.store.interface import Answer, QueryRequest

RESULTS = "application/sparql-results+json"
CONSTRUCT = "CONSTRUCT { ?c ?p ?o } WHERE { ?c a skos:Concept ; ?p ?o }"

#: (query, headers, other parameters): answered by the direct path.
DIRECT = [
    ("ASK { ?s ?p ?o }", {"Accept": RESULTS}, {}),
    ("SELECT ?c WHERE { ?c a skos:Concept } ORDER BY ?c", {}, {"format": "csv"}),
    (CONSTRUCT, {"Accept": "text/turtle"}, {}),
    (f"DESCRIBE <{NS}2022/domain/01>", {"Accept": "application/n-triples"}, {}),
    # The coding, the language and the dataset are part of the ETag.
    ("ASK { ?s ?p ?o }", {"Accept-Encoding": "gzip", "Accept-Language": "zh"}, {"lang": "en"}),
    ("SELECT * WHERE { ?s ?p ?o } LIMIT 2", {}, {"default-graph-uri": OFFICIAL}),
    # Relative IRIs resolve against the endpoint's URL, which a proxy prefix is part of.
    ("SELECT ?x WHERE { BIND(<relative> AS ?x) }", {"X-Script-Name": "/catalogue"}, {}),
    # Refused by the store once it has run: a form the parser refuses, an answer of a kind
    # the client accepts no format for (ASK, but only Turtle accepted).
    ("SELECT * WHERE { ?s ?p }", {}, {}),
    ("ASK { ?s ?p ?o }", {"Accept": "text/turtle"}, {}),
]

#: (method, query, headers): answered by Flask's route.
FLASK = [
    ("GET", "ASK { ?s ?p ?o }", {"Accept": "text/html"}),  # a browser: the query page
    ("GET", "ASK { ?s ?p ?o }", {"If-None-Match": '"x"'}),  # a revalidation
    ("HEAD", "ASK { ?s ?p ?o }", {}),
    ("POST", "ASK { ?s ?p ?o }", {}),
    ("GET", 'SELECT * WHERE { ?s ?p "unterminated }', {}),  # refused before it runs
    ("GET", "INSERT DATA { <a:b> <a:c> <a:d> }", {}),
    ("GET", "ASK { ?s ?p ?o }", {"Accept": "image/png"}),
    ("GET", None, {}),  # no query: the service description
]


class Counting:
    """Flask's own route, counting the requests that reach it."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        self.calls = 0

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        self.calls += 1
        return Flask.wsgi_app(self.app, environ, start_response)


def environ_of(
    method: str, query: str | None, headers: dict[str, str], params: dict[str, str] | None = None
) -> WSGIEnvironment:
    headers = dict(headers)
    prefix = headers.pop("X-Script-Name", "")
    args = {**({"query": query} if query is not None else {}), **(params or {})}
    if method == "POST":
        builder = EnvironBuilder("/sparql", "http://catalogue.example:8123" + prefix, method=method,
                                 data=args, headers=headers)  # fmt: skip
    else:
        builder = EnvironBuilder("/sparql", "http://catalogue.example:8123" + prefix, method=method,
                                 query_string=args, headers=headers)  # fmt: skip
    return builder.get_environ()


def answer(wsgi: object, environ: WSGIEnvironment) -> tuple[str, list[tuple[str, str]], bytes]:
    body, status, headers = run_wsgi_app(wsgi, environ)  # type: ignore[arg-type]
    return status, list(headers.items()), b"".join(body)


@pytest.fixture
def app(fixture_build: Path, fixture_store: EmbeddedStore) -> Flask:
    return make_app(fixture_build, fixture_store, static_site=False)


def layers(app: Flask) -> tuple[DirectQueries, Counting]:
    counting = Counting(app)
    direct = DirectQueries(counting, app.extensions[EXTENSION])
    return direct, counting


def test_the_app_answers_queries_through_the_direct_layer(app: Flask) -> None:
    layer = app.extensions[DIRECT_QUERIES]
    assert isinstance(layer, DirectQueries)
    status, _, body = answer(app.wsgi_app, environ_of("GET", "ASK { ?s ?p ?o }", {}))
    assert status == "200 OK" and b"true" in body


@pytest.mark.parametrize(("query", "headers", "params"), DIRECT)
def test_a_programs_query_is_answered_directly_as_flask_answers_it(
    app: Flask, query: str, headers: dict[str, str], params: dict[str, str]
) -> None:
    direct, flask = layers(app)
    ours = answer(direct, environ_of("GET", query, headers, params))
    assert flask.calls == 0, "the direct path handed the request on"
    assert ours == answer(flask, environ_of("GET", query, headers, params))


@pytest.mark.parametrize(("method", "query", "headers"), FLASK)
def test_what_flask_keeps_goes_on_to_flask(
    app: Flask, method: str, query: str | None, headers: dict[str, str]
) -> None:
    direct, flask = layers(app)
    ours = answer(direct, environ_of(method, query, headers))
    assert flask.calls == 1
    assert ours == answer(flask, environ_of(method, query, headers))


class StreamingStore(EmbeddedStore):
    """The fixture store, its answers streamed as the isolated store streams a large one:
    a first piece, then the rest from an iterator whose closing is recorded."""

    def __init__(self, store: EmbeddedStore) -> None:
        super().__init__(store._store, store.info, store._prefixes)
        self.closed: list[bool] = []

    def query(self, request: QueryRequest, deadline: float) -> Answer:
        whole = super().query(request, deadline).body()
        answer = super().query(request, deadline)
        middle = len(whole) // 2
        return Answer(answer.kind, answer.format, [whole[:middle]], Rest(whole[middle:], self))


class Rest(Iterator[bytes]):
    def __init__(self, data: bytes, store: StreamingStore) -> None:
        self._pieces = iter([data])
        self._store = store

    def __next__(self) -> bytes:
        return next(self._pieces)

    def close(self) -> None:
        self._store.closed.append(True)


def test_a_streamed_answer_is_streamed_and_its_engine_freed_when_the_client_leaves(
    fixture_build: Path, fixture_store: EmbeddedStore
) -> None:
    store = StreamingStore(fixture_store)
    direct, flask = layers(make_app(fixture_build, store, static_site=False))
    request = (CONSTRUCT, {"Accept": "text/turtle"})
    ours = answer(direct, environ_of("GET", *request))
    assert ours == answer(flask, environ_of("GET", *request))
    assert not any(name == "Content-Length" for name, _ in ours[1])
    assert flask.calls == 1  # the comparison's own request only

    closed = len(store.closed)
    started: list[str] = []
    body = direct(environ_of("GET", *request), lambda status, headers: started.append(status))
    assert started == ["200 OK"]
    body.close()  # type: ignore[attr-defined]  # the client left before the first piece
    assert len(store.closed) == closed + 1
