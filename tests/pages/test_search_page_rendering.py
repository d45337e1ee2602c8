"""The search page is written without the template engine (server/search/page.py, for
speed): its bytes must be the bytes ``pages/search.html`` renders from the same search,
for every kind of query, both interface languages, the filters, and a site under a
prefix (whose links differ)."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask, render_template

from server.app import create_app
from server.linked_data.publication import current_publication
from server.pages.i18n import Language
from server.pages.rendering import common_context
from server.search.routes import _filters, search_context
from server.search.service import current_search
from server.store.embedded import EmbeddedStore
from tests.site_fixtures import BROWSER, site_config

QUERIES = [
    *(
        "电子商务",
        "网络安全",
        "網絡安全",
        "人脸识别服务",
        "设计",
        "服务",
        "的",
        "信息技术外包（ITO）",
    ),
    *("software", "data processing", "recogniton", "renl", "renlian", "AI", "SaaS", "R&D", "5G"),
    *("05", "5", "06.09", "6.9", "ito", "99"),
    *("商务部", "mofcom", "ministry", "公告", "领域", "catalogue"),
    *("量子计算机不存在", "zzzqqq", "", "   ", "  电子  商务 ", "ａｉ"),
    *('<script>alert("x")</script>', "a&b 'c' \"d\"", "5 < 6 > 4", "x" * 300),
]
FILTERS = [
    {},
    {"level": "domain"},
    {"category": "kpo"},
    {"level": "business-type", "category": "ITO"},
    {"level": "bogus", "category": "XYZ"},
    {"level": "", "other": "1 2&3=/?"},  # an argument the page ignores but its links keep
]
#: Where the site is: at the root, or behind a proxy under a prefix.
SITES = ["http://localhost/", "http://localhost/catalogue/"]


def template_rendering(app: Flask, base_url: str, params: dict[str, str]) -> str:
    """The page as the template renders it, for the request the client makes."""
    with app.test_request_context("/search", base_url=base_url, query_string=params):
        language = Language(params["lang"], "param")
        context = common_context(language)
        level, category = _filters()
        query = params.get("q", "")
        site, publication = current_search(), current_publication()
        context.update(search_context(site, publication, language, query, level, category))
        return render_template("pages/search.html", **context)


def served(app: Flask, base_url: str, params: dict[str, str]) -> str:
    response = app.test_client().get(
        "/search", base_url=base_url, query_string=params, headers={"Accept": BROWSER}
    )
    assert response.status_code == 200
    return response.text


def requests(language: str) -> list[dict[str, str]]:
    """Each query alone, some with each set of filters, and the page asked with nothing."""
    asked = [{"lang": language}]
    for query in QUERIES:
        for filters in FILTERS if query in ("设计", "software", "05", "") else [{}]:
            asked.append({"q": query, **filters, "lang": language})
    return asked


@pytest.mark.parametrize("language", ["zh", "en"])
@pytest.mark.parametrize("base_url", SITES)
def test_the_search_page_is_the_templates_page(
    site_app: Flask, base_url: str, language: str
) -> None:
    for params in requests(language):
        expected = template_rendering(site_app, base_url, params)
        assert served(site_app, base_url, params) == expected, params


def test_the_comparison_sees_results_and_the_prefix(site_app: Flask) -> None:
    """The pages compared above hold results, highlights, trails and the prefix's links."""
    page = template_rendering(site_app, SITES[1], {"q": "电子商务", "lang": "en"})
    assert page.count('<li data-score="') >= 3
    assert '<p class="trail">' in page and "<mark>" in page
    assert 'href="/catalogue/2022/' in page and 'action="/catalogue/search"' in page


@pytest.fixture(scope="module")
def uncached_app(site_build: Path, site_store: EmbeddedStore) -> Flask:
    """The site with no response cache: every request reaches the page's code."""
    return create_app(site_config(site_build, response_cache_bytes=0), store=site_store)


def test_revalidating_the_page_runs_no_search(
    uncached_app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A client with the page current gets 304 before anything is searched or written."""
    searched: list[str] = []

    def counting(*args: object) -> list[object]:
        searched.append(str(args[2]))
        return []

    client = uncached_app.test_client()
    params = {"q": "电子商务", "lang": "en"}
    etag = client.get("/search", query_string=params, headers={"Accept": BROWSER}).headers["ETag"]
    monkeypatch.setattr("server.search.routes.search", counting)
    again = client.get(
        "/search", query_string=params, headers={"Accept": BROWSER, "If-None-Match": etag}
    )
    assert again.status_code == 304
    assert searched == []
    assert client.get("/search", query_string=params).status_code == 200
    assert searched == ["电子商务"]
