"""Compressing answers: brotli or gzip, whichever the client's Accept-Encoding prefers.

A WSGI layer under the response cache, so a cached answer is stored compressed
and compressed once. Small bodies are left alone (the headers would outweigh
the saving); streamed answers are compressed piece by piece.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, Any
from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

from server.http.front.inline import refuse_inline
from server.http.qvalues import weighted

if TYPE_CHECKING:  # typeshed's name for WSGI's exc_info; no module at run time
    from _typeshed import OptExcInfo

try:
    import brotli
except ImportError:  # brotli is optional: gzip alone is a fine answer
    brotli = None

MIN_SIZE = 1024
#: Compressed on the event loop up to this size (front/inline.py): a concept's document or
#: page is 5-30 KiB, 50-100 µs of gzip or brotli here; the largest (180 KiB) on a thread.
INLINE_MAX_SIZE = 64 * 1024
GZIP_LEVEL = 6
#: Brotli's top qualities are 10-50x slower than gzip for a few percent less.
BROTLI_QUALITY = 5

_COMPRESSIBLE = ("text/", "application/")
_NOT_COMPRESSIBLE = ("application/octet-stream", "application/zip", "application/gzip")


@lru_cache(maxsize=128)
def choose_encoding(accept_encoding: str | None) -> str:
    """'br', 'gzip' or '' (identity), honouring q-values, ours preferred on ties."""
    if not accept_encoding:
        return ""
    weights = dict(weighted(accept_encoding))
    star = weights.get("*", 0.0)
    offered = (["br"] if brotli is not None else []) + ["gzip"]
    best, best_q = "", 0.0
    for coding in offered:
        q = weights.get(coding, star)
        if q > best_q:
            best, best_q = coding, q
    return best


def compress(data: bytes, encoding: str) -> bytes:
    if encoding == "br":
        compressed: bytes = brotli.compress(data, quality=BROTLI_QUALITY)  # untyped library
        return compressed
    compressor = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, 31)  # 31: gzip framing
    return compressor.compress(data) + compressor.flush()


def _stream(chunks: Iterable[bytes], encoding: str) -> Iterator[bytes]:
    try:
        if encoding == "br":
            compressor = brotli.Compressor(quality=BROTLI_QUALITY)
            for chunk in chunks:
                if out := compressor.process(chunk) + compressor.flush():
                    yield out
            yield compressor.finish()
        else:
            gz = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, 31)
            for chunk in chunks:
                if out := gz.compress(chunk) + gz.flush(zlib.Z_SYNC_FLUSH):
                    yield out
            yield gz.flush()
    finally:
        close = getattr(chunks, "close", None)
        if close:
            close()


class Compression:
    def __init__(self, app: WSGIApplication) -> None:
        self.app = app

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        encoding = choose_encoding(environ.get("HTTP_ACCEPT_ENCODING"))
        if not encoding or environ["REQUEST_METHOD"] == "HEAD":
            return self.app(environ, start_response)
        captured: list[Any] = []

        def capture(
            status: str, headers: list[tuple[str, str]], exc_info: OptExcInfo | None = None
        ) -> Callable[[bytes], object]:
            captured[:] = [status, headers, exc_info]
            return _no_write

        body = self.app(environ, capture)
        status, headers, exc_info = captured
        if not _compressible(status, headers):
            start_response(status, headers, exc_info)
            return body
        length = _header(headers, "content-length")
        kept = [(k, v) for k, v in headers if k.lower() != "content-length"]
        kept.append(("Content-Encoding", encoding))
        if length is None:  # streamed: compress as it goes
            start_response(status, kept, exc_info)
            return _stream(body, encoding)
        try:
            data = b"".join(body)
        finally:
            if hasattr(body, "close"):
                body.close()
        if len(data) < MIN_SIZE:
            start_response(status, headers, exc_info)
            return [data]
        if len(data) > INLINE_MAX_SIZE:
            refuse_inline(environ)  # milliseconds of work: not on the bridge's event loop
        packed = compress(data, encoding)
        kept.append(("Content-Length", str(len(packed))))
        start_response(status, kept, exc_info)
        return [packed]


def _no_write(data: bytes) -> None:
    raise RuntimeError("the endpoint does not use WSGI's write()")


def _header(headers: list[tuple[str, str]], name: str) -> str | None:
    for key, value in headers:
        if key.lower() == name:
            return value
    return None


def _compressible(status: str, headers: list[tuple[str, str]]) -> bool:
    if not status.startswith("200") or _header(headers, "content-encoding"):
        return False
    content_type = (_header(headers, "content-type") or "").lower()
    if not content_type.startswith(_COMPRESSIBLE) or content_type.startswith(_NOT_COMPRESSIBLE):
        return False
    length = _header(headers, "content-length")
    return length is None or int(length) >= MIN_SIZE
