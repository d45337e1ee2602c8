"""pyoxigraph in memory: the engine that evaluates and serializes every query.

The data is small and changes only with a new build, so it is read once from
the built store (opened read-only: the server never writes it) and kept in an
in-memory store, which answers 1.4-5x faster than RocksDB. This class has no
timeout: a query runs to its end in the calling thread. ``isolated.py`` runs it
in processes that can be killed.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import IO

import pyoxigraph as ox

from catalogue.publication import INFO_FILE, BuildUnit
from catalogue.written import written
from server.formats import Kind
from server.store.interface import (
    Answer,
    BuildInfo,
    FormatNotAcceptable,
    GraphRequest,
    QueryRequest,
    QuerySyntaxError,
    StoreError,
)

RESULTS_FORMATS = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}
RDF_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "rdfxml": ox.RdfFormat.RDF_XML,
    "jsonld": ox.RdfFormat.JSON_LD,
    "n3": ox.RdfFormat.N3,
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
}
#: Formats written with prefixes: shorter and readable, for a small cost (the
#: triples pass through Python on their way to the serializer).
PREFIXED = {"turtle", "trig", "n3", "rdfxml"}

#: The union graph as a graph: distinct, since a triple may sit in several graphs.
_UNION_GRAPH = "CONSTRUCT { ?s ?p ?o } WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }"


class QueryEvaluationError(StoreError):
    """The query parsed but could not be evaluated (e.g. an unsupported SERVICE call)."""


@dataclass(frozen=True)
class Prepared:
    """A parsed query with its format chosen; ``write`` evaluates while serializing."""

    kind: Kind
    format: str
    write: Callable[[IO[bytes]], object]  # pyoxigraph's writers return None given an output


class EmbeddedStore:
    def __init__(self, store: ox.Store, info: BuildInfo, prefixes: dict[str, str]) -> None:
        self._store = store
        self.info = info
        self._prefixes = prefixes

    @classmethod
    def from_nquads(cls, data: bytes, info: BuildInfo, prefixes: dict[str, str]) -> EmbeddedStore:
        store = ox.Store()
        store.bulk_load(input=data, format=ox.RdfFormat.N_QUADS)
        return cls(store, info, prefixes)

    # --- the Store interface, evaluated in the calling thread --------------

    def query(self, request: QueryRequest, deadline: float) -> Answer:
        return self._answer(self.prepare(request))

    def graph(self, request: GraphRequest, deadline: float) -> Answer:
        return self._answer(self.prepare_graph(request))

    def close(self) -> None:
        """Nothing to release: the store is memory, gone with the object."""

    @staticmethod
    def _answer(prepared: Prepared) -> Answer:
        buffer = io.BytesIO()
        _evaluating(prepared.write, buffer)
        return Answer(prepared.kind, prepared.format, [buffer.getvalue()])

    # --- the parts an engine process drives itself ---------------------------

    def prepare(self, request: QueryRequest) -> Prepared:
        # None: the dataset the query names (FROM), or the store's own.
        default_graph: list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph] | None = None
        named_graphs: list[ox.NamedNode | ox.BlankNode] | None = None
        if request.default_graphs is not None or request.named_graphs is not None:
            default_graph = [ox.NamedNode(g) for g in request.default_graphs or ()]
            named_graphs = [ox.NamedNode(g) for g in request.named_graphs or ()]
        try:
            results = self._store.query(
                request.text,
                prefixes=self._prefixes,
                base_iri=request.base_iri,
                default_graph=default_graph,
                named_graphs=named_graphs,
                use_default_graph_as_union=default_graph is None and request.union_default,
            )
        except SyntaxError as error:
            raise QuerySyntaxError(str(error)) from None
        except ValueError as error:  # e.g. an invalid IRI in default-graph-uri
            raise QuerySyntaxError(str(error)) from None
        if isinstance(results, ox.QueryTriples):
            name = request.graph_format
            if name is None:
                raise FormatNotAcceptable(Kind.GRAPH)
            return Prepared(Kind.GRAPH, name, self._triples_writer(results, name))
        name = request.results_format
        if name is None:
            raise FormatNotAcceptable(Kind.RESULTS)
        fmt = RESULTS_FORMATS[name]
        return Prepared(Kind.RESULTS, name, lambda out: results.serialize(out, fmt))

    def prepare_graph(self, request: GraphRequest) -> Prepared:
        fmt = RDF_FORMATS[request.format]
        prefixes = self._prefixes if request.format in PREFIXED else None
        if request.dataset:
            return Prepared(
                Kind.DATASET,
                request.format,
                lambda out: self._store.dump(out, fmt, prefixes=prefixes),
            )
        if request.graph is None:
            union = self._store.query(_UNION_GRAPH, use_default_graph_as_union=True)
            if not isinstance(union, ox.QueryTriples):  # a CONSTRUCT gives triples
                raise TypeError(f"not a CONSTRUCT: {_UNION_GRAPH}")
            return Prepared(Kind.GRAPH, request.format, self._triples_writer(union, request.format))
        graph = ox.NamedNode(request.graph)
        return Prepared(
            Kind.GRAPH,
            request.format,
            lambda out: self._store.dump(out, fmt, from_graph=graph, prefixes=prefixes),
        )

    def _triples_writer(self, triples: ox.QueryTriples, name: str) -> Callable[[IO[bytes]], object]:
        fmt = RDF_FORMATS[name]
        if name in PREFIXED:
            return lambda out: ox.serialize(triples, out, fmt, prefixes=self._prefixes)
        return lambda out: triples.serialize(out, fmt)


def _evaluating(write: Callable[[IO[bytes]], object], out: IO[bytes]) -> None:
    """Run ``write``, reporting evaluation errors as the client's (they are the query's)."""
    try:
        write(out)
    except (OSError, RuntimeError, ValueError, TypeError) as error:
        raise QueryEvaluationError(f"the query could not be evaluated: {error}") from None


def snapshot(build: BuildUnit) -> tuple[bytes, BuildInfo]:
    """Read a published build's store, read-only, as N-Quads, and its description.

    ``build`` was resolved once from the pointer (``catalogue.publication.unit_of``):
    a worker and every engine it starts serve that one build, even if a new build
    replaces the pointer meanwhile.
    """
    disk = ox.Store.read_only(str(build.store))
    try:
        data = written(partial(disk.dump, format=ox.RdfFormat.N_QUADS))
        quads = len(disk)
        graphs = tuple(sorted(g.value for g in disk.named_graphs() if isinstance(g, ox.NamedNode)))
    finally:
        del disk
    described = build.info()
    info = BuildInfo(
        build_id=build.id,
        # Written when the build was published, and never again.
        last_modified=(build.root / INFO_FILE).stat().st_mtime,
        quads=quads,
        graphs=graphs,
        namespace=str(described["namespace"]) if "namespace" in described else None,
        source_sha256=str(described["source_sha256"]) if "source_sha256" in described else None,
    )
    return data, info
