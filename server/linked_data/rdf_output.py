"""A resource's RDF documents: the description's triples, serialized by the store.

Turtle, N-Triples and RDF/XML come straight from the engine. JSON-LD is
compacted with the project's @context (the dumps' own, catalogue/jsonld_context.py:
language maps, links as IRIs), since the engine writes expanded JSON-LD that nobody
reads for pleasure. Language tags get back
their BCP 47 case (``zh-Hans``; Oxigraph stores them lower-cased).
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterable

import pyoxigraph as ox

from catalogue.jsonld_context import jsonld_context
from catalogue.vocab import PREFIXES
from catalogue.written import written
from server.formats import Format, oxigraph_format
from server.linked_data.describe import describe_query
from server.linked_data.documents import JSONLD, NTRIPLES, TURTLE
from server.linked_data.vocabulary import canonical_language
from server.store.interface import QueryRequest, Store

_TAG = r"[a-zA-Z]{1,8}(?:-[a-zA-Z0-9]{1,8})+"
#: Where each syntax writes a language tag (only tags with subtags change case).
_TAG_PLACES = {
    "turtle": re.compile(rf'(?<=[^\\]")@({_TAG})\b'),
    "ntriples": re.compile(rf'(?<=[^\\]")@({_TAG})\b'),
    "rdfxml": re.compile(rf'(?<=xml:lang=")({_TAG})(?=")'),
    "jsonld": re.compile(rf'(?<="@language": ")({_TAG})(?=")'),
}


def restore_language_case(data: bytes, format_name: str) -> bytes:
    pattern = _TAG_PLACES.get(format_name)
    if pattern is None:
        return data
    text = data.decode("utf-8")
    fixed = pattern.sub(
        lambda m: m.group(0).replace(m.group(1), canonical_language(m.group(1))), text
    )
    return fixed.encode("utf-8")


def construct(store: Store, query: str, fmt: Format, timeout: float) -> bytes:
    """A CONSTRUCT's answer in ``fmt``, written for reading: each statement once, the
    described resource's first, then the others grouped by subject."""
    request = QueryRequest(query, results_format=None, graph_format=NTRIPLES.name)
    data = store.query(request, time.monotonic() + timeout).body()
    triples = _tidy(ox.parse(data, format=ox.RdfFormat.N_TRIPLES), query)
    return serialize(triples, fmt, _prefixes())


def _tidy(quads: Iterable[ox.Quad], query: str) -> list[ox.Triple]:
    """Deduplicated (a CONSTRUCT repeats what several patterns produce) and ordered:
    named subjects by IRI, then blank nodes, so a reader finds each subject once.

    Blank nodes get their canonical labels (RDFC-1.0): an engine labels them anew
    on each query, and the same document must be the same bytes every time (its
    ETag is strong; the static site's copy is the dynamic one, byte for byte)."""
    dataset = ox.Dataset(quads)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    unique = dict.fromkeys(quad.triple for quad in dataset)

    def key(t: ox.Triple) -> tuple[bool, str, str, str]:
        blank = isinstance(t.subject, ox.BlankNode)
        return (blank, str(t.subject), str(t.predicate), str(t.object))

    return sorted(unique, key=key)


def _prefixes() -> dict[str, str]:

    return {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}


def describe(
    store: Store, iri: str, timeout: float, document: str, dataset: str
) -> list[ox.Triple]:
    """The description as triples, for the HTML page."""
    data = construct(store, describe_query(iri, document, dataset), NTRIPLES, timeout)
    return list(ox.parse(data, format=ox.RdfFormat.N_TRIPLES))


def describe_as(
    store: Store, iri: str, fmt: Format, timeout: float, document: str, dataset: str
) -> bytes:
    return construct(store, describe_query(iri, document, dataset), fmt, timeout)


def serialize(triples: list[ox.Triple], fmt: Format, prefixes: dict[str, str]) -> bytes:
    """Triples in ``fmt``. Turtle and JSON-LD are written by rdflib, as the dumps are:
    lists as ``( … )``, JSON-LD compacted with the dumps' @context; N-Triples and
    RDF/XML by Oxigraph, in the order given."""
    if fmt in (TURTLE, JSONLD):
        ntriples = written(lambda out: ox.serialize(triples, out, ox.RdfFormat.N_TRIPLES))
        data = _rdflib(ntriples, fmt, prefixes)
    else:
        rdf_format = oxigraph_format(fmt)
        rdfxml_prefixes = prefixes if fmt.name == "rdfxml" else None
        data = written(lambda out: ox.serialize(triples, out, rdf_format, prefixes=rdfxml_prefixes))
    return restore_language_case(data, fmt.name)


def _in_stable_order(data: bytes) -> bytes:
    """rdflib writes JSON-LD's nodes and values in the order of Python sets, which
    changes from one process to the next: sorted here, every array but a ``@list``
    (whose order is its meaning), and written as rdflib writes it (sorted keys,
    two-space indent, UTF-8), so two workers give the same bytes."""

    def ordered(value: object, key: str = "") -> object:
        if isinstance(value, dict):
            return {k: ordered(v, k) for k, v in value.items()}
        if isinstance(value, list):
            items = [ordered(v) for v in value]
            if key == "@list":
                return items
            return sorted(items, key=lambda v: json.dumps(v, sort_keys=True))
        return value

    text = json.dumps(
        ordered(json.loads(data)),
        indent=2,
        separators=(",", ": "),
        sort_keys=True,
        ensure_ascii=False,
    )
    return text.encode("utf-8")


class _KeptLabels(dict[str, str]):
    """rdflib's N-Triples parser gives each blank node a fresh random label unless its
    ``bnode_context`` knows one: this one knows every label as itself, so the canonical
    labels reach the Turtle and JSON-LD written (the same bytes on every request)."""

    def get(self, key: str, default: str | None = None) -> str:  # type: ignore[override]
        return key


def _rdflib(ntriples: bytes, fmt: Format, prefixes: dict[str, str]) -> bytes:
    from rdflib import Graph

    graph = Graph(bind_namespaces="none")
    graph.parse(data=ntriples, format="nt", bnode_context=_KeptLabels())
    if fmt is JSONLD:
        # The dumps' context, inline: term definitions make it readable (language maps,
        # links as IRIs), and inline a client needs no second request to expand it.
        written_jsonld = graph.serialize(
            format="json-ld",
            context=jsonld_context()["@context"],
            auto_compact=True,
            encoding="utf-8",
        )
        return _in_stable_order(written_jsonld)
    for prefix, namespace in prefixes.items():
        graph.bind(prefix, namespace)
    return graph.serialize(format="turtle", encoding="utf-8")
