"""The dumps: every syntax holds the same graph, checksums are right, named graphs kept."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from catalogue.build import BuildResult

SYNTAXES = {
    "catalogue.ttl": "turtle",
    "catalogue.nt": "nt",
    "catalogue.rdf": "xml",
    "catalogue.jsonld": "json-ld",
}


@pytest.fixture(scope="module")
def reference(dumps_dir: Path) -> Graph:
    return Graph().parse(dumps_dir / "catalogue.nt", format="nt")


@pytest.mark.parametrize("name", sorted(SYNTAXES))
def test_every_syntax_holds_the_same_graph(dumps_dir: Path, reference: Graph, name: str) -> None:
    graph = Graph().parse(dumps_dir / name, format=SYNTAXES[name])
    assert len(graph) == len(reference) > 2000
    assert isomorphic(graph, reference)


@pytest.mark.parametrize("name", ["catalogue.nq", "catalogue.trig"])
def test_quad_dumps_keep_the_named_graphs(dumps_dir: Path, build: BuildResult, name: str) -> None:
    dataset = Dataset().parse(dumps_dir / name, format="nquads" if name.endswith("nq") else "trig")
    graphs = {str(g.identifier): len(g) for g in dataset.graphs() if len(g)}
    expected = {str(build.built.iris.graph(n)): len(g) for n, g in build.built.graphs.items()}
    assert graphs == expected


def test_jsonld_has_a_context_with_the_prefixes(dumps_dir: Path) -> None:
    document = json.loads((dumps_dir / "catalogue.jsonld").read_text(encoding="utf-8"))
    assert document["@context"]["skos"] == "http://www.w3.org/2004/02/skos/core#"
    assert document["@context"]["xkos"] == "http://rdf-vocabulary.ddialliance.org/xkos#"
    context = json.loads((dumps_dir / "context.jsonld").read_text(encoding="utf-8"))
    assert context["@context"] == document["@context"]


def test_checksums_match_the_files(dumps_dir: Path) -> None:
    lines = (dumps_dir / "SHA256SUMS").read_text().splitlines()
    assert len(lines) == 7
    for line in lines:
        digest, name = line.split("  ")
        assert hashlib.sha256((dumps_dir / name).read_bytes()).hexdigest() == digest
