"""Every resource's name, kind and place in the hierarchy, read once per worker.

Two small SELECTs through the store interface (a few hundred rows) give what
every page needs about the resources it links to: labels in both languages,
notation, types, broader and narrower. Pages then only ask the store about the
one resource they show (``describe.py``); redirects, links, breadcrumbs, the
tree, search, 404 suggestions and the sitemap cost no query at all.
"""

from __future__ import annotations

import json
import re
import threading
import time
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property

from server.linked_data.addresses import Addresses
from server.linked_data.vocabulary import (
    DCAT,
    DCT,
    FOAF,
    ORG,
    OWL,
    PROV,
    RDF,
    RDFS,
    SKOS,
    SOC,
    VOID,
    XKOS,
    canonical_language,
)
from server.store.interface import QueryRequest, Store, on_the_servers_behalf

#: Kinds of resource, by type, most specific first: each has its own page.
KINDS: tuple[tuple[str, str], ...] = (
    (SOC + "Category", "concept"),
    (SOC + "KeyDomain", "concept"),
    (SOC + "BusinessType", "concept"),
    (SOC + "BusinessSubtype", "concept"),
    (SKOS + "Concept", "concept"),
    (SKOS + "ConceptScheme", "scheme"),
    (XKOS + "ClassificationLevel", "level"),
    (ORG + "Organization", "organization"),
    (SOC + "SourceExcerpt", "excerpt"),
    (XKOS + "ExplanatoryNote", "note"),
    (SOC + "ExcludedActivity", "activity"),
    (OWL + "Ontology", "ontology"),
    (DCAT + "Distribution", "distribution"),
    (VOID + "Dataset", "dataset"),
    (PROV + "Entity", "source"),
    (FOAF + "Document", "document"),
)

_NAME_RANK = {SKOS + "prefLabel": 0, RDFS + "label": 1, DCT + "title": 2}
_INDEXED = (
    RDF + "type",
    SKOS + "prefLabel",
    SKOS + "altLabel",
    RDFS + "label",
    DCT + "title",
    DCT + "identifier",
    SKOS + "notation",
    SOC + "mintedNotation",
    SKOS + "broader",
    SKOS + "narrower",
    SKOS + "topConceptOf",
    SKOS + "inScheme",
    OWL + "versionIRI",
    OWL + "deprecated",
    SOC + "position",
    RDFS + "isDefinedBy",
)


@dataclass
class Entry:
    iri: str
    types: set[str] = field(default_factory=set)
    #: (text, language tag) of the names, preferred labels first.
    names: list[tuple[str, str]] = field(default_factory=list)
    alt_names: list[tuple[str, str]] = field(default_factory=list)
    notation: str | None = None
    minted: bool = False  # the notation is our code (soc:mintedNotation), not the text's
    broader: list[str] = field(default_factory=list)
    narrower: list[str] = field(default_factory=list)
    scheme: str | None = None
    position: int | None = None
    deprecated: bool = False
    #: owl:versionIRI: other IRIs that name this ontology.
    versions: list[str] = field(default_factory=list)
    kind: str = "resource"

    def name(self, language: str) -> tuple[str, str] | None:
        """The name in ``language`` (a primary subtag: "zh", "en"), else an alternative
        name in it (the announcement's number), else any name."""
        for text, tag in self.names + self.alt_names:
            if tag.split("-")[0].lower() == language:
                return text, tag
        return self.names[0] if self.names else None

    def has_name_in(self, language: str) -> bool:
        return any(tag.split("-")[0].lower() == language for _, tag in self.names + self.alt_names)


@dataclass(frozen=True)
class Match:
    entry: Entry
    #: Lower is better: 0 exact code, 1 code prefix, 2 exact name, 3 name prefix, 4 substring.
    rank: int


class Index:
    def __init__(self, entries: dict[str, Entry], known: set[str], addresses: Addresses) -> None:
        self.entries = entries
        #: Every IRI of ours the data mentions, as subject or object (fragments included).
        self.known = known
        self.addresses = addresses
        self.aliases = _aliases(entries, addresses)
        self._children: dict[str, list[str]] = {}
        for entry in entries.values():
            entry.kind = _kind(entry, addresses)
            for parent in entry.broader:
                self._children.setdefault(parent, []).append(entry.iri)
            for child in entry.narrower:
                self._children.setdefault(entry.iri, []).append(child)
        for iri, children in self._children.items():
            self._children[iri] = self.sorted(set(children))

    # --- lookup ---------------------------------------------------------------

    def get(self, iri: str) -> Entry | None:
        return self.entries.get(iri)

    def resolves(self, iri: str) -> bool:
        """Whether the IRI (without fragment) is one we serve a document about."""
        iri = self.aliases.get(iri, iri)
        return iri in self.entries or iri in self.known

    def served_directly(self, iri: str) -> bool:
        """IRIs that are documents themselves: the dumps (files) and the SPARQL endpoint."""
        return self.kind(iri) == "distribution" or iri == self.addresses.namespace + "sparql"

    def canonical(self, iri: str) -> str:
        """The IRI whose documents stand for ``iri`` (the ontology for its version IRI)."""
        return self.aliases.get(iri, iri)

    def kind(self, iri: str) -> str:
        entry = self.entries.get(iri)
        return entry.kind if entry else "resource"

    def children(self, iri: str) -> list[str]:
        return self._children.get(iri, [])

    def ancestors(self, iri: str) -> list[str]:
        """Broader concepts from the top down (the first broader at each step)."""
        chain: list[str] = []
        seen = {iri}
        entry = self.entries.get(iri)
        while entry and entry.broader:
            parent = self.sorted(entry.broader)[0]
            if parent in seen:  # a cycle would be a data error; do not loop on it
                break
            chain.append(parent)
            seen.add(parent)
            entry = self.entries.get(parent)
        return chain[::-1]

    def top_concepts(self, scheme: str) -> list[str]:
        tops = [
            e.iri
            for e in self.entries.values()
            if e.kind == "concept" and e.scheme == scheme and not e.broader
        ]
        return self.sorted(tops)

    def descendants(self, iri: str) -> Iterator[str]:
        for child in self.children(iri):
            yield child
            yield from self.descendants(child)

    def of_kind(self, kind: str) -> list[Entry]:
        return [e for e in self.entries.values() if e.kind == kind]

    # --- order ----------------------------------------------------------------

    def sorted(self, iris: Iterable[str]) -> list[str]:
        return sorted(iris, key=self.order_key)

    def order_key(self, iri: str) -> tuple[int, tuple[int, ...], str]:
        """Codes as numbers (05.10 after 05.9, never between 05.1 and 05.2); a concept without
        a numeric code (a category) sorts by its first numbered descendant, then by position."""
        entry = self.entries.get(iri)
        if entry is None:
            return (3, (), iri)
        numbers = notation_numbers(entry.notation)
        if numbers is not None:
            return (0, numbers, entry.notation or "")
        children = self._children.get(iri, [])
        if children:
            first = self.order_key(children[0])
            if first[0] == 0:
                return (0, first[1], entry.notation or "")
        if entry.position is not None:
            return (1, (entry.position,), entry.notation or "")
        return (2, (), entry.notation or iri)

    # --- search ---------------------------------------------------------------

    def search(self, text: str, limit: int = 100) -> list[Match]:
        """Resources whose code or name contains ``text`` (case-insensitive; substrings, so
        that a word inside a Chinese name is found: 人脸 → 人脸识别)."""
        query = " ".join(text.split()).casefold()
        if not query:
            return []
        table = self._search_table
        code = normalize_code(query)
        candidates = table.holding_name(query) | table.holding_code(query)
        if code is not None:
            candidates |= table.coded(code)
        matches: list[Match] = []
        for position in sorted(candidates):  # in the table's order: kind, then catalogue order
            entry = table.entries[position]
            rank = _rank(entry, query, code)
            if rank is not None:
                matches.append(Match(entry, rank))
        matches.sort(key=lambda m: m.rank)  # stable: within a rank, the table's order
        return matches[:limit]

    @cached_property
    def _search_table(self) -> SearchTable:
        searched = [
            e for e in self.entries.values() if e.kind not in ("excerpt", "note") and e.names
        ]
        searched.sort(key=lambda e: (_KIND_ORDER.get(e.kind, 9), self.order_key(e.iri)))
        return SearchTable(searched)


class SearchTable:
    """The entries search looks at, their names and codes casefolded and joined into one
    text each, so that finding the few entries that hold a query is a handful of substring
    searches, not a loop over every entry (a search page asks on each request).

    Each entry's part of a text begins with a newline and its names are separated by
    newlines; a query has no newline (its whitespace is collapsed to spaces), so a place
    where it occurs is inside one name of one entry."""

    def __init__(self, entries: list[Entry]) -> None:
        self.entries = entries
        self._names, self._name_starts = _joined(
            [[text.casefold() for text, _ in e.names + e.alt_names] for e in entries]
        )
        self._codes, self._code_starts = _joined([[(e.notation or "").casefold()] for e in entries])

    def holding_name(self, query: str) -> set[int]:
        return _holding(self._names, self._name_starts, query)

    def holding_code(self, query: str) -> set[int]:
        return _holding(self._codes, self._code_starts, query)

    def coded(self, code: str) -> set[int]:
        """Entries whose code begins with ``code`` (so also those under it: 06 → 06.09)."""
        return _holding(self._codes, self._code_starts, "\n" + code)


def _joined(texts: list[list[str]]) -> tuple[str, list[int]]:
    starts: list[int] = []
    parts: list[str] = []
    length = 0
    for names in texts:
        starts.append(length)
        part = "".join("\n" + name for name in names)
        parts.append(part)
        length += len(part)
    return "".join(parts), starts


def _holding(joined: str, starts: list[int], text: str) -> set[int]:
    """The positions of the entries whose part of ``joined`` holds ``text``."""
    found: set[int] = set()
    at = joined.find(text)
    while at != -1:
        position = bisect_right(starts, at) - 1
        found.add(position)
        if position + 1 == len(starts):
            break
        at = joined.find(text, starts[position + 1])  # the next entry's part on
    return found


_KIND_ORDER = {"concept": 0, "scheme": 1, "level": 2, "organization": 3, "document": 4}


def _rank(entry: Entry, query: str, code: str | None) -> int | None:
    notation = (entry.notation or "").casefold()
    if notation and code is not None:
        if notation == code:
            return 0
        if notation.startswith(code + "."):
            return 1
    if notation and notation == query:
        return 0
    names = [text.casefold() for text, _ in entry.names + entry.alt_names]
    if query in names:
        return 2
    if any(name.startswith(query) for name in names):
        return 3
    if any(query in name for name in names):
        return 4
    if notation and query in notation:
        return 5
    return None


_CODE = re.compile(r"\d{1,2}(?:\.\d{1,2}){0,2}")


def normalize_code(text: str) -> str | None:
    """``6.9`` → ``06.09``: codes as people type them, in the catalogue's two-digit form."""
    if not _CODE.fullmatch(text):
        return None
    return ".".join(part.zfill(2) for part in text.split("."))


def notation_numbers(notation: str | None) -> tuple[int, ...] | None:
    if not notation:
        return None
    parts = notation.split(".")
    if all(part.isdigit() for part in parts):
        return tuple(int(part) for part in parts)
    return None


def _kind(entry: Entry, addresses: Addresses) -> str:
    for type_iri, kind in KINDS:
        if type_iri in entry.types:
            return kind
    if entry.iri.startswith(addresses.ontology + "/"):
        return "term"
    return "resource"


def _aliases(entries: dict[str, Entry], addresses: Addresses) -> dict[str, str]:
    """IRIs that name the ontology too: its namespace IRI and its version IRIs."""
    aliases = {addresses.ontology + "/": addresses.ontology}
    ontology = entries.get(addresses.ontology)
    if ontology is not None:
        aliases.update({version: ontology.iri for version in ontology.versions})
    return aliases


# --- loading ------------------------------------------------------------------------------


def _in_namespaces(variable: str, addresses: Addresses) -> str:
    return (
        f'(STRSTARTS(STR({variable}), "{addresses.namespace}") || '
        f'STRSTARTS(STR({variable}), "{addresses.ontology}"))'
    )


def _statements_query(addresses: Addresses) -> str:
    values = " ".join(f"<{p}>" for p in _INDEXED)
    return (
        f"SELECT ?s ?p ?o WHERE {{ VALUES ?p {{ {values} }} ?s ?p ?o . "
        f"FILTER(isIRI(?s) && {_in_namespaces('?s', addresses)}) }}"
    )


def _known_query(addresses: Addresses) -> str:
    return (
        "SELECT DISTINCT ?x WHERE { { ?x ?p ?o } UNION { ?s ?p ?x } "
        f"FILTER(isIRI(?x) && {_in_namespaces('?x', addresses)}) }}"
    )


def _rows(store: Store, query: str, timeout: float) -> list[dict[str, dict[str, str]]]:
    request = QueryRequest(query, results_format="json", graph_format=None)
    answer = store.query(request, time.monotonic() + timeout)
    rows: list[dict[str, dict[str, str]]] = json.loads(answer.body())["results"]["bindings"]
    return rows


def load_index(store: Store, addresses: Addresses, timeout: float) -> Index:
    entries: dict[str, Entry] = {}
    rows = _rows(store, _statements_query(addresses), timeout)
    # prefLabel before rdfs:label before dct:title, whatever order the rows come in
    rows.sort(key=lambda row: _NAME_RANK.get(row["p"]["value"], 0))
    for row in rows:
        subject, predicate, value = row["s"]["value"], row["p"]["value"], row["o"]
        _add(entries.setdefault(subject, Entry(subject)), predicate, value)
    known = {
        row["x"]["value"].split("#")[0] for row in _rows(store, _known_query(addresses), timeout)
    }
    return Index(entries, known, addresses)


def _add(entry: Entry, predicate: str, value: dict[str, str]) -> None:
    text = value["value"]
    if predicate == RDF + "type":
        entry.types.add(text)
    elif predicate in _NAME_RANK:
        entry.names.append((text, canonical_language(value.get("xml:lang", ""))))
    elif predicate in (SKOS + "altLabel", DCT + "identifier"):  # 公告2022年第15号 is searched too
        entry.alt_names.append((text, canonical_language(value.get("xml:lang", ""))))
    elif predicate == SKOS + "notation":
        entry.notation = text
    elif predicate == SOC + "mintedNotation":
        entry.minted = True
    elif predicate == SKOS + "broader":
        entry.broader.append(text)
    elif predicate == SKOS + "narrower":
        entry.narrower.append(text)
    elif predicate in (SKOS + "inScheme", SKOS + "topConceptOf"):
        entry.scheme = text
    elif predicate == SOC + "position" and text.isdigit():
        entry.position = int(text)
    elif predicate == OWL + "deprecated":
        entry.deprecated = text in ("true", "1")
    elif predicate == OWL + "versionIRI":
        entry.versions.append(text)


class LazyIndex:
    """Loaded on first use, not at start-up: the engines may still be starting then."""

    def __init__(self, store: Store, addresses: Addresses, timeout: float) -> None:
        self._store = store
        self._addresses = addresses
        self._timeout = timeout
        self._index: Index | None = None
        self._lock = threading.Lock()

    def get(self) -> Index:
        if self._index is None:
            with self._lock:
                if self._index is None:
                    with on_the_servers_behalf():
                        self._index = load_index(self._store, self._addresses, self._timeout)
        return self._index
