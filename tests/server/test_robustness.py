"""Bad input, runaway queries, crashes and load: the server keeps serving, and says why.

All against real server processes: ``hostile`` has a 1 s timeout, no nesting
check and a 1 MiB engine stack (so a deep query really crashes an engine);
``live`` is the default setup.
"""

from __future__ import annotations

import itertools
import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests
from endpoint_support import (
    NS,
    RUNAWAY,
    TRANSLATION,
    Server,
    eventually,
    parse_body,
    session_from,
    unique,
)

_clients = itertools.count(1)


def client_address() -> dict[str, str]:
    """A fresh client for the hostile server's rate limiter (it trusts one proxy)."""
    return {"X-Forwarded-For": f"10.0.{next(_clients) // 250}.{next(_clients) % 250 + 1}"}


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wait_for_engines(server: Server, count: int, timeout: float = 10.0) -> set[int]:
    def counted() -> set[int]:
        pids = server.engine_pids()
        return pids if len(pids) == count else set()

    return eventually(counted, f"{count} engines running", timeout)


def busy_engine(engines: set[int], since: dict[int, float]) -> int | None:
    """An engine that has used CPU since ``since`` was read: the one running a query."""
    return next((pid for pid in engines if cpu_seconds(pid) - since[pid] > 0.05), None)


def test_runaway_query_is_stopped_while_others_are_served(hostile: Server) -> None:
    before = wait_for_engines(hostile, 4)
    idle = {pid: cpu_seconds(pid) for pid in before}
    outcome: dict[str, object] = {}

    def runaway() -> None:
        started = time.monotonic()
        response = hostile.get(params={"query": RUNAWAY}, headers=client_address())
        outcome["elapsed"] = time.monotonic() - started
        outcome["response"] = response

    thread = threading.Thread(target=runaway)
    thread.start()
    eventually(lambda: busy_engine(before, idle), "an engine runs the runaway query")
    # Meanwhile, cheap queries (each distinct, so no cache answers them) are served: the
    # first while the runaway query still runs, not after it was stopped.
    for n in range(4):
        cheap = hostile.get(params={"query": unique("ASK { ?s ?p ?o }")}, headers=client_address())
        assert cheap.status_code == 200 and cheap.json()["boolean"] is True
        if n == 0:
            assert "response" not in outcome, "a cheap query waited for the runaway one"
    thread.join(timeout=10)
    assert not thread.is_alive(), "the runaway query was not stopped"

    response = outcome["response"]
    assert isinstance(response, requests.Response)
    assert response.status_code == 504, (response.headers, response.text[:300])
    assert "limit of 1 s" in response.text and "stopped" in response.text
    assert outcome["elapsed"] >= 1.0  # type: ignore[operator]
    # The engine that ran it is gone (its CPU freed), a fresh one took its place ...
    after = wait_for_engines(hostile, 4)
    assert len(before - after) == 1
    # ... and nothing is still burning CPU (a fresh engine may take a moment to settle).
    eventually(lambda: all_idle(after), "every engine idle")
    assert hostile.get(params={"query": "ASK {}"}, headers=client_address()).status_code == 200


def all_idle(engines: set[int]) -> bool:
    used = {pid: cpu_seconds(pid) for pid in engines}
    time.sleep(0.2)  # the window CPU use is measured over
    return busy_engine(engines, used) is None


def test_runaway_stream_is_cut_not_completed(hostile: Server) -> None:
    """Past the deadline mid-stream the status has gone: the connection is cut instead,
    so a client can never take a truncated answer for a complete one."""
    query = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n ?o }"
    with pytest.raises(requests.exceptions.ChunkedEncodingError):
        response = hostile.get(
            params={"query": query, "format": "tsv"}, headers=client_address(), stream=True
        )
        assert response.status_code == 200
        for _ in response.iter_content(1 << 16):
            pass
    wait_for_engines(hostile, 4)
    assert hostile.get(params={"query": "ASK {}"}, headers=client_address()).status_code == 200


def test_client_leaving_mid_stream_frees_the_engine(hostile: Server) -> None:
    before = wait_for_engines(hostile, 4)
    query = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    response = hostile.get(params={"query": query}, headers=client_address(), stream=True)
    assert response.status_code == 200
    next(response.iter_content(1 << 16))
    response.close()
    eventually(lambda: not hostile.engine_pids() >= before, "the engine was replaced", 5)
    wait_for_engines(hostile, 4)
    assert hostile.engine_pids() != before


def test_query_that_crashes_the_engine_gets_4xx_and_the_server_lives(hostile: Server) -> None:
    before = wait_for_engines(hostile, 4)
    deep = "SELECT * WHERE { FILTER(" + "(" * 20000 + "1" + ")" * 20000 + ") }"
    response = hostile.post(
        data=deep.encode(),
        headers={"Content-Type": "application/sparql-query", **client_address()},
    )
    assert response.status_code == 422
    assert "killed by signal" in response.text and "replaced" in response.text
    after = wait_for_engines(hostile, 4)
    assert len(before - after) == 1
    ok = hostile.get(params={"query": "ASK { ?s ?p ?o }"}, headers=client_address())
    assert ok.status_code == 200
    assert "Unexpected exit from worker" not in hostile.log_lines()


def test_deep_nesting_is_refused_before_the_engine(live: Server) -> None:
    deep = "SELECT * WHERE { FILTER(" + "(" * 2000 + "1" + ")" * 2000 + ") }"
    before = live.engine_pids()
    response = live.post(data=deep, headers={"Content-Type": "application/sparql-query"})
    assert response.status_code == 400
    assert "2002 levels" in response.text
    assert live.engine_pids() == before


def test_the_engine_stack_survives_what_overflowed_oxigraph(fixture_build: Path) -> None:
    """The second line of defence: the engine's large stack takes 2,000 nested
    parentheses (the query that crashed Oxigraph's own server) in its stride."""
    from catalogue.publication import unit_of
    from server.app import project_prefixes
    from server.store.embedded import snapshot
    from server.store.interface import QueryRequest
    from server.store.isolated import IsolatedStore

    data, info = snapshot(unit_of(fixture_build))
    store = IsolatedStore(data, info, project_prefixes(), engines=1)
    try:
        deep = "SELECT * WHERE { FILTER(" + "(" * 2000 + "1" + ")" * 2000 + ") }"
        answer = store.query(QueryRequest(deep), time.monotonic() + 10)
        assert b"bindings" in answer.body()
    finally:
        store.close()


MIX = [
    ({"query": "SELECT ?c WHERE { ?c skos:broader ?p }"}, None, lambda rows: len(rows) == 2),
    ({"query": "ASK { ?c skos:notation 'ITO' }", "format": "xml"}, None, lambda b: b is True),
    (
        {"query": f"CONSTRUCT WHERE {{ <{NS}2022/domain/01> ?p ?o }}"},
        "text/turtle",
        lambda quads: len(quads) == 6,
    ),
    ({"query": f"DESCRIBE <{NS}2022>"}, "application/n-triples", lambda quads: len(quads) == 4),
    (
        {"query": "SELECT ?l WHERE { ?c skos:prefLabel ?l }", "default-graph-uri": TRANSLATION},
        "text/csv",
        lambda rows: len(rows) == 4,
    ),
]


def test_many_concurrent_clients_all_get_right_answers(live: Server) -> None:
    """8 clients × 50 requests, a mix of forms and formats, a third of them uncached."""

    def client(number: int) -> list[str]:
        problems = []
        session = session_from(f"127.0.1.{number + 1}")
        for i in range(50):
            params, accept, check = MIX[(number + i) % len(MIX)]
            params = dict(params)
            if i % 3 == 0:  # a comment makes the query new: the engine must answer it
                params["query"] += f"\n# client {number} request {i}"
            headers = {"Accept": accept} if accept else {}
            response = session.get(live.sparql, params=params, headers=headers, timeout=30)
            if response.status_code != 200:
                problems.append(f"{params}: {response.status_code} {response.text[:200]}")
                continue
            parsed = parse_body(response.headers["Content-Type"], response.content)
            if not check(parsed):
                problems.append(f"{params}: wrong answer {parsed!r:.200}")
        return problems

    with ThreadPoolExecutor(8) as pool:
        problems = [p for result in pool.map(client, range(8)) for p in result]
    assert problems == []
