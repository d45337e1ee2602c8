"""The SPARQL 1.1 Service Description, and the public URL it gives for the endpoint."""

from __future__ import annotations

import rdflib
from endpoint_support import OFFICIAL, TRANSLATION, Server, make_app
from rdflib.namespace import RDF

SD = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = rdflib.Namespace("http://www.w3.org/ns/formats/")


def _graph(body: bytes, fmt: str = "turtle") -> rdflib.Graph:
    return rdflib.Graph().parse(data=body, format=fmt)


def test_description_of_the_live_endpoint(live: Server) -> None:
    response = live.get(headers={"Accept": "text/turtle"})
    graph = _graph(response.content)
    service = rdflib.URIRef(live.sparql)
    assert (service, RDF.type, SD.Service) in graph
    assert (service, SD.endpoint, service) in graph
    assert (service, SD.supportedLanguage, SD.SPARQL11Query) in graph
    assert (service, SD.feature, SD.UnionDefaultGraph) in graph
    for fmt in ("SPARQL_Results_JSON", "SPARQL_Results_XML", "Turtle", "JSON-LD"):
        assert (service, SD.resultFormat, FORMATS[fmt]) in graph
    dataset = graph.value(service, SD.defaultDataset)
    names = {graph.value(named, SD.name) for named in graph.objects(dataset, SD.namedGraph)}
    assert names == {rdflib.URIRef(OFFICIAL), rdflib.URIRef(TRANSLATION)}


def test_description_in_rdfxml_and_jsonld_says_the_same(live: Server) -> None:
    turtle = _graph(live.get(headers={"Accept": "text/turtle"}).content)
    for accept, fmt in (("application/rdf+xml", "xml"), ("application/ld+json", "json-ld")):
        other = _graph(live.get(headers={"Accept": accept}).content, fmt)
        assert len(other) == len(turtle)


def _endpoint(client, **headers: str) -> str:
    graph = _graph(client.get("/sparql", headers={"Accept": "text/turtle", **headers}).data)
    return str(next(graph.objects(None, SD.endpoint)))


def test_public_url_is_used_when_configured(fixture_build, fixture_store) -> None:
    app = make_app(fixture_build, fixture_store, public_url="https://data.example.org/catalogue/")
    assert _endpoint(app.test_client()) == "https://data.example.org/catalogue/sparql"


def test_forwarded_headers_are_believed_only_from_trusted_proxies(
    fixture_build,
    fixture_store,
) -> None:
    forwarded = {"X-Forwarded-Host": "data.example.org", "X-Forwarded-Proto": "https"}
    untrusted = make_app(fixture_build, fixture_store).test_client()
    assert _endpoint(untrusted, **forwarded) == "http://localhost/sparql"
    trusted = make_app(fixture_build, fixture_store, trusted_proxies=1).test_client()
    assert _endpoint(trusted, **forwarded) == "https://data.example.org/sparql"
