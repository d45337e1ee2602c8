"""A concept of the search index as the API's JSON (the models in ``models.py``)."""

from __future__ import annotations

from typing import Any

from catalogue.search.index_reader import Concept
from catalogue.search.searcher import LEVELS
from server.linked_data.index import Index
from server.search.service import SiteSearch


def summary(concept: Concept) -> dict[str, Any]:
    return {
        "iri": concept.iri,
        "notation": concept.notation,
        "level": concept.level,
        "prefLabel": concept.labels,
    }


def full(site: SiteSearch, concept: Concept, page: str) -> dict[str, Any]:
    # the first steps of its path: codes, as a reader names them
    category = site.index.concepts[concept.category]
    domain = site.index.concepts[concept.domain] if concept.domain else None
    return {
        **summary(concept),
        "category": category.notation,
        "domain": domain.notation if domain else None,
        "broader": concept.path[-2] if len(concept.path) > 1 else None,
        "narrower": list(concept.children),
        "texts": [
            {
                "field": text.field,
                "language": text.language,
                "text": text.text,
                "official": text.official,
                "source": text.source,
            }
            for text in concept.texts
        ],
        "page": page,
    }


def ancestors(site: SiteSearch, concept: Concept) -> list[Concept]:
    """From the category down, the concept itself left out."""
    return site.path(concept)[:-1]


def categories(site: SiteSearch, index: Index, scheme: str) -> list[Concept]:
    """The top concepts in the catalogue's order (ITO, BPO, KPO: by their first domain's
    number, as the linked-data index orders them), not the alphabet's."""
    return [c for c in map(site.concept, index.top_concepts(scheme)) if c is not None]


def siblings(site: SiteSearch, index: Index, scheme: str, concept: Concept) -> list[Concept]:
    """The other concepts under the same parent; the other categories for a category."""
    if len(concept.path) > 1:
        parent = site.concept(concept.path[-2])
        others = [site.index.concepts[iri] for iri in parent.children] if parent else []
    else:
        others = categories(site, index, scheme)
    return [c for c in others if c.iri != concept.iri]


def names(index: Index, iri: str) -> dict[str, str]:
    entry = index.get(iri)
    return {lang: (entry.name(lang) or ("", ""))[0] for lang in ("zh", "en")} if entry else {}


def levels(site: SiteSearch, index: Index, scheme: str) -> list[dict[str, Any]]:
    """The four levels, each with the data's xkos:ClassificationLevel (``{scheme}/level/{name}``)
    when it has one, and how many concepts it holds."""
    counts = dict.fromkeys(LEVELS, 0)
    for concept in site.index.concepts.values():
        counts[concept.level] += 1
    answer = []
    for depth, name in enumerate(LEVELS, start=1):
        iri = f"{scheme}/level/{name}"
        declared = index.get(iri) is not None
        answer.append(
            {
                "name": name,
                "depth": depth,
                "iri": iri if declared else None,
                "prefLabel": names(index, iri) if declared else {"en": name},
                "count": counts[name],
            }
        )
    return answer
