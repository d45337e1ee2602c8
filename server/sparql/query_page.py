"""The query page a browser gets at ``/sparql``: a form, the example queries, the answer.

Rendered on the server and complete without JavaScript: the form submits with
GET (so a query page can be bookmarked and shared), results come back as an
HTML table whose IRIs link to their pages here. Where the build vendored YASGUI
(``make web``: ``server/static/vendor/yasgui/``), a script replaces the form
with its editor (syntax highlighting, prefix completion) and result views:
progressive enhancement, nothing loaded from another origin.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from flask import Response, render_template, request

from server.formats import Kind
from server.http.errors import HttpError
from server.linked_data.publication import current_publication, current_site
from server.linked_data.vocabulary import canonical_language
from server.pages import i18n
from server.pages.rendering import common_context
from server.pages.view import Linker
from server.service import Service
from server.sparql.query_text import LexError, inspect
from server.store.interface import Answer

#: Rows shown in the page; the full answer is a download away (CSV, JSON).
MAX_ROWS = 1000

#: Content Security Policy: this site's own scripts and styles only. YASGUI sets
#: style attributes from script, hence 'unsafe-inline' for styles (not scripts).
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
#: Formats an answer can be downloaded in: (format parameter, label, kind of query).
DOWNLOADS = [
    ("csv", "CSV", "results"),
    ("tsv", "TSV", "results"),
    ("json", "SPARQL JSON", "results"),
    ("xml", "SPARQL XML", "results"),
    ("turtle", "Turtle", "graph"),
    ("ntriples", "N-Triples", "graph"),
    ("rdfxml", "RDF/XML", "graph"),
    ("jsonld", "JSON-LD", "graph"),
]
#: Where ``make web`` puts YASGUI's build.
YASGUI = Path(__file__).parent.parent / "static" / "vendor" / "yasgui" / "yasgui.min.js"

DEFAULT_QUERY = """PREFIX skos: <http://www.w3.org/2004/02/skos/core#>

SELECT ?concept ?notation ?label WHERE {
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
    language = i18n.language_of(request.environ, request.args.get("lang"))
    publication = current_publication()
    # IRIs in the answer link to their pages here, not to the namespace's host.
    links = Linker(publication.index, publication.addresses, current_site(), language)
    context = common_context(language)
    try:
        graph_query = inspect(text).keyword in ("construct", "describe")
    except LexError:  # shown again with the parser's message; the downloads matter less
        graph_query = False
    context |= {
        "downloads": [d for d in DOWNLOADS if (d[2] == "graph") == graph_query],
        "all_downloads": DOWNLOADS,
        "yasgui": YASGUI.is_file(),
        "local_href": links.href,
        "lang_tag": canonical_language,
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
    headers = {
        "Content-Security-Policy": CSP,
        "X-Content-Type-Options": "nosniff",
        "Content-Language": language.tag,
    }
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
