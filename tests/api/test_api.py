"""What an application gets from /api/v1: the specification of the JSON API, case by case."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

NS = "https://w3id.org/service-outsourcing/2022/"
JSON = "application/json"
JSONLD = "application/ld+json"


# (code as typed, the concept's notation, level, Chinese label, English label)
@pytest.mark.parametrize(
    ("code", "notation", "level", "zh", "en"),
    [
        ("ITO", "ITO", "category", "信息技术外包", "Information technology outsourcing"),
        ("ito", "ITO", "category", "信息技术外包", "Information technology outsourcing"),
        (
            "06",
            "06",
            "domain",
            "新一代信息技术开发应用服务",
            "New-generation information technology development and application services",
        ),
        (
            "6",
            "06",
            "domain",
            "新一代信息技术开发应用服务",
            "New-generation information technology development and application services",
        ),
        ("06.09", "06.09", "business-type", "自动识别服务", "Automatic recognition services"),
        ("6.9.5", "06.09.05", "business-subtype", "人脸识别", "Face recognition"),
    ],
)
def test_a_concept_by_code_is_bilingual(
    site: FlaskClient, code: str, notation: str, level: str, zh: str, en: str
) -> None:
    response = site.get(f"/api/v1/concepts/{code}")
    assert response.status_code == 200
    assert response.mimetype == JSON
    body = response.get_json()
    assert (body["notation"], body["level"]) == (notation, level)
    assert body["prefLabel"] == {"zh": zh, "en": en}


def test_a_concept_by_iri_is_the_same_as_by_code(site: FlaskClient) -> None:
    by_iri = site.get("/api/v1/concept", query_string={"iri": NS + "business-type/06.09.05"})
    assert by_iri.get_json() == site.get("/api/v1/concepts/06.09.05").get_json()


def test_the_chinese_is_official_and_the_english_and_curated_labels_are_not(
    site: FlaskClient,
) -> None:
    texts = site.get("/api/v1/concepts/06.09.05").get_json()["texts"]
    marks = {(t["field"], t["language"]): t["official"] for t in texts}
    assert marks[("prefLabel", "zh")] is True
    assert marks[("prefLabel", "en")] is False
    assert all(not t["official"] for t in texts if t["field"] in ("altLabel", "hiddenLabel"))
    # the official text says where it is in the announcement
    official = next(t for t in texts if t["official"])
    assert official["source"].startswith(NS + "source#line=")


def test_a_concept_places_itself_in_the_hierarchy(site: FlaskClient) -> None:
    body = site.get("/api/v1/concepts/06.09").get_json()
    assert (body["category"], body["domain"]) == ("ITO", "06")
    assert body["broader"] == NS + "domain/06"
    assert body["narrower"][0] == NS + "business-type/06.09.01"
    assert body["page"].endswith("/2022/business-type/06.09.html")


# (relation, code, the notations it answers, in order)
@pytest.mark.parametrize(
    ("relation", "code", "notations"),
    [
        ("children", "ITO", ["01", "02", "03", "04", "05", "06"]),
        (
            "children",
            "06.09",
            ["06.09.01", "06.09.02", "06.09.03", "06.09.04", "06.09.05", "06.09.06"],
        ),
        ("children", "06.09.05", []),
        ("ancestors", "06.09.05", ["ITO", "06", "06.09"]),
        ("ancestors", "ITO", []),
        ("siblings", "BPO", ["ITO", "KPO"]),
        ("siblings", "01", ["02", "03", "04", "05", "06"]),
    ],
)
def test_relatives_of_a_concept(
    site: FlaskClient, relation: str, code: str, notations: list[str]
) -> None:
    body = site.get(f"/api/v1/concepts/{code}/{relation}").get_json()
    assert [c["notation"] for c in body["results"]] == notations


def test_the_scheme_has_four_levels_and_three_categories(site: FlaskClient) -> None:
    body = site.get("/api/v1/scheme").get_json()
    assert body["iri"] == NS.rstrip("/")
    assert [(level["name"], level["count"]) for level in body["levels"]] == [
        ("category", 3),
        ("domain", 20),
        ("business-type", 90),
        ("business-subtype", 6),
    ]
    assert [c["notation"] for c in body["categories"]] == ["ITO", "BPO", "KPO"]
    assert site.get("/api/v1/levels").get_json()["levels"] == body["levels"]


# (route, query string, the notation of the first result)
@pytest.mark.parametrize(
    ("route", "query", "first"),
    [
        ("search", {"q": "人脸识别"}, "06.09.05"),
        ("search", {"q": "face recognition"}, "06.09.05"),
        ("search", {"q": "6.9"}, "06.09"),
        ("search", {"q": "识别", "level": "business-type"}, "06.09"),
        ("suggest", {"q": "人脸"}, "06.09.05"),
    ],
)
def test_search_and_suggest(site: FlaskClient, route: str, query: dict, first: str) -> None:
    body = site.get(f"/api/v1/{route}", query_string=query).get_json()
    assert body["q"] == query["q"]
    assert body["results"][0]["notation"] == first


def test_classify_names_the_concept_and_its_evidence(site: FlaskClient) -> None:
    body = site.get(
        "/api/v1/classify", query_string={"text": "我们为银行开发人脸识别门禁系统"}
    ).get_json()
    best = body["results"][0]
    assert best["notation"] == "06.09.05"
    assert best["evidence"], "a classification says why"


# (path, the status, a phrase of the message)
@pytest.mark.parametrize(
    ("path", "status", "message"),
    [
        ("/api/v1/concepts/99", 404, "no concept has the code '99'"),
        ("/api/v1/concept?iri=https://example.org/x", 404, "no concept has the IRI"),
        ("/api/v1/concept", 400, "iri: Field required"),
        ("/api/v1/search?q=%20", 400, "q: String should match pattern"),
        ("/api/v1/search?q=x&level=planet", 400, "level: Input should be"),
        ("/api/v1/search?q=x&limit=0", 400, "limit: Input should be greater than or equal to 1"),
        ("/api/v1/search?q=x&colour=red", 400, "colour: Extra inputs are not permitted"),
        ("/api/v1/classify", 400, "text: Field required"),
    ],
)
def test_bad_requests_are_refused_with_a_message(
    site: FlaskClient, path: str, status: int, message: str
) -> None:
    response = site.get(path)
    assert response.status_code == status
    assert response.mimetype == JSON
    assert message in response.get_json()["error"]


def test_json_ld_on_request_uses_the_published_context(site: FlaskClient) -> None:
    response = site.get("/api/v1/concepts/06.09.05", headers={"Accept": JSONLD})
    assert response.mimetype == JSONLD
    assert response.headers["Vary"] == "Accept"
    context = response.get_json()["@context"]
    assert context[0] == "http://localhost/dumps/context.jsonld"
    assert site.get("/dumps/context.jsonld").status_code == 200


def test_json_ld_expands_to_the_catalogue_s_own_statements(site: FlaskClient) -> None:
    """Read by a JSON-LD processor (pyld), the answer states the concept's labels and
    broader concept in SKOS, as the data does."""
    from pyld import jsonld

    context = site.get("/dumps/context.jsonld").get_json()

    def loader(url: str, options: dict | None = None) -> dict:
        assert url.endswith("/dumps/context.jsonld"), url
        return {"contextUrl": None, "documentUrl": url, "document": context}

    body = site.get("/api/v1/concepts/06.09.05", headers={"Accept": JSONLD}).get_json()
    [node] = jsonld.expand(body, {"documentLoader": loader})
    skos = "http://www.w3.org/2004/02/skos/core#"
    assert node["@id"] == NS + "business-type/06.09.05"
    assert {"@value": "人脸识别", "@language": "zh"} in node[skos + "prefLabel"]
    assert node[skos + "broader"] == [{"@id": NS + "business-type/06.09"}]
    assert node[skos + "notation"] == [{"@value": "06.09.05"}]


def test_the_docs_page_loads_swagger_ui_from_this_site(site: FlaskClient) -> None:
    page = site.get("/api/v1/docs").get_data(as_text=True)
    assert 'data-spec="/api/v1/openapi.json"' in page
    bundle = site.get("/static/vendor/swagger-ui/swagger-ui-bundle.js")
    assert bundle.status_code == 200, "make web copies Swagger UI from npm"


@pytest.fixture
def without_index(site_build, site_store, tmp_path):
    """The app over a build unit that has no search index (one published by a build
    older than search): a copy of the site's unit, every output but the index."""
    import shutil

    from catalogue.publication import unit_of
    from server.app import create_app
    from tests.site_fixtures import site_config

    unit = tmp_path / "builds" / "without-search"
    shutil.copytree(unit_of(site_build).root, unit, ignore=shutil.ignore_patterns("search"))
    return create_app(site_config(unit), store=site_store).test_client()


@pytest.mark.parametrize(
    "path",
    ["/api/v1/scheme", "/api/v1/concepts/06", "/api/v1/search?q=x", "/api/v1/classify?text=x"],
)
def test_without_a_search_index_the_answer_is_503_with_a_message(without_index, path: str) -> None:
    response = without_index.get(path)
    assert response.status_code == 503
    assert "the search index is not available" in response.get_json()["error"]
