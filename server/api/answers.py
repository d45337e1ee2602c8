"""JSON answers, or JSON-LD ones under the published context, and the API's errors.

JSON-LD is the same body with an ``@context``: the dumps' context (by URL, so a client
caches it once) and the few API terms it lacks (``iri`` as ``@id``). A client that asks
for neither gets JSON; errors are always JSON, ``{"error": "…"}``.
"""

from __future__ import annotations

import json
from typing import Any

from flask import Request, Response, request
from spectree.model_adapter import ModelAdapter

from server.linked_data.publication import current_site

JSON = "application/json"
JSONLD = "application/ld+json"
#: The API's own words over the published context: identifiers, and the lists of concepts
#: (as skos:member of the answer, so that a JSON-LD reader keeps them).
LOCAL_TERMS = {
    "iri": "@id",
    "results": {"@id": "skos:member", "@container": "@list"},
    "concept": {"@id": "skos:related"},
}
CACHE = {"Vary": "Accept", "Cache-Control": "public, max-age=300"}


def answer(body: dict[str, Any], status: int = 200) -> Response:
    if request.accept_mimetypes.best_match([JSON, JSONLD], default=JSON) == JSONLD:
        context = [current_site().absolute("/dumps/context.jsonld"), LOCAL_TERMS]
        return _send({"@context": context, **body}, status, JSONLD)
    return _send(body, status, JSON)


def error(status: int, message: str, details: list[dict[str, Any]] | None = None) -> Response:
    body: dict[str, Any] = {"error": message}
    if details is not None:
        body["details"] = details
    return _send(body, status, JSON)


def document(body: dict[str, Any]) -> Response:
    """A JSON document that is not data about the catalogue (the OpenAPI document)."""
    return _send(body, 200, JSON)


def _send(body: dict[str, Any], status: int, media_type: str) -> Response:
    return Response(
        json.dumps(body, ensure_ascii=False),
        status,
        CACHE,
        content_type=f"{media_type}; charset=utf-8",
    )


def query_refused(
    req: Request,
    resp: Response | None,
    req_validation_error: Exception | None,
    instance: object,
    model_adapter: ModelAdapter[Any, Any, Any],
) -> None:
    """spectree's hook before a route: a query string that does not validate is answered
    400 with one sentence a person can act on, and pydantic's list for a program."""
    if req_validation_error is None or resp is None:
        return
    problems = model_adapter.validation_errors(req_validation_error)
    sentences = [f"{'.'.join(map(str, p.get('loc', ())))}: {p.get('msg', '')}" for p in problems]
    details = [{k: v for k, v in p.items() if k in ("loc", "msg", "type")} for p in problems]
    resp.set_data(
        json.dumps(
            {"error": "bad query string: " + "; ".join(sentences), "details": details},
            ensure_ascii=False,
            default=str,
        )
    )
    resp.content_type = f"{JSON}; charset=utf-8"
