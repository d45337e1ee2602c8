"""``/sparql``: the SPARQL 1.1 Protocol query operation, the service description, the query page.

- a query (GET, POST form, POST application/sparql-query) → its answer, in the
  format negotiated for its kind (results for SELECT/ASK, a graph for
  CONSTRUCT/DESCRIBE), or the query page with the answer for a browser;
- GET without a query → the service description, or the query page for a browser;
- anything else → 405.
"""

from __future__ import annotations

from wsgiref.types import WSGIEnvironment

from flask import Blueprint, Response, request

from server.formats import HTML, Kind, oxigraph_format
from server.http import conneg
from server.http.compression import choose_encoding
from server.http.conditional import VARY, conditional_response
from server.http.errors import HttpError
from server.http.response_cache import CACHEABLE
from server.service import Service, current_service
from server.sparql import planning, query_page
from server.sparql.answers import answer_response
from server.sparql.planning import plan_query, run
from server.sparql.protocol import QueryParams, read_query_params
from server.sparql.service_description import describe, serialize

bp = Blueprint("sparql", __name__)

#: The query page is in the reader's language (a cookie, Accept-Language), as well.
PAGE_VARY = "Accept, Accept-Encoding, Accept-Language, Cookie"


# Other methods get werkzeug's 405, whose Allow is read from these routes (app.py).
@bp.route("/sparql", methods=["GET", "POST"])
def endpoint() -> Response:
    service = current_service()
    params = read_query_params(request.environ, service.config)
    if params.query is None:
        return _description_or_page(service, params)
    return _query(service, params)


@bp.errorhandler(HttpError)
def _refused(error: HttpError) -> Response:
    """A browser sees the refusal on the query page, next to its query; others get text."""
    service = current_service()
    if _wants_page(request.environ):
        return query_page.render(service, query=_query_text_for_page(), error=error)
    return plain_error(error)


def _query_text_for_page() -> str:
    """The query as well as it can be read, to show it again with the refusal."""
    try:
        return request.args.get("query") or request.form.get("query") or ""
    except Exception:  # the refusal may be about the very body we would read
        return ""


def plain_error(error: HttpError) -> Response:
    return Response(
        error.body(),
        error.status,
        error.headers,
        content_type="text/plain; charset=utf-8",
    )


def _wants_page(environ: WSGIEnvironment) -> bool:
    try:
        fmt = conneg.choose(Kind.RESULTS, environ.get("HTTP_ACCEPT"), request.args.get("format"))
    except (conneg.NotAcceptable, conneg.UnknownFormat):
        return False
    return fmt is HTML


def _query(service: Service, params: QueryParams) -> Response:
    environ = request.environ
    planned = plan_query(service, params, environ, service.variant())

    def respond() -> Response:
        answer = run(planned, service, environ)
        if planned.chosen[answer.kind] is HTML:
            response = query_page.render(service, query=planned.text, answer=answer)
            environ[CACHEABLE] = response.status_code == 200
            return response
        return answer_response(environ, service, answer)

    # Which kind the answer is only the engine knows, so the page's Vary covers the URL
    # whenever a page is among the choices.
    vary = PAGE_VARY if planned.for_page else VARY
    return conditional_response(planned.etag, respond, vary)


def _description_or_page(service: Service, params: QueryParams) -> Response:
    environ = request.environ
    try:
        fmt = conneg.choose(Kind.GRAPH, environ.get("HTTP_ACCEPT"), params.format)
    except conneg.NotAcceptable as error:  # answered by app.py; why a graph is wanted
        error.add_note("the service description is a graph")
        raise
    encoding = choose_encoding(environ.get("HTTP_ACCEPT_ENCODING"))
    if fmt is HTML:
        example = params.first("example") or ""

        def page() -> Response:
            response = query_page.render(service, example=example)
            environ[CACHEABLE] = response.status_code == 200
            return response

        return conditional_response(service.etag("page", example, encoding), page, PAGE_VARY)

    endpoint_url = planning.endpoint_url(service, environ)

    def description() -> Response:
        body = serialize(describe(endpoint_url, service.info), oxigraph_format(fmt))
        environ[CACHEABLE] = True
        return Response(body, 200, content_type=fmt.content_type)

    etag = service.etag("description", endpoint_url, fmt.name, encoding)
    return conditional_response(etag, description)
