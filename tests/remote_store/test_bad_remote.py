"""A remote store that is down, slow, failing or empty: the client gets our 503 or 504
with a message, never a 500 and never a wait past the query's limit; ``serve`` refuses to
start on a store it cannot read, saying why."""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from catalogue.cli import main
from catalogue.publication import BuildUnit
from server.app import create_app, project_prefixes
from server.config import ServerConfig
from server.store.interface import QueryRequest, QueryTimeout, StoreUnavailable
from server.store.remote import RemoteStore
from tests.remote_store.conftest import publish_to
from tests.remote_store.engines import Engine, start_oxigraph
from tests.remote_store.proxy import Proxy
from tests.server.endpoint_support import RUNAWAY, free_port, unique

#: The server's limit on a query in these tests, in seconds.
LIMIT = 1.0


def app_over(url: str, tmp: Path) -> FlaskClient:
    config = ServerConfig(
        store=tmp / "store",
        store_url=url,
        query_timeout=LIMIT,
        access_log="off",
        rate_limit=None,
        response_cache_bytes=0,
    )
    return create_app(config).test_client()


@pytest.fixture
def through_proxy(
    oxigraph: Engine, build_a: BuildUnit, tmp_path: Path
) -> Iterator[tuple[Proxy, FlaskClient]]:
    publish_to(oxigraph.url, build_a)
    proxy = Proxy(oxigraph.url)
    client = app_over(proxy.url("/query"), tmp_path)
    yield proxy, client
    proxy.close()


#: A query, a page and a document: the page and the document need the data's index, read
#: from the store at the first request that needs it.
PATHS: list[tuple[str, dict[str, str]]] = [
    ("/sparql", {"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 1"}),
    ("/2022/domain/05.html", {}),
    ("/2022/domain/05.ttl", {}),
]


@pytest.mark.parametrize(
    ("how", "status", "paths"),
    [
        ({"status": 500}, 503, PATHS),
        ({"status": 502}, 503, PATHS),
        # one path: each waits the whole limit
        ({"stall": 3 * LIMIT}, 504, PATHS[1:2]),
    ],
    ids=["500", "502", "slow"],
)
def test_a_failing_or_slow_store_is_a_503_or_504(
    through_proxy: tuple[Proxy, FlaskClient],
    how: dict[str, object],
    status: int,
    paths: list[tuple[str, dict[str, str]]],
) -> None:
    proxy, client = through_proxy
    proxy.behave(**how)
    for path, params in paths:
        started = time.monotonic()
        # a fresh URL each time: an answer cached before the store failed would hide it
        answer = client.get(path, query_string={**params, "fresh": uuid.uuid4().hex})
        assert answer.status_code == status, (path, answer.data)
        assert b"store" in answer.data or b"limit" in answer.data, answer.data
        assert time.monotonic() - started < 2 * LIMIT + 1  # bounded by the query's limit


def test_a_store_gone_down_is_a_503(through_proxy: tuple[Proxy, FlaskClient]) -> None:
    proxy, client = through_proxy
    proxy.close()
    answer = client.get("/sparql", query_string={"query": unique("ASK {}")})
    assert answer.status_code == 503 and b"unavailable" in answer.data
    assert "Retry-After" in answer.headers


#: A cross product inside one graph: Oxigraph checks its limit often enough in it to stop
#: within a second (over the union of graphs it was seen to take four).
IN_ONE_GRAPH = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?x { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } }"


@pytest.mark.parametrize(
    ("name", "query", "said"),
    [("oxigraph", IN_ONE_GRAPH, "cut answer"), ("virtuoso", RUNAWAY, "partial answer")],
    ids=["oxigraph", "virtuoso"],
)
def test_an_engine_that_stops_a_query_gives_no_answer(
    request: pytest.FixtureRequest, build_a: BuildUnit, name: str, query: str, said: str
) -> None:
    """Stopped by its limit, an engine has already said 200: Oxigraph (--timeout-s 1 here)
    cuts its answer off with a message, Virtuoso (given half our time) sends what it found
    so far, marked X-SQL-State: S1TAT. Either is a timeout, not data. Our wait (4 s) is
    long enough for the engine to stop first."""
    engine: Engine = request.getfixturevalue(name)
    publish_to(engine.url, build_a)
    store = RemoteStore(engine.url, project_prefixes())
    with pytest.raises(QueryTimeout, match=said):
        store.query(QueryRequest(unique(query)), time.monotonic() + 4)


def test_a_store_with_no_published_build_is_refused(tmp_path: Path) -> None:
    empty = start_oxigraph(tmp_path / "empty")
    try:
        with pytest.raises(StoreUnavailable, match="holds no published build: publish one"):
            RemoteStore(empty.url, {})
    finally:
        empty.stop()


def test_serve_says_why_it_cannot_start_on_a_store_that_is_down(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in [n for n in os.environ if n.startswith("CATALOGUE_")]:
        monkeypatch.delenv(name)
    url = f"http://127.0.0.1:{free_port()}/query"
    code = main(["serve", "--store-url", url, "--store", str(tmp_path / "store")])
    error = capsys.readouterr().err
    assert code == 1
    assert f"error: the store at {url}" in error and "Connection refused" in error
