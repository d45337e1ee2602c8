"""Calling the bridge (server/http/front) as granian does, in this process: an event loop of
its own, a scope, ``receive`` and ``send``."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, TypeVar

from server.http.front.bridge import Message, WsgiBridge

T = TypeVar("T")


def run(coroutine: Coroutine[Any, Any, T]) -> T:
    """``asyncio.run`` in a thread of its own: the suite's browser tests leave a loop
    running in the main thread, where asyncio.run refuses to start another."""
    with ThreadPoolExecutor(1) as own:
        return own.submit(asyncio.run, coroutine).result(timeout=20)


@dataclass
class Answer:
    status: int
    headers: dict[bytes, bytes]
    body: bytes


async def call(
    bridge: WsgiBridge,
    path: str,
    method: str = "GET",
    headers: dict[str, str] | None = None,
    body: bytes = b"",
) -> Answer:
    """One request through the bridge, its answer as the client would read it."""
    raw_path, _, query = path.encode().partition(b"?")
    fields = [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]
    fields.append((b"host", b"catalogue.example"))
    if body:
        fields.append((b"content-length", str(len(body)).encode()))
    scope = {
        "type": "http",
        "method": method,
        "path": raw_path.decode(),
        "raw_path": raw_path,
        "query_string": query,
        "headers": fields,
        "server": ("catalogue.example", 80),
        "client": ("192.0.2.1", 40000),
        "http_version": "1.1",
        "scheme": "http",
    }
    sent: list[Message] = []

    async def receive() -> Message:
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message: Message) -> None:
        sent.append(message)

    await bridge(scope, receive, send)
    start = sent[0]
    return Answer(
        start["status"],
        dict(start["headers"]),
        b"".join(m.get("body", b"") for m in sent[1:]),
    )
