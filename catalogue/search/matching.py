"""How much of a query a text covers, and which of its characters to highlight.

Coverage is counted in units a reader sees: each Han character of the query
(covered when a bigram of the query that contains it is in the text, so
网络安全 is wholly covered by 网络与数据安全服务 although 络安 is not in it) and
each English word (covered when its stem is in the text, or, spelt in latin
letters, when it begins the pinyin of a Han run there: renlian → 人脸识别).
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from catalogue.search.analysis import HAN, LATIN_WORD, Term, syllables
from catalogue.search.index_reader import IndexedText

#: Shortest latin word tried as pinyin ("ai" as initials would find anything).
PINYIN_MIN = 3


@dataclass(frozen=True)
class Query:
    text: str  # normalized
    terms: tuple[Term, ...]
    units: int  # Han characters + English words: what coverage divides by

    @classmethod
    def of(cls, normalized: str, query_terms: list[Term], readings: Sequence[Term] = ()) -> Query:
        """``readings``: other terms for words of the query (corrections, completions);
        they widen what matches but do not count as more words."""
        han = sum(len(run) for run in HAN.findall(normalized))
        words = len({t.start for t in query_terms if t.kind == "word"})
        return cls(normalized, tuple(query_terms) + tuple(readings), han + words)

    # What tells at once that a text holds none of the query (most texts of the concepts
    # ranked hold none): the terms as a set, the single characters looked for in the text
    # itself, and the words that might be spelt as pinyin.
    @cached_property
    def term_texts(self) -> frozenset[str]:
        return frozenset(t.text for t in self.terms)

    @cached_property
    def single_characters(self) -> tuple[str, ...]:
        return tuple(t.text for t in self.terms if t.kind == "han" and len(t.text) == 1)

    @cached_property
    def spellings(self) -> tuple[str, ...]:
        return tuple(self.text[t.start : t.end] for t in self.terms if t.kind != "han")


@dataclass(frozen=True)
class Coverage:
    fraction: float
    matched_terms: frozenset[str]
    pinyin_words: frozenset[str]  # latin words of the query found as pinyin in the text


#: What a text that holds none of the query covers (one object: most texts hold none).
NO_COVERAGE = Coverage(0.0, frozenset(), frozenset())


def coverage(query: Query, text: IndexedText, pinyin: bool = True) -> Coverage:
    present = text.term_set
    if (
        present.isdisjoint(query.term_texts)
        and not any(c in text.norm for c in query.single_characters)
        and not (pinyin and text.is_label and any(_pinyin_hit(w, text) for w in query.spellings))
    ):
        return NO_COVERAGE  # no term of the query can match (the loop below would find so)
    covered_chars: set[int] = set()
    # A word is covered once, whichever of its readings matched (as typed, corrected, or
    # completed: recog → recognition), so words are counted by their place in the query.
    covered_words: set[int] = set()
    matched: set[str] = set()
    pinyin_words: set[str] = set()
    for term in query.terms:
        if term.kind == "han":
            if term.text in present or (len(term.text) == 1 and term.text in text.norm):
                covered_chars.update(range(term.start, term.end))
                matched.add(term.text)
        elif term.text in present:
            covered_words.add(term.start)
            matched.add(term.text)
        elif pinyin and _pinyin_hit(query.text[term.start : term.end], text):
            covered_words.add(term.start)
            pinyin_words.add(query.text[term.start : term.end])
    if not covered_chars and not covered_words:
        return NO_COVERAGE
    units = len(covered_chars) + len(covered_words)
    return Coverage(
        units / query.units if query.units else 0.0, frozenset(matched), frozenset(pinyin_words)
    )


def is_pinyin_candidate(word: str) -> bool:
    """Whether a word of the query is tried as the pinyin of labels."""
    return len(word) >= PINYIN_MIN and LATIN_WORD.fullmatch(word) is not None


def _pinyin_hit(word: str, text: IndexedText) -> bool:
    if not text.is_label or not is_pinyin_candidate(word):
        return False
    # a token of the text's pinyin begins with the word: "\n" + word is in "\n"-joined tokens
    return "\n" + word in text.pinyin_starts


#: A long text (a definition) is shown as the part around its first match.
SNIPPET = 36


def highlight(text: IndexedText, found: Coverage) -> tuple[str, list[str]]:
    """The text, HTML-escaped, with what matched in ``<mark>``; and the matched words.
    A long text is cut to the part around its first match."""
    marked = bytearray(len(text.norm))  # 1 where a character is highlighted
    for term in found.matched_terms:
        for start, stop in text.spans.get(term, ()):
            marked[start:stop] = b"\x01" * (stop - start)
    for single in (t for t in found.matched_terms if len(t) == 1 and HAN.fullmatch(t)):
        for m in re.finditer(re.escape(single), text.norm):
            marked[m.start()] = 1
    for word in found.pinyin_words:
        for start, stop in _pinyin_spans(word, text.norm):
            marked[start:stop] = b"\x01" * (stop - start)
    original = text.text if len(text.text) == len(text.norm) else text.norm
    begin, end = 0, len(original)
    if len(original) > 2 * SNIPPET and 1 in marked:
        first = marked.index(1)
        begin = max(0, first - SNIPPET // 3)
        end = min(len(original), begin + 2 * SNIPPET)
    out: list[str] = ["…"] if begin > 0 else []
    words: list[str] = []
    i = begin
    while i < end:  # runs of marked and unmarked characters, each found in C
        j = marked.find(0 if marked[i] else 1, i, end)
        j = end if j == -1 else j
        if marked[i]:
            out.append(f"<mark>{html.escape(original[i:j])}</mark>")
            words.append(original[i:j])
        else:
            out.append(html.escape(original[i:j]))
        i = j
    if end < len(original):
        out.append("…")
    return "".join(out), list(dict.fromkeys(words))


def _pinyin_spans(word: str, norm: str) -> list[tuple[int, int]]:
    """The characters whose pinyin (full or initials) the latin ``word`` spells from the start."""
    spans = []
    for run in HAN.finditer(norm):
        full, initials = syllables(run.group(0))
        for i in range(len(full)):
            for parts in (full, initials):
                consumed, j = 0, i
                while j < len(parts) and consumed < len(word):
                    consumed += len(parts[j])
                    j += 1
                if "".join(parts[i:j]).startswith(word):
                    spans.append((run.start() + i, run.start() + j))
                    break
    return spans
