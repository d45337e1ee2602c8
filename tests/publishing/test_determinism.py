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


def build_in(*runs: tuple[Path, str], extra_env: dict[str, str] | None = None) -> list[Path]:
    """Builds into each (output folder, hash seed), side by side: each is a process of its
    own, so two take the time of one on a machine with two cores."""
    processes = []
    for output, hash_seed in runs:
        env = {**os.environ, "PYTHONHASHSEED": hash_seed, "CATALOGUE_BUILD_DIR": str(output)}
        env.pop("SOURCE_DATE_EPOCH", None)
        env.update(extra_env or {})
        processes.append(
            subprocess.Popen(
                [sys.executable, str(PROJECT_ROOT / "build_graph.py"), "--quiet"],
                env=env,
                cwd=PROJECT_ROOT,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
        )
    for process in processes:
        _, stderr = process.communicate()
        assert process.returncode == 0, stderr.decode(errors="replace")
    return [output / "dumps" for output, _ in runs]


def test_builds_are_byte_identical(tmp_path: Path) -> None:
    first, second = build_in((tmp_path / "a", "1"), (tmp_path / "b", "2"))
    names = sorted(p.name for p in first.iterdir())
    assert names == sorted(p.name for p in second.iterdir())
    assert len(names) >= 8
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    description = Graph().parse(first / "catalogue.ttl")
    assert (DATASET, DCTERMS.modified, None) not in description


def test_source_date_epoch_fixes_the_only_timestamp(tmp_path: Path) -> None:
    (dumps,) = build_in((tmp_path / "c", "3"), extra_env={"SOURCE_DATE_EPOCH": "1700000000"})
    description = Graph().parse(dumps / "catalogue.ttl")
    assert str(description.value(DATASET, DCTERMS.modified)) == "2023-11-14T22:13:20+00:00"
