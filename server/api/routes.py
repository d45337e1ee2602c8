"""The ``/api/v1`` blueprint: scheme and levels, concepts by code or IRI and their
relatives, search, suggest, classify; the OpenAPI document and its docs page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Blueprint, Response, render_template, request
from spectree import Response as Answers
from spectree import SpecTree

from catalogue.search.index_reader import Concept, IndexUnavailable
from catalogue.search.searcher import normalize_code
from server.api import models, shapes
from server.api.answers import answer, document, error, query_refused
from server.linked_data.publication import current_publication, current_site
from server.pages.catalogue_views import current_scheme
from server.search.service import SiteSearch, current_search

PREFIX = "/api/v1"
bp = Blueprint("api", __name__, url_prefix=PREFIX)

SUGGESTIONS = 8

spec = SpecTree(
    "flask",
    title="服务外包产业重点发展领域指导目录（2022年版） — JSON API",
    version="1",
    description="The Guiding Catalogue of Key Development Areas of the Service Outsourcing "
    "Industry (2022): categories, key domains and business types, in Chinese (official) and "
    "English (our translation, unofficial). JSON by default; JSON-LD under the dumps' "
    "context to Accept: application/ld+json.",
    # Only the routes decorated here are in the document (the site has many others).
    mode="strict",
    # spectree's own pages load their scripts from a CDN: the docs page here is ours.
    page_templates={},
    validation_error_status=400,
    # what ``query_refused`` sends: a sentence, and pydantic's list beside it
    validation_error_model=models.Error,
    before=query_refused,
)


def _documented(
    ok: type, tags: tuple[str, ...], query: type | None = None, finds: bool = False
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """spectree's validation and documentation of a route: its answer, and its errors
    (503 without a search index; 400 for a bad query string; 404 for an unknown concept)."""
    errors = {"HTTP_503": models.Error}
    if query is not None:
        errors["HTTP_400"] = models.Error
    if finds:
        errors["HTTP_404"] = models.Error
    return spec.validate(
        query=query,
        resp=Answers(HTTP_200=ok, **errors),
        tags=tags,
        path_parameter_descriptions={"code": "A notation: ITO, 06, 06.09, 06.09.05 (6.9.5 too)."},
    )


class Refused(Exception):
    """An answer other than the one asked for: a status and a sentence saying why."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message


@bp.errorhandler(Refused)
def refused(problem: Refused) -> Response:
    return error(problem.status, problem.message)


def _site() -> SiteSearch:
    try:
        return current_search()
    except IndexUnavailable as problem:
        raise Refused(503, f"the search index is not available: {problem}") from None


def _by_code(site: SiteSearch, code: str) -> Concept | None:
    wanted = normalize_code(code) or code
    return next((c for c in site.index.concepts.values() if c.notation == wanted), None)


def _page(concept: Concept) -> str:
    path = current_publication().addresses.path_of(concept.iri) or "/"
    return current_site().absolute(path + ".html")


def _concept(site: SiteSearch, code: str) -> Concept:
    concept = _by_code(site, code)
    if concept is None:
        raise Refused(404, f"no concept has the code {code!r}: try /api/v1/search?q={code}")
    return concept


@bp.get("/scheme")
@_documented(models.Scheme, ("scheme",))
def scheme() -> Response:
    """The catalogue (the concept scheme), its four levels and its three categories."""
    site = _site()
    index = current_publication().index
    iri = current_scheme(index) or ""
    return answer(
        {
            "iri": iri,
            "prefLabel": shapes.names(index, iri),
            "levels": shapes.levels(site, index, iri),
            "categories": [shapes.summary(c) for c in shapes.categories(site, index, iri)],
        }
    )


@bp.get("/levels")
@_documented(models.Levels, ("scheme",))
def levels() -> Response:
    """The levels, from the categories (depth 1) to the business sub-types (depth 4)."""
    site = _site()
    index = current_publication().index
    return answer({"levels": shapes.levels(site, index, current_scheme(index) or "")})


@bp.get("/concepts/<code>")
@_documented(models.Concept, ("concepts",), finds=True)
def concept_by_code(code: str) -> Response:
    """A concept by its code, with every label and note, each marked official or not."""
    site = _site()
    found = _concept(site, code)
    return answer(shapes.full(site, found, _page(found)))


@bp.get("/concept")
@_documented(models.Concept, ("concepts",), query=models.ByIri, finds=True)
def concept_by_iri() -> Response:
    """A concept by its IRI."""
    site = _site()
    iri = request.context.query.iri  # type: ignore[attr-defined]
    concept = site.concept(iri)
    if concept is None:
        raise Refused(404, f"no concept has the IRI <{iri}>")
    return answer(shapes.full(site, concept, _page(concept)))


def _related(code: str, relatives: Callable[[SiteSearch, Concept], list[Concept]]) -> Response:
    site = _site()
    found = _concept(site, code)
    return answer(
        {
            "concept": shapes.summary(found),
            "results": [shapes.summary(c) for c in relatives(site, found)],
        }
    )


@bp.get("/concepts/<code>/children")
@_documented(models.Related, ("concepts",), finds=True)
def children(code: str) -> Response:
    """The concepts directly under it, in the catalogue's order."""
    return _related(code, lambda site, c: [site.index.concepts[i] for i in c.children])


@bp.get("/concepts/<code>/ancestors")
@_documented(models.Related, ("concepts",), finds=True)
def ancestors(code: str) -> Response:
    """The concepts above it, from its category down."""
    return _related(code, shapes.ancestors)


@bp.get("/concepts/<code>/siblings")
@_documented(models.Related, ("concepts",), finds=True)
def siblings(code: str) -> Response:
    """The other concepts under the same parent."""
    index = current_publication().index
    scheme = current_scheme(index) or ""
    return _related(code, lambda site, c: shapes.siblings(site, index, scheme, c))


@bp.get("/search")
@_documented(models.SearchResults, ("search",), query=models.SearchQuery)
def search() -> Response:
    """Ranked search over codes, labels (Chinese, English, pinyin) and notes."""
    site = _site()
    query: models.SearchQuery = request.context.query  # type: ignore[attr-defined]
    hits = site.searcher.search(query.q, query.level, query.category, query.limit)
    results = [
        {
            **shapes.summary(hit.concept),
            "score": hit.score,
            "field": hit.field,
            "highlight": hit.highlight,
            "path": [c.notation for c in site.path(hit.concept)],
        }
        for hit in hits
    ]
    return answer({"q": query.q, "results": results})


@bp.get("/suggest")
@_documented(models.Suggestions, ("search",), query=models.SuggestQuery)
def suggest() -> Response:
    """What to offer as someone types: the best few concepts."""
    site = _site()
    query: models.SuggestQuery = request.context.query  # type: ignore[attr-defined]
    results = [
        {**shapes.summary(hit.concept), "path": [c.notation for c in site.path(hit.concept)]}
        for hit in site.searcher.search(query.q, limit=SUGGESTIONS)
    ]
    return answer({"q": query.q, "results": results})


@bp.get("/classify")
@_documented(models.Classification, ("classify",), query=models.ClassifyQuery)
def classify() -> Response:
    """Where a business description belongs, with the texts that say so as evidence."""
    site = _site()
    query: models.ClassifyQuery = request.context.query  # type: ignore[attr-defined]
    return answer(site.classifier.classify(query.text).to_json())


@bp.get("/openapi.json")
def openapi() -> Response:
    """The OpenAPI 3.1 document, generated by spectree from the routes above."""
    return document(spec.spec)


@bp.get("/docs")
def docs() -> str:
    """Swagger UI (vendored from npm, as YASGUI is) over the document."""
    return render_template("api-docs.html")
