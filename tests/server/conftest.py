"""Fixtures for the endpoint's tests: a small dataset, an app over it, and real servers.

The real servers are the real thing: ``outsourcing-catalogue serve`` in a
subprocess (granian, worker processes, engine processes) over a store built
from the fixture dataset, so these tests do not depend on the state of the
catalogue's own build (``test_real_build.py`` serves that one).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from endpoint_support import (
    EXAMPLES,
    FIXTURE_TRIG,
    NS,
    Server,
    make_app,
    start_server,
    stop_server,
)

from catalogue.publication import Staging, new_build_id, unit_of
from catalogue.search.index_writer import build_search_index
from catalogue.store import build_store
from server.app import project_prefixes
from server.store.embedded import EmbeddedStore, snapshot


@pytest.fixture(scope="session")
def fixture_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A build published the way build_graph.py publishes one, from the fixture dataset:
    its store, and the search index that search, suggest and classify read."""
    root = tmp_path_factory.mktemp("build")
    nquads = root / "catalogue.nq"
    quads = ox.parse(FIXTURE_TRIG.encode(), format=ox.RdfFormat.TRIG)
    nquads.write_bytes(ox.serialize(quads, format=ox.RdfFormat.N_QUADS))
    staging = Staging(root)
    with staging as unit:
        build_id = new_build_id(nquads)
        build_store(nquads, unit.store)
        build_search_index(nquads, unit.search, build_id, NS)
        staging.publish(build_id, {"namespace": NS}, keep=1)
    examples = root / "queries"
    examples.mkdir()
    for name, text in EXAMPLES.items():
        (examples / name).write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="session")
def fixture_store(fixture_build: Path) -> EmbeddedStore:
    data, info = snapshot(unit_of(fixture_build))
    return EmbeddedStore.from_nquads(data, info, project_prefixes())


@pytest.fixture
def client(fixture_build: Path, fixture_store: EmbeddedStore):
    return make_app(fixture_build, fixture_store).test_client()


@pytest.fixture(scope="session")
def live(fixture_build: Path) -> Iterator[Server]:
    """The endpoint as served by default, but for a 3 s timeout and a high rate limit."""
    server = start_server(fixture_build, "live")
    yield server
    stop_server(server)


@pytest.fixture(scope="session")
def hostile(fixture_build: Path) -> Iterator[Server]:
    """A server set up to be attacked: 1 s timeout, a low rate limit, no nesting check and
    a small engine stack (so deep nesting really crashes an engine), one proxy trusted
    (so each test can be its own client with X-Forwarded-For)."""
    server = start_server(
        fixture_build,
        "hostile",
        {
            "CATALOGUE_QUERY_TIMEOUT": "1",
            "CATALOGUE_RATE_LIMIT": "5/second",
            "CATALOGUE_RATE_BURST": "5",
            "CATALOGUE_MAX_NESTING": "0",
            "CATALOGUE_ENGINE_STACK_MIB": "1",
            "CATALOGUE_TRUSTED_PROXIES": "1",
        },
    )
    yield server
    stop_server(server)


@pytest.fixture(scope="session")
def front(fixture_build: Path) -> Iterator[Server]:
    """The endpoint with 2 s header, body and send timeouts: short enough to watch each
    one act within a test; and a 60 s query timeout, so it is not the one that acts."""
    server = start_server(
        fixture_build,
        "front",
        {
            "CATALOGUE_HEADER_TIMEOUT": "2",
            "CATALOGUE_BODY_TIMEOUT": "2",
            "CATALOGUE_SEND_TIMEOUT": "2",
            "CATALOGUE_QUERY_TIMEOUT": "60",
        },
    )
    yield server
    stop_server(server)
