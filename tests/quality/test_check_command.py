"""``outsourcing-catalogue check``, run as an editor runs it: the report, JSON, exit status."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from catalogue.build import BuildResult
from catalogue.settings import DEFAULT_NAMESPACE, PROJECT_ROOT

NARROWER_05_01 = (
    f"<{DEFAULT_NAMESPACE}2022/domain/05> <http://www.w3.org/2004/02/skos/core#narrower> "
    f"<{DEFAULT_NAMESPACE}2022/business-type/05.01>"
)


def check(*args: str, build_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "catalogue.cli", "check", *args], capture_output=True, text=True,
        cwd=PROJECT_ROOT, env={**os.environ, "CATALOGUE_BUILD_DIR": str(build_dir)}, timeout=120,
    )  # fmt: skip


def test_the_build_passes_every_check(build: BuildResult) -> None:
    done = check(build_dir=build.store.parent)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 violations, 0 warnings — the graph conforms." in done.stdout
    for line in ("PASS    orphan-concepts", "PASS    shacl", "PASS    undocumented-concepts"):
        assert line in done.stdout
    assert "119 concepts documented by a note of their own, 0 by their level" in done.stdout


def test_a_damaged_dump_fails_and_json_names_the_resource(
    build: BuildResult, dumps_dir: Path, tmp_path: Path
) -> None:
    lines = (dumps_dir / "catalogue.nq").read_text(encoding="utf-8").splitlines(keepends=True)
    damaged = [line for line in lines if not line.startswith(NARROWER_05_01)]
    assert len(damaged) == len(lines) - 1
    dump = tmp_path / "damaged.nq"
    dump.write_text("".join(damaged), encoding="utf-8")

    done = check(str(dump), "--format", "json", "--no-shacl", build_dir=build.store.parent)
    assert done.returncode == 1, done.stderr
    report = json.loads(done.stdout)
    assert (report["conforms"], report["violations"]) == (False, 1)
    failed = [c for c in report["checks"] if c["status"] == "fail"]
    assert [c["id"] for c in failed] == ["unidirectional-relations"]
    assert failed[0]["findings"][0]["resource"] == f"{DEFAULT_NAMESPACE}2022/business-type/05.01"
    assert next(c for c in report["checks"] if c["id"] == "shacl")["status"] == "skipped"


def test_a_missing_dump_is_an_error(tmp_path: Path) -> None:
    done = check(str(tmp_path / "nothing.nq"), build_dir=tmp_path)
    assert done.returncode == 2
    assert "does not exist" in done.stderr
