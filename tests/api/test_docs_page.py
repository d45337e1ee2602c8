"""The docs page in a real browser (Debian's chromium, as tests/pages drives it): Swagger UI,
served from this site alone, reads the generated document and runs a request from it."""

from __future__ import annotations

from catalogue.settings import PROJECT_ROOT

SCREENSHOT = PROJECT_ROOT / "build" / "screenshots" / "api-docs.png"


def test_swagger_ui_lists_the_operations_and_tries_one(browser, live_site: str) -> None:
    context = browser.new_context(base_url=live_site, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    elsewhere: list[str] = []
    page.on(
        "request",
        lambda r: None if r.url.startswith((live_site, "data:")) else elsewhere.append(r.url),
    )
    page.goto("/api/v1/docs")
    page.locator(".opblock-summary-path", has_text="/api/v1/concepts/{code}").first.wait_for()
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert {"/api/v1/scheme", "/api/v1/search", "/api/v1/classify"} <= {p.strip() for p in paths}
    # try /api/v1/levels from the page: the answer shows in the page
    page.locator(".opblock-summary-path", has_text="/api/v1/levels").first.click()
    page.get_by_role("button", name="Try it out").click()
    page.get_by_role("button", name="Execute").click()
    page.locator(
        ".response-col_description .microlight", has_text="business-subtype"
    ).first.wait_for()
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT), full_page=False)
    context.close()
    assert not elsewhere, elsewhere  # Swagger UI is vendored: no CDN
