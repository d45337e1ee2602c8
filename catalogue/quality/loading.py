"""Read the graph to check from a dump file (by default the build's catalogue.nq)."""

from __future__ import annotations

from pathlib import Path

from catalogue.dumps import read_dump
from catalogue.quality.model import CheckedGraph
from catalogue.vocab import VOID


def load(path: Path, namespace: str, ontology_dir: Path | None = None) -> CheckedGraph:
    everything, data = read_dump(path)
    # The dataset says which namespace its IRIs live in (void:uriSpace).
    spaces = sorted(str(o) for o in everything.objects(None, VOID.uriSpace))
    checked = CheckedGraph(everything, spaces[0] if spaces else namespace, data)
    if ontology_dir is not None:
        checked.ontology_dir = ontology_dir
    return checked
