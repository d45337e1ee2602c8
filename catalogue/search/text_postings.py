"""Which of the index's texts can hold any of a query, found from the query's terms.

Ranking tries each text of each concept that FTS5 found (every label, alternative label
and note: nine on average), and most hold none of the query. Postings from each term,
each Han character and each pinyin beginning to the texts that hold it give the few that
may, so the others are not tried at all.
"""

from __future__ import annotations

from collections.abc import Iterable

from catalogue.search.analysis import HAN
from catalogue.search.index_reader import IndexedText
from catalogue.search.matching import PINYIN_MIN


class TextPostings:
    def __init__(self, texts: Iterable[IndexedText]) -> None:
        self._by_term: dict[str, list[int]] = {}
        self._by_character: dict[str, list[int]] = {}
        #: The labels' pinyin tokens by their first letters: a word tried as pinyin (of
        #: PINYIN_MIN letters or more) can begin only the tokens filed under its own first.
        self._by_pinyin_start: dict[str, list[tuple[str, int]]] = {}
        for text in texts:
            for term in text.term_set:
                self._by_term.setdefault(term, []).append(id(text))
            for character in {c for run in HAN.findall(text.norm) for c in run}:
                self._by_character.setdefault(character, []).append(id(text))
            if text.is_label:
                for token in set(text.pinyin):
                    entry = (token, id(text))
                    self._by_pinyin_start.setdefault(token[:PINYIN_MIN], []).append(entry)

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
        """Labels with a pinyin token that ``word`` (PINYIN_MIN letters or more) begins."""
        filed = self._by_pinyin_start.get(word[:PINYIN_MIN], ())
        return {text for token, text in filed if token.startswith(word)}
