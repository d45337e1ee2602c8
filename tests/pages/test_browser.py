"""The pages in a real browser: Debian's chromium, headless, driven by Playwright.

A reader's path through the site by clicking (home → category → domain →
business type, and back), the language switch, the search box's suggestions
(typed key by key, picked with the keyboard or the mouse), the classify form,
and the query editor: run an example, click a result. Screenshots of the home page, a domain page and the
query page go to build/screenshots/ (not committed) for a person to look at.
"""

from __future__ import annotations

import re

import pytest

from server.sparql.query_page import YASGUI
from tests.site_fixtures import SCREENSHOTS


@pytest.fixture
def page(browser, live_site: str):
    context = browser.new_context(
        base_url=live_site, locale="en-GB", viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    requests_elsewhere: list[str] = []
    page.on(
        "request",
        lambda r: (
            None if r.url.startswith((live_site, "data:")) else requests_elsewhere.append(r.url)
        ),
    )
    yield page
    context.close()
    assert not requests_elsewhere, requests_elsewhere  # no CDN, no analytics, nothing


def shoot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def heading(page) -> str:
    return page.locator("h1").first.inner_text()


def test_navigate_down_the_hierarchy_and_back(page) -> None:
    page.goto("/")
    assert "Guiding Catalogue of Key Development Areas" in heading(page)
    shoot(page, "home")
    page.locator(".card").first.get_by_role(
        "link", name=re.compile("Information technology outsourcing")
    ).click()
    page.wait_for_url("**/2022/category/ITO.html")
    assert "Information technology outsourcing" in heading(page)
    page.get_by_role("link", name=re.compile("New-generation information technology")).first.click()
    page.wait_for_url("**/2022/domain/06.html")
    assert "New-generation information technology" in heading(page)
    shoot(page, "domain")
    page.locator("section.narrower").get_by_role(
        "link", name=re.compile("Automatic recognition")
    ).click()
    page.wait_for_url("**/2022/business-type/06.09.html")
    assert "Automatic recognition services" in heading(page)
    # its sub-types, in order, and the way back up by the breadcrumb
    children = page.locator("section.narrower ol.children > li > a .code").all_inner_texts()
    assert children == [f"06.09.0{n}" for n in range(1, 7)]
    page.locator("nav.breadcrumb").get_by_role("link", name=re.compile("^ITO")).click()
    page.wait_for_url("**/2022/category/ITO.html")
    page.go_back()
    page.go_back()
    page.wait_for_url("**/2022/domain/06.html")
    assert "New-generation information technology" in heading(page)


def test_switch_language_and_keep_it(page) -> None:
    page.goto("/2022/domain/05.html")
    assert page.locator("html").get_attribute("lang") == "en"
    page.locator(".lang-switch").get_by_role("link", name="中文").click()
    page.wait_for_url("**/2022/domain/05.html?lang=zh")
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    assert "电子商务平台服务" in heading(page)
    # The choice is remembered: a plain link (no ?lang=) stays in Chinese.
    page.locator("nav.breadcrumb").get_by_role("link", name=re.compile("ITO")).click()
    page.wait_for_url("**/2022/category/ITO.html")
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    assert "信息技术外包" in heading(page)
    # English next to the Chinese is marked as our translation, in its own language.
    other = page.locator("p.other-name span[lang='en']").first
    assert other.inner_text() == "Information technology outsourcing"
    page.locator(".lang-switch").get_by_role("link", name="English").click()
    page.wait_for_url("**lang=en")
    assert page.locator("html").get_attribute("lang") == "en"


def test_search_then_follow_a_result(page) -> None:
    page.goto("/")
    page.get_by_label("Search by name or code").fill("人脸")
    page.get_by_label("Search by name or code").press("Enter")
    page.wait_for_url("**/search?q=*")
    page.locator("ol.results").get_by_role(
        "link", name=re.compile("人脸识别|Face recognition")
    ).first.click()
    page.wait_for_url("**/2022/business-type/06.09.05.html")
    assert "Face recognition" in heading(page)


def test_type_into_the_search_box_and_pick_a_suggestion_with_the_keyboard(page) -> None:
    page.goto("/2022/domain/05.html")
    box = page.get_by_role("combobox", name="Search by name or code")
    box.press_sequentially("renl", delay=30)  # pinyin, typed key by key
    first = page.locator("ul.suggestions [role=option]").first
    first.wait_for()
    assert "06.09.05" in first.inner_text() and "Face recognition" in first.inner_text()
    assert box.get_attribute("aria-expanded") == "true"
    box.press("ArrowDown")
    assert first.get_attribute("aria-selected") == "true"
    box.press("Enter")
    page.wait_for_url("**/2022/business-type/06.09.05.html")
    assert "Face recognition" in heading(page)


def test_pick_a_suggestion_with_the_mouse_from_the_home_page(page) -> None:
    page.goto("/?lang=zh")
    page.get_by_role("combobox").press_sequentially("芯片设计", delay=30)
    option = page.locator("ul.suggestions [role=option]", has_text="01.01")
    option.click()
    page.wait_for_url("**/2022/business-type/01.01.html")
    assert "集成电路产品设计" in heading(page)
    page.screenshot(path=str(SCREENSHOTS / "suggestion-picked.png"))


def test_classify_a_description_in_the_form(page) -> None:
    page.goto("/classify")
    page.get_by_label("Business description").fill("跨境电商店铺代运营")
    page.get_by_role("button", name="Classify").click()
    page.wait_for_url("**/classify?text=*")
    first = page.locator("ol.results > li").first
    assert "08.04" in first.inner_text()
    assert "但不包括电子商务代运营服务" in first.inner_text()  # the exclusion of 05, quoted
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "classify.png"), full_page=True)


def test_query_editor_runs_an_example_and_links_results(page) -> None:
    assert YASGUI.is_file(), "YASGUI is not vendored: run `make web`"
    page.goto("/sparql")
    page.wait_for_selector(".yasqe .CodeMirror")  # YASGUI replaced the form
    assert not page.locator("#query-form").is_visible()
    example = page.locator(".examples li", has_text="face recognition")
    example.get_by_role("link", name="run").click()
    cell = page.locator(".yasr").get_by_role("link", name=re.compile("06.09.05")).first
    cell.wait_for()
    shoot(page, "query")
    # download links follow the query in the editor
    assert "format=csv" in page.locator("#downloads a", has_text="CSV").get_attribute("href")
    cell.click()
    page.wait_for_url("**/2022/business-type/06.09.05.html")
    assert "Face recognition" in heading(page)


def test_the_model_diagram_and_the_quality_report(page) -> None:
    """Found from the header and the footer; the diagram loads (same origin, under the CSP)."""
    page.goto("/")
    page.locator("header nav").get_by_role("link", name="Model").click()
    page.wait_for_url("**/model")
    diagram = page.locator("figure.diagram img")
    diagram.wait_for()
    assert diagram.evaluate("img => img.complete && img.naturalWidth > 0")
    assert "skos:ConceptScheme" in diagram.get_attribute("alt")
    shoot(page, "model")
    page.locator("footer").get_by_role("link", name="Quality report").click()
    page.wait_for_url("**/quality")
    assert page.locator("table.quality tbody tr").count() == 18
    assert page.locator("span.status.pass").count() == 18
    shoot(page, "quality")


def test_query_page_works_without_javascript(browser, live_site: str) -> None:
    context = browser.new_context(base_url=live_site, java_script_enabled=False)
    page = context.new_page()
    page.goto("/sparql")
    page.locator("#query").fill(
        'SELECT ?n WHERE { ?c skos:notation ?n ; skos:broader ?p . ?p skos:notation "ITO" }'
    )
    page.get_by_role("button", name="Run query").click()
    page.wait_for_url("**/sparql?query=*")
    assert "Answer: 6 rows" in page.locator("h2", has_text="Answer").inner_text()
    context.close()


def test_readable_on_a_phone(browser, live_site: str) -> None:
    context = browser.new_context(
        base_url=live_site, viewport={"width": 375, "height": 740}, locale="zh-CN"
    )
    page = context.new_page()
    pages = ("/", "/2022/domain/08.html", "/2022.html", "/2022/source.html", "/model", "/quality")
    for path in pages:
        page.goto(path)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, (path, overflow)  # nothing wider than the screen
    shoot(page, "source-phone")
    context.close()
