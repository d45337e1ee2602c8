"""A build is published whole by one swap of ``current``, or not at all
(catalogue/publication.py), with small stand-in builds: the real one is in test_build_unit.py."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from catalogue.publication import (
    BUILDS,
    CURRENT,
    INFO_FILE,
    OUTPUTS,
    STAGING_PREFIX,
    BuildUnit,
    Staging,
    unit_of,
)


def publish(output: Path, build_id: str, text: str, keep: int = 3) -> BuildUnit:
    """A stand-in build: one file in each output folder, all saying ``text``."""
    staging = Staging(output)
    with staging as unit:
        for name in OUTPUTS:
            (unit.root / name).mkdir()
            (unit.root / name / "file.txt").write_text(text)
        return staging.publish(build_id, {"namespace": "urn:x:"}, keep)


def published(output: Path) -> list[str]:
    return sorted(p.name for p in (output / BUILDS).iterdir())


def test_a_build_is_one_folder_made_current_by_one_link(tmp_path: Path) -> None:
    unit = publish(tmp_path, "20260101T000000000000Z-aaaaaaaa", "one")
    assert unit.root == tmp_path / BUILDS / "20260101T000000000000Z-aaaaaaaa"
    assert os.readlink(tmp_path / CURRENT) == f"{BUILDS}/{unit.id}"
    assert unit.info() == {"build_id": unit.id, "namespace": "urn:x:"}
    for name in OUTPUTS:  # the paths people and tools know lead into the current build
        assert (tmp_path / name).resolve() == unit.root / name
        assert (tmp_path / name / "file.txt").read_text() == "one"


def test_a_new_build_replaces_every_output_at_once(tmp_path: Path) -> None:
    first = publish(tmp_path, "20260101T000000000000Z-aaaaaaaa", "one")
    second = publish(tmp_path, "20260102T000000000000Z-bbbbbbbb", "two")
    assert unit_of(tmp_path) == second
    assert {(tmp_path / name / "file.txt").read_text() for name in OUTPUTS} == {"two"}
    # The build before is untouched: a server that resolved it reads it whole.
    assert {(first.root / name / "file.txt").read_text() for name in OUTPUTS} == {"one"}


def test_the_pointer_is_resolved_once(tmp_path: Path) -> None:
    first = publish(tmp_path, "20260101T000000000000Z-aaaaaaaa", "one")
    for path in (tmp_path, tmp_path / CURRENT, tmp_path / "store", first.root, first.store):
        assert unit_of(path) == first
    resolved = unit_of(tmp_path / "store")
    publish(tmp_path, "20260102T000000000000Z-bbbbbbbb", "two")
    assert (resolved.dumps / "file.txt").read_text() == "one"


def test_a_failed_build_changes_nothing_and_leaves_no_staging_folder(tmp_path: Path) -> None:
    good = publish(tmp_path, "20260101T000000000000Z-aaaaaaaa", "good")
    staging = Staging(tmp_path)
    with pytest.raises(RuntimeError, match="the store failed to load"), staging as unit:
        (unit.root / "dumps").mkdir()
        (unit.root / "dumps" / "file.txt").write_text("half a build")
        raise RuntimeError("the store failed to load")
    assert not staging.unit.root.exists()
    assert published(tmp_path) == [good.id]
    assert unit_of(tmp_path) == good
    assert (tmp_path / "dumps" / "file.txt").read_text() == "good"


def test_builds_beyond_the_kept_number_are_removed_after_the_swap(tmp_path: Path) -> None:
    ids = [f"2026010{day}T000000000000Z-0000000{day}" for day in range(1, 5)]
    for number, build_id in enumerate(ids):
        publish(tmp_path, build_id, str(number), keep=2)
    assert published(tmp_path) == ids[-2:]
    assert unit_of(tmp_path).id == ids[-1]


def test_a_published_build_is_never_written_again(tmp_path: Path) -> None:
    first = publish(tmp_path, "20260101T000000000000Z-aaaaaaaa", "one")
    with pytest.raises(OSError):
        publish(tmp_path, first.id, "other bytes under the same id")
    assert (first.dumps / "file.txt").read_text() == "one"
    assert unit_of(tmp_path) == first
    assert published(tmp_path) == [first.id]  # the staging folder of the refused one is gone


def test_the_staging_folder_of_a_killed_build_is_removed_by_the_next(tmp_path: Path) -> None:
    killed = tmp_path / BUILDS / f"{STAGING_PREFIX}999999999-0badf00d"  # no such process
    killed.mkdir(parents=True)
    (killed / INFO_FILE).write_text("{}")
    publish(tmp_path, "20260101T000000000000Z-aaaaaaaa", "one")
    assert not killed.exists()


def test_the_layout_before_build_units_is_replaced(tmp_path: Path) -> None:
    """build/dumps etc. were folders, and build/store a link to build/store-<id>."""
    (tmp_path / "dumps").mkdir()
    (tmp_path / "dumps" / "catalogue.nq").write_text("old")
    (tmp_path / "store-0123456789abcdef").mkdir()
    (tmp_path / "store-0123456789abcdef.json").write_text("{}")
    (tmp_path / "store").symlink_to("store-0123456789abcdef")
    unit = publish(tmp_path, "20260101T000000000000Z-aaaaaaaa", "new")
    assert (tmp_path / "dumps").resolve() == unit.dumps
    assert (tmp_path / "store").resolve() == unit.store
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([BUILDS, CURRENT, *OUTPUTS])


def test_at_least_the_current_build_is_kept(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="at least the current build"):
        publish(tmp_path, "20260101T000000000000Z-aaaaaaaa", "one", keep=0)
    assert not (tmp_path / CURRENT).exists()
