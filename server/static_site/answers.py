"""Answering from the static site, before Flask: a WSGI layer under the compression.

It answers a GET or HEAD of a rendered path with no query string, and only where
the rendering holds for the request: documents at any base URL that can be
written in (``document_base.py``), pages only at the site's root (their links
carry the prefix). Everything else, ``?lang=`` and ``?format=`` included, goes
on to Flask. The headers are the ones Flask's routes write (a test compares
them): the rendered ones, and per request the ETag (the same digest as
``Service.etag``: build, path, format or language, coding, base), the caching
headers, 304 on revalidation, ``X-Build``. The layers outside (access log,
CORS, request checks, rate limit, response cache) treat it as any answer.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit
from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

from catalogue.publication import BuildUnit
from server.http.compression import choose_encoding
from server.http.conditional import cache_headers, not_modified
from server.http.front.inline import refuse_inline
from server.http.response_cache import CACHE_STATUS, CACHEABLE
from server.http.url_root import script_root_of, url_root_of
from server.linked_data.document_base import with_base, writable
from server.pages.i18n import language_of
from server.service import Service
from server.static_site.render import ensure_rendered
from server.static_site.site import Answer, load

#: Where the app keeps this layer (``app.extensions``).
STATIC_SITE = "static_site"
#: As app.py names the build of every answer (it imports this module, so not from there).
BUILD_HEADER = "X-Build"


class StaticSite:
    def __init__(self, app: WSGIApplication, answers: dict[str, Answer], service: Service) -> None:
        self.app = app
        #: Replaced whole once the build's site is rendered (``serve_when_rendered``).
        self.answers = answers
        #: While this worker renders the site or waits for another to (readiness waits too).
        self.rendering = False
        self.service = service
        public = service.config.public_url
        #: The configured public URL fixes the base and prefix whatever the request.
        self.public: tuple[str, str] | None = None
        if public:
            base = public.rstrip("/") + "/"
            self.public = base, urlsplit(base).path.rstrip("/")

    def serve_when_rendered(self, unit: BuildUnit) -> None:
        """Render ``unit``'s site (or wait for the worker rendering it), read every body into
        memory and answer from it: run on a thread of its own, while what is there answers.

        Every body read beforehand (the site's size, 16 MiB for the catalogue, bounded by
        the build) so that no request waits for a file: a body not yet read is read on a
        thread (front/inline.py), and a crawler's first pass over ~5,600 documents and
        pages ran at the thread path's rate (0.19x of the documents' own)."""
        self.rendering = True
        try:
            if ensure_rendered(unit):
                # The app read the manifest already when the site was there at its start.
                answers = self.answers or load(unit) or {}
                for answer in answers.values():
                    answer.read_all()
                self.answers = answers
        finally:
            self.rendering = False  # rendered, or failed: answered dynamically then

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        method = environ["REQUEST_METHOD"]
        answer = self.answers.get(environ.get("PATH_INFO", ""))
        if answer is None or (method != "GET" and method != "HEAD") or environ.get("QUERY_STRING"):
            return self.app(environ, start_response)
        url_root = url_root_of(environ)
        base, prefix = self.public or (url_root, script_root_of(environ))
        encoding = choose_encoding(environ.get("HTTP_ACCEPT_ENCODING"))
        if answer.kind == "document":
            if not writable(base):
                return self.app(environ, start_response)
            variant = ""
            etag = self.service.etag_in(
                (url_root, ""), "document", answer.iri, answer.format, encoding, base
            )
        else:
            if prefix:
                return self.app(environ, start_response)
            variant = language_of(environ, None).code
            if variant not in answer.variants:
                return self.app(environ, start_response)
            # Flask's request.path: PATH_INFO itself, for a key of the site (one slash, ASCII).
            path = environ["PATH_INFO"]
            etag = self.service.etag_in(
                (url_root, variant), "page", path, "", variant, encoding, prefix
            )
        service = self.service
        caching = cache_headers(
            etag, service.last_modified_http, service.config.max_age, answer.vary
        )
        build = (BUILD_HEADER, service.info.build_id)
        environ[CACHE_STATUS] = "static"  # the access log's "cache" field
        if not_modified(environ, etag, service.info.last_modified):
            # As Flask's 304: werkzeug leaves Last-Modified out of it (RFC 9110 §15.4.5 lets it).
            kept = [(k, v) for k, v in caching if k != "Last-Modified"]
            start_response("304 NOT MODIFIED", [*kept, build])
            return []
        if not answer.held(variant):
            refuse_inline(environ)  # read from its file once, on a thread
        body = answer.body(variant)
        if answer.kind == "document":
            body = with_base(body, base)
        headers = [
            *answer.variants[variant].headers,
            ("Content-Length", str(len(body))),
            *caching,
            build,
        ]
        environ[CACHEABLE] = True
        start_response("200 OK", headers)
        return [body] if method == "GET" else []
