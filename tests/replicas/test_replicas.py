"""Two replicas behind nginx (deploy/nginx): the cache, a rolling rebuild, a replica lost.

nginx is the one Debian ships, run from the repository's configuration; the replicas are
real ``serve`` processes. The tests run in this order on one cluster (see conftest.py).
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import time
from collections import defaultdict

import requests

from catalogue.publication import unit_of
from tests.load_support import MODIFIED_QUERY, Ask, Load
from tests.replicas.cluster_support import KEEP, Cluster, publish_copy
from tests.server.endpoint_support import session_from, unique

DOCUMENT = "/2022/domain/05.ttl"
COUNT_QUERY = "SELECT (COUNT(*) AS ?n) WHERE { ?s a ?type }"
#: What the load asks for: a document, a page (its footer names the build), SPARQL answers
#: the cache holds, search, and queries no cache has seen (GET and POST).
ASKS = [
    Ask("GET", "/2022/domain/05.ttl", {}),
    Ask("GET", "/2022/domain/05.html", {}),
    Ask("GET", "/sparql", {"query": MODIFIED_QUERY}),
    Ask("GET", "/search", {"q": "人脸识别", "format": "json"}),
    Ask("GET", "/sparql", {"query": COUNT_QUERY}, fresh=True),
    Ask("POST", "/sparql", {"query": COUNT_QUERY}, fresh=True),
]
QUERY = "SELECT ?s WHERE { ?s a <http://www.w3.org/2004/02/skos/core#Concept> } LIMIT 3"


def test_a_replica_is_ready_only_on_the_build_asked_for(cluster: Cluster) -> None:
    replica = cluster.replicas[0]
    current = unit_of(cluster.output).id
    assert replica.get(f"/healthz?build={current}").status_code == 200
    other = replica.get("/healthz?build=20000101T000000000000Z-00000000")
    assert other.status_code == 503
    assert other.json()["status"] == "other build"
    assert other.json()["build_id"] == current


def test_the_cache_answers_a_revalidation_with_304_from_our_etag(cluster: Cluster) -> None:
    first = requests.get(cluster.url + DOCUMENT, timeout=10)
    again = requests.get(cluster.url + DOCUMENT, timeout=10)
    assert again.headers["X-Cache-Status"] == "HIT"
    assert again.content == first.content
    assert again.headers["ETag"] == first.headers["ETag"]

    revalidated = requests.get(
        cluster.url + DOCUMENT, headers={"If-None-Match": first.headers["ETag"]}, timeout=10
    )
    assert revalidated.status_code == 304
    assert revalidated.headers["X-Cache-Status"] == "HIT"  # no replica was asked
    assert revalidated.headers["ETag"] == first.headers["ETag"]
    assert revalidated.content == b""

    other = requests.get(cluster.url + DOCUMENT, headers={"If-None-Match": '"other"'}, timeout=10)
    assert other.status_code == 200
    assert other.content == first.content


def test_variants_by_accept_are_kept_apart(cluster: Cluster) -> None:
    query = {"query": unique(QUERY)}
    kinds = ["application/sparql-results+json", "text/csv", "application/sparql-results+xml"]
    firsts = {}
    for accept in kinds * 2:  # each variant filled once, then each read back
        answer = requests.get(
            cluster.url + "/sparql", params=query, headers={"Accept": accept}, timeout=10
        )
        assert answer.status_code == 200
        assert answer.headers["Content-Type"].startswith(accept)
        if accept in firsts:
            assert answer.headers["X-Cache-Status"] == "HIT"
            assert answer.content == firsts[accept]
        else:
            assert answer.headers["X-Cache-Status"] == "MISS"
            firsts[accept] = answer.content
    assert len(set(firsts.values())) == len(kinds)


def test_a_rolling_rebuild_under_load_loses_no_request_and_mixes_no_builds(
    cluster: Cluster,
) -> None:
    a = unit_of(cluster.output)
    log_before = len(cluster.nginx.access_log())
    errors_before = len(cluster.nginx.error_log())
    with Load(cluster.url, ASKS) as load:
        load.wait_for(lambda: len(load.seen) > 20, "answers from build A")
        b = publish_copy(a, cluster.output, KEEP)  # current now, for the replicas' SIGHUP
        cluster.roll_to(b)
        rolled = time.monotonic()
        cached = {ask.name for ask in ASKS if not ask.fresh}
        load.wait_for(
            lambda: (
                cached <= {s.ask.name for s in load.seen if s.sent > rolled and s.cache == "HIT"}
            ),
            "every cacheable answer of build B from the cache",
        )
    seen = load.seen

    assert load.errors == []
    assert {s.status for s in seen} == {200}
    assert {s.build for s in seen} == {a.id, b.id}
    # After the switch no answer of A, though A's were cached for an hour (max-age=3600):
    # the cache's key names the build.
    assert {s.build for s in seen if s.sent > rolled} == {b.id}
    # Both builds' answers came from the cache too, not only from the replicas.
    assert {s.build for s in seen if s.cache == "HIT"} == {a.id, b.id}

    bodies: dict[str, set[str]] = defaultdict(set)  # ETag → bodies
    etags: dict[tuple[str, str], set[str]] = defaultdict(set)  # (ask, build) → ETags
    for s in seen:
        if s.etag:
            bodies[s.etag].add(s.digest)
            etags[s.ask.name, s.build].add(s.etag)
        if s.ask.path.endswith(".html"):  # a page names its build in its footer
            assert re.findall(rb"\d{8}T\d{6}\d+Z-[0-9a-f]{8}", s.body) == [s.build.encode()]
    assert {etag: len(d) for etag, d in bodies.items() if len(d) > 1} == {}
    assert all(etags[name, a.id].isdisjoint(etags[name, b.id]) for name, _ in etags)
    # nginx itself answered nothing but 200 (no 5xx) and logged no upstream error.
    statuses = re.findall(r'" (\d{3}) ', cluster.nginx.access_log()[log_before:])
    assert set(statuses) == {"200"}
    assert "[error]" not in cluster.nginx.error_log()[errors_before:]


def test_one_address_holds_at_most_32_requests_in_progress(cluster: Cluster) -> None:
    """Requests whose bodies never come are in progress (nginx reads a body before it asks
    a replica): 32 are held, the 33rd from the same address is refused, another address's
    is not."""
    head = (
        "POST /sparql HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/sparql-query\r\n"
        "Content-Length: 100\r\n\r\n"
    )
    host, port = cluster.url.removeprefix("http://").split(":")
    held = []
    try:
        for _ in range(32):
            sock = socket.create_connection((host, int(port)), timeout=5)
            sock.sendall(head.format(host=host).encode())
            held.append(sock)
        time.sleep(0.2)  # nginx has read every head (no answer is expected before the body)
        refused = requests.get(cluster.url + DOCUMENT, timeout=10)
        other = session_from("127.0.0.77").get(cluster.url + DOCUMENT, timeout=10)
    finally:
        for sock in held:
            sock.close()
    assert refused.status_code == 429
    assert other.status_code == 200
    assert requests.get(cluster.url + DOCUMENT, timeout=10).status_code == 200


def test_a_replica_killed_under_load_costs_no_get(cluster: Cluster) -> None:
    gets = [ask for ask in ASKS if ask.method == "GET"] + [
        Ask("GET", "/sparql", {"query": QUERY}, fresh=True)
    ]
    victim, survivor = cluster.replicas
    log_before = len(cluster.nginx.access_log())
    with Load(cluster.url, gets) as load:
        load.wait_for(lambda: len(load.seen) > 10, "answers from both replicas")
        os.killpg(victim.process.pid, signal.SIGKILL)  # the server, its workers, engines
        killed = time.monotonic()
        load.wait_for(
            lambda: sum(s.sent > killed and s.ask.fresh for s in load.seen) > 20,
            "uncached answers after the kill",
        )
    victim.process.wait()

    assert load.errors == []
    assert {s.status for s in load.seen} == {200}
    # The requests nginx sent to the dead replica went on to the other one.
    log = cluster.nginx.access_log()[log_before:]
    dead = victim.url.removeprefix("http://")
    alive = survivor.url.removeprefix("http://")
    retried = re.findall(
        rf"upstream={re.escape(dead)}, {re.escape(alive)} upstream_status=502, 200", log
    )
    assert retried, log
    # (refused connections, or a connection closed mid-answer when the kill came then)
    assert dead in cluster.nginx.error_log()
    assert json.loads(requests.get(cluster.url + "/healthz", timeout=10).content)["status"] == "ok"
