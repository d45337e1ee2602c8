"""``/.well-known/void``: the dataset's VoID and DCAT description, with the URLs it is served at.

The metadata graph (catalogue/graph/metadata.py) describes the dataset under
its persistent IRIs: ``{ns}sparql``, ``{ns}dumps/catalogue.ttl``. A consumer
of *this* server needs the URLs that answer here, so the description adds them:
``void:sparqlEndpoint`` and ``void:dataDump`` name the served URLs, each dump's
``dcat:downloadURL`` too, and the endpoint is a ``dcat:DataService``. Statistics
(classes, properties, entities) are counted on the store, and the few
``skosmos:`` statements a Skosmos configuration needs are included, so Skosmos
can be pointed at this description unchanged.
"""

from __future__ import annotations

import json
import time

import pyoxigraph as ox

from server.linked_data.addresses import Site
from server.linked_data.build_files import BuildFiles
from server.linked_data.vocabulary import DCAT, DCT, RDF, SD, SKOS, SKOSMOS, VOID, XSD
from server.store.interface import QueryRequest, Store

_STATISTICS = {
    "classes": "SELECT ?x (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?x } GROUP BY ?x ORDER BY ?x",
    "properties": "SELECT ?x (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?x ?o "
    "WHERE { ?s ?x ?o } } GROUP BY ?x ORDER BY ?x",
    "totals": "SELECT (COUNT(DISTINCT ?s) AS ?subjects) (COUNT(DISTINCT ?o) AS ?objects) "
    "WHERE { ?s ?p ?o }",
}


def _node(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def _integer(value: str | int) -> ox.Literal:
    return ox.Literal(str(value), datatype=_node(XSD + "integer"))


def describe_dataset(
    store: Store, namespace: str, site: Site, files: BuildFiles, timeout: float
) -> list[ox.Triple]:
    deadline = time.monotonic() + timeout
    metadata = f"{namespace}graph/metadata"
    construct = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{metadata}> {{ ?s ?p ?o }} }}"
    request = QueryRequest(construct, results_format=None, graph_format="ntriples")
    triples = list(ox.parse(store.query(request, deadline).body(), format=ox.RdfFormat.N_TRIPLES))
    dataset = _node(namespace + "dataset")
    endpoint = _node(site.absolute("sparql"))
    persistent_endpoint = _node(namespace + "sparql")

    def served(node: ox.NamedNode) -> ox.NamedNode:
        """A dump's or the endpoint's persistent IRI → the URL that answers here."""
        if node == persistent_endpoint:
            return endpoint
        if node.value.startswith(namespace + "dumps/"):
            return _node(site.absolute(node.value[len(namespace) :]))
        return node

    out: list[ox.Triple] = []
    for t in triples:
        if t.predicate.value in (VOID + "sparqlEndpoint", VOID + "dataDump", DCAT + "downloadURL"):
            out.append(ox.Triple(t.subject, t.predicate, served(t.object)))
        else:
            out.append(t)
    add = out.append
    # The endpoint as a DCAT data service, at the URL it answers at.
    add(ox.Triple(dataset, _node(DCAT + "accessService"), endpoint))
    for kind in (DCAT + "DataService", SD + "Service"):
        add(ox.Triple(endpoint, _node(RDF + "type"), _node(kind)))
    add(ox.Triple(endpoint, _node(DCAT + "endpointURL"), endpoint))
    add(ox.Triple(endpoint, _node(DCAT + "servesDataset"), dataset))
    add(ox.Triple(endpoint, _node(SD + "endpoint"), endpoint))
    add(ox.Triple(endpoint, _node(DCAT + "endpointDescription"), endpoint))
    for name, dump in files.dumps.items():
        if name.startswith("catalogue"):  # the dumps and the SKOS-only view, not the context
            add(
                ox.Triple(
                    _node(namespace + "dumps/" + name),
                    _node(DCAT + "byteSize"),
                    _integer(dump.size),
                )
            )
    add(ox.Triple(dataset, _node(VOID + "exampleResource"), _node(namespace + "2022/domain/06")))
    add(
        ox.Triple(
            dataset,
            _node(VOID + "exampleResource"),
            _node(namespace + "2022/business-type/06.09.05"),
        )
    )
    add(
        ox.Triple(
            dataset,
            _node(DCT + "title"),
            ox.Literal("服务外包产业重点发展领域指导目录（2022年版）关联数据", language="zh"),
        )
    )
    out.extend(_statistics(store, dataset, deadline))
    out.extend(_skosmos(dataset, namespace))
    return out


def _statistics(store: Store, dataset: ox.NamedNode, deadline: float) -> list[ox.Triple]:
    rows = {
        name: json.loads(store.query(QueryRequest(query, graph_format=None), deadline).body())[
            "results"
        ]["bindings"]
        for name, query in _STATISTICS.items()
    }
    out: list[ox.Triple] = []
    totals = rows["totals"][0]
    out.append(
        ox.Triple(dataset, _node(VOID + "distinctSubjects"), _integer(totals["subjects"]["value"]))
    )
    out.append(
        ox.Triple(dataset, _node(VOID + "distinctObjects"), _integer(totals["objects"]["value"]))
    )
    out.append(ox.Triple(dataset, _node(VOID + "classes"), _integer(len(rows["classes"]))))
    out.append(ox.Triple(dataset, _node(VOID + "properties"), _integer(len(rows["properties"]))))
    for kind, of, count in (
        ("classes", "class", "entities"),
        ("properties", "property", "triples"),
    ):
        for row in rows[kind]:
            partition = ox.BlankNode(f"{of}{len(out)}")
            out.append(ox.Triple(dataset, _node(VOID + f"{of}Partition"), partition))
            out.append(ox.Triple(partition, _node(VOID + of), _node(row["x"]["value"])))
            out.append(ox.Triple(partition, _node(VOID + count), _integer(row["n"]["value"])))
    return out


def _skosmos(dataset: ox.NamedNode, namespace: str) -> list[ox.Triple]:
    """What a Skosmos vocabulary entry needs besides void:uriSpace and void:sparqlEndpoint."""

    def say(predicate: str, value: ox.NamedNode | ox.Literal) -> ox.Triple:
        return ox.Triple(dataset, _node(predicate), value)

    return [
        say(RDF + "type", _node(SKOSMOS + "Vocabulary")),
        say(SKOSMOS + "shortName", ox.Literal("SOC2022")),
        say(SKOSMOS + "language", ox.Literal("zh")),
        say(SKOSMOS + "language", ox.Literal("en")),
        say(SKOSMOS + "defaultLanguage", ox.Literal("zh")),
        say(SKOSMOS + "mainConceptScheme", _node(namespace + "2022")),
        say(SKOSMOS + "showNotation", ox.Literal("true", datatype=_node(XSD + "boolean"))),
        say(SKOSMOS + "sortByNotation", ox.Literal("natural")),
        say(SKOSMOS + "showTopConcepts", ox.Literal("true", datatype=_node(XSD + "boolean"))),
        say(SKOSMOS + "hierarchyProperty", _node(SKOS + "broader")),
    ]
