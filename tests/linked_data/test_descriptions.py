"""What a resource's document says: useful on its own, without a second request."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from flask.testing import FlaskClient

from tests.site_fixtures import NS

SKOS = "http://www.w3.org/2004/02/skos/core#"
SOC = NS + "ontology/"


def triples(site: FlaskClient, path: str) -> list[ox.Triple]:
    response = site.get(path + ".nt")
    assert response.status_code == 200
    return [quad.triple for quad in ox.parse(response.data, format=ox.RdfFormat.N_TRIPLES)]


def labels(found: list[ox.Triple], iri: str) -> set[str]:
    node = ox.NamedNode(NS + iri)
    return {
        t.object.value
        for t in found
        if t.subject == node and t.predicate.value == SKOS + "prefLabel"
    }


def test_a_sub_type_has_its_chain_up_to_the_scheme(site: FlaskClient) -> None:
    found = triples(site, "/2022/business-type/06.09.05")
    # its own statements
    assert labels(found, "2022/business-type/06.09.05") == {"人脸识别", "Face recognition"}
    # the broader chain, named, up to the category that is a top concept of the scheme
    assert labels(found, "2022/business-type/06.09") == {
        "自动识别服务",
        "Automatic recognition services",
    }
    assert "新一代信息技术开发应用服务" in labels(found, "2022/domain/06")
    assert "信息技术外包" in labels(found, "2022/category/ITO")
    top = ox.Triple(
        ox.NamedNode(NS + "2022/category/ITO"),
        ox.NamedNode(SKOS + "topConceptOf"),
        ox.NamedNode(NS + "2022"),
    )
    assert top in found
    # the lines it came from (the value: Oxigraph stores xsd:positiveInteger as xsd:integer)
    excerpt = ox.NamedNode(NS + "2022/source#line=71,72")
    lines = {(t.predicate.value, t.object.value) for t in found if t.subject == excerpt}
    assert {(SOC + "firstLine", "72"), (SOC + "lastLine", "72")} <= lines


def test_a_domain_has_its_notes_narrower_and_cross_links(site: FlaskClient) -> None:
    found = triples(site, "/2022/domain/05")
    assert "电子商务平台开发" in labels(found, "2022/business-type/05.01")  # narrower, named
    texts = {t.object.value for t in found if t.predicate.value.endswith("#plainText")}
    assert "但不包括电子商务代运营服务" in texts  # the exclusion note, whole
    activity = ox.NamedNode(NS + "2022/domain/05/excluded-activity/1")
    covered = [
        t.object for t in found if t.subject == activity and t.predicate.value == SOC + "coveredBy"
    ]
    assert covered == [ox.NamedNode(NS + "2022/business-type/08.04")]
    assert "电子商务代运营服务" in labels(found, "2022/business-type/08.04")  # where it is covered
    level = [t.subject for t in found if t.predicate.value == SKOS + "member"]
    assert level == [
        ox.NamedNode(NS + "2022/level/domain")
    ]  # its level, by the level's own statement


def test_the_document_describes_itself(site: FlaskClient) -> None:
    found = triples(site, "/2022/domain/05")
    document = ox.NamedNode("http://localhost/2022/domain/05.nt")
    primary = [
        t.object
        for t in found
        if t.subject == document and t.predicate.value.endswith("primaryTopic")
    ]
    assert primary == [ox.NamedNode(NS + "2022/domain/05")]


def test_the_scheme_names_its_levels_in_order(site: FlaskClient) -> None:
    body = site.get("/2022.ttl").text
    assert "xkos:levels ( <" in body  # an RDF list, written as one
    levels = body[body.index("xkos:levels (") :].split(")")[0]
    assert levels.index("/level/category>") < levels.index("/level/business-subtype>")


@pytest.mark.parametrize("path", ["/ontology/BusinessType", "/ontology/MintedCode"])
def test_ontology_terms_bring_their_blank_nodes(site: FlaskClient, path: str) -> None:
    found = triples(site, path)
    blanks = [t for t in found if isinstance(t.subject, ox.BlankNode)]
    assert blanks  # the restriction / the datatype definition, not a dangling _:b
    objects = {t.object for t in found if isinstance(t.object, ox.BlankNode)}
    assert objects <= {t.subject for t in blanks}


def test_a_ministry_lists_what_it_published(site: FlaskClient) -> None:
    found = triples(site, "/organization/mofcom")
    published = {
        t.subject.value for t in found if t.predicate.value == "http://purl.org/dc/terms/publisher"
    }
    assert {NS + "2022", NS + "document/announcement-2022-15"} <= published
