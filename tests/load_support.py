"""Load for the tests that change a running service under it: clients asking the same
things again and again, each answer recorded with the build that says it answered.

Used by the rebuild under a running server (tests/server), publication to a remote
store (tests/remote_store) and the rolling rebuild behind nginx (tests/replicas).
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import requests
from urllib3.util.retry import Retry

from tests.server.endpoint_support import session_from, unique

#: The build's one timestamp: its answer differs between builds made at other times.
MODIFIED_QUERY = (
    "PREFIX dct: <http://purl.org/dc/terms/> "
    "SELECT ?modified WHERE { <https://w3id.org/service-outsourcing/dataset> dct:modified ?modified }"
)


@dataclass(frozen=True)
class Ask:
    method: str
    path: str
    params: dict[str, str]
    fresh: bool = False  # a unique query each time: never in the cache, always a replica's

    @property
    def name(self) -> str:
        return f"{self.method} {self.path} {sorted(self.params.items())}"


def gets(*asks: tuple[str, dict[str, str]]) -> list[Ask]:
    """GETs of these paths with these parameters."""
    return [Ask("GET", path, params) for path, params in asks]


@dataclass(frozen=True)
class Seen:
    ask: Ask
    sent: float  # time.monotonic() when sent
    status: int
    etag: str
    build: str
    cache: str  # nginx's X-Cache-Status: HIT, MISS, … ("" without nginx or its cache)
    body: bytes
    seconds: float

    @property
    def path(self) -> str:
        return self.ask.path

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.body).hexdigest()


class Load:
    """``clients`` threads, each asking ``asks`` in turn with a pause between, until stopped."""

    def __init__(self, url: str, asks: list[Ask], clients: int = 3, pause: float = 0.02) -> None:
        self.url = url
        self.asks = asks
        self.pause = pause
        self.seen: list[Seen] = []
        self.errors: list[str] = []
        self._stop = threading.Event()
        self._threads = [threading.Thread(target=self._client, args=(n,)) for n in range(clients)]

    def __enter__(self) -> Load:
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(30)

    def answered_by(self, build: str) -> set[str]:
        """The paths this build has answered so far."""
        return {s.path for s in self.seen if s.build == build}

    def wait_until_answered_by(self, build: str) -> None:
        """Until every path asked for was answered by ``build``."""
        every = {ask.path for ask in self.asks}
        self.wait_for(lambda: self.answered_by(build) == every, f"{build} answered each path")

    def wait_for(self, check: Callable[[], bool], what: str, timeout: float = 15) -> None:
        deadline = time.monotonic() + timeout
        while not check():
            assert time.monotonic() < deadline, f"not within {timeout} s: {what}"
            time.sleep(0.05)

    def _client(self, number: int) -> None:
        # Each client on its own loopback address, as distinct clients are: a server shares
        # its engines per client (behind nginx, by the address it forwards), and would refuse
        # a second engine to one client holding its share (a 429).
        session = session_from(f"127.0.0.{10 + number}")
        # A server (a worker stopping on SIGHUP, nginx reloading) closes its idle keep-alive
        # connections; a request sent on one just then never arrived, and a client sends it
        # again (RFC 9112 §9.3.1). Only connection errors are retried, every method (a
        # SPARQL query by POST is safe), never an answer: a 429, 502 or 503 would show.
        session.get_adapter("http://").max_retries = Retry(
            total=2, allowed_methods=None, status_forcelist=(), respect_retry_after_header=False
        )
        turn = number
        while not self._stop.is_set():
            ask = self.asks[turn % len(self.asks)]
            turn += 1
            params = dict(ask.params)
            if ask.fresh:
                params["query"] = unique(params["query"])
            sent = time.monotonic()
            try:
                if ask.method == "POST":
                    response = session.post(self.url + ask.path, data=params, timeout=30)
                else:
                    response = session.get(self.url + ask.path, params=params, timeout=30)
            except requests.RequestException as error:
                self.errors.append(f"{ask.name}: {error}")
                continue
            self.seen.append(
                Seen(
                    ask,
                    sent,
                    response.status_code,
                    response.headers.get("ETag", ""),
                    response.headers.get("X-Build", ""),
                    response.headers.get("X-Cache-Status", ""),
                    response.content,
                    time.monotonic() - sent,
                )
            )
            time.sleep(self.pause)
