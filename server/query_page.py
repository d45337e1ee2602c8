"""The query page a browser gets at ``/sparql``: a form, the example queries, the answer.

Rendered on the server and complete without JavaScript: the form submits with
GET (so a query page can be bookmarked and shared), results come back as an
HTML table, and everything it needs is inline (no CDN, no external request).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from flask import Response, render_template

from server.errors import HttpError
from server.formats import Kind
from server.service import Service
from server.store.interface import Answer

#: Rows shown in the page; the full answer is a download away (CSV, JSON).
MAX_ROWS = 1000

#: Content Security Policy: nothing but this page's own inline style and form.
CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)

DEFAULT_QUERY = """SELECT ?concept ?notation ?label WHERE {
  ?concept skos:inScheme ?scheme ;
           skos:notation ?notation ;
           skos:prefLabel ?label .
  FILTER(langMatches(lang(?label), "zh"))
}
ORDER BY ?notation
LIMIT 50
"""


@dataclass
class Table:
    variables: list[str]
    rows: list[list[dict[str, str] | None]]
    truncated: bool


def render(
    service: Service,
    query: str = "",
    example: str = "",
    answer: Answer | None = None,
    error: HttpError | None = None,
) -> Response:
    examples = service.examples
    chosen = next((e for e in examples if e.name == example), None)
    text = query or (chosen.text if chosen else "") or DEFAULT_QUERY
    context: dict[str, object] = {
        "query": text,
        "examples": examples,
        "example": example,
        "info": service.info,
        "prefixes": service.prefixes,
        "timeout": service.config.query_timeout,
        "error": error,
        "unknown_example": bool(example and not chosen),
    }
    if answer is not None:
        context.update(_answer_context(answer))
    status = error.status if error else 200
    body = render_template("query.html", **context)
    headers = {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff"}
    if error:
        headers.update(error.headers)
    return Response(body, status, headers, content_type="text/html; charset=utf-8")


def _answer_context(answer: Answer) -> dict[str, object]:
    if not answer.complete:
        answer.close()
        return {"too_large": True}
    if answer.kind is Kind.GRAPH:
        return {"graph_text": answer.body().decode("utf-8", "replace")}
    results = json.loads(answer.body())
    if "boolean" in results:
        return {"boolean": results["boolean"]}
    variables = results["head"]["vars"]
    bindings = results["results"]["bindings"]
    rows = [[row.get(name) for name in variables] for row in bindings[:MAX_ROWS]]
    return {
        "table": Table(variables, rows, len(bindings) > MAX_ROWS),
        "row_count": len(bindings),
    }
