"""HTTP caching headers: ETag, Last-Modified, Cache-Control, Vary, and 304 Not Modified.

The data changes only when the graph is rebuilt, so an answer is a pure
function of the build and the request. A strong ETag is therefore computed from
them *before* the query runs (``Service.etag``), and a client revalidating with
If-None-Match gets 304 without the engine being asked at all.
"""

from __future__ import annotations

from collections.abc import Callable
from email.utils import parsedate_to_datetime
from wsgiref.types import WSGIEnvironment

from flask import Response, request

from server.service import current_service

VARY = "Accept, Accept-Encoding"


def cache_headers(
    etag: str, last_modified: str, max_age: int, vary: str = VARY
) -> list[tuple[str, str]]:
    return [
        ("ETag", etag),
        ("Last-Modified", last_modified),
        ("Cache-Control", f"public, max-age={max_age}"),
        ("Vary", vary),
    ]


def conditional_response(etag: str, respond: Callable[[], Response], vary: str = VARY) -> Response:
    """304 when the client's copy is current, without calling ``respond`` (so nothing is
    queried or rendered); else ``respond()``'s answer. Both carry the caching headers:
    a 304 must carry the Vary its 200 would have (RFC 9110 §15.4.5)."""
    service = current_service()
    headers = cache_headers(etag, service.last_modified_http, service.config.max_age, vary)
    if not_modified(request.environ, etag, service.info.last_modified):
        return Response(status=304, headers=headers)
    response = respond()
    response.headers.extend(headers)
    return response


def not_modified(environ: WSGIEnvironment, etag: str, last_modified: float) -> bool:
    """RFC 9110 §13.1: If-None-Match decides when present; else If-Modified-Since."""
    if_none_match = environ.get("HTTP_IF_NONE_MATCH")
    if if_none_match is not None:
        if if_none_match.strip() == "*":
            return True
        # If-None-Match compares weakly: a W/ prefix a proxy added still matches.
        return any(tag.strip().removeprefix("W/") == etag for tag in if_none_match.split(","))
    if_modified_since = environ.get("HTTP_IF_MODIFIED_SINCE")
    if if_modified_since and environ.get("REQUEST_METHOD") in ("GET", "HEAD"):
        try:
            since = parsedate_to_datetime(if_modified_since).timestamp()
        except (TypeError, ValueError, IndexError):
            return False
        return int(last_modified) <= since
    return False
