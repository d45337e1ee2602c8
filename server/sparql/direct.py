"""A plain GET of a query, answered before Flask: a WSGI layer right above it.

``GET /sparql?query=…`` from a program (not a browser asking for the query page)
is the endpoint's most frequent request, and Flask's share of it (a request
context, routing, a response object, its hooks) cost as much as our own checks
and the engine's round trip together. This layer answers it with the same
planning as the Flask route (``planning.py``: the same checks, negotiation,
engine request and ETag) and the same headers (a test compares them).

Everything else goes on to Flask unchanged: other methods, other paths, the
service description, the query page, a revalidation (If-None-Match,
If-Modified-Since), and every request refused before it runs, so each refusal
is worded in one place. A refusal of the store (timeout, busy, a crash) is
answered here, as the route answers it, since the query has run by then.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

from werkzeug.wsgi import ClosingIterator

from server.formats import BY_NAME
from server.http import conneg
from server.http.conditional import VARY, cache_headers
from server.http.errors import UNEXPECTED, HttpError
from server.http.response_cache import CACHEABLE
from server.http.url_root import url_root_of
from server.pages.i18n import language_variant
from server.service import Service
from server.sparql.answers import streamed
from server.sparql.endpoint import plain_error
from server.sparql.planning import PlannedQuery, plan_query, run
from server.sparql.protocol import read_query_params
from server.store.interface import Answer, requesting_client

log = logging.getLogger(__name__)

#: As app.py names the build of every answer (it imports this module, so not from there).
BUILD_HEADER = "X-Build"
PATH = "/sparql"
#: Where the app keeps this layer (``app.extensions``).
DIRECT_QUERIES = "direct_queries"


class DirectQueries:
    def __init__(self, app: WSGIApplication, service: Service) -> None:
        self.app = app
        self.service = service

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        if (
            environ.get("PATH_INFO") != PATH
            or environ["REQUEST_METHOD"] != "GET"
            or "HTTP_IF_NONE_MATCH" in environ
            or "HTTP_IF_MODIFIED_SINCE" in environ
        ):
            return self.app(environ, start_response)
        planned = self._plan(environ)
        if planned is None:
            return self.app(environ, start_response)
        # As app.py's before_request: the store shares its engines fairly by this.
        client = requesting_client.set(environ.get("REMOTE_ADDR"))
        try:
            answer = run(planned, self.service, environ)
        except HttpError as error:
            return self._refuse(error, environ, start_response)
        except Exception:  # as app.py's last error handler: logged, and a plain 500
            log.exception("unexpected error while answering a query")
            return self._refuse(HttpError(500, UNEXPECTED), environ, start_response)
        finally:
            requesting_client.reset(client)
        return self._respond(planned, answer, environ, start_response)

    def _plan(self, environ: WSGIEnvironment) -> PlannedQuery | None:
        """The query, if this layer answers it: None for what Flask answers."""
        service = self.service
        try:
            params = read_query_params(environ, service.config)
            if params.query is None:  # the service description, or the query page
                return None
            variant = url_root_of(environ), language_variant(environ, params.first("lang"))
            planned = plan_query(service, params, environ, variant)
        except (HttpError, conneg.UnknownFormat):
            return None  # refused before it ran: Flask says why, as for any request
        return None if planned.for_page else planned

    def _respond(
        self,
        planned: PlannedQuery,
        answer: Answer,
        environ: WSGIEnvironment,
        start_response: StartResponse,
    ) -> Iterable[bytes]:
        service = self.service
        headers = [("Content-Type", BY_NAME[answer.format].content_type)]
        caching = cache_headers(
            planned.etag, service.last_modified_http, service.config.max_age, VARY
        )
        build = (BUILD_HEADER, service.info.build_id)
        if answer.complete:
            body = answer.body()
            environ[CACHEABLE] = True
            start_response(
                "200 OK", [*headers, ("Content-Length", str(len(body))), *caching, build]
            )
            return [body]
        start_response("200 OK", [*headers, *caching, build])
        # Closed by the server when the client leaves, even before the first piece: the
        # answer's engine is freed then (a generator closed unstarted runs no finally).
        rest: Iterator[bytes] = streamed(answer, service)
        return ClosingIterator(rest, answer.close)

    def _refuse(
        self, error: HttpError, environ: WSGIEnvironment, start_response: StartResponse
    ) -> Iterable[bytes]:
        response = plain_error(error)
        response.headers[BUILD_HEADER] = self.service.info.build_id
        return response(environ, start_response)
