"""Reading a request the way the SPARQL 1.1 Protocol defines it (§2.1, query operation).

Three ways to send a query: GET with ``query=``; POST with a form body
(``application/x-www-form-urlencoded``); POST with the query as the body
(``application/sparql-query``). Parameters are decoded here rather than by
werkzeug because werkzeug replaces invalid UTF-8 silently and keeps only one of
two ``query`` parameters: both must be refused, with a reason.

The endpoint is read-only: SPARQL Update, however it is sent (an ``update``
parameter, an ``application/sparql-update`` body, an update in ``query``), is
refused with 403 Forbidden.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import IO
from urllib.parse import unquote_to_bytes
from wsgiref.types import WSGIEnvironment

from server.config import ServerConfig
from server.http.errors import HttpError

FORM = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"
SPARQL_UPDATE = "application/sparql-update"

READ_ONLY = (
    "this endpoint is read-only: SPARQL Update is not accepted. The data changes "
    "only when the catalogue is rebuilt from its official text."
)
#: An absolute IRI: a scheme, a colon, and no characters that IRIs exclude.
_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:[^\s<>\"{}|\\^`]*")

Params = dict[str, list[str]]


@dataclass(frozen=True)
class QueryParams:
    """A protocol request: the query (None if there is none) and its dataset."""

    query: str | None
    default_graphs: tuple[str, ...] | None
    named_graphs: tuple[str, ...] | None
    format: str | None
    params: Params

    def first(self, name: str) -> str | None:
        values = self.params.get(name)
        return values[0] if values else None


def read_query_params(environ: WSGIEnvironment, config: ServerConfig) -> QueryParams:
    params = url_params(environ, config)
    method = environ["REQUEST_METHOD"]
    if method == "POST":
        content_type, charset = _content_type(environ)
        if content_type == SPARQL_UPDATE:
            raise HttpError(403, READ_ONLY)
        if content_type == FORM:
            _merge(params, parse_params(read_body(environ, config), "the form body"))
        elif content_type == SPARQL_QUERY:
            if "query" in params:
                raise HttpError(
                    400,
                    "the query came both as the body and as a 'query' parameter in the URL; "
                    "send it one way",
                )
            if charset not in (None, "utf-8", "utf8"):
                raise HttpError(415, f"the query must be UTF-8, not {charset}")
            params["query"] = [_utf8(read_body(environ, config), "the query")]
        elif not content_type:
            raise HttpError(415, _POST_TYPES.format(got="no Content-Type"))
        else:
            raise HttpError(415, _POST_TYPES.format(got=f"Content-Type {content_type}"))
    if "update" in params:
        raise HttpError(403, READ_ONLY)
    queries = params.get("query", [])
    if len(queries) > 1:
        raise HttpError(400, f"the request has {len(queries)} 'query' parameters; send one")
    query = queries[0] if queries else None
    if query is not None and not query.strip():
        raise HttpError(400, "the query is empty")
    if method == "POST" and query is None:
        raise HttpError(
            400, "no query: POST a form with a 'query' field, or the query itself as the body"
        )
    formats = params.get("format") or params.get("output") or []
    return QueryParams(
        query=query,
        default_graphs=_iris(params, "default-graph-uri"),
        named_graphs=_iris(params, "named-graph-uri"),
        format=formats[0] if formats else None,
        params=params,
    )


_POST_TYPES = (
    "a POST request needs Content-Type application/x-www-form-urlencoded "
    "(a form with a 'query' field) or application/sparql-query (the query as the body); "
    "this one has {got}"
)


def url_params(environ: WSGIEnvironment, config: ServerConfig) -> Params:
    raw = environ.get("QUERY_STRING", "")
    if len(raw) + len(environ.get("PATH_INFO", "")) > config.max_url_bytes:
        raise HttpError(
            414,
            f"the URL is longer than {config.max_url_bytes} bytes: "
            "POST long queries (application/sparql-query) instead",
        )
    # WSGI hands the query string over as Latin-1 text: that gives back its bytes.
    return parse_params(raw.encode("latin-1"), "the URL")


def parse_params(data: bytes, where: str) -> Params:
    params: Params = {}
    for pair in data.split(b"&"):
        if not pair:
            continue
        name, _, value = pair.partition(b"=")
        key = _utf8(unquote(name.replace(b"+", b" ")), f"a parameter name in {where}")
        params.setdefault(key, []).append(
            _utf8(unquote(value.replace(b"+", b" ")), f"the parameter '{key}'")
        )
    return params


def unquote(data: bytes) -> bytes:
    """``urllib.parse.unquote_to_bytes``, in C: that one loops in Python over every '%',
    and a query in a URL is mostly escapes (25 µs for a 700-character query, this 4).

    Each ``%XX`` becomes the escape ``\\xXX`` of Python's ``unicode_escape`` codec (the
    backslashes already there doubled, so they stay themselves), which decodes them to the
    code points 0-255, which Latin-1 writes back as those bytes. A '%' that is not
    followed by two hex digits makes an invalid escape: then urllib's reading, which
    leaves it as it is.
    """
    if b"%" not in data:
        return data
    try:
        escaped = data.replace(b"\\", b"\\\\").replace(b"%", b"\\x")
        return escaped.decode("unicode_escape").encode("latin-1")
    except UnicodeDecodeError:
        return unquote_to_bytes(data)


def read_body(environ: WSGIEnvironment, config: ServerConfig) -> bytes:
    limit = config.max_body_bytes
    length_header = environ.get("CONTENT_LENGTH") or ""
    stream: IO[bytes] = environ["wsgi.input"]
    if length_header:
        try:
            length = int(length_header)
        except ValueError:
            raise HttpError(400, f"Content-Length is not a number: {length_header!r}") from None
        if length > limit:
            raise HttpError(413, _too_large(limit))
        return stream.read(length) if length else b""
    body = stream.read(limit + 1)  # chunked: read one byte past the limit to notice it
    if len(body) > limit:
        raise HttpError(413, _too_large(limit))
    return body


def _too_large(limit: int) -> str:
    return f"the request body is larger than {limit} bytes"


def _content_type(environ: WSGIEnvironment) -> tuple[str, str | None]:
    header = environ.get("CONTENT_TYPE") or ""
    media, *params = header.split(";")
    charset = None
    for param in params:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip('"').lower()
    return media.strip().lower(), charset


def _utf8(data: bytes, what: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise HttpError(
            400,
            f"{what} is not valid UTF-8 (byte 0x{data[error.start]:02x} at position "
            f"{error.start}); percent-encode the UTF-8 bytes of the text",
        ) from None


def _merge(into: Params, extra: Params) -> None:
    for name, values in extra.items():
        into.setdefault(name, []).extend(values)


def _iris(params: Params, name: str) -> tuple[str, ...] | None:
    # An empty value is no graph: an HTML form's "all graphs" choice sends one.
    values = [value for value in params.get(name, []) if value]
    if not values:
        return None
    for value in values:
        if not _IRI.fullmatch(value):
            raise HttpError(400, f"{name} must be an absolute IRI, not {value!r}")
    return tuple(values)
