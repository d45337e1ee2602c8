"""One request to a remote SPARQL endpoint, bounded by the query's deadline.

The answer is read whole (it is translated before it is served: remote_answers.py), up
to ``MAX_ANSWER`` bytes. Every way the remote can fail becomes the store error the HTTP
layer turns into a status: down or refusing us 503, too slow 504, never a 500 or a hang.
"""

from __future__ import annotations

import http.client
import time
from dataclasses import dataclass
from email.message import Message
from urllib.parse import SplitResult, urlencode

from server.store.interface import QuerySyntaxError, QueryTimeout, StoreUnavailable

#: The largest answer read from the remote: this catalogue's whole dataset is ~1 MB in
#: N-Triples; an answer 64 times that is a query to narrow, not one to hold in memory.
MAX_ANSWER = 64 * 1024 * 1024
CHUNK = 64 * 1024


@dataclass(frozen=True)
class Reply:
    headers: Message
    media_type: str
    body: bytes


class AnswerTooLarge(QuerySyntaxError):
    """An answer past ``MAX_ANSWER``: the client's query to narrow (a 400)."""


def post(url: SplitResult, params: list[tuple[str, str]], accept: str, deadline: float) -> Reply:
    """POST the protocol's form; the 200 answer, or the store error its failure means."""
    connection = _connect(url, deadline)
    shown = url.geturl()
    try:
        connection.request(
            "POST",
            url.path or "/",
            body=urlencode(params),
            headers={"Accept": accept, "Content-Type": "application/x-www-form-urlencoded"},
        )
        response = connection.getresponse()
        if response.status != 200:
            message = " ".join(response.read(4096).decode("utf-8", "replace").split())
            if response.status == 400:
                raise QuerySyntaxError(message or "the store refused the query")
            raise StoreUnavailable(
                f"{shown} answered {response.status} {response.reason}: {message[:300]}"
            )
        body = _read(response, deadline)
    except TimeoutError:
        raise QueryTimeout("timeout") from None
    except (OSError, http.client.HTTPException) as error:
        raise StoreUnavailable(f"{shown}: {error or type(error).__name__}") from None
    finally:
        connection.close()
    media_type = (response.getheader("Content-Type") or "").split(";")[0].strip().lower()
    return Reply(response.headers, media_type, body)


def _read(response: http.client.HTTPResponse, deadline: float) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while chunk := response.read(CHUNK):
        if time.monotonic() > deadline:
            raise QueryTimeout("timeout")
        size += len(chunk)
        if size > MAX_ANSWER:
            raise AnswerTooLarge(
                f"the answer is larger than {MAX_ANSWER // (1024 * 1024)} MiB: narrow the "
                "query (LIMIT), or download the data from /rdf-graph-store"
            )
        chunks.append(chunk)
    return b"".join(chunks)


def _connect(url: SplitResult, deadline: float) -> http.client.HTTPConnection:
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise QueryTimeout("timeout")
    host, port = url.hostname or "", url.port
    if url.scheme == "https":
        return http.client.HTTPSConnection(host, port, timeout=remaining)
    return http.client.HTTPConnection(host, port, timeout=remaining)
