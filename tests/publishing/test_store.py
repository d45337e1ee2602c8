"""The store is a folder of the published build, reached through ``build/store``."""

from __future__ import annotations

import pyoxigraph
import pytest

from catalogue.build import BuildResult
from catalogue.publication import unit_of
from catalogue.store import open_read_only


def test_build_store_leads_to_the_current_builds_store(build: BuildResult) -> None:
    link = build.unit.output_dir / "store"
    assert link.resolve() == build.store == build.unit.store
    assert unit_of(link) == build.unit
    store = open_read_only(link)
    assert len(store) > 2000
    assert len(list(store.named_graphs())) == 5


def test_a_store_is_opened_read_only(build: BuildResult) -> None:
    store = open_read_only(build.unit.output_dir / "store")
    with pytest.raises(RuntimeError, match="read-write"):
        store.add(
            pyoxigraph.Quad(
                pyoxigraph.NamedNode("urn:x:s"),
                pyoxigraph.NamedNode("urn:x:p"),
                pyoxigraph.Literal("x"),
            )
        )
