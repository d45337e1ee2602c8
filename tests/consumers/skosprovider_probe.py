"""What skosprovider_rdf makes of a SKOS file, as JSON on stdout.

Run by test_skosprovider_rdf.py with the interpreter of .venv-skosprovider
(skosprovider_rdf 1.4 pins rdflib 6), so this script imports nothing of the
project: ``python skosprovider_probe.py FILE [SCHEME]`` loads FILE the way an
Atramhasis user would (one provider; the scheme named only if given) and
reports what the provider's API answers.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from rdflib import Graph
from skosprovider_rdf.providers import RDFProvider


def label_dicts(labels: list[Any]) -> list[dict[str, str | None]]:
    return [{"type": lb.type, "language": lb.language, "label": lb.label} for lb in labels]


def note_dicts(notes: list[Any]) -> list[dict[str, str | None]]:
    return [
        {"type": n.type, "language": n.language, "note": n.note, "markup": n.markup} for n in notes
    ]


def best_label(thing: Any, language: str) -> str | None:
    found = thing.label(language)
    return found.label if found else None


def main(path: str, scheme_uri: str | None = None) -> dict[str, Any]:
    graph = Graph()
    graph.parse(path, format="turtle")
    named = {"concept_scheme_uri": scheme_uri} if scheme_uri else {}
    provider = RDFProvider({"id": "SERVICE-OUTSOURCING-2022"}, graph, **named)
    scheme = provider.concept_scheme
    concepts = {}
    for item in provider.get_all():
        concept = provider.get_by_id(item["id"])
        concepts[concept.uri] = {
            "id": concept.id,
            "type": concept.type,
            "labels": label_dicts(concept.labels),
            "notes": note_dicts(concept.notes),
            "broader": [str(b) for b in concept.broader],
            "narrower": [str(n) for n in concept.narrower],
            "label_zh": best_label(concept, "zh"),
            "label_en": best_label(concept, "en"),
            "children_zh": [
                c["label"] for c in provider.get_children_display(concept.id, language="zh")
            ],
        }
    return {
        "scheme": {
            "uri": scheme.uri,
            "labels": label_dicts(scheme.labels),
            "label_zh": best_label(scheme, "zh"),
            "label_en": best_label(scheme, "en"),
        },
        "all": len(provider.get_all()),
        "top_concepts_zh": sorted(c["label"] for c in provider.get_top_concepts(language="zh")),
        "top_concepts_en": sorted(c["label"] for c in provider.get_top_concepts(language="en")),
        "find_face_recognition": [c["uri"] for c in provider.find({"label": "人脸识别"})],
        "concepts": concepts,
    }


if __name__ == "__main__":
    json.dump(main(*sys.argv[1:3]), sys.stdout, ensure_ascii=False, indent=1)
