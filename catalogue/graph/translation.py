"""Merge the curated files into the translation and curation graphs, and check them.

English literals go to the translation graph, everything else to curation;
our alternative and hidden labels (curation/alt-labels.ttl) are curation in
either language: they are not a translation of anything.
An English definition (``skos:definition "…"@en``) or note text
(``<…/note/exclusion-1/en> xkos:plainText "…"@en``) becomes, like the Chinese
note it translates, text under the SKOS property and an
``xkos:ExplanatoryNote`` (see catalogue.graph.notes), marked unofficial and
linked to that Chinese note.
"""

from __future__ import annotations

import datetime

from rdflib import Graph, Literal, URIRef
from rdflib.term import Identifier

from catalogue.graph.alt_labels import CURATED_LABELS
from catalogue.graph.curation import CuratedFiles, CurationError, is_english
from catalogue.graph.notes import OFFICIAL_LANGUAGE, add_note
from catalogue.iris import IriScheme
from catalogue.nodes import ordered
from catalogue.vocab import FOAF, ORG, RDF, SKOS, SOC, XKOS

ENGLISH = "en"


def merge_curation(
    curated: CuratedFiles,
    official: Graph,
    translation: Graph,
    curation: Graph,
    iris: IriScheme,
    valid_from: datetime.date,
) -> None:
    known = set(official.subjects()) | set(curation.subjects())
    curated_only = {
        s
        for g in curated.graphs.values()
        for kind in (ORG.Organization, FOAF.Document)
        for s in g.subjects(RDF.type, kind)
    }
    for subject, predicate, obj in curated.triples():
        if subject not in known and subject not in curated_only and predicate != XKOS.plainText:
            raise CurationError(
                curated.where(subject),
                subject,
                "no such resource in the catalogue (a typo in the IRI?); "
                "rule: curated statements are about resources the build knows",
            )
        if predicate == SOC.coveredBy and (obj, RDF.type, SKOS.Concept) not in official:
            raise CurationError(
                curated.where(subject, predicate),
                subject,
                f"soc:coveredBy <{obj}> is not a concept of the catalogue; "
                "rule: a cross-link points at an existing concept",
            )
        if predicate == SKOS.definition and is_english(obj):
            zh_note = iris.note(URIRef(str(subject)), "definition", OFFICIAL_LANGUAGE)
            if (zh_note, RDF.type, None) in official:
                _add_translated_note(official, translation, zh_note, obj, valid_from, curated)
            elif (subject, RDF.type, XKOS.ClassificationLevel) in curation:
                # our own definition of our own level: nothing to translate
                en_note = iris.note(URIRef(str(subject)), "definition", ENGLISH)
                add_note(
                    translation,
                    URIRef(str(subject)),
                    XKOS.coreContentNote,
                    en_note,
                    str(obj),
                    ENGLISH,
                    valid_from,
                    None,
                    official=False,
                )
            else:  # a definition of something outside the classification (our publisher)
                translation.add((subject, predicate, obj))
        elif predicate == XKOS.plainText and is_english(obj):
            note = URIRef(str(subject))
            zh_note = URIRef(note.removesuffix(f"/{ENGLISH}") + f"/{OFFICIAL_LANGUAGE}")
            if not note.endswith(f"/{ENGLISH}") or (zh_note, RDF.type, None) not in official:
                raise CurationError(
                    curated.where(subject, predicate),
                    subject,
                    "translates no note of the official text; rule: an English note's IRI "
                    f"is its Chinese note's with /{OFFICIAL_LANGUAGE} → /en",
                )
            _add_translated_note(official, translation, zh_note, obj, valid_from, curated)
        elif is_english(obj) and not (
            predicate in CURATED_LABELS and (subject, RDF.type, SKOS.Concept) in official
        ):
            translation.add((subject, predicate, obj))
        elif predicate == SOC.position:
            continue  # a join key to the text's order; the official graph states the position
        else:
            curation.add((subject, predicate, obj))


def _add_translated_note(
    official: Graph,
    translation: Graph,
    zh_note: URIRef,
    text: Literal,
    valid_from: datetime.date,
    curated: CuratedFiles,
) -> None:
    owners = list(official.subject_predicates(zh_note))
    if not owners:
        raise CurationError(
            curated.where(zh_note), zh_note, "the official text has no such note to translate"
        )
    en_note = URIRef(zh_note.removesuffix(f"/{OFFICIAL_LANGUAGE}") + f"/{ENGLISH}")
    for concept, prop in owners:
        add_note(
            translation,
            URIRef(str(concept)),
            URIRef(str(prop)),
            en_note,
            str(text),
            ENGLISH,
            valid_from,
            zh_note,
            official=False,
        )


def check_translations(
    official: Graph, translation: Graph, curation: Graph, curated: CuratedFiles
) -> None:
    """Every label, definition and note of the official text has exactly one English twin."""
    union = official + translation + curation
    needs_label = ordered(
        {
            s
            for kind in (
                SKOS.Concept,
                SKOS.ConceptScheme,
                XKOS.ClassificationLevel,
                SOC.ExcludedActivity,
                ORG.Organization,
            )
            for s in union.subjects(RDF.type, kind)
        }
        | {
            s
            for s, label in union.subject_objects(SKOS.prefLabel)
            if isinstance(label, Literal) and label.language == OFFICIAL_LANGUAGE
        }
    )
    for resource in needs_label:
        english = [o for o in union.objects(resource, SKOS.prefLabel) if is_english(o)]
        if len(english) != 1:
            problem = (
                "has no English label" if not english else f"has {len(english)} English labels"
            )
            raise CurationError(
                curated.where(resource, SKOS.prefLabel) or curated.translations_file,
                resource,
                f'{problem}; rule: exactly one skos:prefLabel "…"@en per resource',
            )
    for zh_note in ordered(official.subjects(RDF.type, XKOS.ExplanatoryNote)):
        en_note = URIRef(str(zh_note).removesuffix(f"/{OFFICIAL_LANGUAGE}") + f"/{ENGLISH}")
        if (en_note, XKOS.plainText, None) not in translation:
            raise CurationError(
                curated.translations_file,
                zh_note,
                "has no English translation; rule: every note of the official text is translated "
                f'(skos:definition "…"@en on the concept, or <{en_note}> xkos:plainText "…"@en)',
            )
    seen: dict[str, Identifier] = {}
    for concept in ordered(union.subjects(RDF.type, SKOS.Concept)):
        for label in union.objects(concept, SKOS.prefLabel):
            language = label.language if isinstance(label, Literal) else None
            key = f"{language}:{str(label).casefold()}"
            if key in seen and seen[key] != concept:
                raise CurationError(
                    curated.where(concept, SKOS.prefLabel) or curated.translations_file,
                    concept,
                    f"the label {label.n3()} is already <{seen[key]}>'s; "
                    "rule: no two concepts share a preferred label in one language",
                )
            seen[key] = concept
