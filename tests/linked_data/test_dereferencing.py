"""Every kind of IRI the build mints, dereferenced every way a client can ask.

One table of resources (a path, a name its documents must contain) and one of
ways to ask (an Accept header or a format parameter, and the document it must
lead to); every pair is a test: 303 See Other to the right document (a relative
Location, no host), then that document: 200, its media type, a body that parses
and contains the name.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

import html5lib
import pyoxigraph as ox
import pytest
from flask.testing import FlaskClient

from tests.site_fixtures import BROWSER, NS, ONTOLOGY


@dataclass(frozen=True)
class Resource:
    kind: str
    path: str
    #: A literal its RDF documents state about it, and its page shows.
    name: str
    #: The IRI the documents are about (when not namespace + path).
    iri: str | None = None

    @property
    def subject(self) -> str:
        return self.iri or NS + self.path.lstrip("/")

    @property
    def stem(self) -> str:
        """The last segment of the document's path, as a relative Location names it."""
        return self.path.rstrip("/").rsplit("/", 1)[-1]


RESOURCES = [
    Resource("scheme", "/2022", "服务外包产业重点发展领域指导目录（2022年版）"),
    Resource("predecessor", "/2018", "服务外包产业重点发展领域指导目录"),
    Resource("level", "/2022/level/domain", "重点发展领域"),
    Resource("category", "/2022/category/ITO", "信息技术外包"),
    Resource("domain", "/2022/domain/05", "电子商务平台服务"),
    Resource("business-type", "/2022/business-type/05.01", "电子商务平台开发"),
    Resource("business-subtype", "/2022/business-type/06.09.05", "人脸识别"),
    Resource("note", "/2022/domain/05/note/exclusion-1/zh", "但不包括电子商务代运营服务"),
    Resource("level-note", "/2022/level/domain/note/definition/en", "key development areas"),
    Resource("excluded-activity", "/2022/domain/05/excluded-activity/1", "电子商务代运营服务"),
    Resource("source", "/2022/source", "zh-Hans"),
    Resource("ministry", "/organization/mofcom", "中华人民共和国商务部"),
    Resource(
        "project", "/organization/project", "Service Outsourcing Catalogue Linked Data project"
    ),
    Resource("announcement", "/document/announcement-2022-15", "公告2022年第15号"),
    Resource(
        "cited-document", "/document/guofa-2014-67", "国务院关于促进服务外包产业加快发展的意见"
    ),
    Resource("dataset", "/dataset", "as linked data"),
    Resource("named-graph", "/graph/official", "official graph"),
    Resource("ontology", "/ontology", "Service Outsourcing Catalogue ontology", ONTOLOGY),
    Resource("ontology-class", "/ontology/KeyDomain", "key domain", ONTOLOGY + "/KeyDomain"),
    Resource("ontology-property", "/ontology/coveredBy", "covered by", ONTOLOGY + "/coveredBy"),
    Resource("ontology-datatype", "/ontology/MintedCode", "minted code", ONTOLOGY + "/MintedCode"),
]


@dataclass(frozen=True)
class Ask:
    name: str
    extension: str
    media_type: str
    accept: str | None = None
    params: tuple[tuple[str, str], ...] = ()


ASKS = [
    Ask("browser", "html", "text/html", BROWSER),
    Ask("turtle", "ttl", "text/turtle", "text/turtle"),
    Ask("n-triples", "nt", "application/n-triples", "application/n-triples"),
    Ask("rdf-xml", "rdf", "application/rdf+xml", "application/rdf+xml"),
    Ask("json-ld", "jsonld", "application/ld+json", "application/ld+json"),
    Ask("anything", "ttl", "text/turtle", "*/*"),
    Ask("no-accept", "ttl", "text/turtle", None),
    Ask("q-values", "rdf", "application/rdf+xml", "text/turtle;q=0.5, application/rdf+xml;q=0.9"),
    Ask("format-param", "jsonld", "application/ld+json", BROWSER, (("format", "jsonld"),)),
    Ask("_format-param", "nt", "application/n-triples", None, (("_format", "nt"),)),
]

_RDF = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
}


def _get(site: FlaskClient, path: str, ask: Ask):
    headers = {"Accept": ask.accept} if ask.accept else {}
    return site.get(path, headers=headers, query_string=dict(ask.params))


@pytest.mark.parametrize("ask", ASKS, ids=[a.name for a in ASKS])
@pytest.mark.parametrize("resource", RESOURCES, ids=[r.kind for r in RESOURCES])
def test_iri_redirects_to_its_document(site: FlaskClient, resource: Resource, ask: Ask) -> None:
    if ask.name == "no-accept" and resource.kind == "ontology":  # OWL tools: RDF/XML
        ask = Ask("no-accept", "rdf", "application/rdf+xml", None)
    response = _get(site, resource.path, ask)
    assert response.status_code == 303, response.text
    location = response.headers["Location"]
    assert location == f"{resource.stem}.{ask.extension}"  # relative: no host, any prefix
    assert response.headers["Vary"] == "Accept"
    assert 'rel="alternate"' in response.headers["Link"]

    document = site.get(resource.path + "." + ask.extension, headers={"Accept": BROWSER})
    assert document.status_code == 200
    assert document.headers["Content-Type"].split(";")[0] == ask.media_type
    check_body(document.data, ask.media_type, resource)


def check_body(body: bytes, media_type: str, resource: Resource) -> None:
    """The body parses in its format, and says the resource's name."""
    if media_type == "text/html":
        html5lib.HTMLParser(strict=True).parse(body)
        assert resource.name in body.decode()
        return
    triples = list(ox.parse(body, format=_RDF[media_type]))
    assert any(t.subject == ox.NamedNode(resource.subject) for t in triples)
    literals = [t.object.value for t in triples if isinstance(t.object, ox.Literal)]
    assert any(resource.name in value for value in literals), literals[:20]


@pytest.mark.parametrize("resource", RESOURCES, ids=[r.kind for r in RESOURCES])
def test_document_carries_caching_and_links(site: FlaskClient, resource: Resource) -> None:
    response = site.get(resource.path + ".ttl")
    assert response.status_code == 200
    etag = response.headers["ETag"]
    assert response.headers["Vary"] == "Accept-Encoding"  # one URL per format
    link = response.headers["Link"]
    assert f'<{resource.subject}>; rel="describes"' in link
    assert f'<{resource.stem}.jsonld>; rel="alternate"; type="application/ld+json"' in link
    assert f'<{resource.stem}.html>; rel=alternate; type="text/html"' in link
    again = site.get(resource.path + ".ttl", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""


def _links(header: str) -> list[dict[str, str]]:
    """RFC 8288 links: target and parameters, a token and a quoted string alike."""
    links = []
    for entry in re.findall(r'<[^>]*>(?:\s*;\s*[^;,=]+=(?:"[^"]*"|[^;,]*))*', header):
        link = {"target": entry[1 : entry.index(">")]}
        for name, quoted, token in re.findall(r';\s*([^;,=\s]+)=(?:"([^"]*)"|([^;,]*))', entry):
            link[name] = quoted or token.strip()
        links.append(link)
    return links


@pytest.mark.parametrize(
    "path", ["/2022/domain/05", "/2022/domain/05.jsonld", "/2022/domain/05.html"]
)
def test_alternates_are_all_there_and_pyld_reads_one(site: FlaskClient, path: str) -> None:
    """pyld 3.3's requests loader crashes on two rel="alternate" links (its
    parse_link_header makes a list, the loader calls .get on it) and reads a bare
    token as empty: so only the JSON-LD alternate has a quoted rel."""
    header = site.get(path, headers={"Accept": "application/ld+json"}).headers["Link"]
    alternates = [link for link in _links(header) if link.get("rel") == "alternate"]
    assert {link["type"] for link in alternates} == {
        "text/turtle", "application/n-triples", "application/rdf+xml",
        "application/ld+json", "text/html",
    }  # fmt: skip
    assert re.findall(r'<([^>]*)>; rel="alternate"', header) == ["05.jsonld"]


ALIASES = [
    ("/ontology/", "../ontology.ttl"),  # the namespace IRI names the ontology
    ("/ontology/1.0.0", "../ontology.ttl"),  # so does its version IRI
    ("/2022/source", "source.ttl"),  # the base of every source#line=… excerpt
]


@pytest.mark.parametrize("path, location", ALIASES)
def test_aliases_and_hash_iris(site: FlaskClient, path: str, location: str) -> None:
    response = site.get(path, headers={"Accept": "text/turtle"})
    assert response.status_code == 303
    assert response.headers["Location"] == location


def test_excerpts_are_described_by_the_source_document(site: FlaskClient) -> None:
    """A hash IRI reaches the server without its fragment: the source's document describes
    every excerpt, with its lines and what was derived from it."""
    triples = list(ox.parse(site.get("/2022/source.nt").data, format=ox.RdfFormat.N_TRIPLES))
    excerpt = ox.NamedNode(NS + "2022/source#line=59,64")
    facts = {
        (t.predicate.value.rsplit("/", 1)[-1], t.object.value)
        for t in triples
        if t.subject == excerpt
    }
    assert ("firstLine", "60") in facts and ("lastLine", "64") in facts
    derived = {t.subject.value for t in triples if t.object == excerpt}
    assert NS + "2022/domain/05" in derived
    page = site.get("/2022/source.html", headers={"Accept": BROWSER}).data.decode()
    assert 'id="line=59,64"' in page  # a browser following the hash IRI lands on its lines


def test_source_text_itself_by_plain_text(site: FlaskClient) -> None:
    response = site.get("/2022/source", headers={"Accept": "text/plain"})
    assert response.headers["Location"] == "source.txt"
    text = site.get("/2022/source.txt")
    assert text.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert text.data.decode().splitlines()[59] == "五、电子商务平台服务"  # line 60


def test_ontology_documents_are_the_builds_files(site: FlaskClient, site_build) -> None:
    ontology = site_build / "ontology"
    assert site.get("/ontology.ttl").data == (ontology / "soc.ttl").read_bytes()
    assert site.get("/ontology.rdf").data == (ontology / "soc.rdf").read_bytes()
    owx = site.get("/ontology", headers={"Accept": "application/owl+xml"})
    assert owx.headers["Location"] == "ontology.owx"
    assert site.get("/ontology.owx").headers["Content-Type"] == "application/owl+xml"
    assert site.get("/ontology.ofn").data == (ontology / "soc.ofn").read_bytes()
    # Only the ontology has OWL syntaxes.
    assert site.get("/2022/domain/05.owx").status_code == 404


@pytest.mark.parametrize(
    "path, status",
    [
        ("/2022/domain/99", 404),  # no such domain
        ("/2022/domain/05.xyz", 404),  # no such format: a path, not an IRI of ours
        ("/2022/domain/05/", 404),  # a different IRI
        ("/2022/domain/05.txt", 404),  # only the source text is text
        ("/dumps/secrets.txt", 404),  # only the build's listed files
        ("/dumps/..%2fstore", 404),
    ],
)
def test_unknown(site: FlaskClient, path: str, status: int) -> None:
    response = site.get(path)
    assert response.status_code == status
    assert response.headers["Content-Type"] == "text/plain; charset=utf-8"


def test_not_acceptable_and_unknown_format(site: FlaskClient) -> None:
    response = site.get("/2022/domain/05", headers={"Accept": "image/png"})
    assert response.status_code == 406
    assert "text/turtle" in response.text
    assert site.get("/2022/domain/05?format=yaml").status_code == 400


def test_things_that_are_documents_are_served_directly(site: FlaskClient, site_build) -> None:
    dump = site.get("/dumps/catalogue.ttl")
    assert dump.status_code == 200
    assert dump.data == (site_build / "dumps" / "catalogue.ttl").read_bytes()
    sums = (site_build / "dumps" / "SHA256SUMS").read_text()
    assert (
        f"{dump.headers['ETag'].strip(chr(34))}  catalogue.ttl" in sums
    )  # the ETag is the SHA-256
    assert (
        site.get(
            "/dumps/catalogue.ttl", headers={"If-None-Match": dump.headers["ETag"]}
        ).status_code
        == 304
    )
    endpoint = site.get("/sparql", headers={"Accept": "text/turtle"})  # {ns}sparql: the service
    assert endpoint.status_code == 200 and b"sd:Service" in endpoint.data


def test_lang_parameter_survives_the_redirect(site: FlaskClient) -> None:
    response = site.get("/2022/domain/05?lang=zh", headers={"Accept": BROWSER})
    assert response.headers["Location"] == "05.html?lang=zh"


def test_chinese_is_tagged_zh_in_every_format(site: FlaskClient) -> None:
    """Plain "zh": a tag with no case for a store to change (Oxigraph writes "zh-Hans" as
    "zh-hans"), so what a document says is what a SPARQL FILTER(lang(?l) = "zh") finds."""
    for extension, marker in (("ttl", b'"@zh '), ("nt", b'"@zh .'), ("rdf", b'xml:lang="zh"')):
        body = site.get(f"/2022/domain/05.{extension}").data
        assert marker in body and b"zh-hans" not in body.lower(), extension
    jsonld = site.get("/2022/domain/05.jsonld").get_json()
    domain = next(n for n in jsonld["@graph"] if n["@id"].endswith("/2022/domain/05"))
    assert domain["prefLabel"]["zh"] == "电子商务平台服务"
    assert "zh-Hans" not in json.dumps(jsonld)


def test_head_answers_as_get_does(site: FlaskClient) -> None:
    for path, accept in (("/2022/domain/05", "text/turtle"), ("/2022/domain/05.ttl", "*/*")):
        got = site.get(path, headers={"Accept": accept})
        head = site.head(path, headers={"Accept": accept})
        assert head.status_code == got.status_code and head.data == b""
        for name in ("Location", "ETag", "Vary", "Link", "Content-Type"):
            assert head.headers.get(name) == got.headers.get(name), name


def test_no_accept_gets_rdfxml_for_the_ontology_and_turtle_elsewhere(site: FlaskClient) -> None:
    """OWL tools load an owl:imports by plain URL, with no Accept header (owlready2 uses
    urllib), and may read nothing but RDF/XML; everyone else gets our first choice."""
    for path in ("/ontology", "/ontology/", "/ontology/1.0.0"):
        location = site.get(path, headers={"Accept": ""}).headers["Location"]
        assert location.endswith("ontology.rdf"), (path, location)
    assert site.get("/ontology", headers={"Accept": "*/*"}).headers["Location"] == "ontology.ttl"
    assert site.get("/2022/domain/05", headers={"Accept": ""}).headers["Location"] == "05.ttl"
