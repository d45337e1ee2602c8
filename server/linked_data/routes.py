"""The linked-data blueprint: 303 from an IRI to its document, the RDF documents, the
dumps, ``/.well-known/void``. HTML documents are the pages' (``server/pages``), which
answer ``….html``; unknown paths raise 404, which the pages turn into suggestions.
"""

from __future__ import annotations

from dataclasses import replace
from urllib.parse import quote

from flask import Blueprint, Response, abort, request

from server.formats import HTML, Format
from server.http.compression import choose_encoding
from server.http.conditional import conditional_response
from server.http.conneg import choose_among
from server.http.ratelimit import unmetered
from server.http.response_cache import CACHEABLE
from server.linked_data.addresses import relative_reference
from server.linked_data.build_files import send_build_file
from server.linked_data.document_base import RENDER_BASE, with_base, writable
from server.linked_data.documents import (
    EXTENSION_OF,
    JSONLD,
    NTRIPLES,
    PLAIN_TEXT,
    RDFXML,
    RESOURCE_FORMATS,
    document_path,
    split_extension,
)
from server.linked_data.publication import Publication, current_publication, current_site
from server.linked_data.rdf_output import describe_as, serialize
from server.linked_data.void import describe_dataset
from server.service import Service, current_service
from server.sparql.answers import deadline
from server.store.interface import GraphRequest

bp = Blueprint("linked_data", __name__)

#: Documents do not vary with Accept: each format has its own URL.
DOCUMENT_VARY = "Accept-Encoding"
#: What a request with no Accept header gets where that is not our first choice. OWL
#: tools that load an owl:imports by plain URL send none (owlready2 uses urllib), and
#: RDF/XML is the one syntax every OWL 2 tool must read (owlready2 reads no Turtle).
NO_ACCEPT_DEFAULT = {"ontology": RDFXML}


@bp.route("/<path:path>", methods=["GET"])
def resolve(path: str) -> Response:
    publication = current_publication()
    index = publication.index
    request_path = "/" + path
    document = split_extension(request_path)
    if document.extension:
        iri = index.canonical(publication.addresses.iri_of(document.resource))
        fmt = document.format
        if (
            fmt is not None
            and fmt is not HTML  # the pages' blueprint answers ….html
            and index.resolves(iri)
            and not index.served_directly(iri)
            and fmt in publication.formats(iri)
        ):
            return rdf_document(publication, iri, fmt)
        abort(404)
    iri = publication.addresses.iri_of(request_path)
    if index.resolves(iri) and not index.served_directly(iri):
        return see_other(publication, request_path, iri)
    abort(404)


def see_other(publication: Publication, request_path: str, iri: str) -> Response:
    """303 See Other: from the thing to the document about it in the negotiated format."""
    index = publication.index
    canonical = index.canonical(iri)
    offered = publication.formats(canonical)
    default = NO_ACCEPT_DEFAULT.get(index.kind(canonical))
    if default in offered and not request.headers.get("Accept", "").strip():
        offered = (default, *(f for f in offered if f is not default))
    fmt = negotiate(offered, f"the description of <{iri}>")
    resource_path = publication.addresses.path_of(canonical) or request_path
    target = document_path(resource_path, EXTENSION_OF[fmt.name])
    location = _location(request_path, target)
    language = request.args.get("lang")
    if language:
        location += "?lang=" + quote(language)
    service = current_service()
    headers = {
        "Location": location,
        "Vary": "Accept",
        "Cache-Control": f"public, max-age={service.config.max_age}",
        "Link": alternate_links(request_path, resource_path, offered),
    }
    return Response(
        f"See Other: {location}\n", 303, headers, content_type="text/plain; charset=utf-8"
    )


def negotiate(offered: tuple[Format, ...], what: str) -> Format:
    """The format for this request: ``format``/``_format`` parameter, else Accept."""
    param = request.args.get("format") or request.args.get("_format")
    return choose_among(offered, request.headers.get("Accept"), param, what)


def _location(request_path: str, target: str) -> str:
    site = current_site()
    return site.absolute(target) if site.configured else relative_reference(request_path, target)


def alternate_links(request_path: str, resource_path: str, offered: tuple[Format, ...]) -> str:
    """``Link`` to every document of the resource (RFC 8288), relative to the request.

    ``rel`` is a quoted string for the JSON-LD document and a bare token for the
    others: the same value to an RFC 8288 parser (5.3: token or quoted-string), but
    not to pyld 3.3's stock requests loader. Its ``parse_link_header`` turns two or
    more ``rel="alternate"`` links into a list, on which the loader then calls
    ``.get('type')`` (AttributeError, reported as "Could not retrieve a JSON-LD
    document"), whether the links come in one header field or several; and it reads
    an unquoted parameter value as empty. So pyld sees one alternate, the JSON-LD
    document, which it follows from an HTML page; other clients see them all.
    """
    links = []
    for fmt in offered:
        target = document_path(resource_path, EXTENSION_OF[fmt.name])
        reference = relative_reference(request_path, target)
        rel = '"alternate"' if fmt is JSONLD else "alternate"
        links.append(f'<{reference}>; rel={rel}; type="{fmt.media_type}"')
    return ", ".join(links)


def rdf_document(publication: Publication, iri: str, fmt: Format) -> Response:
    service = current_service()
    environ = request.environ
    site = current_site()
    encoding = choose_encoding(environ.get("HTTP_ACCEPT_ENCODING"))
    etag = service.etag("document", iri, fmt.name, encoding, site.base_url)
    resource_path = publication.addresses.path_of(iri) or request.path

    def respond() -> Response:
        body = _document_body(publication, service, iri, fmt, site.base_url)
        environ[CACHEABLE] = True
        # Links to its subject (``rel="describes"``, RFC 6892) and to its other formats.
        links = alternate_links(request.path, resource_path, publication.formats(iri))
        headers = {"Link": f'<{iri}>; rel="describes", {links}'}
        return Response(body, 200, headers, content_type=fmt.content_type)

    return conditional_response(etag, respond, DOCUMENT_VARY)


def _document_body(
    publication: Publication, service: Service, iri: str, fmt: Format, base_url: str
) -> bytes:
    timeout = service.config.query_timeout
    kind = publication.index.kind(iri)
    # A store refusal is answered by the app's handler (its status: 503, 429, 504).
    if kind == "ontology":
        file = publication.files.ontology_file(EXTENSION_OF[fmt.name])
        if file is not None:
            return file.path.read_bytes()
        if fmt is NTRIPLES:
            graph = publication.addresses.namespace + "graph/ontology"
            answer = service.store.graph(
                GraphRequest(fmt.name, graph), deadline(request.environ, service)
            )
            return answer.body()
    if fmt is PLAIN_TEXT:
        if publication.source.data is None:
            abort(404)
        return publication.source.data
    if iri == publication.dataset:
        # Its endpoint and dumps are at this site's URLs: written at RENDER_BASE and the base
        # written over it, as a resource's own URL is (document_base.py), so the static
        # site holds it too.
        site = current_site()
        rendered_at = replace(site, base_url=RENDER_BASE) if writable(base_url) else site
        triples = describe_dataset(
            service.store, publication.addresses.namespace, rendered_at, publication.files, timeout
        )
        body = serialize(triples, fmt, service.prefixes)
        return with_base(body, base_url) if rendered_at is not site else body
    path = request.path.removeprefix("/")
    if not writable(base_url):
        return describe_as(service.store, iri, fmt, timeout, base_url + path, publication.dataset)
    body = describe_as(service.store, iri, fmt, timeout, RENDER_BASE + path, publication.dataset)
    return with_base(body, base_url)


@bp.route("/.well-known/void", methods=["GET"])
def well_known_void() -> Response:
    """The VoID description (RFC 8615 well-known URI; VoID §7.2), by content negotiation."""
    publication = current_publication()
    fmt = negotiate(RESOURCE_FORMATS, "the dataset's VoID description")
    dataset_path = publication.addresses.path_of(publication.dataset) or "/dataset"
    target = document_path(dataset_path, EXTENSION_OF[fmt.name])
    if fmt is HTML:  # a person: the dataset's page
        location = _location(request.path, target)
        return Response(f"See Other: {location}\n", 303, {"Location": location, "Vary": "Accept"})
    response = rdf_document(publication, publication.dataset, fmt)
    response.headers["Content-Location"] = relative_reference(request.path, target)
    response.headers["Vary"] = "Accept, Accept-Encoding"
    return response


@bp.route("/dumps/<name>", methods=["GET"])
@unmetered
def dump(name: str) -> Response:
    """A dump file: the IRI ``{ns}dumps/{name}`` names the file itself, so it is served."""
    return send_build_file(current_publication().files.dump(name))
