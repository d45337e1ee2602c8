"""IRIs ↔ paths ↔ URLs: host-independent, prefix-proof, and documents by extension."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest
from flask import Flask

from server.linked_data.addresses import Addresses, relative_reference
from server.linked_data.documents import document_path, split_extension
from tests.site_fixtures import BROWSER, NS, ONTOLOGY, site_config


@pytest.mark.parametrize(
    "path, iri",
    [
        ("/2022/domain/05", NS + "2022/domain/05"),
        ("/2022/business-type/06.09.05", NS + "2022/business-type/06.09.05"),
        ("/ontology", ONTOLOGY),
        ("/ontology/KeyDomain", ONTOLOGY + "/KeyDomain"),
    ],
)
def test_paths_and_iris_map_both_ways(path: str, iri: str) -> None:
    addresses = Addresses(NS)
    assert addresses.iri_of(path) == iri
    assert addresses.path_of(iri) == path


def test_another_namespace_keeps_the_ontology_iri() -> None:
    """A build for another namespace: data IRIs follow it, the ontology's do not."""
    addresses = Addresses("http://localhost:8080/")
    assert addresses.iri_of("/2022/domain/05") == "http://localhost:8080/2022/domain/05"
    assert addresses.iri_of("/ontology/KeyDomain") == ONTOLOGY + "/KeyDomain"
    assert addresses.path_of(NS + "2022") is None  # not ours in this build
    assert addresses.path_of("http://www.w3.org/2004/02/skos/core#Concept") is None


@pytest.mark.parametrize(
    "start, target",
    [
        ("/2022/domain/05", "/2022/domain/05.ttl"),
        ("/2022", "/2022.html"),
        ("/ontology/", "/ontology.ttl"),
        ("/ontology/1.0.0", "/ontology.html"),
        ("/a/b/c", "/x/y.ttl"),
        ("/.well-known/void", "/dataset.ttl"),
    ],
)
def test_relative_references_resolve_back(start: str, target: str) -> None:
    for prefix in ("", "/catalogue"):  # however deep the site is mounted
        reference = relative_reference(start, target)
        assert "//" not in reference and not reference.startswith("/")
        base = "https://example.org" + prefix + start
        assert urljoin(base, reference) == "https://example.org" + prefix + target


@pytest.mark.parametrize(
    "path, resource, extension",
    [
        ("/2022/domain/05.ttl", "/2022/domain/05", "ttl"),
        (
            "/2022/business-type/06.09.05",
            "/2022/business-type/06.09.05",
            None,
        ),  # a code, not a format
        ("/2022/business-type/06.09.05.jsonld", "/2022/business-type/06.09.05", "jsonld"),
        ("/ontology.owx", "/ontology", "owx"),
        ("/dumps/.ttl", "/dumps/.ttl", None),
    ],
)
def test_extensions(path: str, resource: str, extension: str | None) -> None:
    found = split_extension(path)
    assert (found.resource, found.extension) == (resource, extension)
    if extension:
        assert document_path(resource, extension) == path


def _app(site_build, site_store, **settings) -> Flask:
    from server.app import create_app

    return create_app(site_config(site_build, **settings), store=site_store)


def test_public_url_makes_locations_absolute(site_build, site_store) -> None:
    client = _app(site_build, site_store, public_url="https://data.example.org/soc/").test_client()
    response = client.get("/2022/domain/05", headers={"Accept": "text/turtle"})
    assert response.headers["Location"] == "https://data.example.org/soc/2022/domain/05.ttl"
    page = client.get("/2022/domain/05.html", headers={"Accept": BROWSER}).text
    assert 'href="/soc/2022/category/ITO.html"' in page  # links under the public prefix
    void = client.get("/.well-known/void", headers={"Accept": "application/n-triples"}).text
    assert "<https://data.example.org/soc/sparql>" in void


def test_forwarded_headers_only_from_trusted_proxies(site_build, site_store) -> None:
    forwarded = {
        "Accept": "application/n-triples",
        "X-Forwarded-Host": "evil.example",
        "X-Forwarded-Proto": "https",
        "X-Forwarded-Prefix": "/catalogue",
    }
    untrusted = _app(site_build, site_store).test_client()
    body = untrusted.get("/.well-known/void", headers=forwarded).text
    assert "evil.example" not in body and "<http://localhost/sparql>" in body
    redirect = untrusted.get("/2022/domain/05", headers=forwarded)
    assert redirect.headers["Location"] == "05.nt"  # relative: never a host
    trusted = _app(site_build, site_store, trusted_proxies=1).test_client()
    body = trusted.get("/.well-known/void", headers=forwarded).text
    assert "<https://evil.example/catalogue/sparql>" in body
    page = trusted.get("/2022/domain/05.html", headers={**forwarded, "Accept": BROWSER}).text
    assert 'href="/catalogue/2022/category/ITO.html"' in page
