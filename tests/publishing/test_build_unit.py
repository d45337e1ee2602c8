"""The real build is published as one unit (catalogue/publication.py): everything it makes
is in one folder, and a build that fails, at any step, publishes nothing."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

import catalogue.build as build_module
from catalogue import validation
from catalogue.build import BuildResult, run_build
from catalogue.cli import main
from catalogue.console import Console
from catalogue.publication import BUILDS, CURRENT, OUTPUTS, Staging, unit_of
from catalogue.settings import PROJECT_ROOT, BuildSettings
from catalogue.validation import SHAPE_FILES, ShapesMissing


def test_everything_a_build_makes_is_in_its_folder(build: BuildResult) -> None:
    unit = build.unit
    assert unit_of(unit.output_dir) == unit
    for name in OUTPUTS:
        assert (unit.output_dir / name).resolve() == unit.root / name
    # A server started on the build adds its static site (server/static_site), whole.
    made = {p.name for p in unit.root.iterdir()} - {"static-site"}
    assert made == {*OUTPUTS, "build.json"}
    for path in [
        build.store,
        *build.dumps.values(),
        *build.owl_files.values(),
        *build.quality_files.values(),
        build.search_index,
    ]:
        assert path.is_relative_to(unit.root) and path.exists(), path
    assert (unit.ontology / "docs" / "index.html").is_file()
    # Each part names the build it belongs to.
    assert unit.info()["build_id"] == unit.id
    report = json.loads((unit.quality / "report.json").read_text(encoding="utf-8"))
    assert report["build_id"] == unit.id
    with sqlite3.connect(build.search_index) as index:
        assert dict(index.execute("SELECT key, value FROM meta"))["build_id"] == unit.id


def stand_in(output: Path) -> str:
    """A current build to keep: what a failed build must leave as it was."""
    staging = Staging(output)
    with staging as unit:
        (unit.dumps).mkdir()
        (unit.dumps / "catalogue.nq").write_text("the build being served")
        staging.publish("20260101T000000000000Z-aaaaaaaa", {}, keep=3)
    return "20260101T000000000000Z-aaaaaaaa"


def assert_unchanged(output: Path, current: str) -> None:
    assert unit_of(output).id == current
    assert sorted(p.name for p in (output / BUILDS).iterdir()) == [current]  # no staging left
    assert (output / "dumps" / "catalogue.nq").read_text() == "the build being served"


def test_a_build_failing_at_its_last_step_publishes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The store is loaded last, after dumps, report, OWL files and index were written."""
    current = stand_in(tmp_path)

    def failing(nquads: Path, directory: Path) -> Path:
        raise OSError("no space left on device")

    monkeypatch.setattr(build_module, "build_store", failing)
    with pytest.raises(OSError, match="no space left"):
        run_build(BuildSettings(output_dir=tmp_path), Console(quiet=True))
    assert_unchanged(tmp_path, current)


@pytest.mark.parametrize("missing", SHAPE_FILES)
def test_a_missing_shape_file_fails_the_build_naming_it(tmp_path: Path, missing: str) -> None:
    """Validating without a shape file would pass what it forbids."""
    ontology = tmp_path / "ontology"
    shutil.copytree(PROJECT_ROOT / "ontology", ontology)
    (ontology / missing).unlink()
    output = tmp_path / "build"
    current = stand_in(output)
    settings = BuildSettings(output_dir=output, ontology_dir=ontology)
    with pytest.raises(
        ShapesMissing, match=f"the SHACL shape file {ontology / missing} is missing"
    ):
        run_build(settings, Console(quiet=True))
    assert_unchanged(output, current)
    assert (output / CURRENT).is_symlink()


def test_the_build_command_names_the_missing_shape_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(validation, "SHAPE_FILES", (*SHAPE_FILES, "shapes-of-tomorrow.ttl"))
    assert main(["build", "--quiet", "--build-dir", str(tmp_path)]) == 1
    missing = PROJECT_ROOT / "ontology" / "shapes-of-tomorrow.ttl"
    assert capsys.readouterr().err == (
        f"error: the SHACL shape file {missing} is missing; nothing was published\n"
    )
    assert not (tmp_path / CURRENT).exists()
