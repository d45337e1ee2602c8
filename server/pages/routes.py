"""The pages' blueprint: home, a page per resource (``….html``), downloads, the model,
sitemap.xml, robots.txt, and the 404 page that suggests where to go instead.
The quality report's page is ``quality.py``'s; search and classify are ``server/search``'s."""

from __future__ import annotations

import difflib
import hashlib
import json
import re
from xml.sax.saxutils import escape

import pyoxigraph as ox
from flask import Blueprint, Response, abort, request
from markupsafe import Markup
from markupsafe import escape as escape_html
from werkzeug.exceptions import NotFound

from server.formats import HTML
from server.http.conditional import conditional_response
from server.http.conneg import choose_among
from server.http.ratelimit import unmetered
from server.http.response_cache import CACHEABLE
from server.linked_data.build_files import BuildFile, send_build_file
from server.linked_data.documents import TURTLE, document_path
from server.linked_data.index import Index
from server.linked_data.publication import Publication, current_publication, current_site
from server.linked_data.rdf_output import describe
from server.linked_data.routes import alternate_links
from server.linked_data.void import describe_dataset
from server.pages import catalogue_views
from server.pages.i18n import Language
from server.pages.rendering import Context, page_response
from server.pages.view import View
from server.service import current_service

bp = Blueprint("pages", __name__)

#: The template of each kind of resource; anything else gets the generic page.
TEMPLATES = {
    "concept": "pages/concept.html",
    "scheme": "pages/scheme.html",
    "source": "pages/source.html",
}


@bp.app_template_filter("han")
def mark_chinese(text: str) -> Markup:
    """Chinese inside other text (an example's title, the words searched for, 等 in an
    English sentence) in ``lang="zh-Hans"``, so it is read and rendered as Chinese."""
    return Markup(
        _HAN.sub(lambda m: f'<span lang="zh-Hans">{m.group(0)}</span>', str(escape_html(text)))
    )


_HAN = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff01-\uff5e]+")


def prefers_html() -> bool:
    """Whether the client asked for HTML itself, as browsers do (``*/*`` is a program)."""
    try:
        return choose_among((TURTLE, HTML), request.headers.get("Accept"), None, "") is HTML
    except Exception:
        return False


@bp.route("/", methods=["GET"])
def home() -> Response:
    if not prefers_html():
        # A program at the root: the endpoint's service description describes the service.
        return Response(
            "See Other: sparql\n",
            303,
            {
                "Location": "sparql",
                "Vary": "Accept",
                "Link": '<.well-known/void>; rel="describedby"',
            },
            content_type="text/plain; charset=utf-8",
        )
    publication = current_publication()
    return page_response(
        "pages/home.html",
        lambda language: catalogue_views.home(publication, language),
        extra_headers=[("Link", '<.well-known/void>; rel="describedby"; type="text/turtle"')],
    )


@bp.route("/<path:path>.html", methods=["GET"])
def resource_page(path: str) -> Response:
    publication = current_publication()
    index = publication.index
    iri = index.canonical(publication.addresses.iri_of("/" + path))
    if not index.resolves(iri) or index.served_directly(iri):
        abort(404)
    kind = index.kind(iri)
    docs = publication.files.ontology_docs
    if kind == "ontology" and docs is not None:
        return _ontology_documentation(docs)
    resource_path = publication.addresses.path_of(iri) or request.path
    links = alternate_links(request.path, resource_path, publication.formats(iri))

    def build(language: Language) -> Context:
        view = View(
            iri,
            _triples(publication, iri),
            index,
            publication.addresses,
            current_site(),
            language,
            publication.source,
        )
        return catalogue_views.resource(publication, view, language)

    return page_response(
        TEMPLATES.get(kind, "pages/resource.html"),
        build,
        extra_headers=[("Link", f'<{iri}>; rel="describes", {links}')],
    )


_RELATIVE_ASSET = re.compile(r'((?:src|href)=")(?![a-zA-Z][a-zA-Z0-9+.-]*:|#|/)([^"]+")')


def _ontology_documentation(page: BuildFile) -> Response:
    """pyLODE's page for the ontology's HTML document (``/ontology.html``). It refers to its
    assets relatively (``model.svg``), which from here are under ``ontology/docs/``."""
    html = page.path.read_text(encoding="utf-8")
    html = _RELATIVE_ASSET.sub(lambda m: m.group(1) + "ontology/docs/" + m.group(2), html)
    service = current_service()
    etag = service.etag("ontology-docs", hashlib.sha256(html.encode()).hexdigest())

    def respond() -> Response:
        request.environ[CACHEABLE] = True
        return Response(html, 200, content_type="text/html; charset=utf-8")

    return conditional_response(etag, respond, "Accept-Encoding")


def _triples(publication: Publication, iri: str) -> list[ox.Triple]:
    service = current_service()
    timeout = service.config.query_timeout
    if iri == publication.dataset:
        site = current_site()
        return describe_dataset(
            service.store, publication.addresses.namespace, site, publication.files, timeout
        )
    return describe(
        service.store, iri, timeout, current_site().absolute(request.path), publication.dataset
    )


@bp.route("/ontology/docs/<path:name>", methods=["GET"])
@unmetered
def ontology_docs(name: str) -> Response:
    """pyLODE's assets, when a build wrote its documentation."""
    return send_build_file(current_publication().files.docs_file(name))


@bp.route("/downloads", methods=["GET"])
def downloads() -> Response:
    publication = current_publication()
    return page_response(
        "pages/downloads.html", lambda language: catalogue_views.downloads(publication, language)
    )


@bp.route("/model", methods=["GET"])
def model() -> Response:
    publication = current_publication()
    return page_response("pages/model.html", lambda language: catalogue_views.model(publication))


@bp.route("/prefixes.json", methods=["GET"])
def prefixes() -> Response:
    """The prefixes every query may use undeclared, as prefix.cc's JSON (the query editor
    completes them)."""
    body = json.dumps(current_service().prefixes, indent=1, sort_keys=True)
    return Response(
        body, 200, {"Cache-Control": "public, max-age=3600"}, content_type="application/json"
    )


@bp.route("/robots.txt", methods=["GET"])
@unmetered
def robots() -> Response:
    site = current_site()
    # Crawlers may read every page; running queries and fetching whole graphs is for people.
    body = (
        "User-agent: *\n"
        "Disallow: /sparql?\n"
        "Disallow: /rdf-graph-store\n"
        "Disallow: /search?\n"
        "Disallow: /search/suggest\n"
        "Disallow: /classify?\n"
        f"Sitemap: {site.absolute('/sitemap.xml')}\n"
    )
    return Response(
        body,
        200,
        {"Cache-Control": "public, max-age=3600"},
        content_type="text/plain; charset=utf-8",
    )


@bp.route("/sitemap.xml", methods=["GET"])
def sitemap() -> Response:
    publication = current_publication()
    site = current_site()
    service = current_service()
    modified = service.last_modified_http
    from email.utils import parsedate_to_datetime

    lastmod = parsedate_to_datetime(modified).date().isoformat()
    urls = [site.absolute(path) for path in ("/", "/downloads", "/sparql", "/model", "/quality")]
    urls += [site.absolute(path) for path in page_paths(publication)]
    body = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    body += [f"  <url><loc>{escape(url)}</loc><lastmod>{lastmod}</lastmod></url>" for url in urls]
    body.append("</urlset>\n")
    return Response(
        "\n".join(body),
        200,
        {"Cache-Control": "public, max-age=3600"},
        content_type="application/xml",
    )


def page_paths(publication: Publication) -> list[str]:
    """The page of every resource we describe (not the hash IRIs: their page is their base's)."""
    index = publication.index
    paths = set()
    for iri in list(index.entries) + list(index.known):
        if "#" in iri or index.served_directly(iri) or not index.resolves(iri):
            continue
        path = publication.addresses.path_of(index.canonical(iri))
        if path:
            paths.add(document_path(path, "html"))
    return sorted(paths)


@bp.app_errorhandler(404)
def not_found(error: NotFound) -> Response:
    """Unknown IRIs: a page with suggestions for a person, a short list for a program."""
    publication = current_publication()
    suggestions = suggest(publication.index, publication, request.path)
    if prefers_html():
        return page_response(
            "pages/not_found.html",
            lambda language: catalogue_views.not_found(
                publication, language, request.path, suggestions
            ),
            status=404,
            cacheable=False,
        )
    site = current_site()
    lines = [f"Not Found: there is nothing at {request.path}; the endpoint is /sparql"]
    if suggestions:
        lines.append(
            "Perhaps: " + ", ".join(site.link(document_path(p, "html")) for p in suggestions)
        )
    return Response("\n".join(lines) + "\n", 404, content_type="text/plain; charset=utf-8")


def suggest(index: Index, publication: Publication, path: str, limit: int = 6) -> list[str]:
    """Paths of resources close to ``path``: the same code or name at the end of it, or a
    path that differs by a typo (``/2022/domian/05``)."""
    tail = path.rstrip("/").rsplit("/", 1)[-1]
    tail = (
        tail.rsplit(".", 1)[0]
        if tail.endswith((".html", ".ttl", ".rdf", ".nt", ".jsonld"))
        else tail
    )
    found: list[str] = []
    if tail:
        for match in index.search(tail, limit=limit):
            # codes and names that match or begin with it; not any code that contains it
            if match.rank <= 3 and "#" not in match.entry.iri and match.entry.kind != "activity":
                found.append(publication.addresses.path_of(match.entry.iri) or "")
    paths = [p.removesuffix(".html") for p in page_paths(publication)]
    found += difflib.get_close_matches(path.removesuffix(".html"), paths, n=limit, cutoff=0.75)
    return [p for p in dict.fromkeys(found) if p][:limit]
