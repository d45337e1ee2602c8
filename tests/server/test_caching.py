"""HTTP caching: strong ETags, 304s, Last-Modified, Cache-Control, Vary, compression,
and the response cache that answers repeated GETs before Flask."""

from __future__ import annotations

import gzip

import brotli
import requests
from endpoint_support import Server, make_app, unique

QUERY = "SELECT ?c ?l WHERE { ?c skos:prefLabel ?l } ORDER BY ?c ?l"


def get(live: Server, query: str = QUERY, **headers: str) -> requests.Response:
    headers.setdefault("Accept-Encoding", "identity")
    return live.get(params={"query": query}, headers=headers)


def test_answers_carry_caching_headers(live: Server) -> None:
    response = get(live)
    assert response.status_code == 200
    etag = response.headers["ETag"]
    assert etag.startswith('"') and not etag.startswith("W/")
    assert response.headers["Cache-Control"] == "public, max-age=3600"
    assert response.headers["Vary"] == "Accept, Accept-Encoding"
    assert response.headers["Last-Modified"].endswith(" GMT")


def test_if_none_match_gets_304_before_and_after_caching(live: Server) -> None:
    fresh = unique(QUERY)
    etag = get(live, fresh).headers["ETag"]
    for _ in range(3):  # the app's 304 first, then the response cache's
        response = get(live, fresh, **{"If-None-Match": etag})
        assert response.status_code == 304
        assert response.content == b""
        assert response.headers["ETag"] == etag
    assert get(live, fresh, **{"If-None-Match": '"something-else"'}).status_code == 200
    assert get(live, fresh, **{"If-None-Match": f'"x", W/{etag}'}).status_code == 304
    assert get(live, fresh + " ", **{"If-None-Match": "*"}).status_code == 304


def test_if_modified_since(live: Server) -> None:
    last_modified = get(live).headers["Last-Modified"]
    assert get(live, **{"If-Modified-Since": last_modified}).status_code == 304
    assert get(live, **{"If-Modified-Since": "Mon, 01 Jan 2001 00:00:00 GMT"}).status_code == 200


def test_etag_differs_by_representation_and_agrees_across_workers(live: Server) -> None:
    tags = {get(live).headers["ETag"] for _ in range(8)}  # new connections: both workers
    assert len(tags) == 1
    assert get(live, Accept="text/csv").headers["ETag"] not in tags
    assert get(live, QUERY + " ").headers["ETag"] not in tags
    gzipped = live.get(params={"query": QUERY}, headers={"Accept-Encoding": "gzip"})
    assert gzipped.headers["ETag"] not in tags


def test_gzip_and_brotli_by_accept_encoding(live: Server) -> None:
    plain = get(live)
    assert "Content-Encoding" not in plain.headers
    for coding, decompress in (("gzip", gzip.decompress), ("br", brotli.decompress)):
        raw = requests.get(
            live.sparql,
            params={"query": QUERY},
            headers={"Accept-Encoding": coding},
            stream=True,
            timeout=10,
        )
        assert raw.headers["Content-Encoding"] == coding
        body = raw.raw.read(decode_content=False)
        assert int(raw.headers["Content-Length"]) == len(body) < len(plain.content)
        assert decompress(body) == plain.content


def test_br_preferred_and_q_values_honoured(live: Server) -> None:
    both = live.get(params={"query": QUERY}, headers={"Accept-Encoding": "gzip, br"})
    assert both.headers["Content-Encoding"] == "br"
    no_br = live.get(params={"query": QUERY}, headers={"Accept-Encoding": "br;q=0, gzip"})
    assert no_br.headers["Content-Encoding"] == "gzip"


def test_small_answers_are_not_compressed(live: Server) -> None:
    small = live.get(params={"query": "ASK {}"}, headers={"Accept-Encoding": "gzip"})
    assert small.status_code == 200 and "Content-Encoding" not in small.headers


def test_repeated_get_is_answered_from_the_cache(live: Server) -> None:
    query = unique(QUERY)
    session = requests.Session()  # one connection: one worker, one cache
    first = session.get(live.sparql, params={"query": query}, timeout=10)
    second = session.get(live.sparql, params={"query": query}, timeout=10)
    assert "X-Cache" not in first.headers
    assert second.headers["X-Cache"] == "hit"
    assert second.content == first.content
    assert second.headers["ETag"] == first.headers["ETag"]
    assert second.headers["Access-Control-Allow-Origin"] == "*"  # CORS wraps cached answers


def test_post_is_not_cached(live: Server) -> None:
    session = requests.Session()
    for _ in range(2):
        response = session.post(
            live.sparql,
            data=QUERY,
            headers={"Content-Type": "application/sparql-query"},
            timeout=10,
        )
        assert response.status_code == 200 and "X-Cache" not in response.headers


def test_errors_are_not_cached(live: Server) -> None:
    session = requests.Session()
    for _ in range(2):
        response = session.get(live.sparql, params={"query": "SELECT"}, timeout=10)
        assert response.status_code == 400 and "X-Cache" not in response.headers
        assert "ETag" not in response.headers


def test_cache_can_be_turned_off(fixture_build, fixture_store) -> None:
    client = make_app(fixture_build, fixture_store, response_cache_bytes=0).test_client()
    for _ in range(2):
        response = client.get("/sparql", query_string={"query": QUERY})
        assert response.status_code == 200 and "X-Cache" not in response.headers


def test_cache_is_bounded(fixture_build, fixture_store) -> None:
    from server.http.response_cache import ResponseCache

    app = make_app(fixture_build, fixture_store, response_cache_bytes=64 * 1024)
    client = app.test_client()
    for n in range(200):
        client.get("/sparql", query_string={"query": f"{QUERY} # {n}"})
    layer = app.wsgi_app
    while not isinstance(layer, ResponseCache):
        layer = layer.app
    assert 0 < layer._size <= 64 * 1024
    assert len(layer._entries) < 200
