"""The access log: one JSON line per request, with what an operator needs."""

from __future__ import annotations

import hashlib
import json
import time

from endpoint_support import Server

FIELDS = {"time", "client", "method", "path", "status", "bytes", "ms", "cache", "query_hash"}


def test_each_request_is_one_json_line(live: Server) -> None:
    query = f"ASK {{ ?s ?p ?o }} # logged {time.time()}"
    live.get(params={"query": query})
    live.get(params={"query": "SELECT"})
    time.sleep(0.2)
    records = [json.loads(line) for line in live.access_log.read_text().splitlines()]
    assert records and all(set(record) >= FIELDS for record in records)
    digest = hashlib.sha256(query.encode()).hexdigest()[:16]
    mine = [r for r in records if r["query_hash"] == digest]
    assert len(mine) == 1
    record = mine[0]
    assert record["method"] == "GET" and record["path"] == "/sparql"
    assert record["status"] == 200 and record["bytes"] > 0 and record["ms"] > 0
    assert record["time"].endswith("Z") and record["client"] == "127.0.0.1"
    assert any(r["status"] == 400 for r in records)


def test_startup_says_what_is_served_where(live: Server) -> None:
    output = live.log_lines()
    assert f"SPARQL       {live.url}/sparql" in output
    assert "Graph Store" in output and "queries stop after 3 s" in output
