"""Labelling issues: qSKOS "Labeling and Documentation" family, SKOS integrity conditions S13/S14.

The catalogue is bilingual: the official Chinese (zh) and our English
(en). A concept or edition without a label in one of them is as incomplete as
one without any label.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from rdflib import Literal, URIRef

from catalogue.nodes import ordered
from catalogue.quality.model import VIOLATION, CheckedGraph, Finding, Registry, language_of
from catalogue.vocab import SKOS

CHECKS = Registry()

#: The languages every concept and edition is labelled in (primary subtags).
REQUIRED_LANGUAGES = ("zh", "en")
LABEL_PROPERTIES = (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel)
#: BCP 47 in the shape we use (language, optional script/region): "zh-Hans", "en", "en-GB".
LANGUAGE_TAG = re.compile(r"^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$", re.IGNORECASE)


def labelled(graph: CheckedGraph) -> list[URIRef]:
    """What must carry labels in both languages: the concepts and the editions."""
    return [*graph.schemes, *graph.concepts]


def _key(label: Literal) -> str:
    """Labels compare as a reader compares them: Unicode-normalised, case-insensitive."""
    return unicodedata.normalize("NFKC", str(label)).strip().casefold()


@CHECKS.check(
    "missing-labels",
    "a skos:prefLabel in every language of the catalogue (zh, en)",
    qskos="Missing Labels (ml) / Incomplete Language Coverage (ilc)",
)
def missing_labels(graph: CheckedGraph) -> Iterator[Finding]:
    """Every concept and edition has a preferred label in Chinese and in English.

    qSKOS "Missing Labels" asks for a label at all; "Incomplete Language
    Coverage" for the same languages on every concept. We require the two
    languages the catalogue is published in.
    """
    for resource in labelled(graph):
        languages = {language_of(label) for label in graph.literals(resource, SKOS.prefLabel)}
        for language in REQUIRED_LANGUAGES:
            if language not in languages:
                yield Finding(str(resource), f"no skos:prefLabel in {language}")


@CHECKS.check(
    "one-preflabel-per-language",
    "at most one skos:prefLabel per language",
    qskos="Inconsistent Preferred Labels (ipl)",
    reference="SKOS Reference S14",
)
def one_preflabel_per_language(graph: CheckedGraph) -> Iterator[Finding]:
    """A resource has no more than one skos:prefLabel per language tag (SKOS S14)."""
    for resource in ordered(set(graph.graph.subjects(SKOS.prefLabel, None))):
        by_tag: dict[str, list[Literal]] = {}
        for label in graph.literals(resource, SKOS.prefLabel):
            by_tag.setdefault((label.language or "").lower(), []).append(label)
        for tag, labels in sorted(by_tag.items()):
            if len(labels) > 1:
                shown = ", ".join(label.n3() for label in labels)
                yield Finding(str(resource), f"{len(labels)} skos:prefLabel in {tag!r}: {shown}")


@CHECKS.check(
    "disjoint-labels",
    "preferred, alternative and hidden labels are pairwise disjoint",
    qskos="Disjoint Labels Violation (dlv)",
    reference="SKOS Reference S13",
)
def disjoint_labels(graph: CheckedGraph) -> Iterator[Finding]:
    """No resource has the same label as two of prefLabel, altLabel, hiddenLabel (SKOS S13).

    Compared as a reader compares them: in one language whatever its tag's script
    or region (``zh`` and ``zh-Hans``), ignoring case and Unicode width; our curated
    alternative labels are tagged ``zh`` while the official ones are ``zh-Hans``.
    """
    for resource in ordered(
        {s for prop in LABEL_PROPERTIES for s in graph.graph.subjects(prop, None)}
    ):
        keyed = {
            prop: {
                (language_of(label), _key(label)): label for label in graph.literals(resource, prop)
            }
            for prop in LABEL_PROPERTIES
        }
        for i, first in enumerate(LABEL_PROPERTIES):
            for second in LABEL_PROPERTIES[i + 1 :]:
                for key in sorted(keyed[first].keys() & keyed[second].keys()):
                    yield Finding(
                        str(resource),
                        f"{keyed[first][key].n3()} is both skos:{first.fragment} "
                        f"and skos:{second.fragment} ({keyed[second][key].n3()})",
                    )


@CHECKS.check(
    "unique-preflabels",
    "no two concepts of an edition share a preferred label in one language",
    qskos="Overlapping Labels (ol)",
)
def unique_preflabels(graph: CheckedGraph) -> Iterator[Finding]:
    """Two concepts of one scheme with the same prefLabel (same language, ignoring case and
    Unicode width) cannot be told apart by a reader; the second one is reported."""
    for scheme in graph.schemes:
        seen: dict[tuple[str, str], URIRef] = {}
        for concept in graph.concepts_in(scheme):
            for label in graph.literals(concept, SKOS.prefLabel):
                key = ((label.language or "").lower(), _key(label))
                if key in seen and seen[key] != concept:
                    yield Finding(
                        str(concept),
                        f"skos:prefLabel {label.n3()} is also the label of <{seen[key]}>",
                    )
                seen.setdefault(key, concept)


@CHECKS.check("empty-labels", "no empty or blank labels", qskos="Empty Labels (el)")
def empty_labels(graph: CheckedGraph) -> Iterator[Finding]:
    """A label that is empty or only white space labels nothing."""
    for prop in LABEL_PROPERTIES:
        for resource, label in sorted(graph.graph.subject_objects(prop)):
            if isinstance(label, Literal) and not str(label).strip():
                yield Finding(str(resource), f"empty skos:{prop.fragment}")


@CHECKS.check(
    "language-tags",
    "every label carries a well-formed language tag",
    qskos="Omitted or Invalid Language Tags (oilt)",
)
def language_tags(graph: CheckedGraph) -> Iterator[Finding]:
    """Labels without a language tag, or with a malformed one, defeat language fallback."""
    for prop in LABEL_PROPERTIES:
        for resource, label in sorted(graph.graph.subject_objects(prop)):
            if not isinstance(label, Literal):
                yield Finding(str(resource), f"skos:{prop.fragment} is not a literal: {label}")
            elif not label.language:
                yield Finding(str(resource), f"skos:{prop.fragment} {label.n3()} has no language")
            elif not LANGUAGE_TAG.match(label.language):
                yield Finding(
                    str(resource),
                    f"skos:{prop.fragment} {label.n3()}: malformed language tag",
                    VIOLATION,
                )
