"""The response cache: a repeated GET is answered before Flask, from memory.

Answers are immutable within a build, so a worker may replay any cacheable
answer it has sent: keyed by everything that selects the bytes (path, query
string, Accept, the chosen content coding, host, scheme and prefix, since pages
and the service description name URLs, and the pages' language), bounded in
bytes, least recently used out first. The application marks what may be kept
(``catalogue.cacheable`` in the WSGI environ): complete 200 answers only, never
a streamed one.

This is what lets a Python endpoint keep up with a compiled one on repeated
queries; the benchmark also reports the numbers with it defeated.
"""

from __future__ import annotations

import contextlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

from server.http.compression import choose_encoding
from server.http.conditional import not_modified

if TYPE_CHECKING:  # typeshed's name for WSGI's exc_info; no module at run time
    from _typeshed import OptExcInfo

CACHEABLE = "catalogue.cacheable"
QUERY_HASH = "catalogue.query_hash"
CACHE_STATUS = "catalogue.cache"

#: Headers a 304 repeats (RFC 9110 §15.4.5).
_KEPT_BY_304 = {"etag", "last-modified", "cache-control", "vary", "expires", "content-location"}


@dataclass(frozen=True)
class Entry:
    status: str
    headers: list[tuple[str, str]]
    not_modified_headers: list[tuple[str, str]]
    body: bytes
    etag: str
    last_modified: float
    query_hash: str | None


#: What selects an answer: path, query, Accept, encoding, host, scheme, prefix, variant.
CacheKey = tuple[str | None, ...]


class ResponseCache:
    def __init__(
        self,
        app: WSGIApplication,
        max_bytes: int,
        last_modified: float,
        variant: Callable[[WSGIEnvironment], str] | None = None,
    ) -> None:
        self.app = app
        #: What else selects the bytes (the pages' language, from Cookie and Accept-Language).
        self.variant = variant
        self.max_bytes = max_bytes
        #: One answer may take at most a quarter of the cache.
        self.max_entry = max_bytes // 4
        self.last_modified = last_modified
        self._entries: OrderedDict[CacheKey, Entry] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        method = environ["REQUEST_METHOD"]
        if (method != "GET" and method != "HEAD") or not self.max_bytes:
            return self.app(environ, start_response)
        key = (
            environ.get("PATH_INFO"),
            environ.get("QUERY_STRING"),
            environ.get("HTTP_ACCEPT"),
            choose_encoding(environ.get("HTTP_ACCEPT_ENCODING")),
            environ.get("HTTP_HOST"),
            environ.get("wsgi.url_scheme"),
            environ.get("SCRIPT_NAME"),  # the prefix a proxy said the app is under
            self.variant(environ) if self.variant else "",
        )
        entry = self._entries.get(key)
        if entry is not None:
            with contextlib.suppress(KeyError):  # evicted meanwhile: still ours to send
                self._entries.move_to_end(key)
            environ[CACHE_STATUS] = "hit"
            environ[QUERY_HASH] = entry.query_hash
            if not_modified(environ, entry.etag, entry.last_modified):
                start_response("304 Not Modified", entry.not_modified_headers)
                return []
            start_response(entry.status, entry.headers)
            return [entry.body] if method == "GET" else []
        environ[CACHE_STATUS] = "miss"
        if method == "HEAD":
            return self.app(environ, start_response)
        captured: list[Any] = []

        def capture(
            status: str, headers: list[tuple[str, str]], exc_info: OptExcInfo | None = None
        ) -> Callable[[bytes], object]:
            captured[:] = [status, headers]
            return start_response(status, headers, exc_info)

        body = self.app(environ, capture)
        if not environ.get(CACHEABLE) or not captured or not captured[0].startswith("200"):
            return body
        try:
            data = b"".join(body)
        finally:
            if hasattr(body, "close"):
                body.close()
        self._store(key, captured[0], captured[1], data, environ.get(QUERY_HASH))
        return [data]

    def _store(
        self,
        key: CacheKey,
        status: str,
        headers: list[tuple[str, str]],
        body: bytes,
        query_hash: str | None,
    ) -> None:
        size = len(body) + 512  # the key and headers count too
        if size > self.max_entry:
            return
        etag = next((v for k, v in headers if k.lower() == "etag"), "")
        entry = Entry(
            status,
            [*headers, ("X-Cache", "hit")],
            [(k, v) for k, v in headers if k.lower() in _KEPT_BY_304],
            body,
            etag,
            self.last_modified,
            query_hash,
        )
        with self._lock:
            previous = self._entries.pop(key, None)
            if previous is not None:
                self._size -= len(previous.body) + 512
            self._entries[key] = entry
            self._size += size
            while self._size > self.max_bytes:
                _, evicted = self._entries.popitem(last=False)
                self._size -= len(evicted.body) + 512
