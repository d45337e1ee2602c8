"""Real SPARQL clients against the real server: SPARQLWrapper and rdflib's SPARQLStore."""

from __future__ import annotations

import rdflib
from endpoint_support import NS, OFFICIAL, TRANSLATION, Server
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, GET, JSON, POST, TURTLE, XML, SPARQLWrapper

SELECT = "SELECT ?c ?n WHERE { ?c skos:notation ?n } ORDER BY ?n"


def wrapper(live: Server, query: str, fmt: str = JSON, method: str = GET) -> SPARQLWrapper:
    sparql = SPARQLWrapper(live.sparql)
    sparql.setQuery("PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n" + query)
    sparql.setReturnFormat(fmt)
    sparql.setMethod(method)
    return sparql


def test_sparqlwrapper_select_json_get_and_post(live: Server) -> None:
    for method in (GET, POST):
        results = wrapper(live, SELECT, method=method).queryAndConvert()
        assert [b["n"]["value"] for b in results["results"]["bindings"]] == ["01", "02", "ITO"]


def test_sparqlwrapper_select_xml_and_csv(live: Server) -> None:
    xml = wrapper(live, SELECT, XML).queryAndConvert()
    assert len(xml.getElementsByTagName("result")) == 3
    csv = wrapper(live, SELECT, CSV).queryAndConvert()
    assert csv.decode().splitlines()[0] == "c,n"


def test_sparqlwrapper_ask(live: Server) -> None:
    assert wrapper(live, "ASK { ?c skos:notation 'ITO' }").queryAndConvert()["boolean"] is True


def test_sparqlwrapper_construct_and_describe(live: Server) -> None:
    graph = wrapper(
        live, "CONSTRUCT { ?c skos:broader ?p } WHERE { ?c skos:broader ?p }", TURTLE
    ).queryAndConvert()
    graph = rdflib.Graph().parse(data=graph, format="turtle")
    assert len(graph) == 2
    described = wrapper(live, f"DESCRIBE <{NS}2022/domain/01>", XML).queryAndConvert()
    assert isinstance(described, rdflib.Graph) and len(described) >= 4


def test_rdflib_sparqlstore(live: Server) -> None:
    graph = rdflib.Graph(store=SPARQLStore(live.sparql))
    rows = list(graph.query(SELECT, initNs={"skos": rdflib.SKOS}))
    assert [str(row.n) for row in rows] == ["01", "02", "ITO"]
    ask = graph.query("ASK { ?s ?p ?o }")
    assert ask.askAnswer is True
    label = rdflib.Literal("Information technology outsourcing", lang="en")
    assert (rdflib.URIRef(f"{NS}2022/category/ITO"), rdflib.SKOS.prefLabel, label) in graph


def test_rdflib_sparqlstore_named_graph(live: Server) -> None:
    store = SPARQLStore(live.sparql)
    assert {str(graph) for graph in store.contexts()} == {OFFICIAL, TRANSLATION}
    translation = rdflib.Graph(store=store, identifier=rdflib.URIRef(TRANSLATION))
    labels = {str(label) for label in translation.objects(None, rdflib.SKOS.prefLabel)}
    assert "Software research and development services" in labels
    assert "软件研发服务" not in labels
