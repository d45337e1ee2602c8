"""``/healthz``: is the store open and answering? A tiny ASK, through the query engines.

``/healthz?build=<id>`` is readiness for a rolling rebuild: 503 until this worker
serves that build and answers its documents and pages from the build's static site
(not while it renders it), so a balancer (or the script that drives it) puts a
replica back only once it answers from the new build at full speed.
"""

from __future__ import annotations

import json
import time

from flask import Blueprint, Response, current_app, request

from server.http.ratelimit import unmetered
from server.service import current_service
from server.static_site.answers import STATIC_SITE
from server.store.interface import QueryRequest, StoreError

bp = Blueprint("health", __name__)

#: A health check that waits as long as a query would only tells the prober it timed out.
HEALTH_TIMEOUT = 2.0
_PROBE = QueryRequest("ASK { ?s ?p ?o }", results_format="json", graph_format=None)


# Probes (a load balancer, a monitor) call from one address, often: never refused.
@bp.route("/healthz", methods=["GET"])
@unmetered
def healthz() -> Response:
    service = current_service()
    info = service.info
    report: dict[str, object] = {"build_id": info.build_id, "quads": info.quads}
    started = time.monotonic()
    try:
        answer = service.store.query(_PROBE, started + HEALTH_TIMEOUT)
        answering = json.loads(answer.body()).get("boolean") is True
        report["status"] = "ok" if answering else "empty"
    except StoreError as error:
        answering = False
        report["status"] = "unavailable"
        report["error"] = str(error)
    report["ms"] = round((time.monotonic() - started) * 1000, 3)
    wanted = request.args.get("build")
    if wanted is not None and wanted != info.build_id:
        answering = False
        report["status"] = "other build"
        report["wanted"] = wanted
    elif wanted is not None and _rendering():
        # Ready once its documents and pages come from the static site: meanwhile it
        # renders them per request, 50-100 times slower (a replica put back too early
        # would take its share of the load at that rate).
        answering = False
        report["status"] = "rendering its static site"
    return Response(
        json.dumps(report),
        200 if answering else 503,
        {"Cache-Control": "no-store"},
        content_type="application/json",
    )


def _rendering() -> bool:
    static = current_app.extensions.get(STATIC_SITE)
    return static is not None and bool(static.rendering)
