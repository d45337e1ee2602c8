"""Write the dataset in every common RDF syntax, byte-identical from one build to the next.

rdflib's serializers follow its store's iteration order, which Python's hash
seed changes between processes; so every dump is written from a graph whose
triples were inserted in sorted order, and the line-based formats are sorted.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pyoxigraph
from rdflib import Dataset, Graph, Literal

from catalogue.graph.dataset import BuiltDataset, bind_prefixes
from catalogue.graph.metadata import DumpFile
from catalogue.graph.skos_only import SKOS_DUMP, skos_only
from catalogue.jsonld_context import LIST_TERMS, jsonld_context
from catalogue.vocab import PREFIXES
from catalogue.written import written

DUMPS: list[DumpFile] = [
    DumpFile("catalogue.ttl", "text/turtle", named_graphs=False),
    DumpFile("catalogue.nt", "application/n-triples", named_graphs=False),
    DumpFile("catalogue.rdf", "application/rdf+xml", named_graphs=False),
    DumpFile("catalogue.jsonld", "application/ld+json", named_graphs=False),
    DumpFile("catalogue.nq", "application/n-quads", named_graphs=True),
    DumpFile("catalogue.trig", "application/trig", named_graphs=True),
    DumpFile(
        SKOS_DUMP,
        "text/turtle",
        named_graphs=False,
        view_of="The 2022 edition alone in plain SKOS (one concept scheme, no 2018 stub, "
        "ontology, VoID or XKOS note resources), for tools that want one scheme per file.",
    ),
]
RDFLIB_FORMAT = {
    "catalogue.ttl": "turtle",
    "catalogue.nt": "nt",
    "catalogue.rdf": "pretty-xml",
    "catalogue.jsonld": "json-ld",
    "catalogue.nq": "nquads",
    "catalogue.trig": "trig",
}
#: rdflib's parser for each kind of dump file (what ``read_dump`` accepts).
PARSERS = {
    ".nq": "nquads",
    ".trig": "trig",
    ".ttl": "turtle",
    ".nt": "nt",
    ".rdf": "xml",
    ".owl": "xml",
    ".jsonld": "json-ld",
}
CONTEXT_FILE = "context.jsonld"
CHECKSUMS_FILE = "SHA256SUMS"


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
    """One dump, identical bytes for identical input.

    N-Triples and N-Quads are sorted line by line. Turtle comes from rdflib,
    which sorts subjects itself. TriG and RDF/XML are written by Oxigraph from
    the sorted lines (rdflib's writers follow hash order); JSON-LD is compacted
    by rdflib with our @context and then put in a canonical order.
    """
    if dump.filename == SKOS_DUMP:
        return sorted_graph(skos_only(built)).serialize(format="turtle", encoding="utf-8")
    fmt = RDFLIB_FORMAT[dump.filename]
    if fmt == "trig":
        return _trig(built)
    if fmt == "pretty-xml":
        lines = _sorted_lines(_rdflib_bytes(built, False, "nt"))
        xml = written(
            lambda out: pyoxigraph.serialize(
                pyoxigraph.parse(lines, format=pyoxigraph.RdfFormat.N_TRIPLES),
                out,
                format=pyoxigraph.RdfFormat.RDF_XML,
                prefixes={prefix: str(ns) for prefix, ns in PREFIXES.items()},
            )
        )
        return _restore_language_case(xml, built)
    data = _rdflib_bytes(built, dump.named_graphs, fmt)
    if fmt in ("nt", "nquads"):
        return _sorted_lines(data)
    if fmt == "json-ld":
        return (
            json.dumps(_canonical(json.loads(data)), indent=2, ensure_ascii=False) + "\n"
        ).encode()
    return data


def _rdflib_bytes(built: BuiltDataset, named_graphs: bool, fmt: str) -> bytes:
    if named_graphs:
        return sorted_dataset(built).serialize(format=fmt, encoding="utf-8")
    if fmt == "json-ld":
        return sorted_graph(built.union()).serialize(
            format=fmt, context=jsonld_context()["@context"], auto_compact=True, encoding="utf-8"
        )
    return sorted_graph(built.union()).serialize(format=fmt, encoding="utf-8")


def _trig(built: BuiltDataset) -> bytes:
    """Each named graph as rdflib writes Turtle (subjects sorted), graphs in name order."""
    prefixes: set[str] = set()
    blocks = []
    for name in sorted(built.graphs, key=lambda n: str(built.iris.graph(n))):
        turtle = sorted_graph(built.graphs[name]).serialize(format="turtle")
        prefixes.update(line for line in turtle.splitlines() if line.startswith("@prefix"))
        body = [line for line in turtle.splitlines() if not line.startswith("@prefix")]
        indented = "\n".join(f"    {line}" if line else "" for line in body).strip("\n")
        blocks.append(f"<{built.iris.graph(name)}> {{\n{indented}\n}}\n")
    return "\n".join(["\n".join(sorted(prefixes)) + "\n", *blocks]).encode("utf-8")


def _restore_language_case(data: bytes, built: BuiltDataset) -> bytes:
    """Oxigraph writes language tags in lower case; put back the case BCP 47 gives (zh-Hans)."""
    tags = {
        o.language
        for g in built.graphs.values()
        for o in g.objects()
        if isinstance(o, Literal) and o.language
    }
    for tag in sorted(t for t in tags if t != t.lower()):
        data = data.replace(f'xml:lang="{tag.lower()}"'.encode(), f'xml:lang="{tag}"'.encode())
    return data


def _sorted_lines(data: bytes) -> bytes:
    return b"".join(sorted(set(data.splitlines(keepends=True))))


def _canonical(value: object, in_list: bool = False) -> object:
    """Sort JSON-LD node arrays and keys; the members of an @list, or of a term the
    context declares a list (``"levels"``), keep their order."""
    if isinstance(value, dict):
        return {
            k: _canonical(v, in_list=k == "@list" or k in LIST_TERMS)
            for k, v in sorted(value.items())
        }
    if isinstance(value, list):
        items = [_canonical(v) for v in value]
        return items if in_list else sorted(items, key=lambda v: json.dumps(v, sort_keys=True))
    return value


def sort_xml_namespaces(data: bytes) -> bytes:
    """rdflib's pretty-xml declares the namespaces of <rdf:RDF> in hash order: sort them."""
    lines = data.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith(b"<rdf:RDF")) + 1
    end = start
    while end < len(lines) and lines[end].lstrip().startswith(b"xmlns"):
        end += 1
    return b"".join([*lines[:start], *sorted(lines[start:end]), *lines[end:]])


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
    written[CHECKSUMS_FILE] = directory / CHECKSUMS_FILE
    written[CHECKSUMS_FILE].write_text(sums)
    return written


def read_dump(path: Path) -> tuple[Graph, Graph]:
    """(every triple, the data without the ontology graph) from a dump file.

    Only N-Quads and TriG keep the named graphs; from a dump of their union,
    the data is every triple.
    """
    fmt = PARSERS.get(path.suffix)
    if fmt is None:
        raise ValueError(f"{path}: not an RDF dump ({', '.join(sorted(PARSERS))})")
    everything, data = Graph(), Graph()
    if fmt in ("nquads", "trig"):
        dataset = Dataset()
        dataset.parse(path, format=fmt)
        for s, p, o, g in dataset.quads():
            everything.add((s, p, o))
            if not str(g).endswith("/graph/ontology"):
                data.add((s, p, o))
    else:
        everything.parse(path, format=fmt)
        data = everything
    for graph in (everything, data):
        bind_prefixes(graph)
    return everything, data
