"""Fixtures: the real engines (each started once per session), the session's real build
(A) and variants of it (B, C…: the same data and one more statement, so each build's
answers can be told apart), and a way to publish them."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from catalogue.build import BuildResult
from catalogue.publication import INFO_FILE, BuildUnit, Staging, new_build_id
from catalogue.remote.publish import Published, connect, publish
from tests.remote_store.engines import Engine, start_oxigraph, start_virtuoso
from tests.remote_store.proxy import Proxy

NS = "https://w3id.org/service-outsourcing/"
DATASET = NS + "dataset"
METADATA = NS + "graph/metadata"
OFFICIAL = NS + "graph/official"
#: What tells a build's answers apart: the variant's label on the dataset.
LABEL_QUERY = f"SELECT ?label WHERE {{ <{DATASET}> <urn:x-test:variant> ?label }}"


@pytest.fixture(scope="session")
def oxigraph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    engine = start_oxigraph(tmp_path_factory.mktemp("oxigraph"))
    yield engine
    engine.stop()


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    engine = start_virtuoso(tmp_path_factory.mktemp("virtuoso"))
    yield engine
    engine.stop()


@pytest.fixture(scope="session", params=["oxigraph", "virtuoso"])
def engine(request: pytest.FixtureRequest) -> Engine:
    """Each test that takes it runs against both engines."""
    found: Engine = request.getfixturevalue(request.param)
    return found


@pytest.fixture(scope="session")
def build_a(build: BuildResult) -> BuildUnit:
    return build.unit


@pytest.fixture(scope="session")
def variants(build_a: BuildUnit, tmp_path_factory: pytest.TempPathFactory) -> dict[str, BuildUnit]:
    """Builds B, C and D: A's data with one statement more each, under new build ids, each
    the current build of an output folder of its own (what ``publish --build-dir`` reads)."""
    return {
        label: variant(build_a, tmp_path_factory.mktemp(f"variant-{label}"), label)
        for label in ("B", "C", "D")
    }


def variant(unit: BuildUnit, output: Path, label: str) -> BuildUnit:
    """A published build folder with what ``publish`` reads: the N-Quads and the info."""
    staging = Staging(output)
    with staging as copy:
        (copy.dumps).mkdir()
        nquads = copy.dumps / "catalogue.nq"
        shutil.copyfile(unit.dumps / "catalogue.nq", nquads)
        with nquads.open("a", encoding="utf-8") as out:
            out.write(f'<{DATASET}> <urn:x-test:variant> "{label}" <{METADATA}> .\n')
        info = {k: v for k, v in unit.info().items() if k != "build_id"}
        published = staging.publish(new_build_id(nquads), info, keep=10)
    assert (published.root / INFO_FILE).is_file()
    return published


def publish_to(url: str, unit: BuildUnit, keep: int = 3) -> Published:
    return publish(unit, connect(url), keep)


@pytest.fixture
def proxy_to() -> Iterator[list[Proxy]]:
    """Proxies made by the test (``Proxy(target)``), closed after it."""
    made: list[Proxy] = []
    yield made
    for proxy in made:
        proxy.close()
