"""The console commands, run as a user runs them (the builds: tests/publishing/conftest.py)."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

from catalogue.build import BuildResult
from catalogue.settings import PROJECT_ROOT
from tests.publishing.conftest import ELSEWHERE, CommandBuild


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, cwd=PROJECT_ROOT,
        env={**os.environ, **(env or {})}, timeout=300,
    )  # fmt: skip


def test_build_reports_progress_and_a_summary(user_build: CommandBuild) -> None:
    done = user_build.finished()
    assert done.returncode == 0, done.stderr
    assert "repaired a page break: lines 68-70" in done.stderr
    for line in ("ITO:  6 domains", "BPO:  4 domains", "KPO: 10 domains", "SHACL: conforms"):
        assert line in done.stdout
    assert "exclusion notes: 4 (6 excluded activities, 5 cross-links)" in done.stdout
    report = user_build.output / "quality" / "report.txt"
    assert f"  quality: 18 checks, 0 violations, 0 warnings ({report})" in done.stdout
    assert report.is_file() and (user_build.output / "quality" / "report.json").is_file()


def test_quiet_build_prints_nothing(quiet_build: CommandBuild) -> None:
    done = quiet_build.finished()
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")


def test_a_damaged_source_fails_with_file_and_line(tmp_path: Path) -> None:
    source = tmp_path / "source.txt"
    text = (PROJECT_ROOT / "data/source/catalogue-2022.zh.txt").read_text(encoding="utf-8")
    source.write_text(text.replace("三、信息基础设施", "四、信息基础设施"), encoding="utf-8")
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    (tmp_path / "source.txt.sha256").write_text(f"{digest}  source.txt\n")
    done = run("build_graph.py", "--source", str(source),
               env={"CATALOGUE_BUILD_DIR": str(tmp_path / "out")})  # fmt: skip
    assert done.returncode == 2
    assert f"{source}:48: expected domain number 3" in done.stderr


def test_another_namespace_moves_every_data_iri(elsewhere_build: CommandBuild) -> None:
    done = elsewhere_build.finished()
    assert done.returncode == 0, done.stderr
    nt = (elsewhere_build.output / "dumps" / "catalogue.nt").read_text(encoding="utf-8")
    assert f"<{ELSEWHERE}2022/domain/05>" in nt
    leftovers = {
        line.split()[0] for line in nt.splitlines()
        if "<https://w3id.org/service-outsourcing/" in line.split(" ", 1)[0]
        and "/ontology" not in line.split(" ", 1)[0]
    }  # fmt: skip
    assert leftovers == set()


def test_query_and_render_commands(build: BuildResult, tmp_path: Path) -> None:
    build_dir = str(build.unit.output_dir)
    env = {"CATALOGUE_BUILD_DIR": build_dir}
    done = run("-m", "catalogue.cli", "query", "queries/kpo-domains.rq", env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("/2022/domain/") == 10
    done = run("-m", "catalogue.cli", "query", "ASK { ?s ?p ?o }", env=env)
    assert done.stdout.strip() == "true"
    output = tmp_path / "catalogue.md"
    done = run("-m", "catalogue.cli", "render", "-o", str(output), env=env)
    assert done.returncode == 0, done.stderr
    assert output.read_text(encoding="utf-8").count("### ") == 20
