"""Two builds of the same input are byte-identical, whatever Python's hash seed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS

from catalogue.settings import DEFAULT_NAMESPACE, PROJECT_ROOT

DATASET = URIRef(f"{DEFAULT_NAMESPACE}dataset")


def build_in(output: Path, hash_seed: str, extra_env: dict[str, str] | None = None) -> Path:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed, "CATALOGUE_BUILD_DIR": str(output)}
    env.pop("SOURCE_DATE_EPOCH", None)
    env.update(extra_env or {})
    subprocess.run(
        [sys.executable, str(PROJECT_ROOT / "build_graph.py"), "--quiet"],
        check=True, env=env, cwd=PROJECT_ROOT, capture_output=True,
    )  # fmt: skip
    return output / "dumps"


def test_builds_are_byte_identical(tmp_path: Path) -> None:
    first = build_in(tmp_path / "a", "1")
    second = build_in(tmp_path / "b", "2")
    names = sorted(p.name for p in first.iterdir())
    assert names == sorted(p.name for p in second.iterdir())
    assert len(names) >= 8
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    description = Graph().parse(first / "catalogue.ttl")
    assert (DATASET, DCTERMS.modified, None) not in description


def test_source_date_epoch_fixes_the_only_timestamp(tmp_path: Path) -> None:
    dumps = build_in(tmp_path / "c", "3", {"SOURCE_DATE_EPOCH": "1700000000"})
    description = Graph().parse(dumps / "catalogue.ttl")
    assert str(description.value(DATASET, DCTERMS.modified)) == "2023-11-14T22:13:20+00:00"
