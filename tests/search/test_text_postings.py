"""Ranking tries only the texts the postings say may hold the query: the hits must be
the hits of trying every text of every concept found, for every kind of query."""

from __future__ import annotations

import pytest

from catalogue.search.index_reader import SearchIndex
from catalogue.search.searcher import Searcher
from catalogue.search.text_postings import TextPostings


class EveryText(TextPostings):
    """Postings that answer every text, whatever is asked: the definition."""

    def __init__(self, index: SearchIndex) -> None:
        super().__init__(())
        self._all = {id(t) for c in index.concepts.values() for t in c.texts}

    def texts_holding(self, *asked: object) -> set[int]:
        return self._all


@pytest.fixture(scope="module")
def trying_every_text(index: SearchIndex) -> Searcher:
    searcher = Searcher(index)
    searcher.postings = EveryText(index)
    return searcher


def queries(index: SearchIndex) -> list[str]:
    """Labels whole and in part (Chinese, English words, pinyin), codes, typos, no label's."""
    found = {"renlian", "rlsb", "renl", "shuju", "recogniton", "softwar", "data processing"}
    found |= {"05", "6.9", "ito", "ai", "saas", "5g", "r&d", "的", "服务", "zzzqqq", "量子计算机"}
    for concept in index.concepts.values():
        for text in concept.texts:
            if text.field == "prefLabel" and text.language == "zh":
                found |= {text.text, text.text[1:3]}
                found |= {token[:5] for token in text.pinyin[:1]}  # 人脸识别: renli
            elif text.field == "prefLabel":
                found.add(text.text.split(" ")[-1][:5])  # recognition: recog
    return sorted(found)


def test_ranking_finds_what_trying_every_text_finds(
    index: SearchIndex, searcher: Searcher, trying_every_text: Searcher
) -> None:
    asked = queries(index)
    assert len(asked) > 300
    for query in asked:
        assert searcher.search(query) == trying_every_text.search(query), query
