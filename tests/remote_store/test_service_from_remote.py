"""The whole service from the build published to a remote store, on each real engine: the
SPARQL protocol, the Graph Store, linked-data documents, pages, search, the JSON API,
the Skosmos REST API and reconciliation answer as they do from the embedded store."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from flask.testing import FlaskClient

from catalogue.publication import BuildUnit
from server.app import create_app
from server.config import ServerConfig
from server.store.embedded import EmbeddedStore
from tests.remote_store.conftest import NS, OFFICIAL, publish_to
from tests.remote_store.engines import Engine


@pytest.fixture(scope="session")
def remote_site(
    engine: Engine, build_a: BuildUnit, tmp_path_factory: pytest.TempPathFactory
) -> FlaskClient:
    """The app over the engine, with no copy of the build's folder beside it."""
    publish_to(engine.url, build_a)
    nowhere = tmp_path_factory.mktemp("no-build") / "store"
    config = ServerConfig(
        store=nowhere,
        store_url=engine.url,
        examples_dir=Path(__file__).resolve().parents[2] / "queries",
        access_log="off",
        rate_limit=None,
    )
    return create_app(config).test_client()


def values(body: bytes) -> list[tuple[str, ...]]:
    """A SELECT's rows as sorted tuples of values (engines differ in datatypes' names:
    Oxigraph makes xsd:positiveInteger xsd:integer, Virtuoso keeps it)."""
    results = json.loads(body)
    names = results["head"]["vars"]
    return sorted(
        tuple(row.get(n, {}).get("value", "") for n in names)
        for row in results["results"]["bindings"]
    )


QUERIES = [
    # the union default graph: every build graph, no other graph of the store
    "SELECT ?c ?n WHERE { ?c skos:notation ?n }",
    # the named graphs by their published names, listed and named
    "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
    f"SELECT ?c WHERE {{ GRAPH <{OFFICIAL}> {{ ?c a skos:Concept }} }}",
    f"SELECT (COUNT(*) AS ?n) FROM <{OFFICIAL}> WHERE {{ ?s ?p ?o }}",
    "ASK { ?c skos:prefLabel ?l FILTER(langMatches(lang(?l), 'zh')) }",
]


@pytest.mark.parametrize("query", QUERIES)
def test_queries_answer_as_the_embedded_store_does(
    remote_site: FlaskClient, site_store: EmbeddedStore, site, query: str
) -> None:
    remote = remote_site.get("/sparql", query_string={"query": query})
    local = site.get("/sparql", query_string={"query": query})
    assert remote.status_code == local.status_code == 200, remote.data
    assert remote.content_type == local.content_type
    if query.startswith("ASK"):
        assert json.loads(remote.data) == json.loads(local.data)
    else:
        assert values(remote.data) == values(local.data) != []


def test_graph_names_and_the_clients_dataset(remote_site: FlaskClient) -> None:
    """Graphs are asked for and answered by their published names, never the stored ones;
    a graph the build lacks (another vocabulary's, say) is empty, not another's data."""
    listed = remote_site.get(
        "/sparql", query_string={"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"}
    )
    graphs = {row[0] for row in values(listed.data)}
    assert OFFICIAL in graphs and all(g.startswith(NS + "graph/") for g in graphs)
    chosen = remote_site.get(
        "/sparql",
        query_string={
            "query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
            "default-graph-uri": OFFICIAL,
        },
    )
    whole = remote_site.get(
        "/sparql", query_string={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"}
    )
    assert 0 < int(values(chosen.data)[0][0]) < int(values(whole.data)[0][0])
    registry = remote_site.get(
        "/sparql",
        query_string={
            "query": "SELECT * WHERE { GRAPH <urn:x-outsourcing-catalogue:builds> { ?s ?p ?o } }"
        },
    )
    assert values(registry.data) == []


@pytest.mark.parametrize(
    "accept", ["text/turtle", "application/ld+json", "application/rdf+xml", "application/n-triples"]
)
def test_construct_in_every_format_even_those_the_engine_lacks(
    remote_site: FlaskClient, accept: str
) -> None:
    answer = remote_site.get(
        "/sparql",
        query_string={"query": "CONSTRUCT { ?c skos:broader ?p } WHERE { ?c skos:broader ?p }"},
        headers={"Accept": accept},
    )
    assert answer.status_code == 200 and answer.content_type.startswith(accept)
    fmt = ox.RdfFormat.from_media_type(accept)
    assert fmt is not None and len(list(ox.parse(answer.data, format=fmt))) > 20


def test_graph_store_dataset_in_quads_formats(
    remote_site: FlaskClient, site_store: EmbeddedStore
) -> None:
    for accept in ("application/n-quads", "application/trig"):
        answer = remote_site.get("/rdf-graph-store", headers={"Accept": accept})
        assert answer.status_code == 200, answer.data
        fmt = ox.RdfFormat.from_media_type(accept)
        assert fmt is not None
        quads = list(ox.parse(answer.data, format=fmt))
        assert len(quads) == site_store.info.quads
    one = remote_site.get(
        "/rdf-graph-store",
        query_string={"graph": OFFICIAL},
        headers={"Accept": "application/n-triples"},
    )
    assert one.status_code == 200 and len(one.data.splitlines()) > 1000


def test_every_part_of_the_site_answers(
    remote_site: FlaskClient, site: FlaskClient, build_a: BuildUnit
) -> None:
    paths = {
        "/2022/domain/05.html": "text/html",
        "/2022/domain/05.ttl": "text/turtle",
        "/2022/domain/05.jsonld": "application/ld+json",
        "/search?q=%E4%BA%BA%E8%84%B8%E8%AF%86%E5%88%AB&format=json": "application/json",
        "/api/v1/concepts/05": "application/json",
        "/rest/v1/vocabularies?lang=en": "application/json",
        "/reconcile?queries=%7B%22q0%22%3A%7B%22query%22%3A%22%E8%BD%AF%E4%BB%B6%E5%BC%80%E5%8F%91%22%7D%7D": "application/json",
        "/.well-known/void": "text/turtle",
        "/healthz": "",
    }
    for path, media_type in paths.items():
        answer = remote_site.get(path, headers={"Accept": media_type or "*/*"})
        assert answer.status_code == 200, (path, answer.data[:300])
        assert answer.content_type.startswith(media_type), path
        assert answer.headers["X-Build"] == build_a.id, path
    # Search's index, made again from the store's data, finds what the build's own finds.
    for q in ("人脸识别", "software", "ITO"):
        remote = json.loads(
            remote_site.get("/search", query_string={"q": q, "format": "json"}).data
        )
        local = json.loads(site.get("/search", query_string={"q": q, "format": "json"}).data)
        assert [h["iri"] for h in remote["results"]] == [h["iri"] for h in local["results"]] != []
    page = remote_site.get("/2022/domain/05.html").data.decode()
    assert build_a.id in page  # the pages' build stamp is the store's build
