"""Templates to responses: the reader's language, the caching headers of documents, the CSP.

A page is a document like the RDF ones: strong ETag (from the build, the URL
and the language), 304 on revalidation without rendering, cacheable in the
response cache. It varies on the reader's language, so ``Vary`` names
Accept-Language and Cookie, unless ``?lang=`` fixed it in the URL.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlencode

from flask import Response, current_app, render_template, request, url_for

import server
from server.http.compression import choose_encoding
from server.http.conditional import conditional_response
from server.http.response_cache import CACHEABLE
from server.linked_data.publication import current_publication, current_site, current_site_prefix
from server.pages import i18n
from server.pages.messages import message
from server.service import current_service

#: Pages load only their own stylesheet and scripts; no inline script, no other origin.
CSP = (
    "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; "
    "frame-ancestors 'none'"
)

Context = dict[str, object]


def page_response(
    template: str,
    build: Callable[[i18n.Language], Context],
    status: int = 200,
    extra_headers: list[tuple[str, str]] | None = None,
    cacheable: bool = True,
    negotiated: bool = False,
) -> Response:
    """Render ``template`` with what ``build`` returns, unless the client has it already.

    ``negotiated``: the URL also answers other formats by Accept (``/quality``), so caches
    must keep the page apart from them.
    """

    def render(language: i18n.Language) -> str:
        context = common_context(language)
        context.update(build(language))
        return render_template(template, **context)

    return html_page_response(render, status, extra_headers, cacheable, negotiated)


def html_page_response(
    render: Callable[[i18n.Language], str],
    status: int = 200,
    extra_headers: list[tuple[str, str]] | None = None,
    cacheable: bool = True,
    negotiated: bool = False,
) -> Response:
    """A page whose HTML ``render`` writes in the reader's language, with the headers,
    revalidation and caching of every page (``page_response``)."""
    service = current_service()
    environ = request.environ
    language = i18n.language_of(environ, request.args.get("lang"))
    prefix = current_site_prefix()
    encoding = choose_encoding(environ.get("HTTP_ACCEPT_ENCODING"))
    etag = service.etag(
        "page",
        request.path,
        request.query_string.decode("latin-1"),
        language.code,
        encoding,
        prefix,
    )
    vary = (
        "Accept-Encoding"
        if language.source == "param"
        else "Accept-Language, Cookie, Accept-Encoding"
    )
    if negotiated:
        vary = "Accept, " + vary

    def respond() -> Response:
        response = Response(render(language), status, content_type="text/html; charset=utf-8")
        for name, value in extra_headers or []:
            response.headers.add(name, value)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Content-Language"] = language.tag
        if language.source == "param":
            response.set_cookie(
                i18n.COOKIE,
                language.code,
                max_age=i18n.COOKIE_MAX_AGE,
                path=(prefix or "") + "/",
                samesite="Lax",
            )
        environ[CACHEABLE] = cacheable and status == 200
        return response

    if status != 200:  # an error page is not a representation to revalidate or keep
        return respond()
    return conditional_response(etag, respond, vary)


def common_context(language: i18n.Language) -> Context:
    publication = current_publication()
    service = current_service()
    site = current_site()

    def t(key: str) -> str:
        return message(key, language.code)

    return {
        "t": t,
        "language": language,
        "site": site,
        "info": service.info,
        "publication": publication,
        "static": static_url,
        #: Whether English on the page is a translation of official Chinese (the
        #: catalogue's data) or original (our ontology, the dataset's description).
        "marks_translation": True,
        "switch_url": switch_url,
        "home": site.link("/"),
        "scheme_href": site.link(
            (publication.addresses.path_of(publication.addresses.namespace + "2022") or "/2022")
            + ".html"
        ),
    }


def switch_url(code: str) -> str:
    """This page in another language: the same URL with ``lang`` set."""
    args = [(k, v) for k, v in request.args.items(multi=True) if k != "lang"]
    args.append(("lang", code))
    return request.script_root + request.path + "?" + urlencode(args)


def static_url(name: str) -> str:
    """A static file's URL, versioned by its content so it can be cached for long."""
    return url_for("static", filename=name) + "?v=" + _version(name)


@lru_cache(maxsize=64)
def _version(name: str) -> str:
    folder = Path(current_app.static_folder or "")
    try:
        return hashlib.sha256((folder / name).read_bytes()).hexdigest()[:12]
    except OSError:
        return server.__version__
