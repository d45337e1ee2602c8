"""Idle and slow clients cannot hold the server (server/http/front).

Against real server processes on loopback: ``live`` has the default timeouts, so
the connection-holding tests show the defaults hold; ``front`` has 2 s timeouts,
so the tests of each timeout itself stay short. Every client here has its own
loopback address, as distinct clients on the internet would.
"""

from __future__ import annotations

import http.client
import socket
import time
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any
from urllib.parse import quote, urlsplit

import pytest
from endpoint_support import Server
from slow_client_support import holding, loopback_address, raw_exchange

#: The issue's bound: with the attack going on, each of these answers within it.
ANSWER_WITHIN = 1.0

HALF_A_HEAD = b"GET /sparql HTTP/1.1\r\nHost: localhost\r\nAccept: text/csv\r\nX-Half: "
HALF_A_BODY = (
    b"POST /sparql HTTP/1.1\r\nHost: localhost\r\n"
    b"Content-Type: application/sparql-query\r\nContent-Length: 100\r\n\r\nASK {"
)


def request(server: Server, method: str, path: str, body: bytes | None = None) -> tuple[int, float]:
    """One request from a fresh client: its status and how long it took. Waits no longer
    than the bound, so a stalled server fails the test at once instead of hanging it."""
    parts = urlsplit(server.url)
    connection = http.client.HTTPConnection(
        parts.hostname, parts.port, timeout=ANSWER_WITHIN, source_address=(loopback_address(), 0)
    )
    headers = {"Accept": "application/sparql-results+json"}
    if body is not None:
        headers["Content-Type"] = "application/sparql-query"
    started = time.monotonic()
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        response.read()
        return response.status, time.monotonic() - started
    finally:
        connection.close()


def assert_still_serving(server: Server) -> None:
    """/healthz, an uncached query by GET and one by POST: each answers, within the bound."""
    fresh = f"ASK {{ ?s ?p ?o }} # {time.time_ns()}"  # never asked before: no cache answers
    for method, path, body in [
        ("GET", "/healthz", None),
        ("GET", "/sparql?query=" + quote(fresh), None),
        ("POST", "/sparql", (fresh + " again").encode()),
    ]:
        status, seconds = request(server, method, path, body)
        assert status == 200, (method, path, status)
        assert seconds < ANSWER_WITHIN, (method, path, seconds)


def test_a_thousand_idle_connections_do_not_stall_the_server(live: Server) -> None:
    with holding(live.url, 1000):
        assert_still_serving(live)


def test_five_hundred_half_sent_heads_do_not_stall_the_server(live: Server) -> None:
    with holding(live.url, 500, HALF_A_HEAD):
        assert_still_serving(live)


def test_idle_connections_and_half_heads_together(live: Server) -> None:
    with holding(live.url, 1000), holding(live.url, 500, HALF_A_HEAD):
        assert_still_serving(live)


def test_half_sent_bodies_do_not_hold_the_threads(live: Server) -> None:
    """More stalled bodies than the server has threads (2 workers × 8): the app's
    threads are given only complete requests."""
    with holding(live.url, 40, HALF_A_BODY):
        assert_still_serving(live)


def stop_reading(server: Server) -> str:
    """Ask for a streamed answer far larger than every buffer between engine and client
    (24^5 rows, hundreds of MB), read its first bytes, then nothing for twice the send
    timeout; read what the buffers held until the server closes. The client's address."""
    query = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n ?o }"
    parts = urlsplit(server.url)
    address = loopback_address()
    with socket.socket() as reader:
        reader.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        reader.bind((address, 0))
        reader.connect((parts.hostname, parts.port))
        head = f"GET /sparql?query={quote(query)} HTTP/1.1\r\nHost: localhost\r\n\r\n"
        reader.sendall(head.encode())
        assert reader.recv(1024).startswith(b"HTTP/1.1 200")
        time.sleep(4)  # read nothing: twice the send timeout
        reader.settimeout(1)
        deadline = time.monotonic() + 10
        while reader.recv(1 << 20):  # what the buffers held, then the server's close
            assert time.monotonic() < deadline, "the server is still sending"
    return address


#: What each client of a timeout test sends before it stalls.
HALF_A_BODY_STALL = "a body that stops coming"
HEADLESS = {
    "never-sends": b"",
    "half-a-head": HALF_A_HEAD,
    "idle-after-a-request": b"GET /robots.txt HTTP/1.1\r\nHost: localhost\r\n\r\n",
}
STOPS_READING = "a client that stops reading"


@pytest.fixture(scope="module")
def stalled(front: Server) -> Iterator[dict[str, Future[Any]]]:
    """The clients of the timeout tests below, started together: each waits seconds for
    one of ``front``'s timeouts to act, so they wait side by side (about 4 s for all,
    where one after the other took 12 s), each on a connection and address of its own."""
    with ThreadPoolExecutor(max_workers=len(HEADLESS) + 2) as pool:
        futures: dict[str, Future[Any]] = {
            HALF_A_BODY_STALL: pool.submit(raw_exchange, front.url, HALF_A_BODY, timeout=10),
            STOPS_READING: pool.submit(stop_reading, front),
        }
        for name, opening in HEADLESS.items():
            futures[name] = pool.submit(raw_exchange, front.url, opening, timeout=10)
        yield futures


def test_a_body_that_stops_coming_gets_408_with_cors(stalled: dict[str, Future[Any]]) -> None:
    answer, seconds = stalled[HALF_A_BODY_STALL].result()
    head = answer.decode("latin-1").lower()
    assert head.startswith("http/1.1 408"), head[:200]
    assert "access-control-allow-origin: *" in head
    assert "did not arrive within 2 s" in head
    assert seconds < 10  # and the connection is closed, not kept


@pytest.mark.parametrize("opening", list(HEADLESS))
def test_connections_that_send_no_complete_head_are_closed(
    stalled: dict[str, Future[Any]], opening: str
) -> None:
    """The header timeout (2 s here) closes a connection that never sends, one that
    stops mid-head, and one kept alive after its answer and then left idle."""
    answer, seconds = stalled[opening].result()
    assert seconds < 10, "the server kept the connection open"
    if HEADLESS[opening].endswith(b"\r\n\r\n"):
        assert answer.startswith(b"HTTP/1.1 200")
    else:
        assert answer == b""


def test_an_answer_its_client_stops_reading_is_dropped(
    front: Server, stalled: dict[str, Future[Any]]
) -> None:
    """A streamed answer the client stops reading is given up after the send timeout
    (2 s here; the query's own timeout is 60 s): the connection is closed, the answer
    logged as aborted, and its iterable closed (which is what frees a query engine)."""
    address = stalled[STOPS_READING].result()
    logged = [line for line in front.access_log.read_text().splitlines() if address in line]
    assert logged and '"aborted":true' in logged[-1]
