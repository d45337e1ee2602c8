"""Thousands of malformed requests, over raw sockets, to the real server: none gets a
5xx, none hangs, and the server is whole afterwards.

Hypothesis generates them from a fixed seed (``derandomize``), so a run is
repeatable, and shrinks any failure to a minimal request. Each request is bytes
on a fresh connection, so nothing a client library would tidy up (the path, the
header bytes, the framing) is tidied up.
"""

from __future__ import annotations

import contextlib
import socket
from urllib.parse import urlsplit

import pytest
from endpoint_support import Server
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

#: Longer than any answer here should take; past it the request counts as a hang.
HANG = 5.0

FUZZ = settings(
    derandomize=True,  # seeded: the same requests every run
    database=None,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)

#: One path per route of the app (server/*/routes.py, the blueprints).
ROUTES = [
    "/",
    "/sparql",
    "/rdf-graph-store",
    "/healthz",
    "/search",
    "/downloads",
    "/model",
    "/quality",
    "/quality.json",
    "/quality.txt",
    "/prefixes.json",
    "/robots.txt",
    "/sitemap.xml",
    "/.well-known/void",
    "/dumps/catalogue.nq",
    "/ontology/docs/index.html",
    "/static/site.css",
    "/2022",
    "/2022/category/ITO",
    "/2022/domain/01",
    "/2022/domain/01.html",
    "/2022/domain/01.ttl",
    "/2022/domain/01.jsonld",
    "/2022/domain/01.rdf",
    "/2022/domain/01.nt",
    "/graph/official",
    "/ontology",
]
METHODS = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND"]
PARAMETERS = [
    "query",
    "format",
    "_format",
    "lang",
    "q",
    "graph",
    "default",
    "default-graph-uri",
    "named-graph-uri",
    "example",
    "update",
]
HEADERS = [
    "Accept",
    "Accept-Language",
    "Accept-Encoding",
    "Content-Type",
    "Cookie",
    "If-None-Match",
    "If-Modified-Since",
    "Origin",
    "Access-Control-Request-Method",
    "Access-Control-Request-Headers",
    "X-Forwarded-For",
    "X-Forwarded-Host",
    "X-Forwarded-Prefix",
    "X-Forwarded-Proto",
    "Range",
    "X-Anything",
]
FRAGMENTS = [
    "SELECT * WHERE { ?s ?p ?o } LIMIT 3",
    "ASK {}",
    "CONSTRUCT WHERE { ?s ?p ?o } LIMIT 2",
    "DESCRIBE <https://w3id.org/service-outsourcing/2022/domain/01>",
    "INSERT DATA { <a> <b> <c> }",
    "SELECT * WHERE { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }",
    "text/turtle",
    "application/sparql-results+json;q=0.5, */*;q=0.1",
    "text/html",
    "zh",
    "en;q=0.1, zh-Hans",
    "lang=zh",
    "br, gzip;q=0.5",
    "application/x-www-form-urlencoded",
    "application/sparql-query",
    "application/sparql-update",
    '"abc", W/"x"',
    "https://w3id.org/service-outsourcing/graph/official",
    "//evil.example",
    "/catalogue",
    "%",
    "%zz",
    "%00",
    "%ff%fe",
    "\u4eba\u8138",
    "((((((((",
    "}}}}",
    "#",
    "\\",
    "..",
    "",
]

#: Bytes a header value may carry on the wire (visible ASCII, space, tab, obs-text).
_header_text = st.text(
    st.characters(min_codepoint=0x20, max_codepoint=0xFF, blacklist_characters="\x7f"),
    max_size=80,
)
_words = st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=40))


def _quote(text: str) -> str:
    """Percent-encode what a request line cannot carry raw, leaving broken escapes in."""
    raw = text.encode("utf-8", "surrogatepass")
    return "".join(chr(b) if 0x21 <= b < 0x7F and b not in b"#?& " else f"%{b:02X}" for b in raw)


# The strategies are built once, here: building one is far dearer than drawing from it,
# and drawing from strategies built inside the composites below took most of the
# fuzz tests' time (the requests drawn are the same).
_ROUTES = st.sampled_from(ROUTES)
_MANGLES = st.sampled_from(
    ["", "//", "/./", "/../", "/", "%2F", "%2e", ".html", ".ttl", "x", "\u4e2d"]
)
_PARAMETER_PAIRS = st.lists(st.tuples(st.sampled_from(PARAMETERS), _words), max_size=3)
_METHODS = st.sampled_from(METHODS)
_HEADER_NAMES = st.lists(st.sampled_from(HEADERS), max_size=5)
_HEADER_VALUES = st.one_of(st.sampled_from(FRAGMENTS), _header_text)
_BODIES = st.one_of(
    st.just(b""),
    st.sampled_from(FRAGMENTS).map(lambda f: f.encode()),
    st.sampled_from(FRAGMENTS).map(lambda f: b"query=" + _quote(f).encode()),
    st.binary(max_size=200),
)


@st.composite
def paths(draw: st.DrawFn) -> str:
    path = draw(_ROUTES)
    mangle = draw(_MANGLES)
    at = draw(st.integers(0, len(path)))
    path = path[:at] + mangle + path[at:]
    if not path.startswith("/"):
        path = "/" + path
    pairs = draw(_PARAMETER_PAIRS)
    if pairs:
        path += "?" + "&".join(f"{_quote(k)}={_quote(v)}" for k, v in pairs)
    return "".join(ch if ord(ch) < 0x80 else _quote(ch) for ch in path)


_PATHS = paths()


@st.composite
def requests_(draw: st.DrawFn) -> bytes:
    method = draw(_METHODS)
    lines = [f"{method} {draw(_PATHS)} HTTP/1.1", "Host: localhost"]
    for name in draw(_HEADER_NAMES):
        lines.append(f"{name}: {draw(_HEADER_VALUES)}")
    body = draw(_BODIES)
    if body or method in ("POST", "PUT", "PATCH"):
        if draw(st.booleans()):
            lines.append(f"Content-Length: {len(body)}")
            framed = body
        else:
            lines.append("Transfer-Encoding: chunked")
            framed = (
                f"{len(body):x}\r\n".encode() + body + b"\r\n" if body else b""
            ) + b"0\r\n\r\n"
    else:
        framed = b""
    lines.append("Connection: close")
    # Header values go out as UTF-8: bytes above 127 are obs-text to HTTP.
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + framed


def exchange(server: Server, data: bytes) -> bytes:
    """Send ``data`` on a new connection; read the answer's head, or until the server
    closes the connection. (The write side stays open: hyper takes a half-close for a
    client that left.)"""
    parts = urlsplit(server.url)
    received = b""
    with socket.create_connection((parts.hostname, parts.port), timeout=HANG) as sock:
        with contextlib.suppress(OSError):  # refused before all was read: an answer may be there
            sock.sendall(data)
        try:
            while b"\r\n\r\n" not in received and (chunk := sock.recv(65536)):
                received += chunk
        except ConnectionResetError:
            pass
        except TimeoutError:
            pytest.fail(f"no answer within {HANG} s to {data[:300]!r}")
    return received


def status_of(data: bytes, answer: bytes) -> int:
    status_line = answer.split(b"\r\n", 1)[0]
    assert status_line.startswith(b"HTTP/1."), (status_line, data[:300])
    return int(status_line.split()[1])


@settings(FUZZ, max_examples=2500)
@given(data=requests_())
def test_malformed_requests_get_no_5xx_and_no_hang(live: Server, data: bytes) -> None:
    answer = exchange(live, data)
    assert status_of(data, answer) < 500, (data[:300], answer[:600])


@settings(FUZZ, max_examples=600)
@given(
    data=st.one_of(
        st.binary(max_size=300),
        st.tuples(st.sampled_from(METHODS), st.binary(max_size=200)).map(
            lambda m: m[0].encode() + b" /" + m[1] + b" HTTP/1.1\r\nHost: x\r\n\r\n"
        ),
        st.binary(max_size=200).map(
            lambda b: b"GET /sparql HTTP/1.1\r\nHost: x\r\n" + b + b"\r\n\r\n"
        ),
    )
)
def test_raw_bytes_get_no_5xx_and_no_hang(front: Server, data: bytes) -> None:
    """On ``front`` (2 s header timeout): bytes that never make a request head (blank
    lines, which a server skips before a request) are closed by that timeout, within
    HANG; all else is answered."""
    answer = exchange(front, data + b"\r\n\r\n")  # the end of a head, whatever came before
    if answer:
        assert status_of(data, answer) < 500, (data[:300], answer[:600])


def test_the_server_is_whole_after_the_fuzzing(live: Server) -> None:
    """Run after the fuzz tests (file order): no worker died, nothing unexpected logged."""
    assert live.get("/healthz").status_code == 200
    log = live.log_lines()
    assert "Unexpected exit from worker" not in log
    assert "unexpected error" not in log and "Traceback" not in log
