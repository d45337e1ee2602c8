"""``/reconcile`` speaks the reconciliation API 0.2 (as OpenRefine 3.6 does): every answer is
checked against the specification's JSON Schema, and where the current draft's answer has
the same shape (suggest), against the draft's too.

Matching, as a table: a code or a label names its concept (a match when nobody else has
it); a business description is classified (a match only when the classifier is sure); a
cell the catalogue does not cover gets no candidate at all.
"""

from __future__ import annotations

import json

import pytest
from reconcile_schemas import errors

NS = "https://w3id.org/service-outsourcing/"


def send(site, field: str, value: object, schema: str, method: str = "POST") -> dict:
    """One request to /reconcile as OpenRefine sends it (a JSON form field, by POST or GET),
    its answer checked against the 0.2 schema it must meet."""
    payload = {field: json.dumps(value, ensure_ascii=False)}
    response = (
        site.post("/reconcile", data=payload)
        if method == "POST"
        else site.get("/reconcile", query_string=payload)
    )
    assert response.status_code == 200, response.get_data(as_text=True)
    body = response.get_json()
    assert errors("0.2", schema, body) == []
    return body


def reconcile(site, queries: dict, method: str = "POST") -> dict:
    return send(site, "queries", queries, "reconciliation-result-batch", method)


def candidates(site, query: dict) -> list[tuple[str, bool]]:
    return [(c["id"], c["match"]) for c in reconcile(site, {"q0": query})["q0"]["result"]]


# --- the manifest ------------------------------------------------------------------------


def test_the_manifest_conforms_and_says_what_the_service_offers(site) -> None:
    manifest = site.get("/reconcile").get_json()
    assert errors("0.2", "manifest", manifest) == []
    assert manifest["versions"] == ["0.2"]
    assert "2022" in manifest["name"]
    assert manifest["identifierSpace"] == NS
    assert [t["id"] for t in manifest["defaultTypes"]] == [
        "category",
        "domain",
        "business-type",
        "business-subtype",
    ]
    base = "http://localhost/reconcile"
    assert manifest["view"] == {"url": base + "/view/{{id}}"}
    assert manifest["preview"]["url"] == base + "/preview/{{id}}"
    assert set(manifest["suggest"]) == {"entity", "type", "property"}
    assert manifest["extend"]["propose_properties"]["service_path"] == "/propose_properties"


def test_the_manifest_is_also_served_as_jsonp(site) -> None:
    # OpenRefine falls back to JSONP when a service's manifest is not reachable by CORS
    text = site.get("/reconcile?callback=jQuery123_456").get_data(as_text=True)
    assert text.startswith("jQuery123_456({") and text.endswith("});")
    assert site.get("/reconcile?callback=alert(1)").get_json()["versions"] == ["0.2"]


# --- matching ----------------------------------------------------------------------------

MATCHES = [
    # query → first candidate, and whether it is a match
    ({"query": "人脸识别"}, "06.09.05", True),  # the exact official label
    ({"query": "Face recognition"}, "06.09.05", True),  # the English label
    ({"query": "06.09"}, "06.09", True),  # a code; its children follow, not matches
    ({"query": "6.9"}, "06.09", True),  # a code as people type it
    ({"query": "ito"}, "ITO", True),
    ({"query": "信息技术外包"}, "ITO", True),
    ({"query": "为芯片设计公司提供版图设计与验证外包", "type": "domain"}, "01", True),
    ({"query": "薪酬核算与社保代缴外包", "type": "business-type"}, "07.01", True),
    ({"query": "医院核磁共振设备的维修保养"}, "10", True),
    ({"query": "3D animation production for TV series", "type": "domain"}, "16", True),
    # 05 excludes e-commerce operation (代运营): the classifier honours the exclusion
    ({"query": "跨境电商店铺代运营", "type": "domain"}, "08", True),
    # the classifier hesitates between 04 and 13 (it asks a follow-up question): no match
    ({"query": "Penetration testing for banks"}, "04.02", False),
    # sure, but weakly: a person should confirm
    ({"query": "We run payroll for multinational companies"}, "07.01", False),
    # several labels hold 识别 equally: candidates, no match
    ({"query": "识别", "properties": [{"pid": "domain", "v": "06"}]}, "06.09.01", False),
]  # fmt: skip


@pytest.mark.parametrize("query, first, match", MATCHES, ids=[q["query"] for q, _, _ in MATCHES])
def test_the_first_candidate_and_whether_it_is_a_match(
    site, query: dict, first: str, match: bool
) -> None:
    found = candidates(site, query)
    assert found[0] == (first, match)
    assert not any(m for _, m in found[1:])  # never more than one match


@pytest.mark.parametrize("text", ["美容美发", "Dog grooming", "餐饮服务；食品销售"])
def test_what_the_catalogue_does_not_cover_gets_no_candidate(site, text: str) -> None:
    assert candidates(site, {"query": text}) == []


def test_a_candidate_has_a_name_a_description_a_score_and_its_level(site) -> None:
    [candidate] = reconcile(site, {"q": {"query": "人脸识别"}})["q"]["result"]
    assert candidate["name"] == "人脸识别"
    assert candidate["description"] == "06.09.05 · Face recognition"
    assert 90 <= candidate["score"] <= 100
    assert candidate["type"] == [{"id": "business-subtype", "name": "Business sub-type (业务子类)"}]


def test_scores_are_ordered_and_between_0_and_100(site) -> None:
    for query in (
        "06",
        "设计",
        "为芯片设计公司提供版图设计与验证外包",
        "Penetration testing for banks",
    ):
        scores = [
            c["score"] for c in reconcile(site, {"q": {"query": query, "limit": 25}})["q"]["result"]
        ]
        assert scores == sorted(scores, reverse=True)
        assert all(0 <= s <= 100 for s in scores)


@pytest.mark.parametrize(
    "kind, expected",
    [
        ("domain", "06"),
        ("business-type", "06.09"),
        ("business-subtype", "06.09.05"),
        ("category", "ITO"),
    ],
)
def test_the_type_is_a_level(site, kind: str, expected: str) -> None:
    # a face-recognition business, asked at each level of the catalogue
    found = candidates(site, {"query": "为银行提供人脸识别身份核验系统开发", "type": kind})
    assert found and {i.count(".") for i, _ in found} == {expected.count(".")}
    assert found[0][0] == expected or kind == "category"


def test_several_types_allow_any_of_them(site) -> None:
    found = candidates(site, {"query": "06", "type": ["domain", "business-type"], "limit": 25})
    assert {i.count(".") for i, _ in found} == {0, 1}


CONSTRAINED = [
    ([{"pid": "category", "v": "KPO"}], lambda i: i[:2] >= "11"),  # KPO: domains 11–20
    ([{"pid": "category", "v": {"id": "KPO", "name": "知识流程外包"}}], lambda i: i[:2] >= "11"),
    ([{"pid": "domain", "v": "14"}], lambda i: i.startswith("14")),
    ([{"pid": "domain", "v": "工业设计服务"}], lambda i: i.startswith("14")),  # by its name
    ([{"pid": "domain", "v": ["14", "16"]}], lambda i: i.startswith("14")),  # the first that names one
]  # fmt: skip


@pytest.mark.parametrize(
    "properties, allowed",
    CONSTRAINED,
    ids=[json.dumps(p, ensure_ascii=False) for p, _ in CONSTRAINED],
)
def test_property_constraints_keep_only_what_they_allow(site, properties: list, allowed) -> None:
    found = candidates(site, {"query": "设计", "properties": properties, "limit": 25})
    assert found and all(allowed(i) for i, _ in found)


def test_a_constraint_nothing_satisfies_leaves_no_candidate(site) -> None:
    assert (
        candidates(site, {"query": "人脸识别", "properties": [{"pid": "category", "v": "BPO"}]})
        == []
    )
    assert (
        candidates(site, {"query": "人脸识别", "properties": [{"pid": "domain", "v": "99"}]}) == []
    )


def test_constraints_without_a_query_list_the_concepts_they_allow(site) -> None:
    # 0.2 allows a query with properties only
    found = candidates(
        site, {"type": "business-type", "properties": [{"pid": "domain", "v": "07"}]}
    )
    assert [i for i, _ in found] == ["07.01", "07.02", "07.03"]


@pytest.mark.parametrize("limit, expected", [(1, 1), (3, 3), (None, 5), (100, 25)])
def test_limit(site, limit: int | None, expected: int) -> None:
    # 49 concepts are in ITO; 25 is the most a query gets
    query = {"properties": [{"pid": "category", "v": "ITO"}]} | ({"limit": limit} if limit else {})
    assert len(candidates(site, query)) == expected


def test_a_batch_by_get_and_by_post_answers_each_query_under_its_key(site) -> None:
    queries = {"a": {"query": "人脸识别"}, "b": {"query": "06"}, "c": {"query": "美容美发"}}
    by_get = reconcile(site, queries, "GET")
    assert by_get == reconcile(site, queries, "POST")
    assert set(by_get) == {"a", "b", "c"}
    assert by_get["c"] == {"result": []}


BAD = [
    ("not json", "'queries' is not JSON"),
    ('["人脸识别"]', "'queries' is a JSON object"),
    ('{"q0": {"query": 5}}', "'query' is a string"),
    ('{"q0": {}}', "needs 'query' or 'properties'"),
    (
        '{"q0": {"query": "x", "properties": [{"pid": "colour", "v": "red"}]}}',
        "unknown property 'colour'",
    ),
    (json.dumps({f"q{i}": {"query": "x"} for i in range(101)}), "at most 100 queries"),
]


@pytest.mark.parametrize("queries, message", BAD, ids=[m for _, m in BAD])
def test_a_bad_batch_is_answered_400_with_the_reason(site, queries: str, message: str) -> None:
    response = site.post("/reconcile", data={"queries": queries})
    assert response.status_code == 400
    assert message in response.get_json()["error"]


# --- suggest, flyouts, preview, view -------------------------------------------------------


@pytest.mark.parametrize("version", ["0.2", "1.0-draft"])
def test_suggest_entities_types_and_properties_conform(site, version: str) -> None:
    entities = site.get("/reconcile/suggest/entity?prefix=人脸").get_json()
    assert errors(version, "suggest-entities-response", entities) == []
    assert entities["result"][0]["id"] == "06.09.05"
    assert entities["result"][0]["notable"] == [
        {"id": "business-subtype", "name": "Business sub-type (业务子类)"}
    ]
    types = site.get("/reconcile/suggest/type?prefix=dom").get_json()
    assert errors(version, "suggest-types-response", types) == []
    assert [t["id"] for t in types["result"]] == ["domain"]
    properties = site.get("/reconcile/suggest/property?prefix=label").get_json()
    assert errors(version, "suggest-properties-response", properties) == []
    assert [p["id"] for p in properties["result"]] == ["label_zh", "label_en"]


def test_suggest_entities_by_type_and_with_a_cursor(site) -> None:
    first = site.get("/reconcile/suggest/entity?prefix=06&type=business-type").get_json()["result"]
    assert first and all(e["id"].count(".") == 1 for e in first)
    later = site.get("/reconcile/suggest/entity?prefix=06&type=business-type&cursor=2").get_json()[
        "result"
    ]
    assert later[: len(first) - 2] == first[2:]


@pytest.mark.parametrize(
    "path, shows",
    [
        (
            "/reconcile/flyout/entity?id=06.09.05",
            ["人脸识别", "Face recognition", "06 新一代信息技术开发应用服务"],
        ),
        ("/reconcile/flyout/type?id=domain", ["Key domain"]),
        ("/reconcile/flyout/property?id=label_en", ["English label"]),
    ],
)
def test_flyouts_show_the_entity_type_or_property(site, path: str, shows: list[str]) -> None:
    flyout = site.get(path).get_json()
    assert flyout["id"] == path.split("id=")[1]
    assert all(s in flyout["html"] for s in shows)


def test_a_flyout_or_preview_of_nothing_is_404(site) -> None:
    assert site.get("/reconcile/flyout/entity?id=99.99").status_code == 404
    assert site.get("/reconcile/preview/99.99").status_code == 404
    assert site.get("/reconcile/view/99.99").status_code == 404


def test_the_preview_is_a_small_page_with_the_names_path_and_definition(site) -> None:
    response = site.get("/reconcile/preview/07")
    assert response.content_type == "text/html; charset=utf-8"
    html = response.get_data(as_text=True)
    for text in (
        "内部管理服务",
        "Internal management services",
        "BPO 业务流程外包",
        "内部管理服务是指",
        'href="http://localhost/2022/domain/07.html"',
    ):
        assert text in html


@pytest.mark.parametrize(
    "code, page",
    [
        ("06.09.05", "/2022/business-type/06.09.05.html"),
        ("7", "/2022/domain/07.html"),
        ("kpo", "/2022/category/KPO.html"),
    ],
)
def test_the_view_url_leads_to_the_concept_page(site, code: str, page: str) -> None:
    response = site.get(f"/reconcile/view/{code}")
    assert response.status_code == 303
    assert response.headers["Location"] == "http://localhost" + page
    assert site.get(page).status_code == 200


# --- data extension --------------------------------------------------------------------------

ALL = [
    "code",
    "level",
    "domain",
    "category",
    "label_zh",
    "label_en",
    "definition",
    "definition_en",
    "source",
    "iri",
]


def extend(site, ids: list[str], properties: list[str], method: str = "POST") -> dict:
    request = {"ids": ids, "properties": [{"id": p} for p in properties]}
    return send(site, "extend", request, "data-extension-response", method)


def test_data_extension_gives_every_property_of_a_domain(site) -> None:
    row = extend(site, ["07"], ALL)["rows"]["07"]
    assert row == {
        "code": [{"str": "07"}],
        "level": [{"str": "domain"}],
        "domain": [{"id": "07", "name": "内部管理服务"}],
        "category": [{"id": "BPO", "name": "业务流程外包"}],
        "label_zh": [{"str": "内部管理服务"}],
        "label_en": [{"str": "Internal management services"}],
        "definition": [
            {
                "str": "内部管理服务是指提供企业内部管理环节（价值链辅链环节）的外包服务，含流程设计及相关服务。内部管理服务属于业务流程外包（BPO）。"
            }
        ],
        "definition_en": row["definition_en"],  # our translation: checked below, not pinned
        "source": [{"str": NS + "2022/source#line=73,78"}],
        "iri": [{"str": NS + "2022/domain/07"}],
    }
    assert row["definition_en"][0]["str"].startswith("Internal management services")


def test_data_extension_of_a_sub_type_and_of_an_unknown_id(site) -> None:
    body = extend(site, ["06.09.05", "nonsense"], ["domain", "category", "definition"], "GET")
    assert body["rows"]["06.09.05"] == {
        "domain": [{"id": "06", "name": "新一代信息技术开发应用服务"}],
        "category": [{"id": "ITO", "name": "信息技术外包"}],
        "definition": [],  # the official text defines domains, not sub-types
    }
    assert body["rows"]["nonsense"] == {"domain": [], "category": [], "definition": []}
    # entity-valued properties say their type, so OpenRefine keeps them reconciled
    assert body["meta"][0] == {
        "id": "domain",
        "name": "key domain",
        "type": {"id": "domain", "name": "Key domain (重点发展领域)"},
    }


def test_unknown_extension_properties_are_refused(site) -> None:
    response = site.post(
        "/reconcile", data={"extend": json.dumps({"ids": ["07"], "properties": [{"id": "colour"}]})}
    )
    assert response.status_code == 400
    assert "colour" in response.get_json()["error"]


def test_properties_are_proposed_for_each_level(site) -> None:
    for level in ("category", "domain", "business-type", "business-subtype"):
        proposal = site.get(f"/reconcile/propose_properties?type={level}").get_json()
        assert errors("0.2", "data-extension-property-proposal", proposal) == []
        assert [p["id"] for p in proposal["properties"]] == ALL
    assert (
        len(site.get("/reconcile/propose_properties?type=domain&limit=3").get_json()["properties"])
        == 3
    )
    assert site.get("/reconcile/propose_properties?type=colour").status_code == 400


def test_extension_queries_conform_to_the_query_schema() -> None:
    # what the tests (and OpenRefine) send is what the specification describes
    assert (
        errors("0.2", "data-extension-query", {"ids": ["07"], "properties": [{"id": "code"}]}) == []
    )
    assert (
        errors(
            "0.2",
            "reconciliation-query-batch",
            {
                "q0": {
                    "query": "人脸识别",
                    "type": "domain",
                    "limit": 3,
                    "properties": [{"pid": "category", "v": "ITO"}],
                }
            },
        )
        == []
    )


def test_a_label_two_concepts_share_is_no_match(site_build) -> None:
    # No label of the 2022 edition is shared at the exact-label tier, but an edition may
    # have one: then neither concept is a match, and a person chooses.
    from catalogue.search.index_reader import SearchIndex
    from catalogue.search.searcher import Hit
    from server.reconcile.matching import _from_search

    index = SearchIndex.in_build(site_build)
    concepts = [c for c in index.concepts.values() if c.notation in ("14.01", "14.03")]
    shared = [Hit(c, 6.9, 2, "prefLabel", "设计", ("设计",)) for c in concepts]
    assert [c.match for c in _from_search(shared)] == [False, False]
    assert [c.match for c in _from_search(shared[:1])] == [True]
