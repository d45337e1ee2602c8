"""Two builds of the same input are byte-identical, whatever Python's hash seed (the builds,
made by build_graph.py in processes of their own: tests/publishing/conftest.py)."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS

from catalogue.settings import DEFAULT_NAMESPACE
from tests.publishing.conftest import ELSEWHERE, CommandBuild


def dumps_of(build: CommandBuild) -> Path:
    done = build.finished()
    assert done.returncode == 0, done.stderr
    return build.output / "dumps"


def test_builds_are_byte_identical(user_build: CommandBuild, quiet_build: CommandBuild) -> None:
    """The same settings under hash seeds 1 and 2 (one build prints progress, one does not)."""
    first, second = dumps_of(user_build), dumps_of(quiet_build)
    names = sorted(p.name for p in first.iterdir())
    assert names == sorted(p.name for p in second.iterdir())
    assert len(names) >= 8
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    description = Graph().parse(first / "catalogue.ttl")
    assert (URIRef(f"{DEFAULT_NAMESPACE}dataset"), DCTERMS.modified, None) not in description


def test_source_date_epoch_fixes_the_only_timestamp(elsewhere_build: CommandBuild) -> None:
    """SOURCE_DATE_EPOCH=1700000000 (that build also has a namespace of its own)."""
    description = Graph().parse(dumps_of(elsewhere_build) / "catalogue.ttl")
    modified = description.value(URIRef(f"{ELSEWHERE}dataset"), DCTERMS.modified)
    assert str(modified) == "2023-11-14T22:13:20+00:00"
