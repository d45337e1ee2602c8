"""The reconciliation tests' fixtures: the site's (the real build behind Flask's client),
a real server over the real build with the default rate limit, and one OpenRefine."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from openrefine_support import OpenRefine, start_openrefine, stop_openrefine

from catalogue.settings import PROJECT_ROOT
from tests.site_fixtures import live_site, site, site_app, site_build, site_store  # noqa: F401


@pytest.fixture(scope="session")
def recon_server(
    site_build: Path,  # noqa: F811 -- the fixture imported above
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[object]:
    """``outsourcing-catalogue serve`` over the real build, rate-limited as it is by default
    (100 a second, bursts of 200): what OpenRefine meets in production."""
    from tests.server.endpoint_support import start_server, stop_server

    root = tmp_path_factory.mktemp("reconcile-site")
    for name in ("store", "dumps", "ontology", "quality", "search"):
        (root / name).symlink_to((site_build / name).resolve())
    (root / "queries").symlink_to(PROJECT_ROOT / "queries")
    server = start_server(
        root, "reconcile", {"CATALOGUE_RATE_LIMIT": "100/second", "CATALOGUE_RATE_BURST": "200"}
    )
    yield server
    stop_server(server)


@pytest.fixture(scope="session")
def openrefine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OpenRefine]:
    """One OpenRefine for the session (a JVM: ~300 MB and seconds to start)."""
    from tests.server.endpoint_support import free_port

    refine = start_openrefine(free_port(), tmp_path_factory.mktemp("openrefine"))
    yield refine
    stop_openrefine(refine)
