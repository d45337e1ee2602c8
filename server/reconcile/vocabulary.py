"""What the service calls types and properties, and how a concept is named in its answers.

The types are the catalogue's levels (XKOS levels: category → key domain →
business type → sub-type), identified by the names the search index gives
them. The properties are what a query may be constrained by (``category``,
``domain``) and what data extension returns.
"""

from __future__ import annotations

from dataclasses import dataclass

from catalogue.search.index_reader import Concept, SearchIndex
from catalogue.search.searcher import normalize_code


@dataclass(frozen=True)
class Named:
    id: str
    name: str
    description: str

    def to_json(self) -> dict[str, str]:
        return {"id": self.id, "name": self.name, "description": self.description}


TYPES = (
    Named("category", "Category (类别)", "ITO, BPO or KPO: the three kinds of service outsourcing"),
    Named("domain", "Key domain (重点发展领域)", "One of the 20 key domains, coded 01–20"),
    Named("business-type", "Business type (主要业务类型)", "A main business type of a key domain"),
    Named("business-subtype", "Business sub-type (业务子类)", "A sub-type of a business type"),
)
TYPE_IDS = tuple(t.id for t in TYPES)

#: Properties a reconciliation query may be constrained by.
CONSTRAINTS = (
    Named("category", "category", "the category (ITO, BPO, KPO) a concept is in"),
    Named("domain", "key domain", "the key domain (code 01–20 or its name) a concept is in"),
)

#: Properties data extension returns (the first four are also entities or codes).
EXTENSION = (
    Named("code", "code", "the concept's code in the catalogue (notation)"),
    Named("level", "level", "category, domain, business-type or business-subtype"),
    Named("domain", "key domain", "the key domain the concept is, or is under"),
    Named("category", "category", "the category the concept is in"),
    Named("label_zh", "Chinese label", "the official name"),
    Named("label_en", "English label", "our unofficial translation of the name"),
    Named("definition", "definition", "the official definition (Chinese), where the text has one"),
    Named("definition_en", "English definition", "our unofficial translation of the definition"),
    Named("source", "source lines", "where the official text says it: the source's lines"),
    Named("iri", "IRI", "the concept's IRI (resolves to its page or its RDF)"),
)
PROPERTIES = {p.id: p for p in (*CONSTRAINTS, *EXTENSION)}


def type_of(concept: Concept) -> dict[str, str]:
    found = next(t for t in TYPES if t.id == concept.level)
    return {"id": found.id, "name": found.name}


def describe(concept: Concept) -> str:
    """Code and English name: what tells namesakes apart in a list of candidates."""
    english = concept.label("en")
    return f"{concept.notation} · {english}" if english else concept.notation


def by_code(index: SearchIndex, identifier: str) -> Concept | None:
    """A concept by its code (``06.09.05``, ``6.9.5``, ``ito``) or its IRI: the service's ids
    are codes, short and readable in a spreadsheet; an IRI is accepted as well."""
    if identifier in index.concepts:
        return index.concepts[identifier]
    code = normalize_code(identifier) or identifier.strip()
    return next((c for c in index.concepts.values() if c.notation == code), None)


def resolve(index: SearchIndex, value: object, level: str) -> Concept | None:
    """A constraint's value as a concept of ``level``: ``{"id": …}``, a code, or a name in
    Chinese or English (any case)."""
    if isinstance(value, dict):
        value = value.get("id") or value.get("name") or ""
    text = str(value).strip()
    found = by_code(index, text)
    if found is not None and found.level == level:
        return found
    folded = text.casefold()
    for concept in index.concepts.values():
        if concept.level == level and any(
            t.is_label and t.text.casefold() == folded for t in concept.texts
        ):
            return concept
    return None
