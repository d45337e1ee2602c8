"""The catalogue as one Skosmos vocabulary: its id and languages, a concept's labels in a
language (with Skosmos' fallback), types, and Skosmos' label patterns (``cat*``)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from catalogue.search.index_reader import Concept
from catalogue.vocab import PREFIXES
from server.linked_data.index import Index
from server.pages.catalogue_views import current_scheme
from server.search.service import SiteSearch

VOCID = "catalogue-2022"
LANGUAGES = ("zh", "en")
DEFAULT_LANGUAGE = "zh"  # the official text's language
SKOS_CONCEPT = "http://www.w3.org/2004/02/skos/core#Concept"
LABELS = ("prefLabel", "altLabel", "hiddenLabel")


def shorten(iri: str) -> str:
    """``skos:Concept`` for the SKOS IRI, as Skosmos writes types (its known prefixes)."""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(str(namespace)) and prefix:
            return f"{prefix}:{iri[len(str(namespace)) :]}"
    return iri


def label_pattern(query: str) -> re.Pattern[str]:
    """Skosmos' search term: ``*`` stands for any text, anything else must match the whole
    label (case-insensitively)."""
    return re.compile(".*".join(map(re.escape, query.split("*"))), re.IGNORECASE)


@dataclass
class Vocabulary:
    site: SiteSearch
    index: Index

    @property
    def scheme(self) -> str:
        return current_scheme(self.index) or ""

    def concept(self, uri: str | None) -> Concept | None:
        return self.site.concept(uri) if uri else None

    def title(self, lang: str) -> str:
        entry = self.index.get(self.scheme)
        found = entry.name(lang) if entry else None
        return found[0] if found else ""

    def label(self, concept: Concept, lang: str) -> str:
        """The preferred label in ``lang``; else the official one, marked ``(zh)`` as Skosmos
        marks a label in another language."""
        wanted = concept.label(lang)
        if wanted:
            return wanted
        return f"{concept.label(DEFAULT_LANGUAGE)} ({DEFAULT_LANGUAGE})"

    def labels(self, concept: Concept, field: str, lang: str | None) -> list[tuple[str, str]]:
        """(text, language) of the concept's labels of one kind, in ``lang`` or in any."""
        return [
            (t.text, t.language)
            for t in concept.texts
            if t.field == field and (lang is None or t.language == lang)
        ]

    def types(self, concept: Concept) -> list[str]:
        entry = self.index.get(concept.iri)
        return sorted(shorten(t) for t in (entry.types if entry else {SKOS_CONCEPT}))

    def has_children(self, concept: Concept) -> bool:
        return bool(concept.children)

    def children(self, concept: Concept) -> list[Concept]:
        return [self.site.index.concepts[iri] for iri in concept.children]

    def broader(self, concept: Concept) -> Concept | None:
        return self.concept(concept.path[-2]) if len(concept.path) > 1 else None

    def top_concepts(self) -> list[Concept]:
        return [c for c in map(self.site.concept, self.index.top_concepts(self.scheme)) if c]

    def in_order(self) -> list[Concept]:
        """Every concept, depth first in the catalogue's order (ITO 01 … BPO 07 … KPO)."""
        found: list[Concept] = []

        def walk(concept: Concept) -> None:
            found.append(concept)
            for child in self.children(concept):
                walk(child)

        for top in self.top_concepts():
            walk(top)
        return found

    def concept_types(self) -> list[tuple[str, dict[str, str]]]:
        """The classes of the concepts: skos:Concept, and ours under it, with their labels."""
        used = {t for c in self.site.index.concepts.values() for t in self._types_of(c)}
        return [(iri, self._class_info(iri)) for iri in sorted(used)]

    def _types_of(self, concept: Concept) -> set[str]:
        entry = self.index.get(concept.iri)
        return set(entry.types) if entry else {SKOS_CONCEPT}

    def _class_info(self, iri: str) -> dict[str, str]:
        entry = self.index.get(iri)
        info: dict[str, str] = {}
        if iri == SKOS_CONCEPT:
            info["label"] = "Concept"
        else:
            name = entry.name("en") if entry else None
            if name:
                info["label"] = name[0]
            # soc:Category, soc:KeyDomain, … are rdfs:subClassOf skos:Concept (ontology/)
            info["superclass"] = SKOS_CONCEPT
        return info
