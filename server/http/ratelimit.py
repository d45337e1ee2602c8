"""Per-client rate limiting that holds across worker processes: 429 with Retry-After.

Each worker is a process, so a counter in one would let a client through N
times too often. flask-limiter and its ``limits`` library keep counts either in
the process (``memory://``) or in an external service (Redis, Memcached,
MongoDB); neither fits one machine with no extra service. So the counts live
here, in a small file of shared memory (``/dev/shm``) that ``serve`` creates
and every worker maps.

The algorithm is GCRA (the generic cell rate algorithm, as in ATM networks and
redis-cell): per client one number, the "theoretical arrival time"; a request
is allowed if it is not more than a burst ahead of now. Constant memory per
client, no timers, and the Retry-After falls out of the arithmetic.

The table has a fixed number of slots; a client is hashed to a slot and a few
neighbours. Slots of clients whose allowance has fully recovered are free for
others, so the table only overflows with more than its size of clients active
at once, and then two clients may share an allowance (generous, not wrong).
"""

from __future__ import annotations

import fcntl
import hashlib
import math
import mmap
import os
import struct
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar
from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

from server.config import RateLimit

SLOTS = 16384
PROBES = 8
_SLOT = struct.Struct("<Qd")  # client fingerprint, theoretical arrival time (monotonic s)
SIZE = SLOTS * _SLOT.size
_EPSILON = 1e-9


def create_table(directory: str | None = None) -> Path:
    """A zeroed table file; ``serve`` makes one before the workers start."""
    base = directory or ("/dev/shm" if os.path.isdir("/dev/shm") else None)
    fd, name = tempfile.mkstemp(prefix="catalogue-ratelimit-", dir=base)
    try:
        os.ftruncate(fd, SIZE)
    finally:
        os.close(fd)
    return Path(name)


class SharedRateLimiter:
    def __init__(self, limit: RateLimit, table: Path) -> None:
        self.limit = limit
        self._interval = limit.period / limit.requests
        self._tolerance = self._interval * (limit.burst - 1)
        self._fd = os.open(table, os.O_RDWR)
        self._map = mmap.mmap(self._fd, SIZE)
        # flock excludes other processes only: threads of this one share the descriptor.
        self._threads = threading.Lock()

    def check(self, client: str, now: float | None = None) -> float:
        """0.0 if allowed (and counted), else the seconds to wait before trying again."""
        if now is None:
            now = time.monotonic()
        fingerprint = (
            int.from_bytes(hashlib.blake2b(client.encode(), digest_size=8).digest(), "little") or 1
        )  # 0 marks a free slot
        home = fingerprint % SLOTS
        with self._threads:
            fcntl.flock(self._fd, fcntl.LOCK_EX)
            try:
                slot = self._find(fingerprint, home, now)
                offset = slot * _SLOT.size
                owner, arrival = _SLOT.unpack_from(self._map, offset)
                arrival = max(arrival if owner == fingerprint else now, now)
                ahead = arrival - now - self._tolerance
                if ahead > _EPSILON:  # summed intervals drift by ~1e-13: not a refusal
                    return ahead
                _SLOT.pack_into(self._map, offset, fingerprint, arrival + self._interval)
                return 0.0
            finally:
                fcntl.flock(self._fd, fcntl.LOCK_UN)

    def _find(self, fingerprint: int, home: int, now: float) -> int:
        free = None
        oldest, oldest_arrival = home, math.inf
        for probe in range(PROBES):
            slot = (home + probe) % SLOTS
            owner, arrival = _SLOT.unpack_from(self._map, slot * _SLOT.size)
            if owner == fingerprint:
                return slot
            if free is None and (owner == 0 or arrival <= now):
                free = slot
            if arrival < oldest_arrival:
                oldest, oldest_arrival = slot, arrival
        return free if free is not None else oldest

    def close(self) -> None:
        self._map.close()
        os.close(self._fd)


UNMETERED = "unmetered"
#: Set in the environ of a request the limiter has counted.
COUNTED = "catalogue.rate_counted"

F = TypeVar("F", bound=Callable[..., object])


def unmetered(view: F) -> F:
    """Marks a route that runs no store query (a file, the health probe): not counted.
    Every other route is, including any added later."""
    setattr(view, UNMETERED, True)
    return view


class RateLimiting:
    """The WSGI layer: counts a client's requests to the routes ``metered`` says run
    store queries. The router decides (``app.py``), not the path's spelling: ``//sparql``,
    ``/sparql/`` and ``/%73parql`` are whatever the router makes of them."""

    def __init__(
        self,
        app: WSGIApplication,
        limiter: SharedRateLimiter,
        metered: Callable[[WSGIEnvironment], bool],
    ) -> None:
        self.app = app
        self.limiter = limiter
        self.metered = metered

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        # A request is counted once, though the bridge may call the app twice for it
        # (on the event loop, then on a thread: front/inline.py).
        if COUNTED not in environ and self.metered(environ):
            environ[COUNTED] = True
            wait = self.limiter.check(environ.get("REMOTE_ADDR") or "unknown")
            if wait:
                retry_after = str(math.ceil(wait))
                body = (
                    f"Too Many Requests: this address may send {self.limiter.limit}. "
                    f"Retry after {retry_after} s.\n"
                ).encode()
                start_response(
                    "429 Too Many Requests",
                    [
                        ("Content-Type", "text/plain; charset=utf-8"),
                        ("Content-Length", str(len(body))),
                        ("Retry-After", retry_after),
                        ("Cache-Control", "no-store"),
                    ],
                )
                return [body]
        return self.app(environ, start_response)
