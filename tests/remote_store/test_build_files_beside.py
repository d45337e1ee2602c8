"""The build's files (dumps, ontology files, quality report) are not in the store: a server
serves them from a copy of the build's folder beside it, found by the id the store names,
and never another build's files in their place."""

from __future__ import annotations

import hashlib

from flask.testing import FlaskClient

from catalogue.publication import BuildUnit
from server.app import create_app
from server.config import ServerConfig
from tests.remote_store.conftest import publish_to
from tests.remote_store.engines import Engine


def app_with_builds_of(unit: BuildUnit, url: str) -> FlaskClient:
    """The app over the store, with ``unit``'s output folder (its builds/) beside it."""
    config = ServerConfig(
        store=unit.output_dir / "store", store_url=url, access_log="off", rate_limit=None
    )
    return create_app(config).test_client()


def test_the_current_builds_files_are_served_from_its_folder(
    oxigraph: Engine, build_a: BuildUnit
) -> None:
    publish_to(oxigraph.url, build_a)
    client = app_with_builds_of(build_a, oxigraph.url)
    sums = dict(
        reversed(line.split("  "))
        for line in (build_a.dumps / "SHA256SUMS").read_text().splitlines()
    )
    dump = client.get("/dumps/catalogue.nq")
    assert dump.status_code == 200
    assert hashlib.sha256(dump.data).hexdigest() == sums["catalogue.nq"]
    assert client.get("/quality.json").status_code == 200


def test_no_other_builds_files_stand_in(
    oxigraph: Engine, build_a: BuildUnit, variants: dict[str, BuildUnit]
) -> None:
    publish_to(oxigraph.url, variants["B"])
    client = app_with_builds_of(build_a, oxigraph.url)  # only A's folder is beside
    assert client.get("/healthz").headers["X-Build"] == variants["B"].id
    assert client.get("/dumps/catalogue.nq").status_code == 404
    assert client.get("/quality.json").status_code == 404
