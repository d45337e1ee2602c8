"""The reconciliation tests' fixtures (the site's, the real build behind Flask's client,
come from tests/site_fixtures.py like every folder's): a real server over the real build
with the default rate limit, and one OpenRefine.

OpenRefine's JVM takes seconds to start: it is launched as soon as the session knows a
collected test uses it (when collection ends), and is ready by the time that test runs.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from openrefine_support import OpenRefine, launch_openrefine, stop_openrefine, wait_until_ready

from catalogue.settings import PROJECT_ROOT


@pytest.fixture(scope="session")
def recon_server(
    site_build: Path,
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


_LAUNCHED = pytest.StashKey[OpenRefine]()
_WORKDIR = pytest.StashKey[Path]()


def _launch(config: pytest.Config) -> OpenRefine:
    if _LAUNCHED not in config.stash:
        from tests.server.endpoint_support import free_port

        config.stash[_WORKDIR] = Path(tempfile.mkdtemp(prefix="openrefine-"))
        config.stash[_LAUNCHED] = launch_openrefine(
            free_port(), config.stash[_WORKDIR], niceness=10
        )
    return config.stash[_LAUNCHED]


def pytest_collection_finish(session: pytest.Session) -> None:
    if session.config.option.collectonly:
        return
    if any("openrefine" in getattr(item, "fixturenames", ()) for item in session.items):
        _launch(session.config)


def pytest_sessionfinish(session: pytest.Session) -> None:
    if _LAUNCHED in session.config.stash:
        stop_openrefine(session.config.stash[_LAUNCHED])  # if the session was cut short
        shutil.rmtree(session.config.stash[_WORKDIR], ignore_errors=True)


@pytest.fixture(scope="session")
def openrefine(pytestconfig: pytest.Config) -> Iterator[OpenRefine]:
    """One OpenRefine for the session (a JVM: ~300 MB and seconds to start)."""
    refine = wait_until_ready(_launch(pytestconfig))
    # Ready: its work is now the tests', at their priority (the niceness was for its start,
    # beside other tests). Lowering a niceness needs privileges; without them it stays.
    with contextlib.suppress(PermissionError, ProcessLookupError):
        os.setpriority(os.PRIO_PGRP, refine.process.pid, 0)
    yield refine
    stop_openrefine(refine)
