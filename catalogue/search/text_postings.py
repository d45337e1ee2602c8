"""Which of the index's texts can hold any of a query, found from the query's terms.

Ranking tries each text of each concept that FTS5 found (every label, alternative label
and note: nine on average), and most hold none of the query. Postings from each term,
each Han character and each pinyin beginning to the texts that hold it give the few that
may, so the others are not tried at all.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable

from catalogue.search.analysis import HAN
from catalogue.search.index_reader import IndexedText


class TextPostings:
    def __init__(self, texts: Iterable[IndexedText]) -> None:
        self._by_term: dict[str, list[int]] = {}
        self._by_character: dict[str, list[int]] = {}
        labels: list[IndexedText] = []
        for text in texts:
            for term in text.term_set:
                self._by_term.setdefault(term, []).append(id(text))
            for character in {c for run in HAN.findall(text.norm) for c in run}:
                self._by_character.setdefault(character, []).append(id(text))
            if text.is_label and text.pinyin_starts:
                labels.append(text)
        # The labels' pinyin tokens, each after a newline, in one text: a word begins a
        # token of a label where "\n" + word occurs in that label's part.
        self._pinyin = "".join(t.pinyin_starts for t in labels)
        self._pinyin_starts: list[int] = []
        length = 0
        for text in labels:
            self._pinyin_starts.append(length)
            length += len(text.pinyin_starts)
        self._pinyin_texts = [id(t) for t in labels]

    def texts_holding(
        self, terms: Iterable[str], characters: Iterable[str], pinyin_words: Iterable[str]
    ) -> set[int]:
        """The ``id`` of each text that holds one of ``terms``, one of the Han ``characters``
        or, if a label, a pinyin token that one of ``pinyin_words`` begins."""
        found: set[int] = set()
        for term in terms:
            found.update(self._by_term.get(term, ()))
        for character in characters:
            found.update(self._by_character.get(character, ()))
        for word in pinyin_words:
            found |= self._spelling(word)
        return found

    def _spelling(self, word: str) -> set[int]:
        found: set[int] = set()
        starts = self._pinyin_starts
        at = self._pinyin.find("\n" + word)
        while at != -1:
            position = bisect_right(starts, at) - 1
            found.add(self._pinyin_texts[position])
            if position + 1 == len(starts):
                break
            at = self._pinyin.find("\n" + word, starts[position + 1])
        return found
