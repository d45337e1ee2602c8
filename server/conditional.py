"""HTTP caching headers: ETag, Last-Modified, Cache-Control, Vary, and 304 Not Modified.

The data changes only when the graph is rebuilt, so an answer is a pure
function of the build and the request. A strong ETag is therefore computed from
them *before* the query runs (``Service.etag``), and a client revalidating with
If-None-Match gets 304 without the engine being asked at all.
"""

from __future__ import annotations

from email.utils import parsedate_to_datetime

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


def not_modified(environ: dict, etag: str, last_modified: float) -> bool:
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
