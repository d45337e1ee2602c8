"""What each page shows: the context its template gets, from the index and a description."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import quote

from catalogue.graph.skos_only import SKOS_DUMP
from server.linked_data.documents import EXTENSION_OF, LABELS, document_path
from server.linked_data.index import Index
from server.linked_data.publication import Publication, current_site
from server.linked_data.vocabulary import DCT, OWL, SKOS, SOC, XKOS
from server.pages.i18n import Language
from server.pages.view import Link, Linker, Value, View

Context = dict[str, object]


@dataclass
class TreeNode:
    link: Link
    children: list[TreeNode] = field(default_factory=list)

    @property
    def size(self) -> int:
        return len(self.children)


def linker(publication: Publication, language: Language) -> Linker:
    return Linker(publication.index, publication.addresses, current_site(), language)


def current_scheme(index: Index) -> str | None:
    """The edition in force: the scheme that is not deprecated and has concepts."""
    schemes = [e for e in index.of_kind("scheme") if not e.deprecated and index.top_concepts(e.iri)]
    schemes.sort(key=lambda e: e.notation or "")
    return schemes[-1].iri if schemes else None


def tree(index: Index, links: Linker, iri: str) -> TreeNode:
    return TreeNode(links.link(iri), [tree(index, links, child) for child in index.children(iri)])


def counts(index: Index, scheme: str) -> dict[str, int]:
    by_kind: dict[str, int] = {}
    for top in index.top_concepts(scheme):
        for iri in [top, *index.descendants(top)]:
            entry = index.get(iri)
            if entry:
                for t in entry.types:
                    if t.startswith(SOC):
                        key = t[len(SOC) :]
                        by_kind[key] = by_kind.get(key, 0) + 1
    return by_kind


def sparql_link(site_prefix: str, query: str) -> str:
    return f"{site_prefix}/sparql?query={quote(query)}"


def statements_query(iri: str) -> str:
    return (
        "# Every statement about this resource, and the named graph it is in\n"
        "SELECT ?property ?value ?graph WHERE {\n"
        f"  GRAPH ?graph {{ <{iri}> ?property ?value }}\n"
        "}\nORDER BY ?graph ?property ?value\n"
    )


def document_links(publication: Publication, iri: str) -> list[tuple[str, str, str]]:
    """(label, href, media type) of a resource's documents other than HTML."""
    site = current_site()
    path = publication.addresses.path_of(iri) or "/"
    out = []
    for fmt in publication.formats(iri):
        extension = EXTENSION_OF[fmt.name]
        if extension != "html":
            href = site.link(document_path(path, extension))
            out.append((LABELS[extension], href, fmt.media_type))
    return out


# --- pages ---------------------------------------------------------------------------------


def home(publication: Publication, language: Language) -> Context:
    from server.linked_data.rdf_output import describe
    from server.service import current_service

    index = publication.index
    scheme = current_scheme(index)
    links = linker(publication, language)
    if scheme is None:
        return {"scheme": None}
    service = current_service()
    triples = describe(
        service.store,
        scheme,
        service.config.query_timeout,
        current_site().absolute("/"),
        publication.dataset,
    )
    view = View(
        scheme, triples, index, publication.addresses, current_site(), language, publication.source
    )
    categories = [tree(index, links, top) for top in index.top_concepts(scheme)]
    announcement = next(iter(view.links(o.value for o in view.objects(DCT + "source"))), None)
    return {
        "view": view,
        "scheme": links.link(scheme),
        "categories": categories,
        "counts": counts(index, scheme),
        "issued": view.text(DCT + "issued"),
        "publishers": view.links(o.value for o in view.objects(DCT + "publisher")),
        "announcement": announcement,
        "announcement_short": view.short_name(announcement.iri) if announcement else None,
        "replaced": view.links(o.value for o in view.objects(DCT + "replaces")),
        "void_href": current_site().link("/.well-known/void"),
        "source_href": view.href(publication.addresses.namespace + "2022/source"),
        "ontology_href": view.href(publication.addresses.ontology),
    }


def resource(publication: Publication, view: View, language: Language) -> Context:
    index = publication.index
    kind = index.kind(view.iri)
    context: Context = {
        "view": view,
        "kind": kind,
        "marks_translation": kind not in ("term", "ontology", "dataset", "distribution"),
        "title": view.names(view.iri),
        "documents": document_links(publication, view.iri),
        "sparql": sparql_link(current_site().prefix, statements_query(view.iri)),
        "sparql_text": statements_query(view.iri),
    }
    if kind == "concept":
        context["children"] = [tree(index, view, child) for child in index.children(view.iri)]
        notes = {
            "definition": view.notes(XKOS + "coreContentNote"),
            "inclusions": view.notes(XKOS + "inclusionNote"),
            "exclusions": view.notes(XKOS + "exclusionNote"),
            "policy": view.notes(SOC + "policyNote"),
        }
        context["notes"] = notes
        # The text defines only key domains; the others have a definition we generated
        # (catalogue/graph/generated.py): shown apart, and marked as such.
        context["generated_definition"] = (
            [] if notes["definition"] else view.texts(SKOS + "definition")
        )
        context["non_exhaustive"] = any(
            t.value == "true" for t in view.texts(SOC + "nonExhaustive")
        )
        types = view.entry.types if view.entry else set()
        context["children_heading"] = (
            "narrower.domains"
            if SOC + "Category" in types
            else "narrower.types"
            if SOC + "KeyDomain" in types
            else "narrower.subtypes"
        )
        context["minted"] = bool(view.entry and view.entry.minted)
    elif kind == "scheme":
        context["categories"] = [tree(index, view, top) for top in index.top_concepts(view.iri)]
        context["facts"] = scheme_facts(view)
        context["deprecated"] = bool(view.entry and view.entry.deprecated)
        context["counts"] = counts(index, view.iri)
    elif kind == "source":
        context["source_lines"] = source_lines(publication, view)
    elif kind == "dataset" and view.iri != publication.dataset:
        graph = quote(view.iri, safe="")
        context["graph_download"] = current_site().link(
            f"/rdf-graph-store?graph={graph}&format=turtle"
        )
    context["deprecated"] = bool(view.entry and view.entry.deprecated) or any(
        t.value == "true" for t in view.texts(OWL + "deprecated")
    )
    return context


def scheme_facts(view: View) -> list[tuple[str, list[Value]]]:
    """The few statements a reader of an edition looks for first, by property."""
    out: list[tuple[str, list[Value]]] = []
    for predicate in (
        DCT + "issued",
        DCT + "publisher",
        DCT + "source",
        XKOS + "levels",
        DCT + "replaces",
        DCT + "isReplacedBy",
        "http://www.w3.org/ns/prov#wasInvalidatedBy",
    ):
        values = [view.value(o) for o in view._ordered(view.objects(predicate))]
        if values:
            out.append((view.property_label(predicate), values))
    return out


@dataclass
class SourceLine:
    number: int
    text: str
    #: Excerpts starting on this line: their fragment (the id of an anchor) and what came from them.
    anchors: list[tuple[str, list[Link]]]


def source_lines(publication: Publication, view: View) -> list[SourceLine]:
    """Every line of the text, with an anchor for each excerpt where it starts, so that a
    browser following ``…/source#line=35,40`` lands on line 36."""
    starts: dict[int, list[tuple[str, list[Link]]]] = {}
    for excerpt in view.subjects(DCT + "isPartOf"):
        iri = excerpt.value
        if "#line=" not in iri:
            continue
        first = view.excerpts_bounds(iri)
        if first is None:
            continue
        derived = [
            d.value
            for d in view.subjects("http://www.w3.org/ns/prov#wasDerivedFrom", excerpt)
            if publication.index.kind(d.value) not in ("note", "excerpt")  # a concept's parts
        ]
        starts.setdefault(first, []).append((iri.split("#", 1)[1], view.links(derived)))
    return [
        SourceLine(number, text, sorted(starts.get(number, [])))
        for number, text in enumerate(publication.source.lines, start=1)
    ]


def not_found(
    publication: Publication, language: Language, path: str, suggestions: list[str]
) -> Context:
    links = linker(publication, language)
    return {
        "path": path,
        "suggestions": [links.link(publication.addresses.iri_of(p)) for p in suggestions],
        "query": path.rstrip("/").rsplit("/", 1)[-1].removesuffix(".html"),
    }


#: What the model page explains, in its order; each part is messages' model.<part>(.title).
MODEL_PARTS = ("levels", "codes", "notes", "exclusions", "provenance", "official", "ours")


def model(publication: Publication) -> Context:
    """The model page: the diagram the build wrote beside the ontology's documentation."""
    site = current_site()
    diagram = publication.files.model_diagram
    ontology = publication.addresses.path_of(publication.addresses.ontology) or "/ontology"
    return {
        "parts": MODEL_PARTS,
        "diagram_href": site.link(f"/ontology/docs/{diagram.path.name}") if diagram else None,
        "ontology_href": site.link(document_path(ontology, "html")),
    }


def downloads(publication: Publication, language: Language) -> Context:
    files = publication.files
    site = current_site()
    dumps = [
        {
            "name": name,
            "href": site.link(f"/dumps/{name}"),
            "media_type": file.media_type.split(";")[0],
            "size": file.size,
            "sha256": file.sha256,
            "named_graphs": name.endswith((".nq", ".trig")),
            "skos_only": name == SKOS_DUMP,
        }
        for name, file in files.dumps.items()
    ]
    ontology = [
        {
            "label": LABELS[ext],
            "href": site.link(f"/ontology.{ext}"),
            "size": file.size,
            "sha256": file.sha256,
        }
        for ext, file in files.ontology.items()
    ]
    graphs = linker(publication, language).links(
        iri
        for iri in publication.index.entries
        if iri.startswith(publication.addresses.namespace + "graph/")
    )
    return {
        "dumps": dumps,
        "ontology_files": ontology,
        "stale": bool(dumps) and not files.current,
        "graphs": graphs,
        "gsp": site.link("/rdf-graph-store"),
        "void_href": site.link("/.well-known/void"),
    }
