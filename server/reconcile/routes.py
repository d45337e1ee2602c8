"""``/reconcile``: the manifest, query batches and data extension on one URL (as 0.2 has it),
and beside it suggest, flyouts, previews, property proposals and the view redirect.

Rate limit: a batch is one request, however many queries it holds (OpenRefine sends
10 per request, one request at a time, so a few hundred rows are a few dozen requests:
far below the default 100 per second). A batch holds at most ``MAX_BATCH`` queries.
What answers from a fixed list or one concept (previews, flyouts, type and property
suggest, the view redirect) is not counted: a person hovering over candidates sends many.
"""

from __future__ import annotations

import json
import re
from typing import Any

from flask import Blueprint, Response, request

from catalogue.search.index_reader import IndexUnavailable
from server.http.ratelimit import unmetered
from server.linked_data.publication import current_publication, current_site
from server.pages.catalogue_views import linker
from server.pages.i18n import Language
from server.reconcile.extension import ExtensionError, extend, propose
from server.reconcile.manifest import manifest
from server.reconcile.matching import MAX_BATCH, Matcher, QueryError, read_query
from server.reconcile.preview import card, page
from server.reconcile.vocabulary import CONSTRAINTS, EXTENSION, TYPES, Named, by_code, describe
from server.reconcile.vocabulary import type_of as type_json
from server.search.service import SiteSearch, current_search

bp = Blueprint("reconcile", __name__, url_prefix="/reconcile")

SUGGESTIONS = 10
#: The draft lets a client ask for a limit; a page, not the catalogue.
MAX_SUGGESTIONS = 50
#: A JSONP callback is a JavaScript name, nothing else.
CALLBACK = re.compile(r"^[A-Za-z_$][\w$.]{0,63}$")


def answer(body: object, status: int = 200) -> Response:
    text = json.dumps(body, ensure_ascii=False)
    callback = request.values.get("callback", "")
    if callback and CALLBACK.match(callback) and status == 200:
        return Response(f"{callback}({text});", status, content_type="text/javascript")
    return Response(text, status, content_type="application/json")


def refuse(message: str, status: int = 400) -> Response:
    return answer({"error": message}, status)


def site_search() -> SiteSearch | Response:
    try:
        return current_search()
    except IndexUnavailable as error:
        return refuse(f"the search index is unavailable: {error}", 503)


def service_url() -> str:
    return current_site().base_url + "reconcile"


def _parsed(name: str) -> object:
    try:
        return json.loads(request.values[name])
    except (ValueError, TypeError) as error:
        raise QueryError(f"'{name}' is not JSON: {error}") from error


@bp.route("", methods=["GET", "POST"])
def service() -> Response:
    site = site_search()
    if isinstance(site, Response):
        return site
    try:
        if "queries" in request.values:
            return answer(_batch(site, _parsed("queries")))
        if "extend" in request.values:
            return answer(extend(site.index, _parsed("extend")))
    except (QueryError, ExtensionError) as error:
        return refuse(str(error))
    return answer(manifest(service_url(), site.index.namespace))


def _batch(site: SiteSearch, queries: object) -> dict[str, Any]:
    if not isinstance(queries, dict):
        raise QueryError('\'queries\' is a JSON object: {"q0": {"query": …}, …}')
    if len(queries) > MAX_BATCH:
        raise QueryError(f"at most {MAX_BATCH} queries a request (OpenRefine sends 10)")
    matcher = Matcher(site.index, site.searcher, site.classifier)
    results = {}
    for key, raw in queries.items():
        try:
            query = read_query(site.index, raw)
        except QueryError as error:
            raise QueryError(f"query {key!r}: {error}") from error
        results[key] = {"result": [c.to_json() for c in matcher.candidates(query)]}
    return results


@bp.route("/suggest/entity")
def suggest_entity() -> Response:
    site = site_search()
    if isinstance(site, Response):
        return site
    prefix = request.args.get("prefix", "")[:200]
    level = request.args.get("type") or None
    # 0.2 pages with ``cursor``, the draft with ``offset`` and ``limit``
    start = request.args.get("offset", request.args.get("cursor", 0, type=int), type=int)
    count = min(max(request.args.get("limit", SUGGESTIONS, type=int), 0), MAX_SUGGESTIONS)
    hits = site.searcher.search(prefix, level=level, limit=start + count) if prefix else []
    return answer(
        {
            "result": [
                {
                    "id": h.concept.notation,
                    "name": h.concept.label("zh"),
                    "description": describe(h.concept),
                    "notable": [type_json(h.concept)],
                }
                for h in hits[start:]
            ]
        }
    )


def _listed(items: tuple[Named, ...]) -> Response:
    prefix = request.args.get("prefix", "").casefold()
    found = [
        i.to_json()
        for i in items
        if not prefix or prefix in i.id.casefold() or prefix in i.name.casefold()
    ]
    return answer({"result": found})


@bp.route("/suggest/type")
@unmetered
def suggest_type() -> Response:
    return _listed(TYPES)


@bp.route("/suggest/property")
@unmetered
def suggest_property() -> Response:
    unique = {p.id: p for p in (*CONSTRAINTS, *EXTENSION)}
    return _listed(tuple(unique.values()))


@bp.route("/flyout/entity")
@unmetered
def flyout_entity() -> Response:
    site = site_search()
    if isinstance(site, Response):
        return site
    identifier = request.args.get("id", "")
    concept = by_code(site.index, identifier)
    if concept is None:
        return refuse(f"no concept has the code {identifier!r}", 404)
    return answer({"id": identifier, "html": str(card(site.index, concept, _page(concept.iri)))})


@bp.route("/flyout/type")
@unmetered
def flyout_type() -> Response:
    return _flyout(TYPES)


@bp.route("/flyout/property")
@unmetered
def flyout_property() -> Response:
    return _flyout((*CONSTRAINTS, *EXTENSION))


def _flyout(items: tuple[Named, ...]) -> Response:
    identifier = request.args.get("id", "")
    found = next((i for i in items if i.id == identifier), None)
    if found is None:
        return refuse(f"unknown id {identifier!r}", 404)
    from markupsafe import Markup

    html = Markup("<p><b>{}</b> ({})<br>{}</p>").format(found.name, found.id, found.description)
    return answer({"id": identifier, "html": str(html)})


@bp.route("/preview/<identifier>")
@unmetered
def preview(identifier: str) -> Response:
    site = site_search()
    if isinstance(site, Response):
        return site
    concept = by_code(site.index, identifier)
    if concept is None:
        return Response(f"no concept has the code {identifier!r}\n", 404, mimetype="text/plain")
    return Response(
        page(site.index, concept, _page(concept.iri)), content_type="text/html; charset=utf-8"
    )


@bp.route("/view/<identifier>")
@unmetered
def view(identifier: str) -> Response:
    """An id (a code) → its concept's page: the manifest's view URL must be a template of
    the id, and a page's path depends on the concept's level."""
    site = site_search()
    if isinstance(site, Response):
        return site
    concept = by_code(site.index, identifier)
    if concept is None:
        return Response(f"no concept has the code {identifier!r}\n", 404, mimetype="text/plain")
    return Response(status=303, headers={"Location": _page(concept.iri)})


@bp.route("/propose_properties")
@unmetered
def propose_properties() -> Response:
    type_id = request.args.get("type", "")
    if type_id not in {t.id for t in TYPES}:
        return refuse(f"unknown type {type_id!r}: the types are the levels", 400)
    return answer(propose(type_id, request.args.get("limit", 0, type=int)))


def _page(iri: str) -> str:
    """The concept's page as an absolute URL: a flyout's HTML is shown inside the client's
    own page (OpenRefine's), where a root-relative link would lead to the client's host."""
    site = current_site()
    href = linker(current_publication(), Language("en", "param")).href(iri)
    return site.base_url + href.removeprefix(site.prefix).lstrip("/")
