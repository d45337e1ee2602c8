"""The access log: one JSON line per request, with what an operator needs."""

from __future__ import annotations

import hashlib
import json

from endpoint_support import Server, eventually, unique

FIELDS = {"time", "client", "method", "path", "status", "bytes", "ms", "cache", "query_hash"}


def records_of(live: Server, query: str) -> list[dict]:
    """The log's records of ``query``, once the worker has written them all."""
    digest = hashlib.sha256(query.encode()).hexdigest()[:16]
    records = [json.loads(line) for line in live.access_log.read_text().splitlines()]
    assert all(set(record) >= FIELDS for record in records)
    return [r for r in records if r["query_hash"] == digest]


def test_each_request_is_one_json_line(live: Server) -> None:
    query, refused = unique("ASK { ?s ?p ?o }"), unique("SELECT")
    live.get(params={"query": query})
    live.get(params={"query": refused})
    (record,) = eventually(lambda: records_of(live, query), "the answer's record")
    assert record["method"] == "GET" and record["path"] == "/sparql"
    assert record["status"] == 200 and record["bytes"] > 0 and record["ms"] > 0
    assert record["time"].endswith("Z") and record["client"] == "127.0.0.1"
    (refusal,) = eventually(lambda: records_of(live, refused), "the refusal's record")
    assert refusal["status"] == 400


def test_startup_says_what_is_served_where(live: Server) -> None:
    output = live.log_lines()
    assert f"SPARQL       {live.url}/sparql" in output
    assert "Graph Store" in output and "queries stop after 3 s" in output
