"""Headers no one should believe, and answers that must not grow with the request.

``hostile`` trusts one proxy, so X-Forwarded-* reach the app as a proxy would send
them; each request there is a fresh client (X-Forwarded-For) for its rate limit.
"""

from __future__ import annotations

import hashlib
import http.client
import itertools
from urllib.parse import quote, urlsplit

import pytest
from endpoint_support import Server

_clients = itertools.count(1)


def fetch(
    server: Server, path: str, headers: dict[str, str] | None = None, method: str = "GET"
) -> tuple[int, dict[str, str], bytes]:
    """One request with exactly this path and these headers, from a fresh client."""
    parts = urlsplit(server.url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    sent = {
        "X-Forwarded-For": f"203.0.113.{next(_clients) % 250 + 1}",
        "Accept-Encoding": "identity",
        "Accept": "text/html",
    }
    sent.update(headers or {})
    try:
        connection.request(method, path, headers=sent)
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


# --- X-Forwarded-Prefix and X-Forwarded-Host ------------------------------------------


def test_a_prefix_naming_another_site_is_refused_and_never_served_to_others(
    hostile: Server,
) -> None:
    """The issue: X-Forwarded-Prefix //evil.example was cached, and later plain
    requests got pages whose links led to //evil.example/…"""
    status, _, _ = fetch(hostile, "/?poison=1", {"X-Forwarded-Prefix": "//evil.example"})
    assert status == 400
    status, _, body = fetch(hostile, "/?poison=1")
    assert status == 200
    assert b"evil.example" not in body


@pytest.mark.parametrize(
    "header, value",
    [
        ("X-Forwarded-Prefix", "//evil.example"),
        ("X-Forwarded-Prefix", "/a/../../evil"),
        ("X-Forwarded-Prefix", "https://evil.example"),
        ("X-Forwarded-Prefix", "/a<script>"),
        ("X-Forwarded-Host", "evil.example/phish"),
        ("X-Forwarded-Host", "evil.example@good.example"),
        ("X-Forwarded-Host", "a b"),
        ("X-Forwarded-Proto", "javascript"),
    ],
)
def test_forwarded_values_that_are_not_a_host_or_a_path_are_refused(
    hostile: Server, header: str, value: str
) -> None:
    status, headers, body = fetch(hostile, "/sparql", {header: value, "Accept": "text/html"})
    assert status == 400
    assert headers["access-control-allow-origin"] == "*"
    assert value.encode() not in body


@pytest.mark.parametrize("path", ["/?prefix", "/2022/domain/01.html?prefix", "/sparql?prefix"])
def test_a_believed_prefix_is_not_served_to_requests_without_it(hostile: Server, path: str) -> None:
    status, _, behind = fetch(hostile, path, {"X-Forwarded-Prefix": "/catalogue"})
    assert status == 200 and b'"/catalogue/' in behind
    for _ in range(4):  # both workers, their response caches warm
        status, _, plain = fetch(hostile, path)
        assert status == 200 and b'"/catalogue/' not in plain


# --- ETags: one per body ---------------------------------------------------------------

PAGES = [
    "/",
    "/sparql",
    "/sparql?query=" + quote("ASK {}"),
    "/2022/domain/01.html",
    "/search?q=01",
]
VARIANTS: list[dict[str, str]] = [
    {},
    {"Cookie": "lang=zh"},
    {"Cookie": "lang=en"},
    {"Accept-Language": "zh-CN,zh;q=0.9"},
    {"Accept-Language": "en"},
    {"Host": "other.example"},
    {"X-Forwarded-Prefix": "/catalogue"},
    {"X-Forwarded-Host": "proxy.example", "X-Forwarded-Proto": "https"},
]


@pytest.mark.parametrize("path", PAGES)
def test_an_etag_names_one_body(hostile: Server, path: str) -> None:
    """Across languages (cookie, Accept-Language) and URL roots (host, prefix, scheme):
    whenever the bytes differ, so does the ETag, or a cache would serve one for the other."""
    bodies: dict[str, set[str]] = {}
    for variant in VARIANTS:
        status, headers, body = fetch(hostile, path, {"Accept": "text/html", **variant})
        assert status == 200, (variant, status)
        bodies.setdefault(headers["etag"], set()).add(hashlib.sha256(body).hexdigest())
    assert all(len(digests) == 1 for digests in bodies.values()), bodies
    assert len(bodies) > 1  # the variants do change these pages


def test_the_english_etag_does_not_revalidate_the_chinese_query_page(hostile: Server) -> None:
    _, english, _ = fetch(hostile, "/sparql", {"Accept": "text/html"})
    status, chinese, body = fetch(
        hostile,
        "/sparql",
        {"Accept": "text/html", "Cookie": "lang=zh", "If-None-Match": english["etag"]},
    )
    assert status == 200 and body
    assert chinese["etag"] != english["etag"]
    assert "Cookie" in chinese["vary"] and "Accept-Language" in chinese["vary"]


# --- Refusals: honest Allow, bounded bodies, the app answers first ------------------------


@pytest.mark.parametrize(
    "path, allowed",
    [
        ("/sparql", {"GET", "HEAD", "OPTIONS", "POST"}),
        ("/rdf-graph-store", {"GET", "HEAD", "OPTIONS"}),
        ("/2022/domain/01", {"GET", "HEAD", "OPTIONS"}),
    ],
)
@pytest.mark.parametrize("method", ["TRACE", "PUT", "DELETE", "PATCH"])
def test_405_allows_only_what_the_route_supports(
    live: Server, path: str, allowed: set[str], method: str
) -> None:
    status, headers, body = fetch(live, path, method=method)
    assert status == 405
    assert {m.strip() for m in headers["allow"].split(",")} == allowed
    assert method.encode() in body and headers["access-control-allow-origin"] == "*"


def test_preflight_allows_only_what_the_graph_store_supports(live: Server) -> None:
    status, headers, _ = fetch(
        live, "/rdf-graph-store", {"Access-Control-Request-Method": "GET"}, method="OPTIONS"
    )
    assert status == 204
    assert {m.strip() for m in headers["allow"].split(",")} == {"GET", "HEAD", "OPTIONS"}


def test_a_406_does_not_echo_a_long_accept_header(live: Server) -> None:
    accept = ", ".join(f"x/y{n}" for n in range(3000))  # 20 KB
    status, _, body = fetch(live, "/sparql?query=ASK%7B%7D", {"Accept": accept})
    assert status == 406
    assert len(body) <= 1100


def test_an_oversized_head_is_refused_by_the_app_with_a_body_and_cors(live: Server) -> None:
    """granian refuses a head over its buffer with an empty 431 and no CORS; the app's
    own limit sits below that buffer, so it is the app that answers."""
    status, headers, body = fetch(live, "/sparql", {"X-Padding": "a" * 40_000})
    assert status == 431
    assert b"header fields" in body
    assert headers["access-control-allow-origin"] == "*"
