"""/search, /search/suggest and /classify over HTTP: the pages (no JavaScript needed), the
JSON contracts, and the search boxes that suggest as one types."""

from __future__ import annotations

import re

import pytest
from flask.testing import FlaskClient

from tests.pages.test_pages import page
from tests.site_fixtures import BROWSER, NS

JSON = {"Accept": "application/json"}


def search_json(site: FlaskClient, **params: str) -> dict:
    response = site.get("/search", headers=JSON, query_string=params)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/json"
    return response.json


# the table: query → the first result's code
@pytest.mark.parametrize(
    "query, first",
    [("网络安全", "04"), ("人脸识别服务", "06.09.05"), ("软件开发", "02"), ("芯片设计", "01.01"),
     ("AI", "06.02"), ("renlian", "06.09.05")],
)  # fmt: skip
def test_search_answers_json_best_first(site: FlaskClient, query: str, first: str) -> None:
    body = search_json(site, q=query)
    assert body["q"] == query
    assert body["results"][0]["notation"] == first
    scores = [r["score"] for r in body["results"]]
    assert scores == sorted(scores, reverse=True)
    for result in body["results"]:
        assert set(result) == {"iri", "notation", "level", "label", "score", "highlight"}
        assert set(result["label"]) == {"zh", "en"}


def test_search_json_filters(site: FlaskClient) -> None:
    body = search_json(site, q="设计", level="domain", category="kpo")
    assert body["results"]
    assert {r["level"] for r in body["results"]} == {"domain"}
    assert "01" not in {r["notation"] for r in body["results"]}


def test_the_search_page_shows_path_level_and_highlight(site: FlaskClient) -> None:
    html = page(site, "/search", q="网络安全")
    first = re.search(r"<li data-score.*?</li>", html, re.S).group(0)
    assert 'href="/2022/domain/04.html"' in first
    assert 'href="/2022/category/ITO.html"' in first  # the path: category › domain
    assert "key domain" in first  # the level
    assert "<mark>" in first and "网络" in first


def test_the_search_page_still_finds_what_is_not_a_concept(site: FlaskClient) -> None:
    html = page(site, "/search", q="商务部")
    results = re.findall(r'<p class="result-title"><a href="([^"]+)"', html)
    assert results[0] == "/organization/mofcom.html"


def test_the_search_page_offers_filters_that_work_without_javascript(site: FlaskClient) -> None:
    html = page(site, "/search", q="设计", level="business-type", category="KPO")
    assert '<option value="business-type" selected>' in html
    results = re.findall(r'<p class="result-title"><a href="([^"]+)"', html)
    assert results and all("/business-type/1" in r or "/business-type/2" in r for r in results)


def test_suggest_gives_pages_to_go_to(site: FlaskClient) -> None:
    response = site.get("/search/suggest", query_string={"q": "renl"})
    assert response.status_code == 200
    suggestions = response.json["suggestions"]
    assert suggestions[0]["notation"] == "06.09.05"
    assert suggestions[0]["href"] == "/2022/business-type/06.09.05.html"
    assert suggestions[0]["path"] == "ITO › 06 › 06.09 › 06.09.05"
    assert len(suggestions) <= 8
    assert site.get("/search/suggest", query_string={"q": ""}).json["suggestions"] == []


@pytest.mark.parametrize("path", ["/", "/2022/domain/05.html", "/search?q=x", "/nowhere"])
def test_every_search_box_suggests_and_still_submits_without_javascript(
    site: FlaskClient, path: str
) -> None:
    response = site.get(path, headers={"Accept": BROWSER})
    html = response.text
    box = re.search(r'<form class="search[^"]*"[^>]*action="/search"[^>]*>.*?</form>', html, re.S)
    assert box, "no search form"
    assert 'name="q"' in box.group(0) and 'data-suggest="/search/suggest"' in box.group(0)
    assert re.search(r'<script src="/static/suggest\.js\?v=\w+" defer>', html)


def test_classify_answers_json_to_programs(site: FlaskClient) -> None:
    response = site.get("/classify", headers=JSON, query_string={"text": "跨境电商店铺代运营"})
    body = response.json
    assert set(body) == {"text", "matched", "confidence", "followup", "results"}
    assert body["matched"] is True
    first = body["results"][0]
    assert (first["notation"], first["domain"]["notation"]) == ("08.04", "08")
    excluded = [e for e in first["evidence"] if "excludes" in e]
    assert excluded[0]["excludes"] == {"iri": NS + "2022/domain/05", "notation": "05"}
    assert excluded[0]["text"] == "但不包括电子商务代运营服务"


def test_classify_says_when_nothing_matches(site: FlaskClient) -> None:
    body = site.get("/classify", headers=JSON, query_string={"text": "美容美发"}).json
    assert body == {"text": "美容美发", "matched": False, "confidence": 0.0, "followup": None,
                    "results": []}  # fmt: skip
    html = page(site, "/classify", text="美容美发")
    assert "No key domain matches." in html


def test_classify_without_text_is_a_bad_request_for_programs(site: FlaskClient) -> None:
    assert site.get("/classify", headers=JSON).status_code == 400


def test_the_classify_page_asks_and_answers_with_evidence(site: FlaskClient) -> None:
    empty = page(site, "/classify")
    assert "这项业务属于哪个领域？" in empty and "Which domain is my business in?" in empty
    assert '<textarea id="classify-text" name="text"' in empty
    html = page(site, "/classify", text="开发电商平台并代运营天猫店铺")
    assert "To tell them apart" in html
    assert "电子商务平台的开发建设" in html and "电子商务代运营服务" in html
    assert re.search(r'<a class="source" href="/2022/source\.html#line=\d+,\d+">', html)
    assert "unofficial" in html  # our curated words are marked as ours


def test_a_concept_page_shows_our_alternative_labels_marked_unofficial(site: FlaskClient) -> None:
    html = page(site, "/2022/business-type/08.04.html", "zh")
    also = re.search(r'<dd class="also-called">(.*?)</dd>', html, re.S).group(1)
    assert '<span lang="zh-Hans">代运营</span>' in also
    assert '<span class="mark unofficial"' in also
    assert "跨境电商运营" not in also  # a hidden label finds the concept but is not shown
