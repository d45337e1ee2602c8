"""``/reconcile/v1`` speaks the current draft (1.0-draft) beside 0.2: every answer is checked
against the draft's JSON Schema (a table of requests, one schema each), the draft finds what
0.2 finds for the same cells, and what the draft cannot say is refused with a reason."""

from __future__ import annotations

import json

import pytest
from reconcile_schemas import errors

V1 = "/reconcile/v1"
ALL = ["code", "level", "domain", "category", "label_zh", "label_en"]

#: (what is asked, method, path, JSON body or None, the draft schema its answer must meet)
ANSWERS = [
    ("manifest", "GET", V1, None, "manifest"),
    (
        "match: a label, a description with a type, one in doubt, one not covered, constraints",
        "POST",
        V1 + "/match",
        {
            "queries": [
                {"conditions": [{"matchType": "name", "propertyValue": "人脸识别"}]},
                {
                    "type": "domain",
                    "limit": 2,
                    "conditions": [
                        {
                            "matchType": "name",
                            "propertyValue": "为芯片设计公司提供版图设计与验证外包",
                        }
                    ],
                },
                {
                    "limit": 3,
                    "conditions": [
                        {"matchType": "name", "propertyValue": "Penetration testing for banks"}
                    ],
                },
                {"conditions": [{"matchType": "name", "propertyValue": "美容美发"}]},
                {"conditions": [{"matchType": "id", "propertyValue": "07.01"}]},
                {
                    "type": "business-type",
                    "conditions": [
                        {"matchType": "name", "propertyValue": "设计"},
                        {
                            "matchType": "property",
                            "propertyId": "domain",
                            "propertyValue": [{"id": "14", "name": "工业设计服务"}],
                            "required": True,
                        },
                    ],
                },
                {
                    "conditions": [
                        {"matchType": "property", "propertyId": "category", "propertyValue": "KPO"}
                    ]
                },
            ]
        },
        "reconciliation-result-batch",
    ),
    (
        "extend",
        "POST",
        V1 + "/extend",
        {"ids": ["06.09.05", "07", "nonsense"], "properties": [{"id": p} for p in ALL]},
        "data-extension-response",
    ),
    (
        "propose",
        "GET",
        V1 + "/extend/propose?type=domain&limit=3",
        None,
        "data-extension-property-proposal",
    ),
    (
        "suggest entity",
        "GET",
        V1 + "/suggest/entity?prefix=人脸&limit=3",
        None,
        "suggest-entities-response",
    ),
    ("suggest type", "GET", V1 + "/suggest/type?prefix=", None, "suggest-types-response"),
    (
        "suggest property",
        "GET",
        V1 + "/suggest/property?prefix=label",
        None,
        "suggest-properties-response",
    ),
]


def ask(site, method: str, path: str, body: object = None):
    if method == "POST":
        return site.post(
            path, data=json.dumps(body, ensure_ascii=False), content_type="application/json"
        )
    return site.get(path)


@pytest.mark.parametrize(
    "method, path, body, schema", [a[1:] for a in ANSWERS], ids=[a[0] for a in ANSWERS]
)
def test_every_answer_conforms_to_the_draft_schema(site, method, path, body, schema) -> None:
    response = ask(site, method, path, body)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert errors("1.0-draft", schema, response.get_json()) == []
    if body is not None and schema.startswith("reconciliation"):
        # what we send is a draft query batch too
        assert errors("1.0-draft", "reconciliation-query-batch", body) == []
    if body is not None and schema.startswith("data-extension"):
        assert errors("1.0-draft", "data-extension-query", body) == []


def test_the_0_2_answers_do_not_meet_the_draft_schemas(site) -> None:
    # the shapes differ: this is why the draft has its own root, and why the checks above
    # are not vacuous
    manifest = site.get("/reconcile").get_json()
    assert errors("1.0-draft", "manifest", manifest) != []
    batch = site.post("/reconcile", data={"queries": json.dumps({"q0": {"query": "人脸识别"}})})
    assert errors("1.0-draft", "reconciliation-result-batch", batch.get_json()) != []


def test_the_manifest_names_the_draft_and_its_services(site) -> None:
    manifest = site.get(V1).get_json()
    assert manifest["versions"] == ["1.0-draft"]
    assert manifest["view"] == {"url": "http://localhost/reconcile/view/{id}"}
    assert manifest["suggest"] == {"entity": True, "property": True, "type": True}
    assert manifest["extend"]["proposeProperties"] is True
    assert manifest["batchSize"] == 100
    assert [t["id"] for t in manifest["defaultTypes"]] == [
        "category",
        "domain",
        "business-type",
        "business-subtype",
    ]


CELLS = [
    {"query": "人脸识别"},
    {"query": "为芯片设计公司提供版图设计与验证外包", "type": "domain", "limit": 2},
    {"query": "Penetration testing for banks", "limit": 3},
    {"query": "美容美发"},
    {"query": "设计", "type": "business-type", "properties": [{"pid": "domain", "v": "14"}]},
]


def as_draft(query: dict) -> dict:
    converted = {k: v for k, v in query.items() if k in ("type", "limit")}
    converted["conditions"] = [{"matchType": "name", "propertyValue": query["query"]}] + [
        {"matchType": "property", "propertyId": p["pid"], "propertyValue": p["v"]}
        for p in query.get("properties", ())
    ]
    return converted


def test_the_draft_finds_what_0_2_finds(site) -> None:
    old = site.post(
        "/reconcile",
        data={"queries": json.dumps({f"q{i}": q for i, q in enumerate(CELLS)}, ensure_ascii=False)},
    ).get_json()
    new = ask(site, "POST", V1 + "/match", {"queries": [as_draft(q) for q in CELLS]}).get_json()
    assert [r["candidates"] for r in new["results"]] == [
        old[f"q{i}"]["result"] for i in range(len(CELLS))
    ]
    # and it is not the same nothing twice
    assert new["results"][0]["candidates"][0]["id"] == "06.09.05"
    assert new["results"][0]["candidates"][0]["match"] is True
    assert new["results"][3]["candidates"] == []


def test_an_id_condition_finds_its_concept_and_a_constraint_alone_lists_what_it_allows(
    site,
) -> None:
    body = {
        "queries": [
            {"conditions": [{"matchType": "id", "propertyValue": "07.01"}]},
            {
                "limit": 25,
                "conditions": [
                    {"matchType": "property", "propertyId": "category", "propertyValue": "KPO"}
                ],
            },
        ]
    }
    by_id, kpo = ask(site, "POST", V1 + "/match", body).get_json()["results"]
    assert (by_id["candidates"][0]["id"], by_id["candidates"][0]["match"]) == ("07.01", True)
    assert {c["id"] for c in kpo["candidates"]} >= {"KPO", "13"}
    features = by_id["candidates"][0]["features"]
    assert all(f["name"] for f in features)


def test_extension_rows_follow_the_query(site) -> None:
    body = {"ids": ["06.09.05", "nonsense"], "properties": [{"id": "domain"}, {"id": "label_en"}]}
    answer = ask(site, "POST", V1 + "/extend", body).get_json()
    assert answer["rows"] == [
        {
            "id": "06.09.05",
            "properties": [
                {"id": "domain", "values": [{"id": "06", "name": "新一代信息技术开发应用服务"}]},
                {"id": "label_en", "values": [{"str": "Face recognition"}]},
            ],
        },
        {
            "id": "nonsense",
            "properties": [{"id": "domain", "values": []}, {"id": "label_en", "values": []}],
        },
    ]
    assert answer["meta"][0]["type"] == {"id": "domain", "name": "Key domain (重点发展领域)"}


def test_suggest_pages_with_offset_and_limit(site) -> None:
    first = site.get(V1 + "/suggest/entity?prefix=06&limit=4").get_json()["result"]
    second = site.get(V1 + "/suggest/entity?prefix=06&limit=4&offset=2").get_json()["result"]
    assert len(first) == len(second) == 4
    assert second[:2] == first[2:]


def test_the_preview_is_at_the_drafts_template(site) -> None:
    response = site.get(V1 + "/preview?id=06.09.05")
    assert response.status_code == 200
    assert "人脸识别" in response.get_data(as_text=True)
    assert site.get(V1 + "/preview?id=nonsense").status_code == 404


@pytest.mark.parametrize(
    "body, message",
    [
        ("not json", "the body is JSON"),
        ({"q0": {"query": "x"}}, "the body is JSON"),
        ({"queries": [{"query": "x"}]}, "'conditions'"),
        ({"queries": [{"conditions": []}]}, "'conditions'"),
        ({"queries": [{"conditions": [{"matchType": "name", "propertyValue": 5}]}]}, "a string"),
        (
            {"queries": [{"conditions": [{"matchType": "name", "propertyValue": ["a", "b"]}]}]},
            "one name or id",
        ),
        (
            {"queries": [{"conditions": [{"matchType": "label", "propertyValue": "x"}]}]},
            "matchType",
        ),
        (
            {
                "queries": [
                    {
                        "conditions": [
                            {
                                "matchType": "property",
                                "propertyId": "domain",
                                "propertyValue": ["06", "07"],
                                "matchQuantifier": "all",
                            }
                        ]
                    }
                ]
            },
            "matchQuantifier",
        ),
        (
            {
                "queries": [
                    {
                        "conditions": [
                            {"matchType": "property", "propertyId": "colour", "propertyValue": "x"}
                        ]
                    }
                ]
            },
            "unknown property",
        ),
        (
            {
                "queries": [
                    {
                        "type": ["domain"],
                        "conditions": [{"matchType": "name", "propertyValue": "x"}],
                    }
                ]
            },
            "'type'",
        ),
        (
            {"queries": [{"conditions": [{"matchType": "name", "propertyValue": "x"}]}] * 101},
            "at most 100",
        ),
    ],
)
def test_a_bad_batch_is_answered_400_with_the_reason(site, body: object, message: str) -> None:
    response = (
        site.post(V1 + "/match", data=body, content_type="application/json")
        if isinstance(body, str)
        else ask(site, "POST", V1 + "/match", body)
    )
    assert response.status_code == 400
    assert message in response.get_json()["error"]


def test_bad_extension_queries_are_refused(site) -> None:
    unknown = ask(site, "POST", V1 + "/extend", {"ids": ["07"], "properties": [{"id": "colour"}]})
    assert unknown.status_code == 400
    assert "colour" in unknown.get_json()["error"]
    assert ask(site, "POST", V1 + "/extend", {"properties": []}).status_code == 400


def test_matching_and_extension_are_posts_only(site) -> None:
    assert site.get(V1 + "/match").status_code == 405
    assert site.get(V1 + "/extend").status_code == 405


def test_a_web_page_elsewhere_may_post_queries(site) -> None:
    # the draft makes CORS a must; a JSON POST needs a preflight
    response = site.options(
        V1 + "/match",
        headers={
            "Origin": "https://example.org",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert response.status_code in (200, 204)
    assert "POST" in response.headers["Access-Control-Allow-Methods"]
    assert response.headers["Access-Control-Allow-Origin"] == "*"


def test_a_suggest_limit_is_capped(site) -> None:
    # a client asking for everything gets a page, not the catalogue
    many = site.get(V1 + "/suggest/entity?prefix=服务&limit=1000").get_json()["result"]
    assert len(many) == 50
