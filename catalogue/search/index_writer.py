"""Write the search index: ``search/index.sqlite`` in the build being staged, one file.

Tables:
- ``concept``: one row per concept, with what a hit shows (path, labels,
  level) and its texts (labels, notes, exclusions) for evidence and ranking;
- ``concept_terms`` (FTS5): the analysed terms of each concept in four
  columns, ``label`` (preferred labels), ``alt`` (our alternative and hidden
  labels), ``pinyin`` (of both), ``text`` (definitions and notes);
- ``concept_vocab`` (fts5vocab): how many concepts hold each term (for IDF);
- ``word``: the English words of the catalogue (to correct a query's typos);
- ``meta``: the build, the namespace, the format version.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from pyoxigraph import RdfFormat, Store

from catalogue.search.analysis import WORD, normalize, pinyin_terms, terms
from catalogue.search.records import Record, read_records

INDEX_FILE = "index.sqlite"
#: Raised when the tables change, so that a server refuses an index it cannot read.
FORMAT_VERSION = "1"

LABEL_FIELDS = ("prefLabel",)
ALT_FIELDS = ("altLabel", "hiddenLabel")

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE concept (
  id INTEGER PRIMARY KEY,
  iri TEXT UNIQUE NOT NULL,
  notation TEXT NOT NULL,
  level TEXT NOT NULL,
  path TEXT NOT NULL,        -- JSON: IRIs from the category down to this concept
  texts TEXT NOT NULL,       -- JSON: [{field, language, text, norm, source, official}]
  exclusions TEXT NOT NULL   -- JSON: [{activity, label: {zh, en}, covered_by: [iri]}]
);
CREATE TABLE word (word TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE VIRTUAL TABLE concept_terms USING fts5(
  label, alt, pinyin, text, tokenize = 'unicode61 remove_diacritics 0'
);
CREATE VIRTUAL TABLE concept_vocab USING fts5vocab(concept_terms, 'row');
"""


def build_search_index(nquads: Path, directory: Path, build_id: str, namespace: str) -> Path:
    """Read the dump the build just wrote and write the index into ``directory`` (a folder
    of the build being staged: it is published with the rest, catalogue/publication.py)."""
    store = Store()
    store.bulk_load(path=str(nquads), format=RdfFormat.N_QUADS)
    records = read_records(store)
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / INDEX_FILE
    connection = sqlite3.connect(target)
    try:
        connection.executescript(SCHEMA)
        _write(connection, records)
        connection.executemany(
            "INSERT INTO meta VALUES (?, ?)",
            [("build_id", build_id), ("namespace", namespace), ("format", FORMAT_VERSION)],
        )
        connection.commit()
        connection.execute("VACUUM")
    finally:
        connection.close()
    return target


def _write(connection: sqlite3.Connection, records: list[Record]) -> None:
    words: set[str] = set()
    for number, record in enumerate(records, start=1):
        texts = [
            {
                "field": t.field,
                "language": t.language,
                "text": t.text,
                "norm": normalize(t.text),
                "source": t.source,
                "official": t.official,
            }
            for t in record.texts
        ]
        exclusions = [
            {"activity": e.activity, "label": e.label, "covered_by": e.covered_by}
            for e in record.exclusions
        ]
        connection.execute(
            "INSERT INTO concept VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                number,
                record.iri,
                record.notation,
                record.level,
                json.dumps(record.path),
                json.dumps(texts, ensure_ascii=False),
                json.dumps(exclusions, ensure_ascii=False),
            ),
        )
        columns: dict[str, list[str]] = {"label": [], "alt": [], "pinyin": [], "text": []}
        for t in record.texts:
            norm = normalize(t.text)
            column = (
                "label" if t.field in LABEL_FIELDS else "alt" if t.field in ALT_FIELDS else "text"
            )
            columns[column] += [term.text for term in terms(norm)]
            if column != "text":
                columns["pinyin"] += pinyin_terms(norm)
            if t.language == "en":
                words.update(WORD.findall(norm))
        connection.execute(
            "INSERT INTO concept_terms (rowid, label, alt, pinyin, text) VALUES (?, ?, ?, ?, ?)",
            (number, *(" ".join(columns[c]) for c in ("label", "alt", "pinyin", "text"))),
        )
    connection.executemany("INSERT INTO word VALUES (?)", [(w,) for w in sorted(words)])
