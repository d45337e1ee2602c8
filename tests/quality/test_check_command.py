"""``outsourcing-catalogue check``, run as an editor runs it: the report, JSON, exit status."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from catalogue.build import BuildResult
from catalogue.settings import DEFAULT_NAMESPACE, PROJECT_ROOT

NARROWER_05_01 = (
    f"<{DEFAULT_NAMESPACE}2022/domain/05> <http://www.w3.org/2004/02/skos/core#narrower> "
    f"<{DEFAULT_NAMESPACE}2022/business-type/05.01>"
)


def check(*args: str, build_dir: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "catalogue.cli", "check", *args], stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True, cwd=PROJECT_ROOT,
        env={**os.environ, "CATALOGUE_BUILD_DIR": str(build_dir)},
    )  # fmt: skip


@pytest.fixture(scope="module")
def runs(
    build: BuildResult, dumps_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, subprocess.Popen[str]]]:
    """The three runs of ``check`` below, started together (each is a process of its own,
    mostly Python's start and, for the first, SHACL)."""
    lines = (dumps_dir / "catalogue.nq").read_text(encoding="utf-8").splitlines(keepends=True)
    damaged = [line for line in lines if not line.startswith(NARROWER_05_01)]
    assert len(damaged) == len(lines) - 1
    folder = tmp_path_factory.mktemp("check")
    dump = folder / "damaged.nq"
    dump.write_text("".join(damaged), encoding="utf-8")
    started = {
        "the build": check(build_dir=build.store.parent),
        "a damaged dump": check(
            str(dump), "--format", "json", "--no-shacl", build_dir=build.store.parent
        ),
        "a missing dump": check(str(folder / "nothing.nq"), build_dir=folder),
    }
    yield started
    for process in started.values():
        if process.poll() is None:  # a test failed before reading it
            process.kill()
            process.wait()


def finished(process: subprocess.Popen[str]) -> subprocess.CompletedProcess[str]:
    stdout, stderr = process.communicate(timeout=120)
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


def test_the_build_passes_every_check(runs: dict[str, subprocess.Popen[str]]) -> None:
    done = finished(runs["the build"])
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 violations, 0 warnings — the graph conforms." in done.stdout
    for line in ("PASS    orphan-concepts", "PASS    shacl", "PASS    undocumented-concepts"):
        assert line in done.stdout
    assert "119 concepts documented by a note of their own, 0 by their level" in done.stdout


def test_a_damaged_dump_fails_and_json_names_the_resource(
    runs: dict[str, subprocess.Popen[str]],
) -> None:
    """The dump without one skos:narrower statement (05 → 05.01)."""
    done = finished(runs["a damaged dump"])
    assert done.returncode == 1, done.stderr
    report = json.loads(done.stdout)
    assert (report["conforms"], report["violations"]) == (False, 1)
    failed = [c for c in report["checks"] if c["status"] == "fail"]
    assert [c["id"] for c in failed] == ["unidirectional-relations"]
    assert failed[0]["findings"][0]["resource"] == f"{DEFAULT_NAMESPACE}2022/business-type/05.01"
    assert next(c for c in report["checks"] if c["id"] == "shacl")["status"] == "skipped"


def test_a_missing_dump_is_an_error(runs: dict[str, subprocess.Popen[str]]) -> None:
    done = finished(runs["a missing dump"])
    assert done.returncode == 2
    assert "does not exist" in done.stderr
