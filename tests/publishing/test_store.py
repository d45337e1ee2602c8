"""The store is built beside the current one and swapped in; a failed build keeps the old one."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph
import pytest

from catalogue.build import BuildResult
from catalogue.store import build_store, open_read_only, read_build_info


def test_the_store_is_a_link_to_a_complete_build(build: BuildResult) -> None:
    link = build.store.parent / "store"
    assert link.is_symlink() and link.resolve() == build.store
    info = read_build_info(link)
    assert len(str(info["build_id"])) == 16
    store = open_read_only(link)
    assert len(store) > 2000
    assert len(list(store.named_graphs())) == 5


def _nquads(path: Path, label: str) -> Path:
    path.write_text(f'<urn:x:s> <urn:x:p> "{label}" <urn:x:g> .\n')
    return path


def test_a_rebuild_swaps_the_link_and_keeps_one_previous_store(tmp_path: Path) -> None:
    link = tmp_path / "store"
    first = build_store(_nquads(tmp_path / "a.nq", "one"), link, {})
    second = build_store(_nquads(tmp_path / "b.nq", "two"), link, {})
    third = build_store(_nquads(tmp_path / "c.nq", "three"), link, {})
    assert link.resolve() == third
    assert second.exists() and not first.exists()
    values = [q.object.value for q in open_read_only(link).quads_for_pattern(None, None, None)]
    assert values == ["three"]


def test_a_failed_load_leaves_the_current_store_in_place(tmp_path: Path) -> None:
    link = tmp_path / "store"
    good = build_store(_nquads(tmp_path / "a.nq", "good"), link, {})
    broken = tmp_path / "broken.nq"
    broken.write_text("this is not N-Quads\n")
    with pytest.raises(SyntaxError):
        build_store(broken, link, {})
    assert link.resolve() == good
    assert [q.object.value for q in open_read_only(link).quads_for_pattern(None, None, None)] == [
        "good"
    ]


def test_a_store_is_opened_read_only(build: BuildResult) -> None:
    store = open_read_only(build.store.parent / "store")
    with pytest.raises(RuntimeError, match="read-write"):
        store.add(
            pyoxigraph.Quad(
                pyoxigraph.NamedNode("urn:x:s"),
                pyoxigraph.NamedNode("urn:x:p"),
                pyoxigraph.Literal("x"),
            )
        )
