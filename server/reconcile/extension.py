"""Data extension: a reconciled concept's code, level, domain, category, labels, definitions
and source lines, as the 0.2 protocol's ``{"meta": …, "rows": …}``; and the properties it
proposes for a type."""

from __future__ import annotations

from typing import Any

from catalogue.search.index_reader import Concept, SearchIndex
from server.reconcile.vocabulary import EXTENSION, PROPERTIES, TYPES, by_code

#: Properties whose values are concepts: OpenRefine can keep them as reconciled cells.
ENTITY_VALUED = {"domain": "domain", "category": "category"}


class ExtensionError(ValueError):
    pass


def extend(index: SearchIndex, request: object) -> dict[str, Any]:
    if not isinstance(request, dict) or not isinstance(request.get("ids"), list):
        raise ExtensionError("extend is {'ids': [...], 'properties': [{'id': ...}]}")
    wanted = [
        str(p.get("id")) if isinstance(p, dict) else str(p) for p in request.get("properties") or ()
    ]
    unknown = [p for p in wanted if p not in PROPERTIES or PROPERTIES[p] not in EXTENSION]
    if unknown:
        names = ", ".join(p.id for p in EXTENSION)
        raise ExtensionError(f"unknown properties {unknown}: extension offers {names}")
    meta = []
    for pid in wanted:
        entry: dict[str, Any] = {"id": pid, "name": PROPERTIES[pid].name}
        if pid in ENTITY_VALUED:
            level = next(t for t in TYPES if t.id == ENTITY_VALUED[pid])
            entry["type"] = {"id": level.id, "name": level.name}
        meta.append(entry)
    rows = {}
    for identifier in request["ids"]:
        concept = by_code(index, str(identifier))
        rows[str(identifier)] = {
            pid: (values(index, concept, pid) if concept else []) for pid in wanted
        }
    return {"meta": meta, "rows": rows}


def values(index: SearchIndex, concept: Concept, pid: str) -> list[dict[str, Any]]:
    def texts(field: str, language: str) -> list[dict[str, Any]]:
        return [
            {"str": t.text} for t in concept.texts if t.field == field and t.language == language
        ]

    def entity(iri: str | None) -> list[dict[str, Any]]:
        if iri is None or iri not in index.concepts:
            return []
        other = index.concepts[iri]
        return [{"id": other.notation, "name": other.label("zh") or other.label("en")}]

    match pid:
        case "code":
            return [{"str": concept.notation}]
        case "level":
            return [{"str": concept.level}]
        case "domain":
            return entity(concept.domain)
        case "category":
            return entity(concept.category)
        case "label_zh":
            return texts("prefLabel", "zh")
        case "label_en":
            return texts("prefLabel", "en")
        case "definition":
            return texts("definition", "zh")
        case "definition_en":
            return texts("definition", "en")
        case "source":
            # the official text's lines (…/source#line=65,72): the label's, which every
            # concept has, else the definition's
            sources = [t.source for t in concept.texts if t.official and t.source]
            return [{"str": sources[0]}] if sources else []
        case "iri":
            return [{"str": concept.iri}]
    return []


def propose(type_id: str, limit: int) -> dict[str, Any]:
    """The properties offered for a type: all of them (every level has each one, or none)."""
    properties = [{"id": p.id, "name": p.name} for p in EXTENSION]
    return {"type": type_id, "properties": properties[:limit] if limit else properties}
