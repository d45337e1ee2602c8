"""The quality report's page and JSON (``/quality``), and the model page with its diagram
(``/model``): what they show, in both languages, and where the site links them."""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import html5lib
import pytest
from flask.testing import FlaskClient
from markupsafe import escape

from catalogue.publication import INFO_FILE, unit_of
from catalogue.quality import CHECKS
from server.app import create_app
from server.pages.messages import CHECK_TITLES_ZH
from server.store.embedded import EmbeddedStore
from tests.site_fixtures import BROWSER, NS, site_config

CHECK_IDS = [c.id for c in CHECKS]


def page(site: FlaskClient, path: str, language: str = "en") -> str:
    response = site.get(path, headers={"Accept": BROWSER, "Accept-Language": language})
    assert response.status_code == 200, (path, response.status_code)
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    return response.text


def strict_parse(html: str) -> None:
    """As the crawler does: html5lib in strict mode raises at the first parse error."""
    html5lib.HTMLParser(strict=True).parse(html)


def check_rows(html: str) -> dict[str, str]:
    """Each check's row on the page: its id → its status class."""
    return dict(re.findall(r'<tr id="([\w-]+)" class="status-(\w+)">', html))


# --- the quality report ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "language, passed, summary",
    [
        ("en", "PASS", "18 checks run, 0 skipped: 0 violations, 0 warnings — the graph conforms."),
        ("zh", "通过", "运行 18 项检查，跳过 0 项：0 项违规，0 项警告——图符合要求。"),
    ],
)
def test_the_quality_page_lists_every_check(
    site: FlaskClient, site_store: EmbeddedStore, language: str, passed: str, summary: str
) -> None:
    html = page(site, "/quality", language)
    strict_parse(html)
    assert check_rows(html) == {check_id: "pass" for check_id in CHECK_IDS}
    assert list(check_rows(html)) == CHECK_IDS  # in the report's order
    assert html.count(f'<span class="status pass">{passed}</span>') == len(CHECK_IDS)
    assert summary in html
    assert f"<code>{site_store.info.build_id}</code>" in html  # the build it is about
    for issue in ("Orphan Concepts (oc)", "Undocumented Concepts (uc)", "SKOS Reference S14"):
        assert issue in html
    # the details: what passed, where a check says it
    assert "119 concepts documented by a note of their own" in html
    assert 'href="/quality.json"' in html and 'href="/quality.txt"' in html


def test_the_chinese_page_names_every_check_in_chinese(site: FlaskClient) -> None:
    assert set(CHECK_TITLES_ZH) == set(CHECK_IDS)
    html = page(site, "/quality", "zh")
    for check in CHECKS:
        assert CHECK_TITLES_ZH[check.id] in html
        assert f'<span class="muted" lang="en">{escape(check.title)}</span>' in html


def test_the_report_as_json(site: FlaskClient, site_build: Path, site_store: EmbeddedStore) -> None:
    written = (site_build / "quality" / "report.json").read_bytes()
    served = site.get("/quality.json")
    assert served.status_code == 200 and served.headers["Content-Type"] == "application/json"
    assert served.data == written
    report = json.loads(served.data)
    assert report["build_id"] == site_store.info.build_id
    assert [c["id"] for c in report["checks"]] == CHECK_IDS
    assert (report["conforms"], report["violations"]) == (True, 0)
    again = site.get("/quality.json", headers={"If-None-Match": served.headers["ETag"]})
    assert again.status_code == 304
    text = site.get("/quality.txt")
    assert text.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert text.data == (site_build / "quality" / "report.txt").read_bytes()


@pytest.mark.parametrize(
    "accept, media_type",
    [
        (BROWSER, "text/html; charset=utf-8"),
        ("application/json", "application/json"),
        ("*/*", "application/json"),  # a program that states no preference
        (None, "application/json"),
    ],
)
def test_quality_by_content_negotiation(
    site: FlaskClient, site_build: Path, accept: str | None, media_type: str
) -> None:
    response = site.get("/quality", headers={"Accept": accept} if accept else {})
    assert response.status_code == 200
    assert response.headers["Content-Type"] == media_type
    assert response.headers["Vary"].startswith("Accept,")
    if media_type == "application/json":
        assert response.headers["Content-Location"] == "quality.json"
        assert response.data == (site_build / "quality" / "report.json").read_bytes()
    else:
        assert '<quality.json>; rel=alternate; type="application/json"' in response.headers.get(
            "Link", ""
        )
    chosen = site.get("/quality", query_string={"format": "json"}, headers={"Accept": BROWSER})
    assert chosen.headers["Content-Type"] == "application/json"
    assert site.get("/quality", headers={"Accept": "image/png"}).status_code == 406


def _build_copy(site_build: Path, tmp_path: Path, report: dict | None) -> Path:
    """A published build like the site's, but with another quality report (or none): what a
    server behind a remote endpoint may be given."""
    unit = unit_of(site_build)
    copy = tmp_path / "build"
    shutil.copytree(unit.store, copy / "store")  # the server finds its build from its store
    shutil.copyfile(unit.root / INFO_FILE, copy / INFO_FILE)
    for name in ("dumps", "ontology"):
        (copy / name).symlink_to(unit.root / name)
    if report is not None:
        (copy / "quality").mkdir()
        (copy / "quality" / "report.json").write_text(json.dumps(report), encoding="utf-8")
    return copy


def test_a_failed_check_shows_its_findings_linked_and_a_stale_report_says_so(
    site_build: Path, site_store: EmbeddedStore, tmp_path: Path
) -> None:
    report = json.loads((site_build / "quality" / "report.json").read_text(encoding="utf-8"))
    report.update(build_id="0123456789abcdef", conforms=False, violations=1)
    orphans = report["checks"][0]
    orphans.update(status="fail")
    orphans["findings"] = [
        {"resource": NS + "2022/domain/05", "severity": "violation", "message": "planted"}
    ]
    app = create_app(site_config(_build_copy(site_build, tmp_path, report)), store=site_store)
    html = page(app.test_client(), "/quality")
    strict_parse(html)
    assert check_rows(html)["orphan-concepts"] == "fail"
    assert '<span class="status fail">FAIL</span>' in html
    assert re.search(r'href="/2022/domain/05\.html"><code class="iri">[^<]+</code></a>', html)
    assert "0 violations" not in html and "1 violations" in html
    assert "this report comes from another build" in html
    assert "<code>0123456789abcdef</code>" in html


def test_a_build_without_a_report(
    site_build: Path, site_store: EmbeddedStore, tmp_path: Path
) -> None:
    client = create_app(
        site_config(_build_copy(site_build, tmp_path, None)), store=site_store
    ).test_client()
    assert "This server has no quality report" in page(client, "/quality")
    assert client.get("/quality.json").status_code == 404
    assert client.get("/quality", headers={"Accept": "application/json"}).status_code == 404


# --- the model -------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_model_page_shows_the_diagram(site: FlaskClient, language: str) -> None:
    html = page(site, "/model", language)
    strict_parse(html)
    image = re.search(r'<img src="([^"]+)" alt="([^"]+)">', html)
    assert image is not None
    assert image.group(1) == "/ontology/docs/model.svg"
    assert ("skos:ConceptScheme" in image.group(2)) and len(image.group(2)) > 100
    for term in (
        "xkos:ClassificationLevel",
        "soc:MintedCode",
        "soc:mintedNotation",
        "xkos:exclusionNote",
        "xkos:coreContentNote",
        "skos:scopeNote",
        "soc:coveredBy",
        "prov:wasDerivedFrom",
        "graph/official",
        "graph/translation",
    ):
        assert term in html, term  # fmt: skip
    assert 'href="/ontology.html"' in html


def test_the_diagram_is_served_as_svg(site: FlaskClient, site_build: Path) -> None:
    response = site.get("/ontology/docs/model.svg")
    assert response.status_code == 200
    assert response.headers["Content-Type"].split(";")[0] == "image/svg+xml"
    assert response.data == (site_build / "ontology" / "docs" / "model.svg").read_bytes()
    assert b"<svg" in response.data


# --- where the site links them ---------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_site_links_the_model_and_the_report(site: FlaskClient, language: str) -> None:
    home = page(site, "/", language)
    nav = home.split("<nav", 1)[1].split("</nav>", 1)[0]
    assert 'href="/model"' in nav
    use = home.split('<section class="use"', 1)[1].split("</section>", 1)[0]
    assert 'href="/quality"' in use and 'href="/model"' in use
    footer = page(site, "/downloads", language).split('<footer class="site">', 1)[1]
    assert 'href="/quality"' in footer


def test_the_sitemap_lists_the_model_and_the_report(site: FlaskClient) -> None:
    urls = {
        loc.text
        for loc in ET.fromstring(site.get("/sitemap.xml").data).iter(
            "{http://www.sitemaps.org/schemas/sitemap/0.9}loc"
        )
    }
    assert {"http://localhost/quality", "http://localhost/model"} <= urls
