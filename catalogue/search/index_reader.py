"""Open the search index the build wrote: the concepts in memory, the FTS5 table on disk.

A hundred concepts fit in memory, so ranking and evidence are computed in
Python from the analysed texts; SQLite answers the term queries (BM25) and the
document frequencies. One read-only connection per thread: the server answers
from several threads, and a sqlite3 connection belongs to one.
"""

from __future__ import annotations

import json
import math
import sqlite3
import threading
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from catalogue.search.analysis import Term, pinyin_terms, terms
from catalogue.search.index_writer import FORMAT_VERSION, INDEX_FILE


class IndexUnavailable(Exception):
    """No index where one was expected, or one this code cannot read: rebuild."""


@dataclass(frozen=True)
class IndexedText:
    field: str
    language: str
    text: str
    norm: str
    source: str | None
    official: bool

    @cached_property
    def terms(self) -> list[Term]:
        return terms(self.norm)

    @cached_property
    def term_set(self) -> frozenset[str]:
        return frozenset(t.text for t in self.terms)

    @cached_property
    def spans(self) -> dict[str, list[tuple[int, int]]]:
        """Where each term is in the text (a highlight marks the matched ones)."""
        found: dict[str, list[tuple[int, int]]] = {}
        for term in self.terms:
            found.setdefault(term.text, []).append((term.start, term.end))
        return found

    @cached_property
    def pinyin(self) -> list[str]:
        return pinyin_terms(self.norm)

    @cached_property
    def pinyin_starts(self) -> str:
        """The pinyin tokens, each after a newline: a word begins one if ``"\\n" + word`` is
        in it (one substring search instead of a loop over the tokens)."""
        return "".join("\n" + token for token in self.pinyin)

    @cached_property
    def is_label(self) -> bool:
        return self.field in ("prefLabel", "altLabel", "hiddenLabel")


@dataclass(frozen=True)
class Exclusion:
    activity: str
    label: dict[str, str]
    covered_by: tuple[str, ...]


@dataclass
class Concept:
    id: int
    iri: str
    notation: str
    level: str
    path: tuple[str, ...]
    texts: tuple[IndexedText, ...]
    exclusions: tuple[Exclusion, ...]
    order: int = 0
    children: list[str] = field(default_factory=list)

    def label(self, language: str) -> str:
        return self._pref_labels.get(language, "")

    @cached_property
    def _pref_labels(self) -> dict[str, str]:
        """The first preferred label in each language (every search hit shows its labels)."""
        found: dict[str, str] = {}
        for text in self.texts:
            if text.field == "prefLabel":
                found.setdefault(text.language, text.text)
        return found

    @property
    def labels(self) -> dict[str, str]:
        return {"zh": self.label("zh"), "en": self.label("en")}

    @property
    def category(self) -> str:
        return self.path[0]

    @property
    def domain(self) -> str | None:
        """The key domain this concept is, or is under (None for a category)."""
        return self.path[1] if len(self.path) > 1 else None


class SearchIndex:
    def __init__(self, path: Path) -> None:
        self.path = path
        if not path.is_file():
            raise IndexUnavailable(f"no search index at {path}: run the build")
        self._local = threading.local()
        connection = self.connection()
        meta = dict(connection.execute("SELECT key, value FROM meta"))
        if meta.get("format") != FORMAT_VERSION:
            raise IndexUnavailable(f"{path} is in another format: rebuild")
        self.build_id = meta.get("build_id", "")
        self.namespace = meta.get("namespace", "")
        self.concepts: dict[str, Concept] = {}
        self.by_id: dict[int, Concept] = {}
        rows = connection.execute(
            "SELECT id, iri, notation, level, path, texts, exclusions FROM concept ORDER BY id"
        )
        for order, (number, iri, notation, level, path_json, texts, exclusions) in enumerate(rows):
            concept = Concept(
                number,
                iri,
                notation,
                level,
                tuple(json.loads(path_json)),
                tuple(IndexedText(**t) for t in json.loads(texts)),
                tuple(
                    Exclusion(e["activity"], e["label"], tuple(e["covered_by"]))
                    for e in json.loads(exclusions)
                ),
                order,
            )
            self.concepts[iri] = concept
            self.by_id[number] = concept
        for concept in self.concepts.values():
            if len(concept.path) > 1 and concept.path[-2] in self.concepts:
                self.concepts[concept.path[-2]].children.append(concept.iri)
        for text in (t for c in self.concepts.values() for t in c.texts):
            # analysed once at start, not per request
            text.spans, text.term_set, text.pinyin_starts, text.is_label  # noqa: B018
        self.document_count = len(self.concepts)
        self.frequency = dict(connection.execute("SELECT term, doc FROM concept_vocab"))
        #: sorted, so that the words a prefix begins are found by bisection
        self.words = [w for (w,) in connection.execute("SELECT word FROM word ORDER BY word")]
        self.word_set = frozenset(self.words)

    @classmethod
    def in_build(cls, build_dir: Path) -> SearchIndex:
        return cls(build_dir / "search" / INDEX_FILE)

    def connection(self) -> sqlite3.Connection:
        connection = getattr(self._local, "connection", None)
        if connection is None:
            connection = sqlite3.connect(
                f"file:{self.path}?mode=ro", uri=True, check_same_thread=False
            )
            self._local.connection = connection
        return connection

    def idf(self, term: str) -> float:
        """Inverse document frequency: 服务 (in most concepts) weighs little, 芯片 much."""
        frequency = self.frequency.get(term, 0)
        return math.log(1 + (self.document_count - frequency + 0.5) / (frequency + 0.5))
