"""The same app in front of another engine: ``oxigraph serve`` through ``RemoteStore``."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from endpoint_support import FIXTURE_QUADS, OFFICIAL, free_port, make_app, parse_body

from server.app import project_prefixes
from server.store.remote import RemoteStore

OXIGRAPH = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which(
    "oxigraph"
)


@pytest.fixture(scope="module")
def oxigraph(fixture_build: Path) -> Iterator[str]:
    assert OXIGRAPH, "the oxigraph command is missing: it comes with the test extras (pip)"
    port = free_port()
    process = subprocess.Popen(
        [OXIGRAPH, "serve", "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                requests.get(url, timeout=1)
                break
            except requests.ConnectionError:
                time.sleep(0.05)
        data = (fixture_build / "catalogue.nq").read_bytes()
        loaded = requests.post(
            url + "/store", data=data, headers={"Content-Type": "application/n-quads"}, timeout=10
        )
        assert loaded.status_code in (200, 204)
        yield url + "/query"
    finally:
        process.terminate()
        process.wait(10)


@pytest.fixture(scope="module")
def remote_client(fixture_build: Path, oxigraph: str):
    store = RemoteStore(oxigraph, project_prefixes())
    return make_app(fixture_build, store).test_client()


def test_remote_store_knows_the_dataset(oxigraph: str) -> None:
    store = RemoteStore(oxigraph, project_prefixes())
    assert store.info.quads == FIXTURE_QUADS
    assert OFFICIAL in store.info.graphs


def test_queries_through_the_remote(remote_client) -> None:
    select = remote_client.get(
        "/sparql", query_string={"query": "SELECT ?n WHERE { ?c skos:notation ?n }"}
    )
    assert select.status_code == 200
    assert len(parse_body(select.content_type, select.data)) == 3
    construct = remote_client.get(
        "/sparql",
        query_string={"query": "CONSTRUCT WHERE { ?c skos:broader ?p }"},
        headers={"Accept": "application/n-triples"},
    )
    assert construct.content_type == "application/n-triples"
    assert len(parse_body(construct.content_type, construct.data)) == 2
    bad = remote_client.get("/sparql", query_string={"query": "SELECT * WHERE {"})
    assert bad.status_code == 400


def test_graph_store_through_the_remote(remote_client) -> None:
    graph = remote_client.get("/rdf-graph-store", query_string={"graph": OFFICIAL})
    assert graph.status_code == 200 and len(parse_body(graph.content_type, graph.data)) == 20
    dataset = remote_client.get("/rdf-graph-store")
    assert len(parse_body(dataset.content_type, dataset.data)) == FIXTURE_QUADS
