"""Turning the store's answers and refusals into HTTP responses.

Shared by the SPARQL endpoint and the Graph Store: the
choice between a whole body (cacheable) and a stream, and which status each
kind of store failure gets.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from wsgiref.types import WSGIEnvironment

from flask import Response

from server.formats import BY_NAME, Kind
from server.http.accesslog import START
from server.http.errors import HttpError, shorten
from server.http.response_cache import CACHEABLE
from server.service import Service
from server.store.interface import (
    Answer,
    ClientBusy,
    EngineFailure,
    FormatNotAcceptable,
    QuerySyntaxError,
    QueryTimeout,
    StoreBusy,
    StoreError,
    StoreUnavailable,
)

log = logging.getLogger(__name__)


def deadline(environ: WSGIEnvironment, service: Service) -> float:
    """The query's time runs from when the request arrived, not from when it got an engine."""
    started: float = environ.get(START, time.monotonic())
    return started + service.config.query_timeout


def answer_response(environ: WSGIEnvironment, service: Service, answer: Answer) -> Response:
    fmt = BY_NAME[answer.format]
    if answer.complete:
        environ[CACHEABLE] = True
        return Response(answer.body(), 200, content_type=fmt.content_type)
    return Response(
        streamed(answer, service), 200, content_type=fmt.content_type, direct_passthrough=True
    )


def streamed(answer: Answer, service: Service) -> Iterator[bytes]:
    try:
        yield from answer
    except QueryTimeout:
        # The status line has gone: all that is left is to cut the connection,
        # so the client sees a broken transfer rather than a complete-looking one.
        log.warning(
            "a streamed answer passed the %g s timeout; cut off", service.config.query_timeout
        )
        raise
    finally:
        answer.close()


def store_error(error: StoreError, service: Service, not_acceptable: dict[Kind, str]) -> HttpError:
    """The status and message a client gets for each way the store can fail."""
    if isinstance(error, QuerySyntaxError):
        return HttpError(400, f"the query is not valid SPARQL 1.1: {shorten(str(error))}")
    if isinstance(error, FormatNotAcceptable):
        return HttpError(406, not_acceptable.get(error.kind, "no acceptable format"))
    if isinstance(error, QueryTimeout):
        return HttpError(
            504,
            f"the query ran longer than this endpoint's limit of "
            f"{service.config.query_timeout:g} s and was stopped. Narrow it (more specific "
            "patterns, LIMIT), or download the data from /rdf-graph-store and query it locally.",
        )
    if isinstance(error, ClientBusy):
        wait = f"{max(1, round(service.config.query_timeout))}"
        return HttpError(429, f"{error}; try again when one has finished", {"Retry-After": wait})
    if isinstance(error, StoreBusy):
        return HttpError(503, f"the server is busy: {error}; try again", {"Retry-After": "1"})
    if isinstance(error, EngineFailure):
        return HttpError(
            422,
            f"{error}. It has been replaced and other queries are unaffected, but this "
            "query cannot be answered here; simplify it (less nesting, fewer terms).",
        )
    if isinstance(error, StoreUnavailable):
        return HttpError(503, f"the store is unavailable: {error}", {"Retry-After": "5"})
    return HttpError(400, shorten(str(error)))
