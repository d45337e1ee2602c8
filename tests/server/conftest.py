"""Fixtures for the endpoint's tests: a small dataset, an app over it, and real servers.

The real servers are the real thing: ``outsourcing-catalogue serve`` in a
subprocess (granian, worker processes, engine processes) over a store built
from the fixture dataset, so these tests do not depend on the state of the
catalogue's own build (``test_real_build.py`` serves that one).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from endpoint_support import (
    Server,
    make_app,
    publish_fixture,
    start_server,
    stop_server,
)

from catalogue.publication import unit_of
from server.app import project_prefixes
from server.store.embedded import EmbeddedStore, snapshot


@pytest.fixture(scope="session")
def fixture_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture dataset, published as build_graph.py publishes a build."""
    return publish_fixture(tmp_path_factory.mktemp("build"))


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
