"""What changed between two builds, at the level editors think in.

A concept's state is what an editor sees of it: its labels per language, its
broader concepts, its code, and the texts of its notes (definition, inclusion,
exclusion and policy notes, per language). Two states are compared concept by
concept, matched by IRI; an added and a removed concept with the same Chinese
label at the same level are one concept whose IRI changed (the codes of
business types are positions in a list, so inserting one renumbers the rest).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef
from rdflib.compare import graph_diff, to_isomorphic
from rdflib.term import Node

from catalogue.nodes import iris
from catalogue.vocab import RDF, SKOS, SOC, XKOS

#: Note properties, named as the report names them. A note is read from its XKOS note
#: resource, which has an IRI to name in the change set; the same text as a SKOS literal
#: (catalogue/graph/notes.py) would report each change twice.
NOTES = {
    XKOS.coreContentNote: "definition",
    XKOS.inclusionNote: "inclusion note",
    XKOS.exclusionNote: "exclusion note",
    SOC.policyNote: "policy note",
}
#: Text without a note resource: a definition generated for a concept the text leaves
#: undefined (catalogue/graph/generated.py), read when there is no definition note.
TEXT_ONLY = {SKOS.definition: "definition"}
LEVEL_CLASSES = (SOC.Category, SOC.KeyDomain, SOC.BusinessType, SOC.BusinessSubtype)


@dataclass(frozen=True)
class ConceptState:
    iri: URIRef
    level: str
    labels: dict[str, tuple[str, ...]]  # language → preferred labels
    broader: tuple[str, ...]
    notation: tuple[str, ...]
    notes: dict[tuple[str, str, int], str]  # (kind, language, n) → text

    @property
    def name(self) -> str:
        zh = next((v for k, v in self.labels.items() if k.startswith("zh")), ())
        return zh[0] if zh else next(iter(self.labels.values()), ("",))[0]


@dataclass(frozen=True)
class Change:
    """One editor-level change: ``kind`` is added, removed, renamed, relabelled, moved,
    notation or note; ``detail`` says what, in words."""

    concept: str
    kind: str
    detail: str
    language: str = ""


@dataclass
class Diff:
    changes: list[Change] = field(default_factory=list)
    #: Each note's concept (note IRI → concept IRI), to explain a change of a note's text.
    owners: dict[str, str] = field(default_factory=dict)
    #: Raw triples, for the RDF change set.
    added: Graph = field(default_factory=Graph)
    removed: Graph = field(default_factory=Graph)

    def of_kind(self, kind: str) -> list[Change]:
        return [c for c in self.changes if c.kind == kind]


def concept_states(graph: Graph) -> dict[URIRef, ConceptState]:
    states = {}
    for concept in iris(set(graph.subjects(RDF.type, SKOS.Concept))):
        levels = [c.rsplit("/", 1)[-1] for c in LEVEL_CLASSES if (concept, RDF.type, c) in graph]
        labels: dict[str, list[str]] = {}
        for label in graph.objects(concept, SKOS.prefLabel):
            if isinstance(label, Literal):
                labels.setdefault((label.language or "").lower(), []).append(str(label))
        notes: dict[tuple[str, str, int], str] = {}
        has_notes = (concept, XKOS.coreContentNote, None) in graph
        for prop, kind in {**NOTES, **({} if has_notes else TEXT_ONLY)}.items():
            by_language: dict[str, list[tuple[str, str]]] = {}
            for note in graph.objects(concept, prop):
                for text in _texts(graph, note):
                    key = (str(note), str(text))
                    by_language.setdefault((text.language or "").lower(), []).append(key)
            for language, texts in by_language.items():
                for n, (_, wording) in enumerate(sorted(texts), start=1):
                    notes[(kind, language, n)] = wording
        states[concept] = ConceptState(
            concept,
            "/".join(levels),
            {k: tuple(sorted(v)) for k, v in sorted(labels.items())},
            tuple(sorted(str(b) for b in graph.objects(concept, SKOS.broader))),
            tuple(sorted(str(n) for n in graph.objects(concept, SKOS.notation))),
            notes,
        )
    return states


def _texts(graph: Graph, note: Node) -> list[Literal]:
    if isinstance(note, Literal):
        return [note]
    return [t for t in graph.objects(note, XKOS.plainText) if isinstance(t, Literal)] or [
        t for t in graph.objects(note, RDF.value) if isinstance(t, Literal)
    ]


def compare(old: Graph, new: Graph) -> Diff:
    before, after = concept_states(old), concept_states(new)
    diff = Diff()
    removed = [before[c] for c in before if c not in after]
    added = [after[c] for c in after if c not in before]
    renamed = _renamings(removed, added)
    for old_state, new_state in renamed:
        diff.changes.append(
            Change(
                str(new_state.iri),
                "renamed",
                f"{new_state.name}: IRI <{old_state.iri}> → <{new_state.iri}>",
            )
        )
        diff.changes += _compare_states(old_state, new_state)
    paired = {s.iri for pair in renamed for s in pair}
    for state in removed:
        if state.iri not in paired:
            diff.changes.append(Change(str(state.iri), "removed", _describe(state)))
    for state in added:
        if state.iri not in paired:
            diff.changes.append(Change(str(state.iri), "added", _describe(state)))
    for concept in sorted(set(before) & set(after)):
        diff.changes += _compare_states(before[concept], after[concept])
    for graph in (old, new):
        for prop in NOTES:
            diff.owners.update({str(n): str(c) for c, n in graph.subject_objects(prop)})
    _, only_old, only_new = graph_diff(to_isomorphic(old), to_isomorphic(new))
    diff.removed += only_old
    diff.added += only_new
    return diff


def _renamings(
    removed: list[ConceptState], added: list[ConceptState]
) -> list[tuple[ConceptState, ConceptState]]:
    def key(state: ConceptState) -> tuple[str, str]:
        return (state.level, state.name)

    gone: dict[tuple[str, str], list[ConceptState]] = {}
    for state in removed:
        gone.setdefault(key(state), []).append(state)
    new: dict[tuple[str, str], list[ConceptState]] = {}
    for state in added:
        new.setdefault(key(state), []).append(state)
    return [
        (gone[k][0], new[k][0])
        for k in sorted(gone)
        if k[1] and len(gone[k]) == 1 and len(new.get(k, ())) == 1
    ]


def _describe(state: ConceptState) -> str:
    code = f"{state.notation[0]} " if state.notation else ""
    under = f" under <{state.broader[0]}>" if state.broader else ""
    return f"{code}{state.name} ({state.level or 'concept'}){under}"


def _compare_states(old: ConceptState, new: ConceptState) -> list[Change]:
    concept = str(new.iri)
    changes = []
    for language in sorted(set(old.labels) | set(new.labels)):
        was, now = old.labels.get(language, ()), new.labels.get(language, ())
        if was != now:
            changes.append(
                Change(concept, "relabelled", f"{_words(was)} → {_words(now)}", language)
            )
    if old.broader != new.broader:
        changes.append(
            Change(concept, "moved", f"broader {_iris(old.broader)} → {_iris(new.broader)}")
        )
    if old.notation != new.notation:
        changes.append(
            Change(concept, "notation", f"{_words(old.notation)} → {_words(new.notation)}")
        )
    for kind, language, n in sorted(set(old.notes) | set(new.notes)):
        note_was, note_now = old.notes.get((kind, language, n)), new.notes.get((kind, language, n))
        if note_was != note_now:
            what = "added" if note_was is None else "removed" if note_now is None else "changed"
            number = f" {n}" if n > 1 or kind != "definition" else ""
            texts = (
                f"{_words((note_was,) if note_was else ())} → "
                f"{_words((note_now,) if note_now else ())}"
            )
            changes.append(Change(concept, "note", f"{kind}{number} {what}: {texts}", language))
    return changes


def _words(values: tuple[str, ...]) -> str:
    if not values:
        return "(none)"
    return " | ".join(f"“{_shorten(v)}”" for v in values)


def _shorten(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _iris(values: tuple[str, ...]) -> str:
    return ", ".join(f"<{v}>" for v in values) or "(none)"
