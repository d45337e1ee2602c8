"""CORS: every answer, errors and cached ones included, may be read by a web page.

A public read-only endpoint is meant to be queried from other sites' pages
(YASGUI, notebooks), so the default is ``Access-Control-Allow-Origin: *``. With
a configured list of origins, a listed Origin is echoed back and ``Vary: Origin``
is added. Preflight ``OPTIONS`` requests are answered here, before the rate
limiter: a browser sends them on its own, not the page's author.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING
from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

if TYPE_CHECKING:  # typeshed's name for WSGI's exc_info; no module at run time
    from _typeshed import OptExcInfo

#: Headers a page may read besides the basic ones: what caching and backing off need.
EXPOSED = "ETag, Last-Modified, Retry-After, Content-Length, X-Cache"
MAX_AGE = "86400"


class Cors:
    def __init__(
        self, app: WSGIApplication, origins: tuple[str, ...], paths: Mapping[str, str]
    ) -> None:
        self.app = app
        self.any_origin = "*" in origins
        self.origins = frozenset(origins)
        #: Paths whose OPTIONS requests are answered here, each with the methods its
        #: route supports (others reach the app).
        self.paths = paths

    def _allowed(self, environ: WSGIEnvironment) -> list[tuple[str, str]]:
        if self.any_origin:
            return [
                ("Access-Control-Allow-Origin", "*"),
                ("Access-Control-Expose-Headers", EXPOSED),
            ]
        origin = environ.get("HTTP_ORIGIN")
        if origin and origin.rstrip("/") in self.origins:
            return [
                ("Access-Control-Allow-Origin", origin),
                ("Access-Control-Expose-Headers", EXPOSED),
                ("Vary", "Origin"),
            ]
        return [("Vary", "Origin")]

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        extra = self._allowed(environ)
        allow = self.paths.get(environ.get("PATH_INFO", ""))
        if environ["REQUEST_METHOD"] == "OPTIONS" and allow:
            headers = [*extra, ("Allow", allow), ("Content-Length", "0")]
            if environ.get("HTTP_ACCESS_CONTROL_REQUEST_METHOD"):
                headers.append(("Access-Control-Allow-Methods", allow))
                requested = environ.get("HTTP_ACCESS_CONTROL_REQUEST_HEADERS")
                if requested:
                    headers.append(("Access-Control-Allow-Headers", requested))
                headers.append(("Access-Control-Max-Age", MAX_AGE))
            start_response("204 No Content", headers)
            return []

        def with_cors(
            status: str, headers: list[tuple[str, str]], exc_info: OptExcInfo | None = None
        ) -> Callable[[bytes], object]:
            return start_response(status, headers + extra, exc_info)

        return self.app(environ, with_cors)
