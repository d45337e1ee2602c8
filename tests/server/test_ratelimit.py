"""Per-client rate limiting that holds across worker processes."""

from __future__ import annotations

import multiprocessing
import time

import pytest
from endpoint_support import Server

from server.config import RateLimit
from server.ratelimit import SharedRateLimiter, create_table


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
    time.sleep(1.1)
    assert hostile.get(params={"query": "ASK {}"}, headers=client).status_code == 200
