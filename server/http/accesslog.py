"""The access log: one JSON object per request, one line each.

Fields: time (UTC, ISO 8601), client, method, path, status, bytes (of the
body sent), ms (from the request reaching the app to its last byte), cache
(hit or miss for GET and HEAD; static: from the build's static site), query_hash
(the first 16 hex digits of the query text's SHA-256, so a slow query can be found
again without logging it), and aborted when a streamed answer was cut off.

Each line is one ``write`` on a descriptor opened for appending, so lines from
several worker processes never interleave (POSIX makes appends and pipe writes
up to PIPE_BUF atomic).
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any
from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

from server.http.response_cache import CACHE_STATUS, QUERY_HASH

if TYPE_CHECKING:  # typeshed's name for WSGI's exc_info; no module at run time
    from _typeshed import OptExcInfo

#: Set when a streamed body ended before its end: the client got a cut connection.
ABORTED = "catalogue.aborted"
#: When the request reached the app (``time.perf_counter``), for the query deadline too.
START = "catalogue.start"


def open_log(destination: str) -> int | None:
    """'-' is stderr, 'off' is nothing, anything else a file to append to."""
    if destination == "off":
        return None
    if destination == "-":
        return sys.stderr.fileno()
    return os.open(destination, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)


class AccessLog:
    def __init__(self, app: WSGIApplication, fd: int) -> None:
        self.app = app
        self.fd = fd
        self._second = -1
        self._stamp = ""

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        # Kept from a first call on the event loop the app refused (front/inline.py).
        started = environ.setdefault(START, time.perf_counter())
        seen: list[Any] = []

        def recording(
            status: str, headers: list[tuple[str, str]], exc_info: OptExcInfo | None = None
        ) -> Callable[[bytes], object]:
            seen[:] = [status, headers]
            return start_response(status, headers, exc_info)

        body = self.app(environ, recording)
        if isinstance(body, list):  # whole already: log now, nothing to wait for
            self.write(environ, seen, sum(map(len, body)), started)
            return body
        return self._counting(body, environ, seen, started)

    def _counting(
        self, body: Iterable[bytes], environ: WSGIEnvironment, seen: list[Any], started: float
    ) -> Iterator[bytes]:
        sent = 0
        try:
            for chunk in body:
                sent += len(chunk)
                yield chunk
        except BaseException:
            # A streamed answer cut short (a timeout mid-way, a client gone).
            environ[ABORTED] = True
            raise
        finally:
            close = getattr(body, "close", None)
            if close:
                close()
            self.write(environ, seen, sent, started)

    def write(self, environ: WSGIEnvironment, seen: list[Any], sent: int, started: float) -> None:
        now = time.time()
        second = int(now)
        if second != self._second:  # formatting the time is the slow part; once a second
            self._second = second
            self._stamp = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(second))
        record = {
            "time": f"{self._stamp}.{int((now - second) * 1000):03d}Z",
            "client": environ.get("REMOTE_ADDR"),
            "method": environ.get("REQUEST_METHOD"),
            "path": environ.get("PATH_INFO"),
            "status": int(seen[0][:3]) if seen else 0,
            "bytes": sent,
            "ms": round((time.perf_counter() - started) * 1000, 3),
            "cache": environ.get(CACHE_STATUS),
            "query_hash": environ.get(QUERY_HASH),
        }
        if environ.get(ABORTED):
            record["aborted"] = True
        line = json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"
        with contextlib.suppress(OSError):  # a full disk or a closed stderr must not fail a request
            os.write(self.fd, line.encode())
