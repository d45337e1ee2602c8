"""``/.well-known/void``: VoID and DCAT with the URLs that answer here, what Skosmos needs."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient
from rdflib import Graph, Literal, Namespace, URIRef

from tests.site_fixtures import BROWSER, NS

# Plain namespaces: rdflib's closed ones warn when pytest looks at this module's names.
SKOSMOS = Namespace("http://purl.org/net/skosmos#")
VOID = Namespace("http://rdfs.org/ns/void#")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
RDF = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
DATASET = URIRef(NS + "dataset")
HERE = "http://localhost/"


@pytest.fixture(scope="module")
def void(site_app) -> Graph:
    response = site_app.test_client().get("/.well-known/void", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    assert response.headers["Content-Location"] == "../dataset.ttl"
    assert response.headers["Vary"] == "Accept, Accept-Encoding"
    return Graph().parse(data=response.data, format="turtle")


def test_endpoint_and_dumps_are_the_served_urls(void: Graph, site_build) -> None:
    assert (DATASET, VOID.sparqlEndpoint, URIRef(HERE + "sparql")) in void
    dumps = set(void.objects(DATASET, VOID.dataDump))
    names = {p.name for p in (site_build / "dumps").glob("catalogue.*")}
    assert dumps == {URIRef(HERE + "dumps/" + name) for name in names}
    for distribution in void.objects(DATASET, DCAT.distribution):
        url = void.value(distribution, DCAT.downloadURL)
        assert str(url).startswith(HERE + "dumps/")
        assert void.value(distribution, DCAT.byteSize) is not None
    assert (URIRef(HERE + "sparql"), DCAT.servesDataset, DATASET) in void


def test_uri_space_counts_vocabularies_licence_publisher(void: Graph) -> None:
    assert void.value(DATASET, VOID.uriSpace) == Literal(NS)
    triples = void.value(DATASET, VOID.triples)
    assert triples is not None and triples.datatype == XSD.integer and int(triples) > 2000
    vocabularies = {str(v) for v in void.objects(DATASET, VOID.vocabulary)}
    assert "http://www.w3.org/2004/02/skos/core#" in vocabularies
    assert void.value(DATASET, DCTERMS.license) == URIRef(
        "https://creativecommons.org/licenses/by/4.0/"
    )
    assert void.value(DATASET, DCTERMS.publisher) is not None
    graphs = set(void.objects(DATASET, VOID.subset))
    assert URIRef(NS + "graph/official") in graphs
    assert all(
        void.value(g, VOID.triples) is not None for g in graphs if not str(g).endswith("metadata")
    )
    classes = {
        void.value(p, VOID["class"]): int(void.value(p, VOID.entities))
        for p in void.objects(DATASET, VOID.classPartition)
    }
    assert classes[URIRef(NS + "ontology/KeyDomain")] == 20
    assert classes[URIRef(NS + "ontology/BusinessType")] == 90


def test_what_skosmos_reads(void: Graph) -> None:
    """A Skosmos vocabulary entry: these with void:uriSpace and void:sparqlEndpoint."""
    assert (DATASET, RDF.type, SKOSMOS.Vocabulary) in void
    assert {str(lang) for lang in void.objects(DATASET, SKOSMOS.language)} == {"zh", "en"}
    assert void.value(DATASET, SKOSMOS.mainConceptScheme) == URIRef(NS + "2022")
    assert void.value(DATASET, SKOSMOS.shortName) is not None
    assert {t.language for t in void.objects(DATASET, DCTERMS.title)} == {"en", "zh"}


def test_formats_and_the_page(site: FlaskClient) -> None:
    for accept in ("application/rdf+xml", "application/ld+json", "application/n-triples"):
        response = site.get("/.well-known/void", headers={"Accept": accept})
        assert response.status_code == 200
        Graph().parse(
            data=response.data,
            format={
                "application/rdf+xml": "xml",
                "application/ld+json": "json-ld",
                "application/n-triples": "nt",
            }[accept],
        )
    page = site.get("/.well-known/void", headers={"Accept": BROWSER})
    assert page.status_code == 303 and page.headers["Location"] == "../dataset.html"
    # The dataset's IRI leads to the same description.
    described = site.get("/dataset.nt").text
    assert f"<{NS}dataset> <http://rdfs.org/ns/void#sparqlEndpoint> <{HERE}sparql>" in described
