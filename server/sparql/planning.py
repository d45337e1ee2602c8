"""A query request made ready for the store: checked, negotiated, its ETag computed.

Shared by the Flask route (``endpoint.py``: every form of request, the query page,
the refusals) and the direct path (``direct.py``: a plain GET of a query, before
Flask), so the two cannot disagree on what is refused, what the engine is asked
or which ETag an answer carries.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from wsgiref.types import WSGIEnvironment

from server.formats import HTML, Format, Kind
from server.http import conneg
from server.http.compression import choose_encoding
from server.http.errors import HttpError
from server.http.response_cache import QUERY_HASH
from server.http.url_root import url_root_of
from server.service import Service
from server.sparql.answers import deadline, store_error
from server.sparql.protocol import READ_ONLY, QueryParams
from server.sparql.query_text import MAX_TERM_NESTING, LexError, inspect
from server.store.interface import Answer, QueryRequest, StoreError

#: What the engine is asked for when the client wants the HTML page.
FOR_PAGE = {Kind.RESULTS: "json", Kind.GRAPH: "turtle"}


@dataclass(frozen=True)
class PlannedQuery:
    text: str  # as the client sent it: what the page, the log and the ETag refer to
    request: QueryRequest  # what the engine is asked
    #: The format negotiated for each kind of answer (None: the client accepts none).
    chosen: dict[Kind, Format | None]
    #: Why a kind has no format: the 406's message, should the answer be of that kind.
    refusals: dict[Kind, str]
    etag: str

    @property
    def for_page(self) -> bool:
        """Would some kind of answer be shown on the query page (a browser asking)?"""
        return HTML in self.chosen.values()


def plan_query(
    service: Service, params: QueryParams, environ: WSGIEnvironment, variant: tuple[str, ...]
) -> PlannedQuery:
    """``HttpError`` (or conneg's ``UnknownFormat``) for a query refused before it runs;
    ``variant`` is the request's part of every ETag (``Service.variant``)."""
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
    chosen = {kind: _choose(kind, accept, params.format, refusals) for kind in FOR_PAGE}
    if not any(chosen.values()):
        raise HttpError(406, refusals[Kind.RESULTS])
    encoding = choose_encoding(environ.get("HTTP_ACCEPT_ENCODING"))
    names = {kind: fmt.name if fmt else "" for kind, fmt in chosen.items()}
    # Relative IRIs in the query name things at the endpoint's own URL (SPARQL
    # Protocol; the W3C test query_content_type_construct): part of what the answer is.
    base_iri = endpoint_url(service, environ)
    etag = service.etag_in(
        variant,
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
        kind: (FOR_PAGE[kind] if fmt is HTML else fmt.name) if fmt else None
        for kind, fmt in chosen.items()
    }
    request = QueryRequest(
        facts.for_engine,
        params.default_graphs,
        params.named_graphs,
        union_default=not facts.names_dataset,
        results_format=engine_formats[Kind.RESULTS],
        graph_format=engine_formats[Kind.GRAPH],
        base_iri=base_iri,
    )
    return PlannedQuery(text, request, chosen, refusals, etag)


def run(planned: PlannedQuery, service: Service, environ: WSGIEnvironment) -> Answer:
    """The store's answer; ``HttpError`` with the status for each way it can fail."""
    try:
        return service.store.query(planned.request, deadline(environ, service))
    except StoreError as error:
        raise store_error(error, service, planned.refusals) from None


def _choose(
    kind: Kind, accept: str | None, format_param: str | None, refusals: dict[Kind, str]
) -> Format | None:
    try:
        return conneg.choose(kind, accept, format_param)
    except conneg.NotAcceptable as error:
        refusals[kind] = str(error)
        return None


def endpoint_url(service: Service, environ: WSGIEnvironment) -> str:
    """The configured public URL, else the one this request came in by (see ProxyFix)."""
    if service.config.public_url:
        return service.config.public_url.rstrip("/") + "/sparql"
    return url_root_of(environ).rstrip("/") + "/sparql"
