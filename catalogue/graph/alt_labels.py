"""Our alternative and hidden labels (curation/alt-labels.ttl): checked before they are published.

They are the words practitioners use (芯片设计, SaaS, 代运营), not the text's,
so they live in the curation graph (``soc:official false``) and an editor's
slip must not reach search or the quality report unnoticed. The rules are SKOS
S13 (preferred, alternative and hidden labels of a concept are disjoint) read
across language tags (``zh`` and ``zh-Hans`` are one language here, since the
official labels are tagged one way and ours may be tagged the other) and
ignoring case and width, plus: a label has a language tag, zh or en, and names
a concept.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from rdflib import Graph, Literal, URIRef

from catalogue.graph.curation import CuratedFiles, CurationError
from catalogue.nodes import ordered
from catalogue.vocab import RDF, SKOS

CURATED_LABELS = (SKOS.altLabel, SKOS.hiddenLabel)
#: The file of practitioners' words; other curated files label other things (documents).
ALT_LABELS_FILE = "alt-labels.ttl"
LANGUAGES = ("zh", "en")


def label_key(label: Literal) -> tuple[str, str]:
    """How a reader compares two labels: one language (primary subtag), NFKC, case-folded."""
    language = (label.language or "").split("-")[0].lower()
    return language, unicodedata.normalize("NFKC", str(label)).strip().casefold()


def check_alternative_labels(curated: CuratedFiles, union: Graph) -> None:
    """Raise a CurationError naming the file, the concept and the rule on the first mistake."""
    for path, graph in curated.graphs.items():
        if path.name != ALT_LABELS_FILE:
            continue
        for concept in ordered({s for p in CURATED_LABELS for s in graph.subjects(p, None)}):
            _check_concept(path, graph, URIRef(str(concept)), union)


def _check_concept(path: Path, graph: Graph, concept: URIRef, union: Graph) -> None:
    if (concept, RDF.type, SKOS.Concept) not in union:
        raise CurationError(
            path, concept, "not a concept of the catalogue; rule: labels name concepts"
        )
    preferred = {
        label_key(label): label
        for label in union.objects(concept, SKOS.prefLabel)
        if isinstance(label, Literal)
    }
    seen: dict[tuple[str, str], URIRef] = {}
    for prop in CURATED_LABELS:
        for label in ordered(graph.objects(concept, prop)):
            if not isinstance(label, Literal) or label_key(label)[0] not in LANGUAGES:
                raise CurationError(
                    path,
                    concept,
                    f"skos:{prop.fragment} {label.n3()} has no language tag zh or en; "
                    'rule: every curated label is "…"@zh or "…"@en',
                )
            key = label_key(label)
            if not key[1]:
                raise CurationError(
                    path, concept, f"skos:{prop.fragment} is empty; rule: no empty labels"
                )
            if key in preferred:
                raise CurationError(
                    path,
                    concept,
                    f"skos:{prop.fragment} {label.n3()} is the concept's preferred label "
                    f"{preferred[key].n3()}; rule: preferred, alternative and hidden labels "
                    "are disjoint (SKOS S13)",
                )
            if key in seen and seen[key] != prop:
                raise CurationError(
                    path,
                    concept,
                    f"{label.n3()} is both skos:altLabel and skos:hiddenLabel; "
                    "rule: preferred, alternative and hidden labels are disjoint (SKOS S13)",
                )
            seen[key] = prop
