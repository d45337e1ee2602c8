"""The WSGI app behind granian's ASGI interface, given only complete requests.

A request's body is read on the event loop, where waiting costs no thread, with
a deadline (``body_timeout``) and no further than ``max_body_bytes`` past which
the app refuses it anyway. The app then runs on a pool of ``threads`` threads:
requests beyond that wait on the loop, one per connection at most, and the
connections are bounded by granian. The answer is pulled from the app one chunk
at a time on the pool and each chunk is sent with a deadline (``send_timeout``):
a client that stops reading loses its answer, and the app's iterable is closed,
so a streamed query frees its engine. A request without a body is first offered to
the app on the event loop (``inline.py``): an answer held in memory costs no thread.

Why not a library: a2wsgi, the maintained ASGI→WSGI adapter, reads the body
from the app's thread (which is the problem), decodes the query string as
ASCII (a 500 on a byte above 127) and blocks a thread on a full send queue
once the client has gone.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import sys
from collections.abc import Awaitable, Callable, Iterable, Iterator
from dataclasses import dataclass
from io import BytesIO
from typing import Any, cast
from urllib.parse import unquote_to_bytes
from wsgiref.types import WSGIApplication, WSGIEnvironment

from server.http.front.handoff import Threads
from server.http.front.inline import INLINE, WouldBlock

#: Set in the environ when the body did not arrive in time (``timeouts.BodyTimeout`` answers).
BODY_TIMED_OUT = "catalogue.body_timed_out"

#: ASGI's scope and messages: dicts of the keys the spec lists, of mixed types.
Scope = dict[str, Any]
Message = dict[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

_END = object()


class ClientGone(Exception):
    """The client left (closed the connection), or stopped reading its answer."""


@dataclass(frozen=True)
class Limits:
    threads: int
    body_timeout: float
    send_timeout: float
    max_body_bytes: int


class WsgiBridge:
    def __init__(self, app: WSGIApplication, limits: Limits, *, inline: bool = False) -> None:
        """``inline``: the app refuses on the event loop what may wait (``inline.py``), so a
        request without a body is offered to it there first."""
        self.app = app
        self.limits = limits
        self.inline = inline
        self.pool = Threads(limits.threads, "wsgi")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":  # no websockets here; lifespan is not sent (ASGINL)
            return
        try:
            body, timed_out = await self._read_body(scope, receive)
        except ClientGone:
            return
        environ = wsgi_environ(scope, body)
        if timed_out:
            environ[BODY_TIMED_OUT] = True
        with contextlib.suppress(ClientGone):  # nobody left to tell; the iterable is closed
            await self._respond(environ, send, inline=self.inline and not body and not timed_out)

    async def _read_body(self, scope: Scope, receive: Receive) -> tuple[bytes, bool]:
        headers = dict(scope["headers"])
        declared = headers.get(b"content-length")
        if declared is None and b"transfer-encoding" not in headers:
            return b"", False  # no body (RFC 9112 §6.3): nothing to wait for
        if declared is not None and int(declared) > self.limits.max_body_bytes:
            return b"", False  # refused by its Content-Length alone: never read
        chunks: list[bytes] = []
        size = 0
        try:
            async with asyncio.timeout(self.limits.body_timeout):
                while True:
                    message = await receive()
                    if message["type"] == "http.disconnect":
                        raise ClientGone
                    chunk = message.get("body", b"")
                    chunks.append(chunk)
                    size += len(chunk)
                    # One byte past the limit is enough for the app to refuse it (413).
                    if size > self.limits.max_body_bytes or not message.get("more_body"):
                        break
        except TimeoutError:
            return b"", True
        return b"".join(chunks), False

    async def _respond(self, environ: WSGIEnvironment, send: Send, *, inline: bool) -> None:
        response = _Response()
        began = _begin_inline(response, self.app, environ) if inline else None
        if began is None:
            response = _Response()
            began = await self.pool.run(response.begin, self.app, environ)
        iterator, first = began
        start = {
            "type": "http.response.start",
            "status": response.status,
            "headers": response.headers,
        }
        if iterator is None:  # whole: start and body in two sends under one deadline
            body = {"type": "http.response.body", "body": first}
            await self._send(send, start, body)
            return
        try:
            await self._send(send, start)
            chunk = first
            while chunk is not _END:
                more = {"type": "http.response.body", "body": chunk, "more_body": True}
                await self._send(send, more)
                chunk = await self.pool.run(next, iterator, _END)
            await self._send(send, {"type": "http.response.body", "body": b""})
        finally:
            await self.pool.run(iterator.close)

    async def _send(self, send: Send, *messages: Message) -> None:
        try:
            async with asyncio.timeout(self.limits.send_timeout):
                for message in messages:
                    await send(message)
        except TimeoutError:
            raise ClientGone from None
        except RuntimeError as error:  # granian says "… transport … closed": the client left
            if "closed" in str(error):
                raise ClientGone from None
            raise


class _Response:
    """The WSGI side of one answer: ``start_response`` and the first chunk, on a thread."""

    def __init__(self) -> None:
        self.status = 500
        self.headers: list[tuple[bytes, bytes]] = []
        self._written: list[bytes] = []

    def start_response(
        self, status: str, headers: list[tuple[str, str]], exc_info: object = None
    ) -> Callable[[bytes], None]:
        self.status = int(status.split(" ", 1)[0])
        self.headers = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers]
        return self._written.append

    def begin(
        self, app: WSGIApplication, environ: WSGIEnvironment
    ) -> tuple[_Closing | None, object]:
        """Call the app and take its first chunk (a generator may call start_response
        late); an answer that is whole already is taken whole: one trip to the pool."""
        iterable = app(environ, self.start_response)
        if isinstance(iterable, list | tuple):
            body = b"".join([*self._written, *iterable])
            _close(iterable)
            return None, body
        iterator = iter(iterable)
        first = next(iterator, _END)
        # ``first`` is bytes or the _END sentinel: the ignores below are for the sentinel.
        if self._written:  # the legacy write() callable: those bytes come first
            first = b"".join(self._written) + (b"" if first is _END else first)  # type: ignore[operator]
        if first is _END or len(first) == self._length():  # type: ignore[arg-type]
            # All of it, as Content-Length says (or none, for HEAD): one more step lets a
            # generator finish as it would (an access log counts it sent, not aborted).
            rest = next(iterator, _END)
            if rest is _END:
                _close(iterable)
                return None, b"" if first is _END else first
            # more than it said: send all (``rest`` is bytes: only the sentinel is not)
            iterator = itertools.chain([cast(bytes, rest)], iterator)
        return _Closing(iterator, iterable), first

    def _length(self) -> int:
        declared = next((v for k, v in self.headers if k == b"content-length"), b"-1")
        return int(declared) if declared.isdigit() else -1


def _begin_inline(
    response: _Response, app: WSGIApplication, environ: WSGIEnvironment
) -> tuple[_Closing | None, object] | None:
    """``response.begin`` on the event loop; None when the app would wait (``inline.py``)."""
    environ[INLINE] = True
    try:
        return response.begin(app, environ)
    except WouldBlock:
        return None
    finally:
        del environ[INLINE]


def _close(iterable: object) -> None:
    close = getattr(iterable, "close", None)
    if close is not None:
        close()


class _Closing(Iterator[bytes]):
    """The iterator, with the ``close`` of the iterable the app returned (PEP 3333)."""

    def __init__(self, iterator: Iterator[bytes], iterable: Iterable[bytes]) -> None:
        self.iterator = iterator
        self.iterable = iterable

    def __next__(self) -> bytes:
        return next(self.iterator)

    def close(self) -> None:
        _close(self.iterable)


def wsgi_environ(scope: Scope, body: bytes) -> WSGIEnvironment:
    """PEP 3333's environ for an ASGI scope, as granian's own WSGI interface builds it."""
    raw_path = scope.get("raw_path") or scope["path"].encode()
    server = scope.get("server") or ("", 0)
    client = scope.get("client") or ("", 0)
    environ = {
        "REQUEST_METHOD": scope["method"],
        "SCRIPT_NAME": "",
        # WSGI strings are bytes as Latin-1: the app decodes them as UTF-8 itself.
        "PATH_INFO": unquote_to_bytes(raw_path.split(b"?", 1)[0]).decode("latin-1"),
        "QUERY_STRING": scope["query_string"].decode("latin-1"),
        "SERVER_NAME": str(server[0]),
        "SERVER_PORT": str(server[1]),
        "SERVER_PROTOCOL": f"HTTP/{scope.get('http_version', '1.1')}",
        "REMOTE_ADDR": str(client[0]),
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": scope.get("scheme", "http"),
        "wsgi.input": BytesIO(body),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": True,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    for name, value in scope["headers"]:
        key = name.decode("latin-1").upper().replace("-", "_")
        text = value.decode("latin-1")
        if key == "CONTENT_TYPE" or key == "CONTENT_LENGTH":
            environ[key] = text
            continue
        key = "HTTP_" + key
        if key in environ:
            text = environ[key] + ("; " if key == "HTTP_COOKIE" else ",") + text
        environ[key] = text
    if "CONTENT_LENGTH" not in environ and body:
        environ["CONTENT_LENGTH"] = str(len(body))  # a chunked body, now whole
    return environ
