"""Ranked search over the catalogue, and the suggestions typed into a search box.

Ranking, in tiers a person finds right (a tier always beats the next):

0. the code (``05``, ``5``, ``06.09``, ``6.9``, ``ito``);
1. a concept under that code (``06`` → 06.01 …);
2. the exact label (Chinese or English; a trailing 服务 / "services" may be left off);
3. a label that begins with the query;
4. a label that holds every word of the query (or spells it in pinyin);
5. one of our alternative or hidden labels that holds every word of it;
6. a definition or note that holds every word, or a label most of them;
7. a definition or note that holds most of them.

Within a tier: how much of the query the text covers, then FTS5's BM25 over
the analysed terms (labels weigh most), then the catalogue's order.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from itertools import islice

from rapidfuzz import fuzz, process

from catalogue.search.analysis import WORD, Term, is_latin_word, normalize, stem, terms
from catalogue.search.index_reader import Concept, IndexedText, SearchIndex
from catalogue.search.matching import (
    PINYIN_MIN,
    Coverage,
    Query,
    coverage,
    highlight,
    is_pinyin_candidate,
)
from catalogue.search.text_postings import TextPostings

#: Words a query often ends with that every label also has: 人脸识别服务 is 人脸识别.
GENERIC_SUFFIXES = ("服务", "外包", "业务", " services", " service", " outsourcing")
#: BM25 weights of the FTS5 columns: label, alt, pinyin, text.
COLUMN_WEIGHTS = (10.0, 6.0, 6.0, 1.0)
#: A text holding at most this share of the query is no match (half of 量子计算机不存在 is
#: not what was asked for).
PARTIAL = 0.5
#: How many catalogue words a word being typed may stand for.
COMPLETIONS = 5
CODE = re.compile(r"^(?:[a-z]{3}|\d{1,2}(?:\.\d{1,2}){0,2})$")
LEVELS = ("category", "domain", "business-type", "business-subtype")
CATEGORIES = ("ITO", "BPO", "KPO")


@dataclass(frozen=True)
class Hit:
    concept: Concept
    score: float
    tier: int
    field: str  # the text that matched: prefLabel, altLabel, definition, … or notation
    highlight: str  # that text, HTML-escaped, the matched words in <mark>
    matched: tuple[str, ...]


def normalize_code(query: str) -> str | None:
    """``5`` → ``05``, ``6.9`` → ``06.09``, ``ito`` → ``ITO``; None if it is not a code."""
    text = query.strip().lower()
    if not CODE.match(text):
        return None
    if text.isalpha():
        return text.upper() if text.upper() in CATEGORIES else None
    return ".".join(part.zfill(2) for part in text.split("."))


class Searcher:
    def __init__(self, index: SearchIndex) -> None:
        self.index = index
        self.postings = TextPostings(t for c in index.concepts.values() for t in c.texts)

    def search(
        self,
        text: str,
        level: str | None = None,
        category: str | None = None,
        limit: int = 50,
    ) -> list[Hit]:
        query_text = " ".join(normalize(text).split())
        if not query_text:
            return []
        hits: dict[str, Hit] = {}
        code = normalize_code(query_text)
        if code:
            for hit in self._by_code(code):
                hits[hit.concept.iri] = hit
        query = self._query(query_text)
        core = _without_generic_suffix(query_text)
        bm25 = self._bm25(query) if query.units else {}
        pinyin_words = [w for w in query.spellings if is_pinyin_candidate(w)]
        possible = self.postings.texts_holding(
            query.term_texts, query.single_characters, pinyin_words
        )
        for concept_id, rank in bm25.items():
            concept = self.index.by_id[concept_id]
            if concept.iri in hits:
                continue
            ranked = self._rank(concept, query, query_text, core, rank, possible)
            if ranked is not None:
                hits[concept.iri] = ranked
        for hit in self._expanded(query_text, hits):
            hits.setdefault(hit.concept.iri, hit)
        found = [
            h
            for h in hits.values()
            if (level is None or h.concept.level == level)
            and (category is None or self._category_of(h.concept) == category.upper())
        ]
        found.sort(key=lambda h: (-h.score, h.concept.order))
        return found[:limit]

    def _expanded(self, query_text: str, hits: dict[str, Hit]) -> list[Hit]:
        """A query that is one of our alternative labels of a business type (AI, SaaS) names
        an activity of its key domain too: the domain follows it, one step below."""
        expanded: list[Hit] = []
        for hit in list(hits.values()):
            if hit.field not in ("altLabel", "hiddenLabel") or not any(
                t.norm == query_text for t in hit.concept.texts if t.field == hit.field
            ):
                continue
            for iri in hit.concept.path[1:-1]:
                broader = self.index.concepts[iri]
                label = broader.label("zh")
                expanded.append(
                    Hit(broader, round(hit.score - 0.01, 3), hit.tier, "prefLabel", label, ())
                )
        return expanded

    def _category_of(self, concept: Concept) -> str:
        return self.index.concepts[concept.category].notation

    def _query(self, query_text: str) -> Query:
        """The query's terms; an English word that is not the catalogue's also stands for
        the closest word that is (a typo: "recogniton" → "recognition"), and the last word,
        still being typed, for the catalogue's words it begins ("recog" → "recognition")."""
        found = terms(query_text)
        extra: list[Term] = []
        words = list(WORD.finditer(query_text))
        for position, word in enumerate(words):
            token = word.group(0)
            if not is_latin_word(token):
                continue
            readings: list[str] = []
            if position == len(words) - 1 and len(token) >= 3:
                readings += self._completions(token)
            known = token in self.index.word_set or stem(token) in self.index.frequency
            if len(token) >= 4 and not known:
                best = process.extractOne(
                    token, self.index.words, scorer=fuzz.ratio, score_cutoff=80
                )
                if best:
                    readings.append(best[0])
            extra += [Term(stem(r), word.start(), word.end(), "word") for r in readings]
        return Query.of(query_text, found, extra)

    def _completions(self, token: str) -> list[str]:
        """The first catalogue words (in their sorted order) that ``token`` begins, not itself:
        they are together in the sorted list, from where ``token`` would be."""
        words = self.index.words
        found: list[str] = []
        for word in islice(words, bisect_left(words, token), None):
            if not word.startswith(token) or len(found) == COMPLETIONS:
                break
            if word != token:
                found.append(word)
        return found

    def _bm25(self, query: Query) -> dict[int, float]:
        """Concepts holding any of the query's terms (or its pinyin), with FTS5's BM25."""
        clauses = []
        term_list = sorted({t.text for t in query.terms})
        if term_list:
            quoted = " OR ".join(_quote(t) + ("*" if len(t) == 1 else "") for t in term_list)
            clauses.append(f"{{label alt text}} : ({quoted})")
        latin = sorted(
            {w for w in WORD.findall(query.text) if is_latin_word(w) and len(w) >= PINYIN_MIN}
        )
        if latin:
            clauses.append("pinyin : (" + " OR ".join(_quote(w) + "*" for w in latin) + ")")
        if not clauses:
            return {}
        rows = self.index.connection().execute(
            "SELECT rowid, bm25(concept_terms, ?, ?, ?, ?) FROM concept_terms "
            "WHERE concept_terms MATCH ?",
            (*COLUMN_WEIGHTS, " OR ".join(clauses)),
        )
        return {rowid: -rank for rowid, rank in rows}

    def _by_code(self, code: str) -> list[Hit]:
        hits = []
        for concept in self.index.concepts.values():
            if concept.notation == code:
                tier = 0
            elif concept.notation.startswith(code + "."):
                tier = 1
            else:
                continue
            mark = f"<mark>{concept.notation}</mark>" if tier == 0 else concept.notation
            hits.append(Hit(concept, score_of(tier, 1.0, 0.0), tier, "notation", mark, (code,)))
        return hits

    def _rank(
        self,
        concept: Concept,
        query: Query,
        query_text: str,
        core: str,
        bm25: float,
        possible: set[int],
    ) -> Hit | None:
        """``possible``: the ``id`` of every text that may hold some of the query (the
        others cover none of it)."""
        best: tuple[int, float, IndexedText, Coverage] | None = None
        for text in concept.texts:
            if id(text) not in possible:
                continue
            found = coverage(query, text)
            if found.fraction == 0:
                continue
            tier = _tier(text, found, query_text, core)
            if tier is None:
                continue
            candidate = (tier, found.fraction, text, found)
            if best is None or (tier, -found.fraction) < (best[0], -best[1]):
                best = candidate
        if best is None:
            return None
        tier, fraction, text, found = best
        marked, words = highlight(text, found)
        return Hit(concept, score_of(tier, fraction, bm25), tier, text.field, marked, tuple(words))


def _tier(text: IndexedText, found: Coverage, query_text: str, core: str) -> int | None:
    whole = found.fraction >= 0.999
    if text.field == "prefLabel":
        label = text.norm
        if label in (query_text, core) or _without_generic_suffix(label) in (query_text, core):
            return 2
        if label.startswith(core):
            return 3
        if whole:
            return 4
        return 6 if found.fraction > PARTIAL else None
    if text.is_label:
        if whole:
            return 5
        return 6 if found.fraction > PARTIAL else None
    if whole:
        return 6
    return 7 if found.fraction > PARTIAL else None


def score_of(tier: int, fraction: float, bm25: float) -> float:
    """One number that orders hits as the tiers do: a tier is worth more than coverage and
    BM25 together (each below 0.5)."""
    return round((8 - tier) + 0.49 * fraction + 0.49 * bm25 / (bm25 + 10.0), 3)


def _without_generic_suffix(text: str) -> str:
    for suffix in GENERIC_SUFFIXES:
        if text.endswith(suffix) and len(text) > len(suffix) + 1:
            return text[: -len(suffix)].strip()
    return text


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'
