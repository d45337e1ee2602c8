"""The whole site, crawled from ``/`` as a browser would: no dead link, no server error,
and every page well-formed HTML (html5lib in strict mode stops at the first parse error)."""

from __future__ import annotations

import re
from collections import deque
from urllib.parse import urljoin, urlsplit

import html5lib
import pytest
from flask.testing import FlaskClient

from tests.site_fixtures import BROWSER

ORIGIN = "http://localhost"
DIGITS = re.compile(r"\d+")
LINK = re.compile(r'<(?:a|link|script|img|form)\b[^>]*?\s(?:href|src|action)="([^"]*)"', re.I)


#: Files and documents (not pages) one language's crawl found answered: the same in the
#: other language, which need not fetch them again (run alone, a crawl fetches them all).
ANSWERED: set[str] = set()


def internal_links(html: str, base: str) -> set[str]:
    found = set()
    for raw in LINK.findall(html):
        url = urljoin(base, raw.replace("&amp;", "&"))
        parts = urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}" == ORIGIN:
            found.add(url.split("#")[0])
    return found


@pytest.mark.parametrize("language", ["zh", "en"])
def test_crawl_the_site(site: FlaskClient, language: str) -> None:
    """Both languages: the pages differ; the documents and files they link to are the same
    (the second run does not fetch again what the first found answered). html5lib parses,
    in the first run, one page of each shape of path (a template and its kind of data:
    every domain page is one shape, every note page another): the markup comes from the
    templates, and the data in it is escaped by them."""
    parser = html5lib.HTMLParser(strict=True)
    headers = {"Accept": BROWSER, "Accept-Language": language}
    queue = deque([ORIGIN + "/"])
    seen = set(queue)
    broken: list[tuple[str, int, str]] = []
    pages = 0
    parsed_shapes: set[str] = set()
    while queue:
        url = queue.popleft()
        if url in ANSWERED:
            continue
        parts = urlsplit(url)
        response = site.get(parts.path, query_string=parts.query, headers=headers)
        if response.status_code in (301, 302, 303, 307, 308):
            target = urljoin(url, response.headers["Location"])
            response = site.get(
                urlsplit(target).path, query_string=urlsplit(target).query, headers=headers
            )
        if response.status_code >= 400:
            broken.append((url, response.status_code, response.text[:200]))
            continue
        if not response.headers.get("Content-Type", "").startswith("text/html"):
            ANSWERED.add(url)
            continue
        pages += 1
        shape = DIGITS.sub("#", parts.path) + ("?" if parts.query else "")
        if language == "zh" and shape not in parsed_shapes:
            parsed_shapes.add(shape)
            try:
                parser.parse(response.data)
            except html5lib.html5parser.ParseError as error:
                broken.append((url, 0, f"HTML: {error}"))
        for link in internal_links(response.text, url):
            if (
                link not in seen and "lang=" not in urlsplit(link).query
            ):  # the other language: its own run
                seen.add(link)
                queue.append(link)
    assert not broken, broken[:10]
    if language == "zh":
        assert len(parsed_shapes) > 20  # every template met, with each kind of data
    assert pages > 250  # every concept, note, ministry, level, term: not just the home page
