"""The SPARQL 1.1 Protocol, Query Results formats and Graph Store GET, case by case.

Each case is a request and what the specifications say it must get: a status,
a media type, and a body that parses as that media type. They run against the
real server process (``live``), so what is tested is what is served.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import quote

import pytest
from endpoint_support import NS, OFFICIAL, TRANSLATION, media_type, parse_body

SELECT = "SELECT ?c ?label WHERE { ?c skos:prefLabel ?label } ORDER BY ?c ?label"
ASK = "ASK { ?c skos:notation 'ITO' }"
CONSTRUCT = "CONSTRUCT { ?c skos:broader ?p } WHERE { ?c skos:broader ?p }"
DESCRIBE = f"DESCRIBE <{NS}2022/domain/01>"
LABELS = "SELECT ?label WHERE { ?c skos:prefLabel ?label }"

SRJ = "application/sparql-results+json"
SRX = "application/sparql-results+xml"
TTL = "text/turtle"
TEXT = "text/plain"

FORM = "application/x-www-form-urlencoded"
DIRECT = "application/sparql-query"


@dataclass
class Case:
    id: str
    status: int
    media: str | None = None
    method: str = "GET"
    path: str = "/sparql"
    params: dict[str, str | list[str]] = field(default_factory=dict)
    query_string: str | None = None  # raw, for what params cannot express
    body: bytes | None = None
    content_type: str | None = None
    accept: str | None = None
    #: Checks on the parsed answer.
    expect: object = None

    def send(self, server):
        headers = {}
        if self.accept is not None:
            headers["Accept"] = self.accept
        if self.content_type is not None:
            headers["Content-Type"] = self.content_type
        url = server.url + self.path
        if self.query_string is not None:
            url += "?" + self.query_string
        import requests

        return requests.request(
            self.method, url, params=self.params, data=self.body, headers=headers, timeout=30
        )


def _labels(rows: list) -> set[str]:
    values = set()
    for row in rows:
        value = row["label"]
        values.add(value["value"] if isinstance(value, dict) else getattr(value, "value", value))
    return values


ENGLISH = {
    "Guiding Catalogue of Key Areas of Service Outsourcing (2022)",
    "Information technology outsourcing",
    "Software research and development services",
    "Integrated and electronic circuit design services",
}
CHINESE = {
    "服务外包产业重点发展领域指导目录（2022年版）",
    "信息技术外包",
    "软件研发服务",
    "集成电路和电子电路设计服务",
}


CASES = [
    # --- the four query forms, by GET, with each results format -----------------
    Case(
        "select-default-json",
        200,
        SRJ,
        params={"query": SELECT},
        expect=lambda rows: len(rows) == 8,
    ),
    Case(
        "select-accept-xml",
        200,
        SRX,
        params={"query": SELECT},
        accept=SRX,
        expect=lambda rows: len(rows) == 8,
    ),
    Case(
        "select-accept-csv",
        200,
        "text/csv",
        params={"query": SELECT},
        accept="text/csv",
        expect=lambda rows: len(rows) == 8,
    ),
    Case(
        "select-accept-tsv",
        200,
        "text/tab-separated-values",
        params={"query": SELECT},
        accept="text/tab-separated-values",
        expect=lambda rows: len(rows) == 8,
    ),
    Case(
        "select-accept-application-json",
        200,
        SRJ,
        params={"query": SELECT},
        accept="application/json",
    ),
    Case("select-accept-any", 200, SRJ, params={"query": SELECT}, accept="*/*"),
    Case("ask-json", 200, SRJ, params={"query": ASK}, expect=lambda b: b is True),
    Case("ask-xml", 200, SRX, params={"query": ASK}, accept=SRX, expect=lambda b: b is True),
    Case(
        "ask-false",
        200,
        SRJ,
        params={"query": "ASK { ?c skos:notation 'nope' }"},
        expect=lambda b: b is False,
    ),
    Case(
        "construct-default-turtle",
        200,
        TTL,
        params={"query": CONSTRUCT},
        expect=lambda quads: len(quads) == 2,
    ),
    Case(
        "construct-ntriples",
        200,
        "application/n-triples",
        params={"query": CONSTRUCT},
        accept="application/n-triples",
        expect=lambda quads: len(quads) == 2,
    ),
    Case(
        "construct-rdfxml",
        200,
        "application/rdf+xml",
        params={"query": CONSTRUCT},
        accept="application/rdf+xml",
        expect=lambda quads: len(quads) == 2,
    ),
    Case(
        "construct-jsonld",
        200,
        "application/ld+json",
        params={"query": CONSTRUCT},
        accept="application/ld+json",
        expect=lambda quads: len(quads) == 2,
    ),
    Case(
        "construct-nquads",
        200,
        "application/n-quads",
        params={"query": CONSTRUCT},
        accept="application/n-quads",
        expect=lambda quads: len(quads) == 2,
    ),
    Case(
        "construct-trig",
        200,
        "application/trig",
        params={"query": CONSTRUCT},
        accept="application/trig",
        expect=lambda quads: len(quads) == 2,
    ),
    Case("construct-n3", 200, "text/n3", params={"query": CONSTRUCT}, accept="text/n3"),
    Case(
        "describe-turtle",
        200,
        TTL,
        params={"query": DESCRIBE},
        expect=lambda quads: len(quads) >= 4,
    ),
    # --- POST, both ways ---------------------------------------------------------
    Case(
        "post-form-select",
        200,
        SRJ,
        method="POST",
        body=f"query={quote(SELECT)}".encode(),
        content_type=FORM,
        expect=lambda rows: len(rows) == 8,
    ),
    Case(
        "post-form-construct-rdfxml",
        200,
        "application/rdf+xml",
        method="POST",
        body=f"query={quote(CONSTRUCT)}".encode(),
        content_type=FORM,
        accept="application/rdf+xml",
    ),
    Case(
        "post-direct-select",
        200,
        SRJ,
        method="POST",
        body=SELECT.encode(),
        content_type=DIRECT,
        expect=lambda rows: len(rows) == 8,
    ),
    Case(
        "post-direct-charset",
        200,
        SRJ,
        method="POST",
        body=ASK.encode(),
        content_type=DIRECT + "; charset=UTF-8",
    ),
    Case(
        "post-direct-graph-in-url",
        200,
        SRJ,
        method="POST",
        body=LABELS.encode(),
        content_type=DIRECT,
        query_string="default-graph-uri=" + quote(TRANSLATION),
        expect=lambda rows: _labels(rows) == ENGLISH,
    ),
    Case(
        "post-form-chinese",
        200,
        SRJ,
        method="POST",
        content_type=FORM,
        body=(
            "query=" + quote("SELECT ?c WHERE { ?c skos:prefLabel '软件研发服务'@zh-Hans }")
        ).encode(),
        expect=lambda rows: len(rows) == 1,
    ),
    # --- the format parameter wins over Accept -----------------------------------
    Case(
        "format-csv-over-accept",
        200,
        "text/csv",
        params={"query": SELECT, "format": "csv"},
        accept=SRJ,
    ),
    Case("format-xml-select", 200, SRX, params={"query": SELECT, "format": "xml"}),
    Case(
        "format-xml-construct-is-rdfxml",
        200,
        "application/rdf+xml",
        params={"query": CONSTRUCT, "format": "xml"},
    ),
    Case(
        "format-json-construct-is-jsonld",
        200,
        "application/ld+json",
        params={"query": CONSTRUCT, "format": "json"},
    ),
    Case("format-ttl", 200, TTL, params={"query": CONSTRUCT, "format": "ttl"}, accept=SRJ),
    Case("format-nt", 200, "application/n-triples", params={"query": CONSTRUCT, "format": "nt"}),
    Case("format-media-type", 200, SRX, params={"query": ASK, "format": SRX}),
    Case(
        "format-output-alias",
        200,
        "text/tab-separated-values",
        params={"query": SELECT, "output": "tsv"},
    ),
    # --- q-values ------------------------------------------------------------------
    Case(
        "q-prefers-csv",
        200,
        "text/csv",
        params={"query": SELECT},
        accept=f"{SRX};q=0.5, text/csv;q=0.9",
    ),
    Case(
        "q-specific-beats-wildcard",
        200,
        "text/tab-separated-values",
        params={"query": SELECT},
        accept="*/*;q=0.1, text/tab-separated-values",
    ),
    Case("q-text-wildcard", 200, "text/csv", params={"query": SELECT}, accept="text/*"),
    Case("q-zero-excludes", 200, SRX, params={"query": SELECT}, accept=f"{SRJ};q=0, {SRX}"),
    Case(
        "q-graph-ntriples",
        200,
        "application/n-triples",
        params={"query": CONSTRUCT},
        accept="text/turtle;q=0.2, application/n-triples;q=0.8",
    ),
    # --- nothing acceptable: 406 with a message; an unknown format: 400 --------------
    Case("select-as-turtle-406", 406, TEXT, params={"query": SELECT}, accept=TTL),
    Case("construct-as-csv-406", 406, TEXT, params={"query": CONSTRUCT}, accept="text/csv"),
    Case("format-turtle-select-406", 406, TEXT, params={"query": SELECT, "format": "turtle"}),
    Case("format-csv-construct-406", 406, TEXT, params={"query": CONSTRUCT, "format": "csv"}),
    Case("accept-image-406", 406, TEXT, params={"query": SELECT}, accept="image/png"),
    Case("format-unknown-400", 400, TEXT, params={"query": SELECT, "format": "yaml"}),
    # --- GET without a query: the service description, or the page --------------------
    Case("description-default-turtle", 200, TTL),
    Case("description-rdfxml", 200, "application/rdf+xml", accept="application/rdf+xml"),
    Case("description-jsonld", 200, "application/ld+json", accept="application/ld+json"),
    Case("description-format-param", 200, "application/n-triples", params={"format": "nt"}),
    Case("description-csv-406", 406, TEXT, accept="text/csv"),
    Case("query-page-html", 200, "text/html", accept="text/html,application/xhtml+xml,*/*;q=0.8"),
    # --- bad input: 4xx, with a message --------------------------------------------
    Case(
        "syntax-error-400",
        400,
        TEXT,
        params={"query": "SELECT * WHERE { ?s ?p }"},
        expect=lambda text: "1:" in text and "not valid SPARQL" in text,
    ),
    Case("empty-query-400", 400, TEXT, params={"query": "   "}, expect=lambda t: "empty" in t),
    Case(
        "two-queries-400",
        400,
        TEXT,
        params={"query": [ASK, ASK]},
        expect=lambda text: "2 'query' parameters" in text,
    ),
    Case(
        "invalid-utf8-url-400",
        400,
        TEXT,
        query_string="query=ASK%20%7B%7D%FF",
        expect=lambda text: "UTF-8" in text,
    ),
    Case(
        "invalid-utf8-body-400",
        400,
        TEXT,
        method="POST",
        body=b"ASK { ?s ?p '\xff' }",
        content_type=DIRECT,
        expect=lambda text: "UTF-8" in text,
    ),
    Case(
        "invalid-utf8-form-400",
        400,
        TEXT,
        method="POST",
        body=b"query=ASK%7B%7D%C3",
        content_type=FORM,
        expect=lambda text: "UTF-8" in text,
    ),
    Case(
        "post-no-content-type-415",
        415,
        TEXT,
        method="POST",
        body=ASK.encode(),
        content_type="",
        expect=lambda text: "application/sparql-query" in text,
    ),
    Case(
        "post-text-plain-415",
        415,
        TEXT,
        method="POST",
        body=ASK.encode(),
        content_type="text/plain",
    ),
    Case(
        "post-latin1-charset-415",
        415,
        TEXT,
        method="POST",
        body=ASK.encode(),
        content_type=DIRECT + "; charset=iso-8859-1",
    ),
    Case(
        "post-form-without-query-400",
        400,
        TEXT,
        method="POST",
        body=b"format=json",
        content_type=FORM,
    ),
    Case(
        "post-query-twice-400",
        400,
        TEXT,
        method="POST",
        body=ASK.encode(),
        content_type=DIRECT,
        query_string="query=" + quote(ASK),
    ),
    Case(
        "default-graph-not-iri-400",
        400,
        TEXT,
        params={"query": SELECT, "default-graph-uri": "not an iri"},
    ),
    Case("url-too-long-414", 414, TEXT, params={"query": ASK + " #" + "x" * 20000}),
    Case(
        "body-too-large-413",
        413,
        TEXT,
        method="POST",
        body=b"ASK {} #" + b"x" * 1_100_000,
        content_type=DIRECT,
    ),
    Case(
        "nesting-too-deep-400",
        400,
        TEXT,
        params={"query": "SELECT * WHERE { FILTER(" + "(" * 300 + "1" + ")" * 300 + ") }"},
        expect=lambda text: "302 levels" in text and "at most 200" in text,
    ),
    Case(
        "service-refused-400",
        400,
        TEXT,
        params={"query": "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"},
        expect=lambda text: "SERVICE" in text,
    ),
    Case("put-405", 405, TEXT, method="PUT", body=b"x", content_type=DIRECT),
    Case("unknown-path-404", 404, TEXT, path="/nothing-here"),
    # --- read-only: updates get 403, however they come ---------------------------------
    Case(
        "update-param-403",
        403,
        TEXT,
        method="POST",
        content_type=FORM,
        body=b"update=INSERT%20DATA%20%7B%3Ca%3E%20%3Cb%3E%20%3Cc%3E%7D",
        expect=lambda text: "read-only" in text,
    ),
    Case("update-param-get-403", 403, TEXT, params={"update": "CLEAR ALL"}),
    Case(
        "update-content-type-403",
        403,
        TEXT,
        method="POST",
        body=b"INSERT DATA { <a> <b> <c> }",
        content_type="application/sparql-update",
    ),
    Case("update-in-query-403", 403, TEXT, params={"query": "INSERT DATA { <a> <b> <c> }"}),
    Case(
        "update-after-prefix-403",
        403,
        TEXT,
        method="POST",
        content_type=DIRECT,
        body=b"PREFIX ex: <http://example.org/>\nDELETE WHERE { ?s ?p ?o }",
    ),
    Case("drop-in-form-403", 403, TEXT, method="POST", content_type=FORM, body=b"query=DROP%20ALL"),
    # --- the dataset: union by default; the protocol's graphs; the query's FROM ---------
    Case(
        "union-default-graph",
        200,
        SRJ,
        params={"query": LABELS},
        expect=lambda rows: _labels(rows) == ENGLISH | CHINESE,
    ),
    Case(
        "default-graph-uri",
        200,
        SRJ,
        params={"query": LABELS, "default-graph-uri": TRANSLATION},
        expect=lambda rows: _labels(rows) == ENGLISH,
    ),
    Case(
        "two-default-graphs-merged",
        200,
        SRJ,
        params={"query": LABELS, "default-graph-uri": [TRANSLATION, OFFICIAL]},
        expect=lambda rows: _labels(rows) == ENGLISH | CHINESE,
    ),
    Case(
        "named-graph-uri-only",
        200,
        SRJ,
        params={
            "query": "SELECT ?label WHERE { GRAPH ?g { ?c skos:prefLabel ?label } }",
            "named-graph-uri": OFFICIAL,
        },
        expect=lambda rows: _labels(rows) == CHINESE,
    ),
    Case(
        "named-graph-uri-empty-default",
        200,
        SRJ,
        params={"query": LABELS, "named-graph-uri": OFFICIAL},
        expect=lambda rows: rows == [],
    ),
    Case(
        "from-in-query",
        200,
        SRJ,
        params={"query": f"SELECT ?label FROM <{OFFICIAL}> WHERE {{ ?c skos:prefLabel ?label }}"},
        expect=lambda rows: _labels(rows) == CHINESE,
    ),
    Case(
        "protocol-graph-beats-from",
        200,
        SRJ,
        params={
            "query": f"SELECT ?label FROM <{OFFICIAL}> WHERE {{ ?c skos:prefLabel ?label }}",
            "default-graph-uri": TRANSLATION,
        },
        expect=lambda rows: _labels(rows) == ENGLISH,
    ),
    Case(
        "graph-keyword-sees-named",
        200,
        SRJ,
        params={"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"},
        expect=lambda rows: {r["g"]["value"] for r in rows} == {OFFICIAL, TRANSLATION},
    ),
    # --- Graph Store Protocol, GET only ----------------------------------------------
    Case(
        "gsp-default-union",
        200,
        TTL,
        path="/rdf-graph-store",
        query_string="default",
        expect=lambda quads: len(quads) == 24,
    ),
    Case(
        "gsp-named-graph",
        200,
        TTL,
        path="/rdf-graph-store",
        params={"graph": TRANSLATION},
        expect=lambda quads: len(quads) == 4,
    ),
    Case(
        "gsp-named-graph-ntriples",
        200,
        "application/n-triples",
        path="/rdf-graph-store",
        params={"graph": OFFICIAL},
        accept="application/n-triples",
        expect=lambda quads: len(quads) == 20,
    ),
    Case(
        "gsp-named-graph-jsonld",
        200,
        "application/ld+json",
        path="/rdf-graph-store",
        params={"graph": OFFICIAL, "format": "jsonld"},
    ),
    Case(
        "gsp-unknown-graph-404",
        404,
        TEXT,
        path="/rdf-graph-store",
        params={"graph": NS + "graph/nope"},
    ),
    Case(
        "gsp-dataset-nquads",
        200,
        "application/n-quads",
        path="/rdf-graph-store",
        expect=lambda quads: (
            len(quads) == 24 and {q.graph_name.value for q in quads} == {OFFICIAL, TRANSLATION}
        ),
    ),
    Case(
        "gsp-dataset-trig",
        200,
        "application/trig",
        path="/rdf-graph-store",
        accept="application/trig",
        expect=lambda quads: len(quads) == 24,
    ),
    Case("gsp-dataset-as-turtle-406", 406, TEXT, path="/rdf-graph-store", accept=TTL),
    Case(
        "gsp-graph-and-default-400",
        400,
        TEXT,
        path="/rdf-graph-store",
        query_string="default&graph=" + quote(OFFICIAL),
    ),
    Case(
        "gsp-put-405",
        405,
        TEXT,
        method="PUT",
        path="/rdf-graph-store",
        query_string="default",
        body=b"<a> <b> <c> .",
        content_type=TTL,
    ),
    Case(
        "gsp-delete-405",
        405,
        TEXT,
        method="DELETE",
        path="/rdf-graph-store",
        params={"graph": OFFICIAL},
    ),
    # --- relative IRIs resolve against the request's URL (W3C protocol test
    # query_content_type_construct: the query as sent there)
    Case(
        "w3c-query-content-type-construct",
        200,
        TTL,
        method="POST",
        body=b"CONSTRUCT { <s> <p> 1 } WHERE {}",
        content_type=DIRECT,
        accept=TTL,
        expect=lambda quads: (
            len(quads) == 1
            and quads[0].subject.value.endswith("/s")
            and quads[0].subject.value.startswith("http://127.0.0.1:")
        ),
    ),
    # --- forms Jena accepts (Skosmos sends them): made standard, not refused --------------
    Case(
        "jena-boolean-in-capitals",
        200,
        SRJ,
        params={"query": "SELECT ?d WHERE { BIND(true AS ?d) FILTER(?d = True && ?d != FALSE) }"},
        expect=lambda rows: len(rows) == 1,
    ),
    Case(
        "jena-variable-projected-twice",
        200,
        SRJ,
        params={"query": "SELECT ?c ?c ?label $c WHERE { ?c skos:prefLabel ?label }"},
        expect=lambda rows: len(rows) == 8,
    ),
    Case(
        "jena-group-concat-of-iris",
        200,
        SRJ,
        params={
            "query": "SELECT (GROUP_CONCAT(DISTINCT ?c; separator=' ') AS ?all) "
            "WHERE { ?c skos:prefLabel ?l }"
        },
        expect=lambda rows: NS in rows[0]["all"]["value"],
    ),
    Case(
        "boolean-words-inside-strings-stay",
        200,
        SRJ,
        params={"query": "SELECT ?t WHERE { BIND('True ?c ?c' AS ?t) FILTER(?t = 'True ?c ?c') }"},
        expect=lambda rows: len(rows) == 1,
    ),
    # --- operations ----------------------------------------------------------------------
    Case(
        "healthz",
        200,
        "application/json",
        path="/healthz",
        expect=lambda report: report["status"] == "ok",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_protocol_case(live, case: Case) -> None:
    response = case.send(live)
    assert response.status_code == case.status, response.text[:500]
    if case.media is not None:
        assert media_type(response.headers.get("Content-Type")) == case.media
    parsed = parse_body(response.headers.get("Content-Type"), response.content)
    if case.expect is not None:
        assert case.expect(parsed), parsed
    # Every answer, errors included, may be read cross-origin.
    assert response.headers.get("Access-Control-Allow-Origin") == "*"


def test_case_ids_are_unique() -> None:
    ids = [c.id for c in CASES]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize(
    "path, query_string",
    [
        ("/sparql", "query=" + quote(SELECT)),
        ("/sparql", "query=" + quote(CONSTRUCT)),
        ("/sparql", ""),
        ("/rdf-graph-store", "default"),
        ("/rdf-graph-store", ""),
    ],
)
def test_head_is_get_without_a_body(live, path: str, query_string: str) -> None:
    import requests

    url = f"{live.url}{path}?{query_string}"
    got = requests.get(url, timeout=30)
    head = requests.head(url, timeout=30)
    assert head.status_code == got.status_code == 200
    assert head.content == b""
    for name in ("Content-Type", "ETag", "Last-Modified", "Cache-Control", "Vary"):
        assert head.headers.get(name) == got.headers.get(name), name


def test_cors_preflight(live) -> None:
    import requests

    response = requests.options(
        live.sparql,
        headers={
            "Origin": "https://example.org",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
        timeout=10,
    )
    assert response.status_code == 204
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "POST" in response.headers["Access-Control-Allow-Methods"]
    assert response.headers["Access-Control-Allow-Headers"] == "content-type"
    assert "ETag" in response.headers["Access-Control-Expose-Headers"]
