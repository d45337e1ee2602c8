"""The SPARQL 1.1 Service Description, answered by ``GET /sparql`` without a query.

https://www.w3.org/TR/sparql11-service-description/ — what the endpoint is
(sd:endpoint: its public URL), what it speaks (SPARQL 1.1 Query, the result
formats), that its default graph is the union of the named graphs
(sd:UnionDefaultGraph), and which named graphs the dataset has.
"""

from __future__ import annotations

import pyoxigraph as ox

from catalogue.written import written
from server.formats import FORMATS
from server.store.interface import BuildInfo

SD = "http://www.w3.org/ns/sparql-service-description#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
VOID = "http://rdfs.org/ns/void#"
DCT = "http://purl.org/dc/terms/"
XSD_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
PREFIXES = {"sd": SD, "void": VOID, "dct": DCT, "formats": "http://www.w3.org/ns/formats/"}


def _sd(name: str) -> ox.NamedNode:
    return ox.NamedNode(SD + name)


def describe(endpoint: str, info: BuildInfo) -> list[ox.Triple]:
    service = ox.NamedNode(endpoint)
    dataset = ox.BlankNode("dataset")
    default_graph = ox.BlankNode("defaultGraph")
    # Grouped by subject: the serializers write the triples in this order.
    triples = [
        ox.Triple(service, RDF_TYPE, _sd("Service")),
        ox.Triple(service, _sd("endpoint"), service),
        ox.Triple(service, _sd("supportedLanguage"), _sd("SPARQL11Query")),
        ox.Triple(service, _sd("feature"), _sd("UnionDefaultGraph")),
        ox.Triple(service, _sd("defaultEntailmentRegime"), ox.NamedNode(_SIMPLE)),
        *(ox.Triple(service, _sd("resultFormat"), ox.NamedNode(f.w3c)) for f in FORMATS if f.w3c),
        ox.Triple(service, _sd("defaultDataset"), dataset),
        ox.Triple(dataset, RDF_TYPE, _sd("Dataset")),
        ox.Triple(dataset, _sd("defaultGraph"), default_graph),
    ]
    if info.namespace:
        source = ox.NamedNode(info.namespace + "dataset")
        triples.append(ox.Triple(dataset, ox.NamedNode(DCT + "source"), source))
    named = [ox.BlankNode(f"namedGraph{index}") for index in range(len(info.graphs))]
    triples += [ox.Triple(dataset, _sd("namedGraph"), node) for node in named]
    triples += [
        ox.Triple(default_graph, RDF_TYPE, _sd("Graph")),
        ox.Triple(
            default_graph,
            ox.NamedNode(DCT + "description"),
            ox.Literal("The union of all the named graphs.", language="en"),
        ),
    ]
    for node, name in zip(named, info.graphs, strict=True):
        triples += [
            ox.Triple(node, RDF_TYPE, _sd("NamedGraph")),
            ox.Triple(node, _sd("name"), ox.NamedNode(name)),
        ]
    return triples


_SIMPLE = "http://www.w3.org/ns/entailment/Simple"


def serialize(triples: list[ox.Triple], rdf_format: ox.RdfFormat) -> bytes:
    return written(lambda out: ox.serialize(triples, out, rdf_format, prefixes=PREFIXES))
