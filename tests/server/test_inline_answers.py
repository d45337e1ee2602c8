"""Answers held in memory are given on the event loop; whatever may wait runs on a thread
(server/http/front/inline.py).

Through the bridge and the real app over the fixture build with its static site:
a static document is answered while every thread is busy, no Flask route ever runs
on the loop, and a request first tried on the loop and then run on a thread is
counted by the rate limiter and logged once.
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import quote
from wsgiref.types import StartResponse, WSGIEnvironment

import pytest
from flask import Flask

from catalogue.publication import unit_of
from server.app import create_app, project_prefixes
from server.config import RateLimit, ServerConfig
from server.http.compression import INLINE_MAX_SIZE, Compression
from server.http.front.bridge import Limits, WsgiBridge
from server.http.front.inline import INLINE, WouldBlock
from server.static_site.answers import STATIC_SITE
from server.store.embedded import EmbeddedStore, snapshot
from server.store.interface import StoreUnavailable
from server.store.waiting import WaitingForStore
from tests.server.asgi_support import call, run
from tests.server.endpoint_support import publish_fixture, render_static_site

DOCUMENT = "/2022/domain/01.ttl"
PAGE = "/2022/domain/01.html"
ASK = "/sparql?query=" + quote("ASK { ?s ?p ?o }")
#: What no static answer holds: each goes on to Flask.
DYNAMIC = [
    ASK,
    DOCUMENT + "?format=nt",
    PAGE + "?lang=en",
    "/search?q=software",
    "/static/site.css",
    "/no/such/path",
]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, EmbeddedStore]:
    root = publish_fixture(tmp_path_factory.mktemp("inline"))
    render_static_site(root)
    data, info = snapshot(unit_of(root))
    return root, EmbeddedStore.from_nquads(data, info, project_prefixes())


def app_over(built: tuple[Path, EmbeddedStore], **settings: object) -> Flask:
    root, store = built
    options: dict[str, object] = {"access_log": "off", "rate_limit": None, **settings}
    config = ServerConfig(store=root / "store", examples_dir=root / "queries", **options)  # type: ignore[arg-type]
    return create_app(config, store=store)


def bridge_over(app: Flask, threads: int = 2) -> WsgiBridge:
    from server.wsgi import _started  # as a worker makes its app: the static site loaded

    limits = Limits(threads=threads, body_timeout=5, send_timeout=5, max_body_bytes=1 << 20)
    return WsgiBridge(_started(app), limits, inline=True)


def test_a_static_document_is_answered_while_every_thread_is_busy(built) -> None:
    bridge = bridge_over(app_over(built), threads=1)
    release = threading.Event()

    async def main() -> None:
        english = {"Accept-Language": "en"}
        first = await call(bridge, DOCUMENT)  # its file read once, on a thread
        assert first.status == 200 and first.headers[b"x-build"]
        assert (await call(bridge, PAGE, headers=english)).status == 200
        busy = bridge.pool.run(release.wait, 10)  # the one thread, until released
        query = asyncio.ensure_future(call(bridge, ASK))
        try:
            document = await asyncio.wait_for(call(bridge, DOCUMENT), 5)
            page = await asyncio.wait_for(call(bridge, PAGE, headers=english), 5)
            revalidated = await asyncio.wait_for(
                call(bridge, DOCUMENT, headers={"If-None-Match": first.headers[b"etag"].decode()}),
                5,
            )
            assert (document.status, document.body) == (200, first.body)
            assert page.status == 200 and b"<html" in page.body
            assert revalidated.status == 304
            # The query needs the thread: it waits for it.
            await asyncio.sleep(0.2)
            assert not query.done()
        finally:
            release.set()
        assert await busy
        assert (await query).status == 200

    run(main())


def test_once_a_worker_has_started_no_static_answer_needs_a_thread(built) -> None:
    """Every body is read into memory as the worker starts: a crawler's first pass over
    the site is answered on the loop, every thread held meanwhile."""
    app = app_over(built)
    static = app.extensions[STATIC_SITE]
    static.serve_when_rendered(unit_of(built[0]))  # what the worker's start runs
    paths = sorted(static.answers)
    assert len(paths) >= 20
    bridge = bridge_over(app, threads=1)
    release = threading.Event()

    async def main() -> list[int]:
        busy = bridge.pool.run(release.wait, 10)
        try:
            return [(await asyncio.wait_for(call(bridge, path), 5)).status for path in paths]
        finally:
            release.set()
            await busy

    assert run(main()) == [200] * len(paths)


def test_no_query_and_no_flask_route_runs_on_the_event_loop(
    built, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = app_over(built)
    routes: list[str] = []  # the threads Flask's routes ran on
    queries: list[str] = []  # the threads the store was asked from
    app.before_request(lambda: routes.append(threading.current_thread().name) and None)
    store = built[1]
    asked = store.query

    def query(*args: object, **kwargs: object) -> object:
        queries.append(threading.current_thread().name)
        return asked(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(store, "query", query)
    bridge = bridge_over(app)

    async def main() -> tuple[list[int], str]:
        statuses = [(await call(bridge, path)).status for path in DYNAMIC]
        posted = await call(
            bridge,
            "/sparql",
            "POST",
            {"Content-Type": "application/sparql-query"},
            b"ASK { ?s ?p ?o }",
        )
        statuses.append(posted.status)
        for _ in range(2):  # the second answer is the static site's: no route at all
            statuses.append((await call(bridge, DOCUMENT)).status)
        return statuses, threading.current_thread().name

    statuses, loop_thread = run(main())
    assert statuses == [200, 200, 200, 200, 200, 404, 200, 200, 200]
    # Each request but the static document's ran a route, or a query answered before
    # Flask (server/sparql/direct.py), or both; all on the bridge's threads.
    assert queries and len(routes) >= len(DYNAMIC) - 1
    ran_on = routes + queries
    assert loop_thread not in ran_on
    assert all(name.startswith("wsgi_") for name in ran_on), ran_on


def test_a_request_tried_on_the_loop_first_is_counted_and_logged_once(
    built, tmp_path: Path
) -> None:
    log = tmp_path / "access.log"
    app = app_over(built, access_log=str(log), rate_limit=RateLimit(3, 60.0, 3))
    bridge = bridge_over(app)

    async def main() -> list[int]:
        return [(await call(bridge, ASK)).status for _ in range(4)]

    assert run(main()) == [200, 200, 200, 429]
    lines = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert [line["status"] for line in lines] == [200, 200, 200, 429]
    assert all(line["path"] == "/sparql" and line["ms"] > 0 for line in lines)


def _answer(size: int):  # type: ignore[no-untyped-def]
    def app(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", str(size))])
        return [b"x" * size]

    return app


def test_compression_takes_only_small_bodies_on_the_loop() -> None:
    inline = {"REQUEST_METHOD": "GET", "HTTP_ACCEPT_ENCODING": "gzip", INLINE: True}
    small = Compression(_answer(INLINE_MAX_SIZE))(dict(inline), lambda *a: None)  # type: ignore[arg-type, return-value]
    assert len(b"".join(small)) < INLINE_MAX_SIZE
    with pytest.raises(WouldBlock):
        Compression(_answer(INLINE_MAX_SIZE + 1))(dict(inline), lambda *a: None)  # type: ignore[arg-type, return-value]
    on_a_thread = {k: v for k, v in inline.items() if k != INLINE}
    assert b"".join(Compression(_answer(INLINE_MAX_SIZE + 1))(on_a_thread, lambda *a: None))  # type: ignore[arg-type, return-value]


def test_a_worker_waiting_for_its_store_tries_again_only_on_a_thread() -> None:
    tried: list[str] = []

    def make_app():  # type: ignore[no-untyped-def]
        tried.append(threading.current_thread().name)
        raise StoreUnavailable("down")

    waiting = WaitingForStore(make_app, StoreUnavailable("down"))
    waiting._tried = 0.0  # due for another try
    with pytest.raises(WouldBlock):
        waiting({"REQUEST_METHOD": "GET", INLINE: True}, lambda *a: None)  # type: ignore[arg-type]
    assert tried == []
    statuses: list[str] = []
    waiting({"REQUEST_METHOD": "GET"}, lambda status, headers: statuses.append(status))  # type: ignore[arg-type, misc]
    assert tried and statuses == ["503 Service Unavailable"]
