"""The ``/rest/v1`` blueprint: Skosmos' REST methods, each answering as Skosmos' own
``RestController`` does (shapes, ``@context``, errors), for the one vocabulary here."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from typing import Any

from flask import Blueprint, Response, request

from catalogue.search.index_reader import Concept, IndexUnavailable
from server.linked_data.publication import current_publication, current_site
from server.search.service import current_search
from server.skosmos_rest.vocabulary import (
    DEFAULT_LANGUAGE,
    LABELS,
    LANGUAGES,
    VOCID,
    Vocabulary,
    label_pattern,
)

bp = Blueprint("skosmos_rest", __name__, url_prefix="/rest/v1")

SKOS = "http://www.w3.org/2004/02/skos/core#"
ONKI = "http://schema.onki.fi/onki#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
#: Skosmos' ``$context`` that most answers start from.
BASE_CONTEXT = {"skos": SKOS, "uri": "@id", "type": "@type"}
#: Skosmos' default ``maxhits`` for search.
MAXHITS = 100
#: The dumps a vocabulary's ``data`` redirects to, by media type (Skosmos: its download URLs).
DUMPS = {
    "text/turtle": "catalogue-2022-skos.ttl",
    "application/rdf+xml": "catalogue.rdf",
    "application/ld+json": "catalogue.jsonld",
    "application/n-triples": "catalogue.nt",
}
#: A concept's documents (``data`` with ``uri``), by media type: the linked-data extensions.
DOCUMENTS = {
    "text/turtle": "ttl",
    "application/rdf+xml": "rdf",
    "application/ld+json": "jsonld",
    "application/json": "jsonld",
    "application/n-triples": "nt",
}


class Refused(Exception):
    """An answer Skosmos gives in plain text: ``404 Not Found : Could not find …``."""

    def __init__(self, code: int, status: str, message: str) -> None:
        super().__init__(message)
        self.code, self.status, self.message = code, status, message


@bp.errorhandler(Refused)
def refused(error: Refused) -> Response:
    return Response(
        f"{error.code} {error.status} : {error.message}",
        error.code,
        content_type="text/plain; charset=utf-8",
    )


def _json(body: dict[str, Any]) -> Response:
    """JSON, or JSON-LD if preferred: Skosmos' ``returnJson`` (the body is JSON-LD either way)."""
    media = request.accept_mimetypes.best_match(
        ["application/json", "application/ld+json"], default="application/json"
    )
    return Response(
        json.dumps(body, ensure_ascii=False),
        200,
        {"Vary": "Accept"},
        content_type=f"{media}; charset=utf-8",
    )


def _context(**terms: Any) -> dict[str, Any]:
    return {"@context": {**BASE_CONTEXT, **terms}}


def _vocabulary() -> Vocabulary:
    try:
        site = current_search()
    except IndexUnavailable as error:
        raise Refused(503, "Service Unavailable", str(error)) from None
    return Vocabulary(site, current_publication().index)


def _vocab_route(vocid: str) -> Vocabulary:
    if vocid != VOCID:
        raise Refused(404, "Not Found", f"Vocabulary id '{vocid}' not found.")
    return _vocabulary()


def _lang() -> str:
    return request.args.get("lang") or DEFAULT_LANGUAGE


def _lang_required() -> str:
    lang = request.args.get("lang")
    if not lang:
        raise Refused(400, "Bad Request", "lang parameter missing")
    return lang


def _concept(vocab: Vocabulary) -> Concept:
    uri = request.args.get("uri")
    if not uri:
        raise Refused(400, "Bad Request", "uri parameter missing")
    concept = vocab.concept(uri)
    if concept is None:
        raise Refused(404, "Not Found", f"Could not find concept <{uri}>")
    return concept


# --- global methods ---------------------------------------------------------------------


@bp.get("/vocabularies")
def vocabularies() -> Response:
    lang = _lang_required()
    vocab = _vocabulary()
    return _json(
        {
            "@context": {
                "rdfs": RDFS,
                "onki": ONKI,
                "title": {"@id": "rdfs:label", "@language": lang},
                "vocabularies": "onki:hasVocabulary",
                "id": "onki:vocabularyIdentifier",
                "uri": "@id",
                "@base": current_site().absolute("/rest/v1/vocabularies"),
            },
            "uri": "",
            "vocabularies": [{"uri": VOCID, "id": VOCID, "title": vocab.title(lang)}],
        }
    )


@bp.get("/types")
def global_types() -> Response:
    return _types(_vocabulary(), _lang_required(), "/rest/v1/")


@bp.get("/label")
def global_label() -> Response:
    return _label(_vocabulary())


@bp.get("/data")
def global_data() -> Response:
    return _data(_vocabulary())


@bp.get("/search")
def global_search() -> Response:
    vocabs = (request.args.get("vocab") or VOCID).split()
    if VOCID not in vocabs:
        raise Refused(404, "Not Found", f"Vocabulary id '{vocabs[0]}' not found.")
    return _search(_vocabulary())


# --- one vocabulary ------------------------------------------------------------------------


@bp.get("/<vocid>/")
def vocabulary_information(vocid: str) -> Response:
    vocab = _vocab_route(vocid)
    lang = _lang()
    return _json(
        {
            "@context": {
                "rdfs": RDFS,
                "skos": SKOS,
                "onki": ONKI,
                "dct": "http://purl.org/dc/terms/",
                "uri": "@id",
                "type": "@type",
                "conceptschemes": "onki:hasConceptScheme",
                "id": "onki:vocabularyIdentifier",
                "defaultLanguage": "onki:defaultLanguage",
                "languages": "onki:language",
                "label": "rdfs:label",
                "prefLabel": "skos:prefLabel",
                "title": "dct:title",
                "@language": lang,
                "@base": current_site().absolute(f"/rest/v1/{VOCID}/"),
            },
            "uri": "",
            "id": VOCID,
            "marcSource": "",
            "title": vocab.title(lang),
            "defaultLanguage": DEFAULT_LANGUAGE,
            "languages": list(LANGUAGES),
            "conceptschemes": [
                {
                    "uri": vocab.scheme,
                    "type": "skos:ConceptScheme",
                    "prefLabel": vocab.title(lang),
                }
            ],
        }
    )


@bp.get("/<vocid>/types")
def types(vocid: str) -> Response:
    return _types(_vocab_route(vocid), _lang(), f"/rest/v1/{VOCID}/")


@bp.get("/<vocid>/topConcepts")
def top_concepts(vocid: str) -> Response:
    vocab = _vocab_route(vocid)
    lang = _lang()
    scheme = request.args.get("scheme") or vocab.scheme
    tops = vocab.top_concepts() if scheme == vocab.scheme else []
    return _json(
        {
            **_context(
                onki=ONKI,
                topconcepts="skos:hasTopConcept",
                notation="skos:notation",
                label="skos:prefLabel",
                **{"@language": lang},
            ),
            "uri": scheme,
            "topconcepts": [
                {
                    "uri": c.iri,
                    "topConceptOf": vocab.scheme,
                    "label": vocab.label(c, lang),
                    "hasChildren": vocab.has_children(c),
                    "notation": c.notation,
                }
                for c in tops
            ],
        }
    )


@bp.get("/<vocid>/data")
def data(vocid: str) -> Response:
    return _data(_vocab_route(vocid))


@bp.get("/<vocid>/search")
def search(vocid: str) -> Response:
    return _search(_vocab_route(vocid))


@bp.get("/<vocid>/lookup")
def lookup(vocid: str) -> Response:
    vocab = _vocab_route(vocid)
    label = request.args.get("label")
    if not label:
        raise Refused(400, "Bad Request", "label parameter missing")
    lang = request.args.get("lang") or None
    hits = _lookup_hits(vocab, label, lang)
    if not hits:
        raise Refused(404, "Not Found", f"Could not find label '{label}'")
    context = {
        **BASE_CONTEXT,
        "onki": ONKI,
        "results": {"@id": "onki:results"},
        "prefLabel": "skos:prefLabel",
        "altLabel": "skos:altLabel",
        "hiddenLabel": "skos:hiddenLabel",
    }
    if lang:
        context["@language"] = lang
    return _json({"@context": context, "result": hits})


@bp.get("/<vocid>/label")
def label(vocid: str) -> Response:
    return _label(_vocab_route(vocid))


@bp.get("/<vocid>/broader")
def broader(vocid: str) -> Response:
    vocab = _vocab_route(vocid)
    concept = _concept(vocab)
    parent = vocab.broader(concept)
    return _property(concept, "broader", [parent] if parent else [], vocab)


@bp.get("/<vocid>/narrower")
def narrower(vocid: str) -> Response:
    vocab = _vocab_route(vocid)
    concept = _concept(vocab)
    return _property(concept, "narrower", vocab.children(concept), vocab)


@bp.get("/<vocid>/related")
def related(vocid: str) -> Response:
    # The catalogue states no skos:related: a known concept has none.
    vocab = _vocab_route(vocid)
    return _property(_concept(vocab), "related", [], vocab)


@bp.get("/<vocid>/broaderTransitive")
def broader_transitive(vocid: str) -> Response:
    vocab = _vocab_route(vocid)
    concept = _concept(vocab)
    chain = vocab.site.path(concept)[::-1]  # the concept itself first, as Skosmos lists it
    return _transitive(concept, "broader", chain, lambda c: [vocab.broader(c)], vocab)


@bp.get("/<vocid>/narrowerTransitive")
def narrower_transitive(vocid: str) -> Response:
    vocab = _vocab_route(vocid)
    concept = _concept(vocab)
    below: list[Concept] = [concept]
    for item in below:  # grows as it is walked: breadth first
        below.extend(vocab.children(item))
    return _transitive(concept, "narrower", below, vocab.children, vocab)


@bp.get("/<vocid>/children")
def children(vocid: str) -> Response:
    vocab = _vocab_route(vocid)
    concept = _concept(vocab)
    lang = _lang()
    return _json(
        {
            **_context(
                prefLabel="skos:prefLabel",
                narrower="skos:narrower",
                notation="skos:notation",
                hasChildren="onki:hasChildren",
                **{"@language": lang},
            ),
            "uri": concept.iri,
            "narrower": [_child(vocab, c, lang, "prefLabel") for c in vocab.children(concept)],
        }
    )


@bp.get("/<vocid>/hierarchy")
def hierarchy(vocid: str) -> Response:
    """The concept's path up to its category, each step with its children (the tree a
    Skosmos page draws), and the other top concepts."""
    vocab = _vocab_route(vocid)
    concept = _concept(vocab)
    lang = _lang()
    steps: dict[str, dict[str, Any]] = {}
    for step in vocab.site.path(concept):
        parent = vocab.broader(step)
        entry: dict[str, Any] = {"uri": step.iri}
        if parent is None:
            entry["tops"] = [vocab.scheme]
            entry["top"] = vocab.scheme
        else:
            entry["broader"] = [parent.iri]
        entry["prefLabel"] = vocab.label(step, lang)
        entry["notation"] = step.notation
        # required by swagger.json, though the controller sets it on the top concepts only
        entry["hasChildren"] = vocab.has_children(step)
        if step.children:
            entry["narrower"] = [_child(vocab, c, lang, "label") for c in vocab.children(step)]
        steps[step.iri] = entry
    for top in vocab.top_concepts():
        steps.setdefault(
            top.iri,
            {
                "uri": top.iri,
                "top": vocab.scheme,
                "tops": [vocab.scheme],
                "prefLabel": vocab.label(top, lang),
                "hasChildren": vocab.has_children(top),
                "notation": top.notation,
            },
        )
    return _json(
        {
            **_context(
                onki=ONKI,
                prefLabel="skos:prefLabel",
                notation="skos:notation",
                narrower={"@id": "skos:narrower", "@type": "@id"},
                broader={"@id": "skos:broader", "@type": "@id"},
                broaderTransitive={"@id": "skos:broaderTransitive", "@container": "@index"},
                top={"@id": "skos:topConceptOf", "@type": "@id"},
                tops={"@id": "skos:topConceptOf", "@type": "@id"},
                hasChildren="onki:hasChildren",
                **{"@language": lang},
            ),
            "uri": concept.iri,
            "broaderTransitive": steps,
        }
    )


@bp.get("/<vocid>/groups")
def groups(vocid: str) -> Response:
    # The catalogue has no skos:Collection: its grouping is the hierarchy itself.
    _vocab_route(vocid)
    return _json(
        {
            **_context(
                onki=ONKI,
                prefLabel="skos:prefLabel",
                groups="onki:hasGroup",
                childGroups={"@id": "skos:member", "@type": "@id"},
                hasMembers="onki:hasMembers",
                **{"@language": _lang()},
            ),
            "uri": "",
            "groups": [],
        }
    )


# --- the shapes several methods share ---------------------------------------------------------


def _child(vocab: Vocabulary, concept: Concept, lang: str, key: str) -> dict[str, Any]:
    return {
        "uri": concept.iri,
        key: vocab.label(concept, lang),
        "hasChildren": vocab.has_children(concept),
        "notation": concept.notation,
    }


def _property(concept: Concept, name: str, objects: list[Concept], vocab: Vocabulary) -> Response:
    """Skosmos' ``transformPropertyResults``: broader, narrower, related."""
    lang = _lang()
    return _json(
        {
            **_context(prefLabel="skos:prefLabel", **{name: f"skos:{name}", "@language": lang}),
            "uri": concept.iri,
            name: [{"uri": c.iri, "prefLabel": vocab.label(c, lang)} for c in objects],
        }
    )


def _transitive(
    concept: Concept,
    direct: str,
    concepts: list[Concept],
    direct_of: Callable[[Concept], Sequence[Concept | None]],
    vocab: Vocabulary,
) -> Response:
    """Skosmos' ``transformTransitivePropertyResults``: an index by URI, each entry with
    its direct relation."""
    lang = _lang()
    name = f"{direct}Transitive"
    results: dict[str, dict[str, Any]] = {}
    for item in concepts:
        entry: dict[str, Any] = {"uri": item.iri, "prefLabel": vocab.label(item, lang)}
        linked = [c.iri for c in direct_of(item) if c is not None]
        if linked:
            entry[direct] = linked
        results[item.iri] = entry
    return _json(
        {
            **_context(
                prefLabel="skos:prefLabel",
                **{
                    direct: {"@id": f"skos:{direct}", "@type": "@id"},
                    name: {"@id": f"skos:{name}", "@container": "@index"},
                    "@language": lang,
                },
            ),
            "uri": concept.iri,
            name: results,
        }
    )


def _types(vocab: Vocabulary, lang: str, base: str) -> Response:
    return _json(
        {
            **_context(
                rdfs=RDFS,
                onki=ONKI,
                label="rdfs:label",
                superclass={"@id": "rdfs:subClassOf", "@type": "@id"},
                types="onki:hasType",
                **{"@language": lang, "@base": current_site().absolute(base)},
            ),
            "uri": "",
            "types": [{"uri": iri, **info} for iri, info in vocab.concept_types()],
        }
    )


def _label(vocab: Vocabulary) -> Response:
    concept = _concept(vocab)
    lang = _lang()
    labels: dict[str, Any] = {}
    for field in LABELS:
        texts = [text for text, _ in vocab.labels(concept, field, lang)]
        if texts:
            # there is one preferred label: Skosmos gives it as a string, the others as lists
            labels[field] = texts[0] if field == "prefLabel" else texts
    return _json(
        {
            **_context(
                prefLabel="skos:prefLabel",
                altLabel="skos:altLabel",
                hiddenLabel="skos:hiddenLabel",
                **{"@language": lang},
            ),
            "uri": concept.iri,
            **labels,
        }
    )


def _data(vocab: Vocabulary) -> Response:
    """A concept's RDF, or the whole vocabulary's: a 303 to the linked-data document or
    the dump in the format asked for (``format=`` or Accept), as Skosmos redirects to
    a vocabulary's download URL."""
    uri = request.args.get("uri")
    offered = DOCUMENTS if uri else DUMPS
    media = request.args.get("format") or request.accept_mimetypes.best_match(
        list(offered), default="text/turtle"
    )
    if media not in offered:
        raise Refused(
            406,
            "Not Acceptable",
            "Unsupported format. Supported MIME types are: " + " ".join(offered),
        )
    if not uri:
        return _see_other(current_site().absolute(f"/dumps/{DUMPS[media]}"))
    concept = _concept(vocab)
    path = current_publication().addresses.path_of(concept.iri) or "/"
    return _see_other(current_site().absolute(f"{path}.{DOCUMENTS[media]}"))


def _search(vocab: Vocabulary) -> Response:
    """Skosmos' label search: ``query`` a label or a pattern with ``*``, in ``lang`` (or any
    language), optionally under ``parent`` or of ``type``; ``maxhits`` from ``offset``."""
    query = request.args.get("query", "")
    if not query.strip() and not request.args.get("parent"):
        raise Refused(400, "Bad Request", "query parameter missing")
    maxhits = _count("maxhits", MAXHITS, minimum=1)
    offset = _count("offset", 0, minimum=0)
    lang = request.args.get("lang") or None
    labellang = request.args.get("labellang") or lang
    pattern = label_pattern(query.strip() or "*")
    wanted_type = request.args.get("type")
    parent = vocab.concept(request.args.get("parent"))
    if request.args.get("parent") and parent is None:
        return _search_answer([], labellang)
    hits = []
    for concept in vocab.in_order():
        if parent is not None and parent.iri not in concept.path[:-1]:
            continue
        if wanted_type and wanted_type not in vocab.types(concept):
            continue
        hit = _search_hit(vocab, concept, pattern, lang, labellang or DEFAULT_LANGUAGE)
        if hit:
            hits.append(hit)
    return _search_answer(hits[offset : offset + maxhits], labellang)


def _search_hit(
    vocab: Vocabulary, concept: Concept, pattern: re.Pattern[str], lang: str | None, labellang: str
) -> dict[str, Any] | None:
    for field, key in (("prefLabel", "matchedPrefLabel"), ("altLabel", "altLabel")):
        for text, language in vocab.labels(concept, field, lang):
            if pattern.fullmatch(text):
                hit = {
                    "uri": concept.iri,
                    "type": vocab.types(concept),
                    "localname": concept.iri.rsplit("/", 1)[-1],
                    "prefLabel": vocab.label(concept, labellang),
                    "lang": language,
                    "notation": concept.notation,
                    "vocab": VOCID,
                }
                if not (field == "prefLabel" and language == labellang):
                    hit[key] = text
                return hit
    return None


def _search_answer(results: list[dict[str, Any]], language: str | None) -> Response:
    context: dict[str, Any] = {
        **BASE_CONTEXT,
        "isothes": "http://purl.org/iso25964/skos-thes#",
        "onki": ONKI,
        "results": {"@id": "onki:results", "@container": "@list"},
        "prefLabel": "skos:prefLabel",
        "altLabel": "skos:altLabel",
        "hiddenLabel": "skos:hiddenLabel",
    }
    if language:
        context["@language"] = language
    return _json({"@context": context, "uri": "", "results": results})


def _count(name: str, default: int, minimum: int) -> int:
    value = request.args.get(name)
    if not value:
        return default
    if not value.isdigit() or int(value) < minimum:
        raise Refused(400, "Bad Request", f"{name} parameter is invalid")
    return int(value)


def _lookup_hits(vocab: Vocabulary, label: str, lang: str | None) -> list[dict[str, Any]]:
    """Skosmos' ``findLookupHits``: an exact preferred label, then one ignoring case; then
    (in any language when none is given) the same on alternative labels."""
    folded = label.casefold()
    tests: tuple[Callable[[str], bool], ...] = (
        lambda text: text == label,
        lambda text: text.casefold() == folded,
    )
    for field in ("prefLabel", "altLabel"):
        for matches in tests:
            hits = []
            for concept in vocab.in_order():
                for text, language in vocab.labels(concept, field, lang):
                    if matches(text):
                        hit = {
                            "uri": concept.iri,
                            "type": vocab.types(concept),
                            "localname": concept.iri.rsplit("/", 1)[-1],
                            "prefLabel": text
                            if field == "prefLabel"
                            else vocab.label(concept, lang or language),
                            "lang": language,
                            "vocab": VOCID,
                        }
                        if field == "altLabel":
                            hit["altLabel"] = text
                        hits.append(hit)
                        break
            if hits:
                return hits
    return []


def _see_other(location: str) -> Response:
    """A 303 as flask's Response (werkzeug's redirect() is typed as its own base class)."""
    return Response(status=303, headers={"Location": location})
