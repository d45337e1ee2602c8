"""Write the dataset in every common RDF syntax, byte-identical from one build to the next.

rdflib's serializers follow its store's iteration order, which Python's hash
seed changes between processes; so every dump is written from a graph whose
triples were inserted in sorted order, and the line-based formats are sorted.
"""

from __future__ import annotations

import hashlib
import json
import warnings
from pathlib import Path

from rdflib import Dataset, Graph

from catalogue.graph.dataset import BuiltDataset, bind_prefixes
from catalogue.graph.metadata import DumpFile
from catalogue.vocab import PREFIXES

DUMPS: list[DumpFile] = [
    DumpFile("catalogue.ttl", "text/turtle", named_graphs=False),
    DumpFile("catalogue.nt", "application/n-triples", named_graphs=False),
    DumpFile("catalogue.rdf", "application/rdf+xml", named_graphs=False),
    DumpFile("catalogue.jsonld", "application/ld+json", named_graphs=False),
    DumpFile("catalogue.nq", "application/n-quads", named_graphs=True),
    DumpFile("catalogue.trig", "application/trig", named_graphs=True),
]
RDFLIB_FORMAT = {
    "catalogue.ttl": "turtle",
    "catalogue.nt": "nt",
    "catalogue.rdf": "pretty-xml",
    "catalogue.jsonld": "json-ld",
    "catalogue.nq": "nquads",
    "catalogue.trig": "trig",
}
CONTEXT_FILE = "context.jsonld"
CHECKSUMS_FILE = "SHA256SUMS"


def jsonld_context() -> dict[str, object]:
    return {"@context": {prefix: str(ns) for prefix, ns in sorted(PREFIXES.items())}}


def sorted_graph(graph: Graph) -> Graph:
    ordered = Graph()
    for triple in sorted(graph):
        ordered.add(triple)
    bind_prefixes(ordered)
    return ordered


def sorted_dataset(built: BuiltDataset) -> Dataset:
    ordered = Dataset()
    for name, graph in built.graphs.items():
        target = ordered.graph(built.iris.graph(name))
        for triple in sorted(graph):
            target.add(triple)
    bind_prefixes(ordered)
    return ordered


def serialize(dump: DumpFile, built: BuiltDataset) -> bytes:
    fmt = RDFLIB_FORMAT[dump.filename]
    if dump.named_graphs:
        data = sorted_dataset(built).serialize(format=fmt, encoding="utf-8")
    elif fmt == "json-ld":
        data = sorted_graph(built.union()).serialize(
            format=fmt, context=jsonld_context()["@context"], auto_compact=True, encoding="utf-8"
        )
    else:
        with warnings.catch_warnings():
            # pretty-xml warns that it writes lists with rdf:parseType="Collection"
            # and drops nothing; tests/build/test_dumps.py proves every dump isomorphic.
            warnings.filterwarnings("ignore", message="Assertions on rdflib.term.BNode")
            data = sorted_graph(built.union()).serialize(format=fmt, encoding="utf-8")
    if fmt in ("nt", "nquads"):
        data = b"".join(sorted(set(data.splitlines(keepends=True))))
    return data


def write_dumps(built: BuiltDataset, directory: Path) -> dict[str, Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    for dump in DUMPS:
        path = directory / dump.filename
        path.write_bytes(serialize(dump, built))
        written[dump.filename] = path
    context = directory / CONTEXT_FILE
    context.write_text(json.dumps(jsonld_context(), indent=2, sort_keys=True) + "\n")
    written[CONTEXT_FILE] = context
    sums = "".join(
        f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {name}\n"
        for name, path in sorted(written.items())
    )
    (directory / CHECKSUMS_FILE).write_text(sums)
    return written
