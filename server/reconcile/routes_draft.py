"""``/reconcile/v1``: the current draft of the reconciliation API (1.0-draft) beside 0.2.

A second root rather than one manifest for both: the draft's manifest differs from 0.2's in
fields OpenRefine 3.6 reads (``suggest``, ``preview``, the view template), so one document
cannot be valid in both; the draft's own version negotiation was withdrawn (reverted at the
vendored commit). Everything is 0.2's code: matching, extension, suggest, previews; only the
shapes are translated (``draft.py``). Rate limits and CORS are the same as 0.2's.
"""

from __future__ import annotations

from flask import Blueprint, Response, request

from server.http.ratelimit import unmetered
from server.reconcile import routes
from server.reconcile.draft import extension_response, read_batch, result_batch
from server.reconcile.extension import ExtensionError, extend
from server.reconcile.manifest import draft_manifest
from server.reconcile.matching import Matcher, QueryError

bp = Blueprint("reconcile_draft", __name__, url_prefix="/reconcile/v1")

# the same views as 0.2's: the draft keeps these answers' shapes
for rule, view in (
    ("/suggest/entity", routes.suggest_entity),
    ("/suggest/type", routes.suggest_type),
    ("/suggest/property", routes.suggest_property),
    ("/extend/propose", routes.propose_properties),
):
    bp.add_url_rule(rule, view_func=view)


@bp.route("")
@unmetered
def service() -> Response:
    return routes.answer(draft_manifest(routes.service_url() + "/v1", routes.service_url()))


@bp.route("/match", methods=["POST"])
def match() -> Response:
    site = routes.site_search()
    if isinstance(site, Response):
        return site
    try:
        queries = read_batch(site.index, request.get_json(force=True, silent=True))
    except QueryError as error:
        return routes.refuse(str(error))
    matcher = Matcher(site.index, site.searcher, site.classifier)
    return routes.answer(result_batch([matcher.candidates(q) for q in queries]))


@bp.route("/extend", methods=["POST"])
def extension() -> Response:
    site = routes.site_search()
    if isinstance(site, Response):
        return site
    try:
        answer = extend(site.index, request.get_json(force=True, silent=True))
    except ExtensionError as error:
        return routes.refuse(str(error))
    return routes.answer(extension_response(answer))


@bp.route("/preview")
@unmetered
def preview() -> Response:
    # the draft's template is ``/preview?id={id}``, 0.2's a path
    return routes.preview(request.args.get("id", ""))


@bp.get("/match", endpoint="match_by_get")
@bp.get("/extend", endpoint="extend_by_get")
@unmetered
def posts_only() -> Response:
    # without this, the site's page routes would answer a GET here with their 404
    response = routes.refuse("this endpoint takes a POST with a JSON body (see the manifest)", 405)
    response.headers["Allow"] = "POST"
    return response
