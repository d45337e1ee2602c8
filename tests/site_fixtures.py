"""Fixtures for the site's tests (tests/linked_data, tests/pages): the real build, served.

The catalogue's own build (``tests/conftest.py``'s ``build``, made once per
session) behind the app in this process (Flask's client runs the same WSGI
layers as a server: cache, compression, CORS), and behind a real
``outsourcing-catalogue serve`` for the browser.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from flask import Flask
from flask.testing import FlaskClient

from catalogue.publication import unit_of
from catalogue.settings import PROJECT_ROOT, BuildSettings
from server.app import create_app, project_prefixes
from server.config import ServerConfig
from server.store.embedded import EmbeddedStore, snapshot

if TYPE_CHECKING:
    from tests.server.endpoint_support import Server

NS = "https://w3id.org/service-outsourcing/"
ONTOLOGY = NS + "ontology"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


@pytest.fixture(scope="session")
def site_build(build, build_settings: BuildSettings) -> Path:
    """The build folder: store, dumps, ontology files (and pyLODE's pages if made)."""
    return build_settings.output_dir


def site_config(build_dir: Path, **settings: object) -> ServerConfig:
    return ServerConfig(
        store=build_dir / "store",
        examples_dir=PROJECT_ROOT / "queries",
        access_log="off",
        rate_limit=None,
        **settings,  # type: ignore[arg-type]
    )


@pytest.fixture(scope="session")
def site_store(site_build: Path) -> EmbeddedStore:
    data, info = snapshot(unit_of(site_build))
    return EmbeddedStore.from_nquads(data, info, project_prefixes())


@pytest.fixture(scope="session")
def site_app(site_build: Path, site_store: EmbeddedStore) -> Flask:
    return create_app(site_config(site_build), store=site_store)


@pytest.fixture
def site(site_app: Flask) -> FlaskClient:
    return site_app.test_client()


@pytest.fixture(scope="session")
def live_site_server(
    site_build: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    """The real server over the real build, one for the session: the tests that read
    the catalogue through a real server share it (none changes what it serves)."""
    from tests.server.endpoint_support import start_server, stop_server

    root = tmp_path_factory.mktemp("site")
    for name in ("store", "dumps", "ontology", "quality", "search"):
        (root / name).symlink_to((site_build / name).resolve())
    (root / "queries").symlink_to(PROJECT_ROOT / "queries")
    server = start_server(root, "site")
    yield server
    stop_server(server)


@pytest.fixture(scope="session")
def live_site(live_site_server: Server) -> str:
    """The real server over the real build: its base URL."""
    return live_site_server.url


# --- a real browser: Debian's chromium, headless, driven by Playwright -----------------

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOTS = PROJECT_ROOT / "build" / "screenshots"
#: What chromium needs to run here: no sandbox as root, no GPU, and no traffic of its own.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One chromium for the session (each test opens a context of its own in it)."""
    # A missing browser fails these tests rather than skipping them: `make test`
    # installs it (make browser), so its absence is a broken set-up, not a pass.
    assert Path(CHROMIUM).exists(), "chromium is not installed: run `make browser`"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
