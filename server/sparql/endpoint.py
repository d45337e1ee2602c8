"""``/sparql``: the SPARQL 1.1 Protocol query operation, the service description, the query page.

- a query (GET, POST form, POST application/sparql-query) → its answer, in the
  format negotiated for its kind (results for SELECT/ASK, a graph for
  CONSTRUCT/DESCRIBE), or the query page with the answer for a browser;
- GET without a query → the service description, or the query page for a browser;
- anything else → 405.
"""

from __future__ import annotations

import hashlib
from wsgiref.types import WSGIEnvironment

from flask import Blueprint, Response, request

from server.formats import HTML, Format, Kind, oxigraph_format
from server.http import conneg
from server.http.compression import choose_encoding
from server.http.conditional import VARY, conditional_response
from server.http.errors import HttpError
from server.http.response_cache import CACHEABLE, QUERY_HASH
from server.service import Service, current_service
from server.sparql import query_page
from server.sparql.answers import answer_response, deadline, store_error
from server.sparql.protocol import READ_ONLY, QueryParams, read_query_params
from server.sparql.query_text import MAX_TERM_NESTING, LexError, inspect
from server.sparql.service_description import describe, serialize
from server.store.interface import QueryRequest, StoreError

bp = Blueprint("sparql", __name__)

#: The query page is in the reader's language (a cookie, Accept-Language), as well.
PAGE_VARY = "Accept, Accept-Encoding, Accept-Language, Cookie"
#: What the engine is asked for when the client wants the HTML page.
_FOR_PAGE = {Kind.RESULTS: "json", Kind.GRAPH: "turtle"}


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
    text = params.query or ""
    environ[QUERY_HASH] = hashlib.sha256(text.encode()).hexdigest()[:16]
    try:
        facts = inspect(text)
    except LexError as error:
        raise HttpError(400, f"the query is not valid SPARQL 1.1: {error}") from None
    if facts.is_update:
        raise HttpError(403, READ_ONLY)
    limit = service.config.max_nesting
    if limit and facts.nesting > limit:
        raise HttpError(
            400,
            f"the query nests brackets {facts.nesting} levels deep; this endpoint accepts "
            f"at most {limit}",
        )
    if limit and facts.term_nesting > MAX_TERM_NESTING:
        raise HttpError(
            400,
            f"the query nests collections or blank-node lists {facts.term_nesting} levels "
            f"deep; this endpoint accepts at most {MAX_TERM_NESTING}",
        )
    if facts.calls_service:
        raise HttpError(
            400, "federated queries (SERVICE) are not supported: this endpoint calls no others"
        )

    accept = environ.get("HTTP_ACCEPT")
    refusals: dict[Kind, str] = {}
    chosen = {kind: _choose(kind, accept, params.format, refusals) for kind in _FOR_PAGE}
    if not any(chosen.values()):
        raise HttpError(406, refusals[Kind.RESULTS])
    encoding = choose_encoding(environ.get("HTTP_ACCEPT_ENCODING"))
    names = {kind: fmt.name if fmt else "" for kind, fmt in chosen.items()}
    # Relative IRIs in the query name things at the endpoint's own URL (SPARQL
    # Protocol; the W3C test query_content_type_construct): part of what the answer is.
    base_iri = endpoint_url_of(service)
    etag = service.etag(
        "query",
        text,
        base_iri,
        repr(params.default_graphs),
        repr(params.named_graphs),
        names[Kind.RESULTS],
        names[Kind.GRAPH],
        encoding,
    )
    engine_formats = {
        kind: (_FOR_PAGE[kind] if fmt is HTML else fmt.name) if fmt else None
        for kind, fmt in chosen.items()
    }
    query = QueryRequest(
        facts.for_engine,
        params.default_graphs,
        params.named_graphs,
        union_default=not facts.names_dataset,
        results_format=engine_formats[Kind.RESULTS],
        graph_format=engine_formats[Kind.GRAPH],
        base_iri=base_iri,
    )

    def respond() -> Response:
        try:
            answer = service.store.query(query, deadline(environ, service))
        except StoreError as error:
            raise store_error(error, service, refusals) from None
        if chosen[answer.kind] is HTML:
            response = query_page.render(service, query=text, answer=answer)
            environ[CACHEABLE] = response.status_code == 200
            return response
        return answer_response(environ, service, answer)

    # Which kind the answer is only the engine knows, so the page's Vary covers the URL
    # whenever a page is among the choices.
    vary = PAGE_VARY if HTML in chosen.values() else VARY
    return conditional_response(etag, respond, vary)


def _choose(
    kind: Kind, accept: str | None, format_param: str | None, refusals: dict[Kind, str]
) -> Format | None:
    try:
        return conneg.choose(kind, accept, format_param)
    except conneg.NotAcceptable as error:
        refusals[kind] = str(error)
        return None


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

    endpoint_url = endpoint_url_of(service)

    def description() -> Response:
        body = serialize(describe(endpoint_url, service.info), oxigraph_format(fmt))
        environ[CACHEABLE] = True
        return Response(body, 200, content_type=fmt.content_type)

    etag = service.etag("description", endpoint_url, fmt.name, encoding)
    return conditional_response(etag, description)


def endpoint_url_of(service: Service) -> str:
    """The configured public URL, else the one this request came in by (see ProxyFix)."""
    if service.config.public_url:
        return service.config.public_url.rstrip("/") + "/sparql"
    return request.url_root.rstrip("/") + "/sparql"
