"""The real server over the real build: Skosmos' expectations are about the catalogue itself."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from catalogue.build import BuildResult
from catalogue.settings import PROJECT_ROOT
from tests.server.endpoint_support import Server, start_server, stop_server


@pytest.fixture(scope="module")
def catalogue_server(
    build: BuildResult, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    root = tmp_path_factory.mktemp("skosmos")
    (root / "store").symlink_to(Path(build.store))
    (root / "queries").symlink_to(PROJECT_ROOT / "queries")
    server = start_server(root, "skosmos")
    yield server
    stop_server(server)
