"""Per-client rate limiting that holds across worker processes."""

from __future__ import annotations

import http.client
import itertools
import multiprocessing
import time
from urllib.parse import urlsplit

import pytest
from endpoint_support import Server, eventually

from server.config import RateLimit
from server.http.ratelimit import SharedRateLimiter, create_table


@pytest.fixture
def table(tmp_path):
    path = create_table(str(tmp_path))
    yield path
    path.unlink()


def test_burst_then_steady_rate(table) -> None:
    limiter = SharedRateLimiter(RateLimit(10, 1.0, 5), table)
    now = 1000.0
    assert [limiter.check("a", now) for _ in range(5)] == [0.0] * 5
    wait = limiter.check("a", now)
    assert wait == pytest.approx(0.1)
    assert limiter.check("a", now + 0.05) > 0  # still too early
    assert limiter.check("a", now + 0.1) == 0.0  # one more, a tenth of a second later
    assert limiter.check("b", now) == 0.0  # another client is not affected


def test_recovered_clients_free_their_slots(table) -> None:
    limiter = SharedRateLimiter(RateLimit(1, 1.0, 1), table)
    for n in range(50_000):  # more clients than slots, spread out in time
        assert limiter.check(f"client-{n}", 10.0 + n * 2) == 0.0


def _hammer(table, results, now) -> None:
    limiter = SharedRateLimiter(RateLimit(10, 60.0, 10), table)
    results.put(sum(limiter.check("shared", now) == 0.0 for _ in range(20)))


def test_the_allowance_is_shared_by_processes(table) -> None:
    results: multiprocessing.Queue = multiprocessing.Queue()
    now = time.monotonic()
    workers = [
        multiprocessing.Process(target=_hammer, args=(table, results, now)) for _ in range(4)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(10)
    allowed = sum(results.get(timeout=5) for _ in workers)
    assert allowed == 10  # 4 processes × 20 tries, one allowance of 10


def test_server_answers_429_with_retry_after(hostile: Server) -> None:
    """5 per second, bursts of 5, per client: the 6th at once is refused, by either worker."""
    client = {"X-Forwarded-For": "192.0.2.77"}
    statuses = []
    for _ in range(8):  # a new connection each time: both workers count
        response = hostile.get(params={"query": "ASK {}"}, headers=client)
        statuses.append(response.status_code)
        if response.status_code == 429:
            refused = response
    assert statuses[:5] == [200] * 5
    assert 429 in statuses[5:]
    assert int(refused.headers["Retry-After"]) >= 1
    assert "5 per 1 s" in refused.text
    assert refused.headers["Access-Control-Allow-Origin"] == "*"
    other = hostile.get(params={"query": "ASK {}"}, headers={"X-Forwarded-For": "192.0.2.78"})
    assert other.status_code == 200
    assert hostile.get("/healthz", headers=client).status_code == 200  # not limited
    # Allowed again once the allowance refills (a refusal takes none of it).
    eventually(
        lambda: hostile.get(params={"query": "ASK {}"}, headers=client).status_code == 200,
        "the client is served again",
        interval=0.1,
    )


_clients = itertools.count(1)


def _statuses(server: Server, path: str, count: int, client: str | None = None) -> list[int]:
    """``count`` requests for ``path`` exactly as written (http.client, unlike requests,
    does not normalise it), from one client (a fresh one unless given)."""
    client = client or f"198.51.100.{next(_clients)}"
    parts = urlsplit(server.url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    statuses = []
    try:
        for _ in range(count):
            connection.request("GET", path, headers={"X-Forwarded-For": client})
            response = connection.getresponse()
            response.read()
            statuses.append(response.status)
    finally:
        connection.close()
    return statuses


def test_six_hundred_requests_to_double_slash_sparql_are_limited_like_sparql(
    hostile: Server,
) -> None:
    """The limit is applied by the route the router chooses, so no spelling of a path
    escapes it (the issue: 600 to //sparql all got 200, to /sparql 102 got 429)."""
    plain = _statuses(hostile, "/sparql?query=ASK%7B%7D", 600)
    slashes = _statuses(hostile, "//sparql?query=ASK%7B%7D", 600)
    assert plain.count(429) > 500
    assert slashes.count(429) > 500


@pytest.mark.parametrize(
    "path",
    [
        "/sparql/?query=ASK%7B%7D",
        "/./sparql?query=ASK%7B%7D",
        "/%73parql?query=ASK%7B%7D",
        "/rdf-graph-store?default",
        "//rdf-graph-store?default",
        "/2022/domain/01.ttl",
        "/2022/domain/01.html",
        "/2022/domain/01",
        "/search?q=01",
        "/",
        "/no/such/thing",
    ],
)
def test_every_route_that_may_query_is_limited(hostile: Server, path: str) -> None:
    """Linked-data documents, pages, search, the graph store and any spelling of
    /sparql: 5 at once per client, then 429."""
    statuses = _statuses(hostile, path, 12)
    assert 429 in statuses, statuses


def test_static_files_and_the_health_probe_are_not_limited(hostile: Server) -> None:
    for path in ["/static/site.css", "/healthz", "/robots.txt"]:
        assert set(_statuses(hostile, path, 12, client="198.51.100.250")) == {200}, path
