"""``/search`` (ranked; a page, or JSON to ``Accept: application/json``), ``/search/suggest``
(JSON for the search boxes' autocomplete) and ``/classify`` (a form, or JSON)."""

from __future__ import annotations

import json
from typing import Any

from flask import Blueprint, Response, request
from markupsafe import Markup

from catalogue.search.analysis import HAN
from catalogue.search.classifier import Classification
from catalogue.search.index_reader import IndexUnavailable
from catalogue.search.searcher import CATEGORIES, LEVELS
from server.linked_data.publication import Publication, current_publication
from server.pages.catalogue_views import linker
from server.pages.i18n import Language
from server.pages.rendering import Context, html_page_response, page_response
from server.search.page import search_pages
from server.search.service import (
    SiteSearch,
    current_search,
    search,
)

bp = Blueprint("search", __name__)

#: The longest text read: a description, not a document.
MAX_TEXT = 2000
PAGE_RESULTS = 50
SUGGESTIONS = 8
JSON_TYPE = "application/json"


def wants_json() -> bool:
    """JSON when asked for by ``Accept`` (or ``?format=json``); a browser asks for HTML."""
    if request.args.get("format") == "json":
        return True
    best = request.accept_mimetypes.best_match(["text/html", JSON_TYPE])
    return best == JSON_TYPE


def json_response(body: dict[str, Any], status: int = 200) -> Response:
    return Response(
        json.dumps(body, ensure_ascii=False),
        status,
        {"Vary": "Accept", "Cache-Control": "public, max-age=300"},
        content_type="application/json",
    )


def _filters() -> tuple[str | None, str | None]:
    level = request.args.get("level") or None
    category = (request.args.get("category") or "").upper() or None
    return (level if level in LEVELS else None, category if category in CATEGORIES else None)


def _unavailable(error: IndexUnavailable) -> Response:
    return Response(
        f"Service Unavailable: {error}\n", 503, content_type="text/plain; charset=utf-8"
    )


@bp.route("/search", methods=["GET"])
def search_page() -> Response:
    query = request.args.get("q", "")[:MAX_TEXT]
    level, category = _filters()
    publication = current_publication()
    try:
        site = current_search()
    except IndexUnavailable as error:
        return _unavailable(error)
    if wants_json():
        results = (
            search(site, publication, query, level, category, PAGE_RESULTS) if query.strip() else []
        )
        return json_response({"q": query, "results": [r.to_json() for r in results]})
    pages = search_pages()

    def render(language: Language) -> str:  # not called for a 304: no search then
        found = (
            search(site, publication, query, level, category, PAGE_RESULTS) if query.strip() else []
        )
        return pages.frame(publication, site, language).page(query, level, category, found)

    return html_page_response(render, negotiated=True)


def search_context(
    site: SiteSearch,
    publication: Publication,
    language: Language,
    query: str,
    level: str | None,
    category: str | None,
) -> Context:
    """What ``pages/search.html`` renders: the page as the template writes it, which
    ``page.py`` writes without the template (the tests compare the two)."""
    links = linker(publication, language)
    results = []
    found = search(site, publication, query, level, category, PAGE_RESULTS) if query.strip() else []
    for result in found:
        trail = (
            [links.link(c.iri) for c in site.path(result.concept)[:-1]] if result.concept else []
        )
        results.append(
            {
                "link": links.link(result.iri),
                "level": result.level,
                "kind": "concept" if result.concept else result.level,
                "notation": result.notation,
                "trail": trail,
                "highlight": Markup(result.highlight) if result.concept else None,
                "field": result.field,
                "score": result.score,
            }
        )
    return {
        "query": query,
        "results": results,
        "level": level,
        "category": category,
        "levels": LEVELS,
        "categories": CATEGORIES,
    }


@bp.route("/search/suggest", methods=["GET"])
def suggest() -> Response:
    """What a search box offers as one types: the best concepts, each with its page."""
    query = request.args.get("q", "")[:200]
    try:
        site = current_search()
    except IndexUnavailable as error:
        return _unavailable(error)
    publication = current_publication()
    # Links only: the page's language does not change where a concept's page is.
    links = linker(publication, Language("en", "param"))
    suggestions = []
    for hit in site.searcher.search(query, limit=SUGGESTIONS) if query.strip() else []:
        concept = hit.concept
        suggestions.append(
            {
                "iri": concept.iri,
                "notation": concept.notation,
                "level": concept.level,
                "label": concept.labels,
                "path": " › ".join(c.notation for c in site.path(concept)),
                "href": links.href(concept.iri),
                "highlight": hit.highlight,
            }
        )
    return json_response({"q": query, "suggestions": suggestions})


@bp.route("/classify", methods=["GET"])
def classify_page() -> Response:
    text = request.args.get("text", "")[:MAX_TEXT]
    publication = current_publication()
    try:
        site = current_search()
    except IndexUnavailable as error:
        return _unavailable(error)
    answer = site.classifier.classify(text) if text.strip() else None
    if wants_json():
        if answer is None:
            return json_response({"error": "give the business description as ?text=…"}, 400)
        return json_response(answer.to_json())
    return page_response(
        "pages/classify.html",
        lambda language: _classify_context(site, publication, language, text, answer),
        negotiated=True,
    )


def _classify_context(
    site: SiteSearch,
    publication: Publication,
    language: Language,
    text: str,
    answer: Classification | None,
) -> Context:
    links = linker(publication, language)
    # the reader's own words, marked as Chinese when they are (read and rendered as such)
    text_is_chinese = bool(HAN.search(text))
    if answer is None:
        return {"text": text, "answer": None, "text_is_chinese": text_is_chinese}
    results = []
    for candidate in answer.results:
        concept = candidate.concept
        results.append(
            {
                "link": links.link(concept.iri),
                "level": concept.level,
                "score": candidate.score,
                "trail": [links.link(c.iri) for c in site.path(concept)[:-1]],
                "evidence": [
                    {
                        "field": e.text.field,
                        "concept": links.link(e.concept.iri),
                        "language": e.text.language,
                        "highlight": Markup(e.highlight),
                        "official": e.text.official,
                        "source": links.href(e.text.source) if e.text.source else None,
                        "excludes": links.link(e.excludes.iri) if e.excludes else None,
                    }
                    for e in candidate.evidence
                ],
            }
        )
    followup = None
    if answer.followup:
        followup = {
            "question": answer.followup["question"][language.code],
            "options": [
                {"link": links.link(o["iri"]), "text": o["text"][language.code]}
                for o in answer.followup["options"]
            ],
        }
    return {
        "text": text,
        "text_is_chinese": text_is_chinese,
        "answer": answer,
        "results": results,
        "followup": followup,
        "exclusions": [
            {
                "domain": links.link(a.domain.iri),
                "note": a.note.text if a.note else "",
                "source": links.href(a.note.source) if a.note and a.note.source else None,
                "covered_by": [links.link(c.iri) for c in a.covered_by],
                "dropped": a.dropped,
            }
            for a in answer.exclusions
        ],
    }
