"""Fixtures shared by every suite: one real build of the catalogue per test session."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph
import pytest

from catalogue.build import BuildResult, run_build
from catalogue.console import Console
from catalogue.settings import PROJECT_ROOT, BuildSettings
from catalogue.source.parser import parse_file
from catalogue.source.structure import Catalogue

#: The site's fixtures (the real build served), for tests/linked_data, tests/pages and
#: tests/consumers: a plugin, so no folder imports another's conftest.
pytest_plugins = ["tests.site_fixtures"]

SOURCE = PROJECT_ROOT / "data" / "source" / "catalogue-2022.zh.txt"


@pytest.fixture(scope="session")
def source_text() -> str:
    return SOURCE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    return parse_file(SOURCE)


@pytest.fixture(scope="session")
def build_settings(tmp_path_factory: pytest.TempPathFactory) -> BuildSettings:
    return BuildSettings(output_dir=tmp_path_factory.mktemp("build"))


@pytest.fixture(scope="session")
def build(build_settings: BuildSettings) -> BuildResult:
    """The real pipeline, once: parse, build, validate, dump, load the store."""
    return run_build(build_settings, Console(quiet=True))


@pytest.fixture(scope="session")
def store(build: BuildResult) -> pyoxigraph.Store:
    return pyoxigraph.Store.read_only(str(build.store))


@pytest.fixture(scope="session")
def dumps_dir(build: BuildResult, build_settings: BuildSettings) -> Path:
    return build_settings.dumps_dir
