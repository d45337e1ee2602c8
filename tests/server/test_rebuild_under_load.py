"""Rebuilding under a running server: every answer comes from one build, whole.

The real server (granian, two workers) serves build A under load: clients fetch a
dump, a concept's document, a query's answer and a search, again and again. Meanwhile
a build fails (a shape file is missing), build B is published and the server gets
SIGHUP, then build C likewise (C is built while the server reloads onto B, and
published once B is served: the reload's seconds are not added to the build's). Every answer must be the bytes its ETag names (one ETag,
one body, across the whole run) and the bytes of the build its X-Build header names;
the failed build must change nothing; only the last two builds must be left.

Before build units, the dumps were rewritten in place under a server that had computed
their ETags at start: new bytes under the old strong ETag, poisoning every cache.
"""

from __future__ import annotations

import shutil
import signal
import threading
import time
from collections import defaultdict
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from endpoint_support import Server, publish_copy, start_server, stop_server

import catalogue.build as build_module
from catalogue.build import BuildResult, run_build
from catalogue.console import Console
from catalogue.publication import BUILDS, BuildUnit, Staging, unit_of
from catalogue.settings import PROJECT_ROOT, BuildSettings
from catalogue.validation import ShapesMissing
from tests.load_support import MODIFIED_QUERY, Load, gets

KEEP = 2
#: Between two requests of a client: load, not a benchmark (the builds share two cores).
PAUSE = 0.1
#: Builds B and C fix their one timestamp (the dataset's dct:modified) to these; A has none.
EPOCHS = {"B": 1700000000, "C": 1800000000}
MODIFIED = {"B": "2023-11-14T22:13:20", "C": "2027-01-15T08:00:00"}
DUMP = "/dumps/catalogue.ttl"
REQUESTS = gets(
    (DUMP, {}),
    ("/2022/domain/05.ttl", {}),
    ("/sparql", {"query": MODIFIED_QUERY}),
    ("/search", {"q": "人脸识别", "format": "json"}),
)


def rebuild(output: Path, epoch: int) -> BuildUnit:
    settings = BuildSettings(output_dir=output, keep_builds=KEEP, source_date_epoch=epoch)
    return run_build(settings, Console(quiet=True)).unit


def publishing_after(event: threading.Event) -> type[Staging]:
    """A staging that, built whole, waits for ``event`` before it publishes."""

    class Held(Staging):
        def publish(self, build_id: str, info: dict[str, object], keep: int) -> BuildUnit:
            assert event.wait(60), "never released"
            return super().publish(build_id, info, keep)

    return Held


def reload(server: Server, build: str) -> None:
    """SIGHUP, then wait until every worker serves ``build`` (the old ones have stopped)."""
    stopped = server.log_lines().count("Stopped old worker")
    server.process.send_signal(signal.SIGHUP)
    deadline = time.monotonic() + 20
    while server.log_lines().count("Stopped old worker") < stopped + 2:  # both workers
        assert time.monotonic() < deadline, f"no reload:\n{server.log_lines()}"
        time.sleep(0.1)
    assert server.get("/healthz").headers["X-Build"] == build


@pytest.fixture
def served(build: BuildResult, tmp_path: Path) -> Iterator[tuple[Path, BuildUnit, Server]]:
    """A server on build A, in an output folder of its own."""
    output = tmp_path / "build"
    first = publish_copy(build.unit, output, KEEP, same_id=True)
    (output / "queries").symlink_to(PROJECT_ROOT / "queries")
    server = start_server(output, "rebuilt", {"CATALOGUE_QUERY_TIMEOUT": "10"})
    yield output, first, server
    stop_server(server)


def test_every_answer_is_one_builds_bytes_through_rebuilds_and_reloads(
    served: tuple[Path, BuildUnit, Server], monkeypatch: pytest.MonkeyPatch
) -> None:
    output, a, server = served
    dumps: dict[str, dict[str, str]] = {}  # build → dump file → SHA-256, read when published

    def listed(unit: BuildUnit) -> None:
        sums = (unit.dumps / "SHA256SUMS").read_text().splitlines()
        dumps[unit.id] = {name: digest for digest, name in (line.split("  ") for line in sums)}

    listed(a)
    shapeless = output.parent / "ontology"
    shutil.copytree(PROJECT_ROOT / "ontology", shapeless)
    (shapeless / "shapes.ttl").unlink()
    with Load(server.url, REQUESTS, clients=2, pause=PAUSE) as load:
        with pytest.raises(ShapesMissing):
            run_build(BuildSettings(output_dir=output, ontology_dir=shapeless), Console(quiet=True))
        assert unit_of(output) == a  # the failed build changed nothing, left nothing
        assert [p.name for p in (output / BUILDS).iterdir()] == [a.id]
        b = rebuild(output, EPOCHS["B"])
        listed(b)
        # C is built while the server reloads onto B, and published once B is served.
        served_b = threading.Event()
        monkeypatch.setattr(build_module, "Staging", publishing_after(served_b))
        with ThreadPoolExecutor(max_workers=1) as builder:
            building_c = builder.submit(rebuild, output, EPOCHS["C"])
            try:
                reload(server, b.id)
            finally:
                served_b.set()
            c = building_c.result()
        listed(c)
        reload(server, c.id)
        load.wait_until_answered_by(c.id)
    seen = load.seen

    assert not load.errors
    assert {s.status for s in seen} == {200}
    builds = {a.id: "A", b.id: "B", c.id: "C"}
    # Every build was served, and each answer names one of them.
    assert {s.build for s in seen} == set(builds)
    bodies: dict[str, set[str]] = defaultdict(set)
    per_build: dict[tuple[str, str], set[str]] = defaultdict(set)
    for s in seen:
        assert s.etag or s.path == "/search", s.path  # search answers may claim none
        if s.etag:
            bodies[s.etag].add(s.digest)
        per_build[s.build, s.path].add(s.digest)
        if s.path == DUMP:
            # the dump's ETag is its SHA-256, and these are the bytes its build wrote
            assert s.etag == f'"{s.digest}"'
            assert dumps[s.build]["catalogue.ttl"] == s.digest, builds[s.build]
        if s.path == "/sparql":  # the dct:modified of the build that answered, or none (A)
            modified = MODIFIED.get(builds[s.build])
            assert (modified in s.body.decode()) if modified else b'"value"' not in s.body
    assert {etag: len(d) for etag, d in bodies.items() if len(d) > 1} == {}
    assert {key: len(d) for key, d in per_build.items() if len(d) > 1} == {}
    # The three builds' dumps differ (their dct:modified), so a stale ETag would have shown.
    assert len({dumps[unit]["catalogue.ttl"] for unit in builds}) == 3

    # The last two builds are kept; A was deleted after the swap to C; no staging is left.
    assert sorted(p.name for p in (output / BUILDS).iterdir()) == sorted([b.id, c.id])
