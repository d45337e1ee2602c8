"""skosmos-client (PyPI), a real client of Skosmos' REST API, reads the catalogue from the
real server: vocabularies, the vocabulary, top concepts, labels, hierarchy, search,
lookup, types, groups and a concept's RDF."""

from __future__ import annotations

import pytest
from skosmos_client import SkosmosClient

VOCID = "catalogue-2022"
NS = "https://w3id.org/service-outsourcing/2022/"
FACE = NS + "business-type/06.09.05"
SKOS = "http://www.w3.org/2004/02/skos/core#"


@pytest.fixture(scope="module")
def skosmos(live_site: str) -> SkosmosClient:
    return SkosmosClient(api_base=f"{live_site}/rest/v1/")


def test_it_lists_the_vocabulary(skosmos: SkosmosClient) -> None:
    [vocabulary] = skosmos.vocabularies(lang="en")
    assert vocabulary["id"] == VOCID
    assert vocabulary["title"].startswith("Guiding Catalogue")


def test_it_reads_the_vocabulary(skosmos: SkosmosClient) -> None:
    info = skosmos.get_vocabulary(VOCID, lang="zh")
    assert info["title"] == "服务外包产业重点发展领域指导目录（2022年版）"
    assert (info["defaultLanguage"], info["languages"]) == ("zh", ["zh", "en"])
    assert info["conceptschemes"][0]["uri"] == NS.rstrip("/")


def test_an_unknown_vocabulary_is_a_value_error(skosmos: SkosmosClient) -> None:
    with pytest.raises(ValueError, match="not found"):
        skosmos.get_vocabulary("yso")


def test_it_reads_the_top_concepts(skosmos: SkosmosClient) -> None:
    tops = skosmos.top_concepts(VOCID, lang="en")
    assert [(t["notation"], t["label"]) for t in tops] == [
        ("ITO", "Information technology outsourcing"),
        ("BPO", "Business process outsourcing"),
        ("KPO", "Knowledge process outsourcing"),
    ]


# (language, the preferred label skosmos-client reads)
@pytest.mark.parametrize(("lang", "label"), [("zh", "人脸识别"), ("en", "Face recognition")])
def test_it_reads_labels(skosmos: SkosmosClient, lang: str, label: str) -> None:
    assert skosmos.get_concept(VOCID, FACE).label(lang) == label


def test_it_reads_the_hierarchy(skosmos: SkosmosClient) -> None:
    face = skosmos.get_concept(VOCID, FACE)
    [parent] = face.broader("en")
    assert (parent["uri"], parent["prefLabel"]) == (
        NS + "business-type/06.09",
        "Automatic recognition services",
    )
    chain = face.broaderTransitive("en")
    assert set(chain) == {FACE, NS + "business-type/06.09", NS + "domain/06", NS + "category/ITO"}
    assert chain[NS + "domain/06"]["broader"] == [NS + "category/ITO"]
    siblings = skosmos.get_concept(VOCID, NS + "business-type/06.09").narrower("en")
    assert FACE in [s["uri"] for s in siblings] and len(siblings) == 6
    below = skosmos.get_concept(VOCID, NS + "domain/06").narrowerTransitive("en")
    assert FACE in below
    assert skosmos.get_concept(VOCID, FACE).related("en") == []


def test_it_searches_and_looks_up(skosmos: SkosmosClient) -> None:
    [hit] = skosmos.search("人脸*", vocabs=VOCID, lang="zh")
    assert hit["uri"] == FACE
    [found] = skosmos.lookup(VOCID, "Face recognition", lang="en")
    assert found["uri"] == FACE
    with pytest.raises(ValueError, match="Could not find label"):
        skosmos.lookup(VOCID, "no such activity")


def test_it_reads_types_and_groups(skosmos: SkosmosClient) -> None:
    types = {t["uri"]: t for t in skosmos.types("en", vocid=VOCID)}
    assert (
        types["https://w3id.org/service-outsourcing/ontology/KeyDomain"]["superclass"]
        == SKOS + "Concept"
    )
    assert skosmos.groups(VOCID, lang="en") == []


def test_the_rdf_it_asks_for_is_a_concept_s_description(skosmos: SkosmosClient) -> None:
    """``SkosmosClient.data`` asks for RDF/XML, then parses it with rdflib *without a format*:
    rdflib 7 then tries Turtle and fails, against any Skosmos (a bug of skosmos-client 0.3
    under rdflib >= 6). Its request is made here as it makes it, and its answer parsed as
    the RDF/XML it is."""
    import requests
    from rdflib import Graph, Literal, URIRef
    from rdflib.namespace import SKOS as SKOS_NS

    params = {"uri": FACE, "format": "application/rdf+xml"}  # what data() sends
    response = requests.get(skosmos.api_base + VOCID + "/data", params=params, timeout=10)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("application/rdf+xml")
    graph = Graph().parse(data=response.content, format="xml")
    labels = set(graph.objects(URIRef(FACE), SKOS_NS.prefLabel))
    assert {Literal("人脸识别", lang="zh"), Literal("Face recognition", lang="en")} <= labels
