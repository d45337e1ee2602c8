"""The application factory, and the WSGI layers around Flask, outermost first.

    ProxyFix        X-Forwarded-* believed only from ``trusted_proxies`` proxies
    AccessLog       one JSON line per request; starts the query's clock
    Cors            CORS headers on every answer; preflight OPTIONS
    RequestChecks   400 for a host or X-Forwarded-Prefix not to believe; 431 for a huge head
    BodyTimeout     408 for a body that did not arrive in time (server/http/front)
    RateLimiting    429 past a client's allowance, shared by all workers
    ResponseCache   a repeated GET answered from memory, before Flask
    Compression     br / gzip by Accept-Encoding (cached compressed)
    StaticSite      documents and data pages answered from the build's static site
                    (server/static_site), rendered once per build
    ThreadOnly      what is below waits on the store: refused on the bridge's event
                    loop, run on a thread (server/http/front/inline.py); what is above
                    answers from memory, on the loop when it can
    DirectQueries   a plain GET of a query (no page, no revalidation, not refused before it
                    runs) answered before Flask (server/sparql/direct.py)
    Flask           the blueprints: /sparql, /rdf-graph-store, /healthz; the pages
                    (server/pages: /, /search, ….html, /model, /quality); linked data
                    (server/linked_data: 303 from every IRI to its documents, /dumps,
                    /.well-known/void)

The order matters: CORS wraps the 429s and the cached answers too; the rate
limit applies to cached answers as well; the cache keeps compressed bytes.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
from collections.abc import Callable
from wsgiref.types import WSGIApplication, WSGIEnvironment

import pyoxigraph
from flask import Flask, Response, has_request_context, request
from werkzeug.exceptions import HTTPException

import server
from catalogue.publication import BuildUnit, unit_of
from server import health
from server.api import routes as api
from server.config import ServerConfig
from server.http import conneg
from server.http.accesslog import AccessLog, open_log
from server.http.compression import Compression
from server.http.cors import Cors
from server.http.errors import UNEXPECTED, HttpError
from server.http.front.inline import ThreadOnly
from server.http.front.request_checks import RequestChecks
from server.http.front.timeouts import BodyTimeout
from server.http.ratelimit import UNMETERED, RateLimiting, SharedRateLimiter, create_table
from server.http.response_cache import ResponseCache
from server.http.url_root import url_root_of
from server.linked_data import routes as linked_data
from server.linked_data.publication import EXTENSION as PUBLICATION
from server.linked_data.publication import Publication
from server.pages import quality
from server.pages import routes as pages
from server.pages.i18n import cache_variant, language_variant
from server.reconcile import routes as reconcile
from server.reconcile import routes_draft as reconcile_draft
from server.search import routes as search
from server.service import EXTENSION, Service, current_service
from server.skosmos_rest import routes as skosmos_rest
from server.sparql import endpoint as sparql
from server.sparql import graph_store
from server.sparql.answers import store_error
from server.sparql.direct import DIRECT_QUERIES, DirectQueries
from server.sparql.examples import Example, load_examples
from server.static_site import site as static_site
from server.static_site.answers import STATIC_SITE, StaticSite
from server.store import build_beside, open_store
from server.store.interface import Store, StoreError, requesting_client

log = logging.getLogger(__name__)

#: The paths that serve data to other sites' pages: CORS preflights are answered for them
#: (the reconciliation draft's JSON POSTs need one; the draft makes CORS a must).
DATA_PATHS = ("/sparql", "/rdf-graph-store", "/reconcile/v1/match", "/reconcile/v1/extend")
#: Names the build every answer comes from.
BUILD_HEADER = "X-Build"


def create_app(config: ServerConfig | None = None, store: Store | None = None) -> Flask:
    """The endpoint for ``config`` (default: from the environment) over ``store``
    (default: the built store in isolated engine processes)."""
    config = config or ServerConfig.from_environment()
    prefixes = project_prefixes()
    build = served_build(config)
    if store is None:
        store = open_store(config, prefixes, build)
    if config.store_url:
        # The remote says which build is current; its files are served only from its copy.
        build = build_beside(config, store.info.build_id)

    app = Flask(__name__)
    # Static files are linked with a content hash (?v=…): they may be kept a day.
    app.config.update(MAX_CONTENT_LENGTH=config.max_body_bytes, SEND_FILE_MAX_AGE_DEFAULT=86400)
    examples = load_examples(config.examples_dir)
    service = Service(
        config, store, examples, prefixes, _salt(store, examples, prefixes), _request_variant
    )
    app.extensions[EXTENSION] = service

    app.extensions[PUBLICATION] = Publication.create(config, store, build)

    app.register_blueprint(sparql.bp)
    app.register_blueprint(graph_store.bp)
    app.register_blueprint(health.bp)
    app.register_blueprint(pages.bp)
    app.register_blueprint(quality.bp)
    app.register_blueprint(search.bp)
    app.register_blueprint(reconcile.bp)
    app.register_blueprint(reconcile_draft.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(skosmos_rest.bp)
    app.register_blueprint(linked_data.bp)
    _error_handlers(app)

    @app.before_request
    def _who_is_asking() -> None:
        # The store shares its engines fairly between clients by this (ProxyFix has run).
        requesting_client.set(request.remote_addr)

    @app.after_request
    def _which_build(response: Response) -> Response:
        # Which build answered: a worker serves one build whole, until SIGHUP replaces it.
        response.headers[BUILD_HEADER] = store.info.build_id
        return response

    # Flask's documented way to add WSGI middleware; its stubs type wsgi_app as the method.
    app.wsgi_app = _layers(app, config, store, build)  # type: ignore[method-assign, assignment]
    return app


def served_build(config: ServerConfig) -> BuildUnit | None:
    """The published build this worker serves, its pointer resolved once: the store, the
    files and the search index all come from this one folder. None only for a remote
    endpoint with no build beside it."""
    try:
        return unit_of(config.store)
    except FileNotFoundError:
        if config.store_url:
            return None
        raise


def project_prefixes() -> dict[str, str]:
    from catalogue.vocab import PREFIXES

    return {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}


def _salt(store: Store, examples: list[Example], prefixes: dict[str, str]) -> str:
    """What besides the request decides the bytes of an answer."""
    digest = hashlib.sha256()
    # A remote engine writes the same build's data its own way (Oxigraph makes
    # xsd:positiveInteger xsd:integer, Virtuoso keeps it): its name is part of the bytes.
    engine = getattr(getattr(store, "engine", None), "name", "")
    for part in (store.info.build_id, engine, server.__version__, pyoxigraph.__version__):
        digest.update(part.encode() + b"\x00")
    for example in examples:
        digest.update(f"{example.name}\x00{example.text}\x00".encode())
    digest.update(repr(sorted(prefixes.items())).encode())
    return digest.hexdigest()


def _request_variant() -> tuple[str, ...]:
    """The URL root the request came in by (links, the service description name it)
    and the language of the answer (pages, the query page): they select the bytes."""
    if not has_request_context():
        return ()
    return url_root_of(request.environ), language_variant(request.environ, request.args.get("lang"))


def _metered(app: Flask) -> Callable[[WSGIEnvironment], bool]:
    """Whether a request is counted by the rate limit: asked of Flask's own router, so
    whatever spelling of a path reaches a route is counted as that route."""

    # Routing a request (werkzeug binds an adapter to the environ, then matches) cost more
    # than the count itself: a tenth of the static site's rate (bench/). The routes are
    # fixed once the app is made, and without host or subdomain matching the router looks
    # at the path and the method only, so its answer is remembered for short paths; a long
    # one (the URL may be 16 KiB) is routed each time, so the memory stays small.
    if app.url_map.host_matching or app.subdomain_matching:  # then the host counts too
        return lambda environ: _routed_metered(app, environ)

    @functools.lru_cache(maxsize=METERED_PATHS)
    def routed(method: str, path: str) -> bool:
        return _routed_metered(
            app, {**_ROUTING_ENVIRON, "REQUEST_METHOD": method, "PATH_INFO": path}
        )

    def metered(environ: WSGIEnvironment) -> bool:
        path = environ.get("PATH_INFO", "")
        if len(path) > METERED_PATH_BYTES:
            return _routed_metered(app, environ)
        return routed(environ.get("REQUEST_METHOD", "GET"), path)

    return metered


#: Paths whose routing ``_metered`` remembers, and the longest it remembers (≤ 160 KB).
METERED_PATHS = 1024
METERED_PATH_BYTES = 160
#: An environ for the router: it reads the host to bind, but matches on the path alone.
_ROUTING_ENVIRON: WSGIEnvironment = {
    "SERVER_NAME": "localhost",
    "SERVER_PORT": "80",
    "wsgi.url_scheme": "http",
    "SCRIPT_NAME": "",
    "QUERY_STRING": "",
}


def _routed_metered(app: Flask, environ: WSGIEnvironment) -> bool:
    try:
        endpoint, _ = app.url_map.bind_to_environ(environ).match()
    except Exception:  # no route, or a redirect to one: counted all the same
        return True
    if endpoint == "static":  # Flask's static files
        return False
    return not getattr(app.view_functions.get(endpoint), UNMETERED, False)


def _allowed_methods(app: Flask, path: str) -> str:
    """The methods the routes at ``path`` answer: what ``Allow`` may say."""
    methods = app.url_map.bind("localhost").allowed_methods(path)
    return ", ".join(sorted(methods))


def _layers(
    app: Flask, config: ServerConfig, store: Store, build: BuildUnit | None
) -> WSGIApplication:
    direct = DirectQueries(app.wsgi_app, app.extensions[EXTENSION])
    app.extensions[DIRECT_QUERIES] = direct
    # Queries and Flask's routes wait on the store and render: never on the bridge's
    # event loop (server/http/front/inline.py).
    wsgi: WSGIApplication = ThreadOnly(direct)
    if config.static_site and build is not None:
        # Empty until the build's site is rendered (server/wsgi.py starts that).
        static = StaticSite(wsgi, static_site.load(build) or {}, app.extensions[EXTENSION])
        app.extensions[STATIC_SITE] = static
        wsgi = static
    wsgi = Compression(wsgi)
    if config.response_cache_bytes:
        wsgi = ResponseCache(
            wsgi, config.response_cache_bytes, store.info.last_modified, cache_variant
        )
    if config.rate_limit:
        # Not under `serve` (no shared table): this process is the only one counting.
        private = config.rate_limit_file is None
        table = create_table() if config.rate_limit_file is None else config.rate_limit_file
        wsgi = RateLimiting(wsgi, SharedRateLimiter(config.rate_limit, table), _metered(app))
        if private:
            os.unlink(table)  # the mapping stays; nothing is left behind in /dev/shm
    wsgi = BodyTimeout(wsgi, config.body_timeout)
    wsgi = RequestChecks(wsgi, config.max_header_bytes)
    wsgi = Cors(wsgi, config.cors_origins, {p: _allowed_methods(app, p) for p in DATA_PATHS})
    log_fd = open_log(config.access_log)
    if log_fd is not None:
        wsgi = AccessLog(wsgi, log_fd)
    if config.trusted_proxies:
        from werkzeug.middleware.proxy_fix import ProxyFix

        n = config.trusted_proxies
        wsgi = ProxyFix(wsgi, x_for=n, x_proto=n, x_host=n, x_port=n, x_prefix=n)
    return wsgi


def _error_handlers(app: Flask) -> None:
    @app.errorhandler(HttpError)
    def refused(error: HttpError) -> Response:
        return sparql.plain_error(error)

    # Every route negotiates through conneg; its refusals become HttpErrors here, once, and
    # are answered as those are (by the blueprint's handler where it has one: the query
    # page shows them to a browser). A route may add a note: what it serves, a likely mistake.
    @app.errorhandler(conneg.UnknownFormat)
    def unknown_format(error: conneg.UnknownFormat) -> Response:
        return app.make_response(app.handle_user_exception(HttpError(400, _with_notes(error))))

    @app.errorhandler(conneg.NotAcceptable)
    def not_acceptable(error: conneg.NotAcceptable) -> Response:
        return app.make_response(app.handle_user_exception(HttpError(406, _with_notes(error))))

    # A store's refusal a route did not translate itself (the data's index, loaded inside
    # the first request that needs it): the same status and message as anywhere else
    # (busy 503, a client over its share 429, timeout 504), never a 500.
    @app.errorhandler(StoreError)
    def store_refused(error: StoreError) -> Response:
        refusal = store_error(error, current_service(), {})
        return app.make_response(app.handle_user_exception(refusal))

    @app.errorhandler(HTTPException)
    def http_exception(error: HTTPException) -> Response:
        status = error.code or 500
        headers = dict(error.get_headers())
        headers.pop("Content-Type", None)
        message = {
            404: "there is nothing here; the endpoint is /sparql",
            # werkzeug's Allow lists the methods of the routes at this path, no more.
            405: f"{request.method} is not supported here: this resource answers "
            f"{headers.get('Allow', 'GET')} (the data here is read-only)",
            413: "the request body is too large",
        }.get(status, error.description or "")
        return sparql.plain_error(HttpError(status, message, headers))

    @app.errorhandler(Exception)
    def unexpected(error: Exception) -> Response:
        log.exception("unexpected error while answering a request")
        return sparql.plain_error(HttpError(500, UNEXPECTED))


def _with_notes(error: Exception) -> str:
    return str(error) + "".join(f" ({note})" for note in getattr(error, "__notes__", ()))
