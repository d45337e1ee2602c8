"""The pages, read as HTML: what each shows, the language rules, search, 404, sitemap."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import html5lib
import pytest
from flask.testing import FlaskClient

from server.linked_data.index import normalize_code, notation_numbers
from tests.site_fixtures import BROWSER

HAN = re.compile(r"[\u4e00-\u9fff]")
XHTML = "{http://www.w3.org/1999/xhtml}"


def page(site: FlaskClient, path: str, language: str = "en", **params: str) -> str:
    headers = {"Accept": BROWSER, "Accept-Language": language}
    response = site.get(path, headers=headers, query_string=params or None)
    assert response.status_code == 200, (path, response.status_code)
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    return response.text


def parse(html: str):
    return html5lib.parse(html, treebuilder="etree", namespaceHTMLElements=True)


def language_of_texts(html: str) -> list[tuple[str, str]]:
    """Every text node with the language its nearest ``lang`` attribute gives it."""
    found: list[tuple[str, str]] = []

    def walk(element, lang: str) -> None:
        lang = element.get("lang", lang)
        # <title> holds text only: a Chinese word searched for cannot be marked up in it.
        if element.tag in (XHTML + "script", XHTML + "style", XHTML + "title"):
            return
        if element.text and element.text.strip():
            found.append((element.text.strip(), lang))
        for child in element:
            walk(child, lang)
            if child.tail and child.tail.strip():
                found.append((child.tail.strip(), lang))

    walk(parse(html), "")
    return found


@pytest.mark.parametrize("language", ["zh", "en"])
@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/2022.html",
        "/2022/domain/05.html",
        "/2022/business-type/06.09.05.html",
        "/organization/mofcom.html",
        "/2018.html",
        "/search?q=电子商务",
        "/search?q=renlian",
        "/classify?text=开发电商平台并代运营天猫店铺",
        "/classify?text=We label images to train machine learning models",
        "/downloads",
        "/sparql",
        "/quality",
        "/model",
    ],
)
def test_chinese_is_always_marked_as_chinese(site: FlaskClient, path: str, language: str) -> None:
    """Whatever the page's language, Chinese text sits in lang="zh-Hans"."""
    html = page(site, path, language)
    assert f'<html lang="{"zh-Hans" if language == "zh" else "en"}">' in html
    wrong = [
        (text, lang)
        for text, lang in language_of_texts(html)
        if HAN.search(text) and not lang.startswith("zh")
    ]
    assert not wrong, wrong[:5]


def test_english_data_is_marked_as_english_on_chinese_pages(site: FlaskClient) -> None:
    texts = dict(language_of_texts(page(site, "/2022/domain/05.html", "zh")))
    assert texts["E-commerce platform services"] == "en"
    assert texts["电子商务平台服务"] == "zh-Hans"


def test_home(site: FlaskClient) -> None:
    html = page(site, "/")
    for text in (
        "Guiding Catalogue of Key Development Areas",
        "服务外包产业重点发展领域指导目录（2022年版）",
        "2022-05-07",
        "公告2022年第15号",
    ):
        assert text in html, text
    for ministry in ("mofcom", "miit", "mof", "gacc"):
        assert f'href="/organization/{ministry}.html"' in html
    assert 'href="/2018.html"' in html and "Abolished" in html
    cards = re.findall(
        r'<section class="card" aria-labelledby="cat-(\w+)">.*?</section>', html, re.S
    )
    assert cards == ["ITO", "BPO", "KPO"]  # in the catalogue's order, not the alphabet's
    for link in ("/sparql", "/downloads", "/.well-known/void"):
        assert f'href="{link}"' in html
    assert "6 domains · 36 business types" in html and "10 domains · 41 business types" in html


def test_domain_page(site: FlaskClient) -> None:
    html = page(site, "/2022/domain/05.html")
    assert '<span class="code">05</span>' in html
    # breadcrumb up to the scheme
    assert re.search(
        r'<nav class="breadcrumb".*?/2022\.html.*?/2022/category/ITO\.html', html, re.S
    )
    # definition, official and translated; the translation says so
    assert "电子商务平台服务是指为客户搭建电子商务平台" in html
    assert "unofficial translation" in html and "official text" in html
    assert "Definition (generated)" not in html  # the text defines key domains
    # the exclusion links to where the excluded activity is covered
    assert re.search(
        r"电子商务代运营服务.*?covered by.*?/2022/business-type/08\.04\.html", html, re.S
    )
    # children, the source lines with a link to the excerpt's IRI, the data
    assert html.index("05.01") < html.index("05.02")
    assert "五、电子商务平台服务" in html and 'href="/2022/source.html#line=59,64"' in html
    for extension in ("ttl", "nt", "rdf", "jsonld"):
        assert f'href="/2022/domain/05.{extension}"' in html
    assert 'href="/sparql?query=' in html


def test_business_type_page(site: FlaskClient) -> None:
    html = page(site, "/2022/business-type/08.04.html")
    assert "code minted by this project, not official" in html
    # the definition we generated, since the text gives none, says so
    assert "Definition (generated)" in html and "generated, not official" in html
    assert "one of the main business types that the catalogue lists for key domain 08" in html
    # covered here, excluded from domain 05
    assert re.search(r"Excluded elsewhere, covered here.*?/2022/domain/05\.html", html, re.S)


def test_scheme_page_is_the_whole_tree(site: FlaskClient) -> None:
    html = page(site, "/2022.html")
    tree = html.split('class="tree"')[1].split("</section>")[0]
    assert tree.count("<details") == 3 + 20  # categories open, domains closed
    order = re.findall(
        r'href="/2022/(?:category|domain)/(\w+)\.html"', html.split('class="tree"')[1]
    )
    assert order[:8] == ["ITO", "01", "02", "03", "04", "05", "06", "BPO"]
    assert 'href="/2022/business-type/06.09.05.html"' in html


def test_pages_for_levels_ministries_announcement_predecessor(site: FlaskClient) -> None:
    level = page(site, "/2022/level/domain.html")
    assert level.index('/2022/domain/01.html"') < level.index('/2022/domain/20.html"')
    ministry = page(site, "/organization/mofcom.html", "zh")
    assert "中华人民共和国商务部" in ministry and "http://www.mofcom.gov.cn/" in ministry
    announcement = page(site, "/document/announcement-2022-15.html")
    assert "公告2022年第15号" in announcement and "2022-05-07" in announcement
    predecessor = page(site, "/2018.html")
    assert (
        "Abolished" in predecessor
        and "2018年发布的《服务外包产业重点发展领域指导目录》同时废止。" in predecessor
    )


def test_language_choice(site: FlaskClient) -> None:
    assert '<html lang="zh-Hans">' in page(site, "/2022/domain/05.html", "zh-CN,zh;q=0.9,en;q=0.8")
    assert '<html lang="en">' in page(site, "/2022/domain/05.html", "en-GB,en;q=0.9")
    assert '<html lang="en">' in page(site, "/2022/domain/05.html", "fr")  # neither: English
    response = site.get(
        "/2022/domain/05.html", headers={"Accept": BROWSER}, query_string={"lang": "zh"}
    )
    assert "lang=zh" in response.headers["Set-Cookie"]
    assert response.headers["Vary"] == "Accept-Encoding"  # the URL decides
    # the cookie persists the choice over Accept-Language
    later = site.get("/2022/domain/06.html", headers={"Accept": BROWSER, "Accept-Language": "en"})
    assert '<html lang="zh-Hans">' in later.text
    assert later.headers["Vary"] == "Accept-Language, Cookie, Accept-Encoding"
    assert later.headers["Content-Language"] == "zh-Hans"


def test_a_304_varies_as_its_page_does(site: FlaskClient) -> None:
    # RFC 9110 §15.4.5: a 304 carries the Vary its 200 would have, or a cache that
    # refreshes its copy from it keys the page on the wrong headers.
    headers = {"Accept": BROWSER, "Accept-Language": "en"}
    page_200 = site.get("/2022/domain/07.html", headers=headers)
    revalidated = site.get(
        "/2022/domain/07.html", headers={**headers, "If-None-Match": page_200.headers["ETag"]}
    )
    assert revalidated.status_code == 304
    assert revalidated.headers["Vary"] == page_200.headers["Vary"]
    assert revalidated.headers["Vary"] == "Accept-Language, Cookie, Accept-Encoding"


def test_the_response_cache_keeps_languages_apart(site_app) -> None:
    for _ in range(2):  # the second round is answered from the cache
        for language, tag in (("zh", "zh-Hans"), ("en", "en")):
            client = site_app.test_client()
            html = client.get(
                "/2022/category/KPO.html", headers={"Accept": BROWSER, "Accept-Language": language}
            ).text
            assert f'<html lang="{tag}">' in html


@pytest.mark.parametrize(
    "query, first",
    [
        ("人脸", "/2022/business-type/06.09.05.html"),
        ("06.09", "/2022/business-type/06.09.html"),
        ("6.9", "/2022/business-type/06.09.html"),
        ("face recog", "/2022/business-type/06.09.05.html"),
        ("商务部", "/organization/mofcom.html"),
        ("KPO", "/2022/category/KPO.html"),
    ],
)
def test_search_by_name_and_code(site: FlaskClient, query: str, first: str) -> None:
    html = page(site, "/search", q=query)
    results = re.findall(r'<p class="result-title"><a href="([^"]+)"', html)
    assert results and results[0] == first


def test_search_finds_nothing_politely(site: FlaskClient) -> None:
    assert "Nothing found." in page(site, "/search", q="量子计算机不存在")
    assert "result-title" not in page(site, "/search")


def test_not_found_suggests(site: FlaskClient) -> None:
    response = site.get("/2022/domian/05", headers={"Accept": BROWSER})
    assert response.status_code == 404
    assert 'href="/2022/domain/05.html"' in response.text  # a typo in the path
    by_code = site.get("/2022/domain/6.9", headers={"Accept": BROWSER})
    assert 'href="/2022/business-type/06.09.html"' in by_code.text  # a code people type
    plain = site.get("/2022/domian/05")
    assert (
        plain.headers["Content-Type"] == "text/plain; charset=utf-8"
        and "/2022/domain/05.html" in plain.text
    )


def test_sitemap_and_robots(site: FlaskClient) -> None:
    sitemap = site.get("/sitemap.xml")
    urls = [
        loc.text
        for loc in ET.fromstring(sitemap.data).iter(
            "{http://www.sitemaps.org/schemas/sitemap/0.9}loc"
        )
    ]
    assert (
        "http://localhost/" in urls and "http://localhost/2022/business-type/06.09.05.html" in urls
    )
    assert (
        sum(
            "/2022/domain/" in u and "/note/" not in u and "/excluded-activity/" not in u
            for u in urls
        )
        == 20
    )
    assert not any("#" in u for u in urls)
    robots = site.get("/robots.txt").text
    assert "Sitemap: http://localhost/sitemap.xml" in robots


def test_downloads_show_checksums(site: FlaskClient, site_build) -> None:
    html = page(site, "/downloads")
    for line in (site_build / "dumps" / "SHA256SUMS").read_text().splitlines():
        digest, name = line.split("  ")
        assert digest in html and f'href="/dumps/{name}"' in html
    assert "the 2022 edition alone, plain SKOS" in html


def test_pages_revalidate_and_load_nothing_from_elsewhere(site: FlaskClient) -> None:
    response = site.get("/2022/domain/05.html", headers={"Accept": BROWSER})
    etag = response.headers["ETag"]
    again = site.get("/2022/domain/05.html", headers={"Accept": BROWSER, "If-None-Match": etag})
    assert again.status_code == 304
    assert "default-src 'none'" in response.headers["Content-Security-Policy"]
    for html in (response.text, page(site, "/sparql"), page(site, "/")):
        assert not re.search(r'<(?:script|img|link)[^>]+(?:src|href)="(?:https?:)?//', html)


def test_notations_sort_as_numbers() -> None:
    codes = ["33.1", "33.03", "33.10", "33.2", "4"]
    assert sorted(codes, key=notation_numbers) == ["4", "33.1", "33.2", "33.03", "33.10"]
    assert normalize_code("6.9") == "06.09" and normalize_code("ITO") is None


def test_query_page_links_results_to_pages(site: FlaskClient) -> None:
    html = page(
        site,
        "/sparql",
        query='SELECT ?c WHERE { ?c skos:notation "06.09.05" }',
    )
    assert 'href="/2022/business-type/06.09.05.html"' in html
    assert 'id="yasgui"' in html or "Run query" in html
