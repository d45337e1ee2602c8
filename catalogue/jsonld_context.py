"""The JSON-LD @context of the dumps and the served documents: terms a reader can read.

Prefixes alone compact to ``"skos:definition": [{"@value": …, "@language": "zh"}]``
and ``"skos:broader": {"@id": …}``. With term definitions a compacted document
reads as the model does: labels, definitions and notes as language maps
(``"prefLabel": {"zh": "…", "en": "…"}``), links as plain IRIs (``"broader":
"https://…/2022/domain/05"``), codes as strings. Terms are named after their
local names; where two vocabularies share one (dct:source, prov:wasDerivedFrom
do not clash; dct:description and skos:definition do not), the SKOS term wins.
"""

from __future__ import annotations

from catalogue.vocab import PREFIXES

#: Terms whose values are texts, one or more per language.
LANGUAGE_MAPS = {
    "prefLabel": "skos:prefLabel",
    "altLabel": "skos:altLabel",
    "hiddenLabel": "skos:hiddenLabel",
    "definition": "skos:definition",
    "scopeNote": "skos:scopeNote",
    "note": "skos:note",
    "historyNote": "skos:historyNote",
    "editorialNote": "skos:editorialNote",
    "changeNote": "skos:changeNote",
    "plainText": "xkos:plainText",
    "title": "dct:title",
    "description": "dct:description",
    "label": "rdfs:label",
    "comment": "rdfs:comment",
}
#: Terms whose values are links to other resources.
LINKS = {
    "broader": "skos:broader",
    "narrower": "skos:narrower",
    "related": "skos:related",
    "inScheme": "skos:inScheme",
    "topConceptOf": "skos:topConceptOf",
    "hasTopConcept": "skos:hasTopConcept",
    "member": "skos:member",
    "exactMatch": "skos:exactMatch",
    "closeMatch": "skos:closeMatch",
    "coreContentNote": "xkos:coreContentNote",
    "inclusionNote": "xkos:inclusionNote",
    "exclusionNote": "xkos:exclusionNote",
    "policyNote": "soc:policyNote",
    "excludedActivity": "soc:excludedActivity",
    "coveredBy": "soc:coveredBy",
    "supersedes": "xkos:supersedes",
    "follows": "xkos:follows",
    "replaces": "dct:replaces",
    "isReplacedBy": "dct:isReplacedBy",
    "creator": "dct:creator",
    "publisher": "dct:publisher",
    "source": "dct:source",
    "references": "dct:references",
    "isPartOf": "dct:isPartOf",
    "license": "dct:license",
    "wasDerivedFrom": "prov:wasDerivedFrom",
    "wasRevisionOf": "prov:wasRevisionOf",
    "wasInvalidatedBy": "prov:wasInvalidatedBy",
    "homepage": "foaf:homepage",
    "isDefinedBy": "rdfs:isDefinedBy",
}
#: Terms with plain or typed literal values.
VALUES: dict[str, tuple[str, str | None]] = {
    "notation": ("skos:notation", None),
    "mintedNotation": ("soc:mintedNotation", "soc:MintedCode"),
    "position": ("soc:position", "xsd:positiveInteger"),
    "firstLine": ("soc:firstLine", "xsd:positiveInteger"),
    "lastLine": ("soc:lastLine", "xsd:positiveInteger"),
    "depth": ("xkos:depth", "xsd:positiveInteger"),
    "numberOfLevels": ("xkos:numberOfLevels", "xsd:integer"),
    "notationPattern": ("xkos:notationPattern", None),
    "nonExhaustive": ("soc:nonExhaustive", None),
    "official": ("soc:official", None),
    "listConjunction": ("soc:listConjunction", None),
    "created": ("dct:created", "xsd:date"),
    "modified": ("dct:modified", "xsd:date"),
    "language": ("dct:language", "xsd:language"),
    "identifier": ("dct:identifier", None),
    # untagged: the ontology's examples are Turtle, in no language
    "example": ("skos:example", None),
}
#: Terms whose value is an RDF list: a compacted array in the list's order, never sorted.
LIST_TERMS = {"levels": "xkos:levels"}


def jsonld_context() -> dict[str, object]:
    context: dict[str, object] = {prefix: str(ns) for prefix, ns in sorted(PREFIXES.items())}
    for term, iri in LANGUAGE_MAPS.items():
        context[term] = {"@id": iri, "@container": "@language"}
    for term, iri in LINKS.items():
        context[term] = {"@id": iri, "@type": "@id"}
    for term, iri in LIST_TERMS.items():
        context[term] = {"@id": iri, "@type": "@id", "@container": "@list"}
    for term, (iri, datatype) in VALUES.items():
        context[term] = {"@id": iri, **({"@type": datatype} if datatype else {})}
    return {"@context": context}
