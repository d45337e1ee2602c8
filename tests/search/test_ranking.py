"""Ranking a person finds right: the code, then the exact label, then a label that begins
with the query, then labels holding its words, then our alternative labels, then
definitions and notes."""

from __future__ import annotations

import pytest

from catalogue.search.searcher import Searcher

QUERIES = ["数字化", "安全", "设计", "维修", "AI", "网络安全", "电子商务", "design", "05", "代运营"]


@pytest.mark.parametrize("query", QUERIES)
def test_scores_fall_and_tiers_rise_down_the_list(searcher: Searcher, query: str) -> None:
    hits = searcher.search(query)
    assert hits
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert [h.tier for h in hits] == sorted(h.tier for h in hits)


# query, a concept, a concept it must rank above, why
ORDER = [
    ("风险评估", "04.02", "04", "the exact label before a definition"),
    ("数字化", "02.01", "02.04", "a label beginning with the query before one holding it"),
    ("数字化", "02.04", "02", "a label holding the query before a definition"),
    ("代运营", "08.04", "05", "a label holding the word before an exclusion naming it"),
    ("芯片设计", "01", "14.01", "our alternative label before a label holding one word"),
    ("第三方检测", "13.02", "13", "a label holding the words before our alternative label"),
    ("设计", "14.01", "01", "labels before definitions"),
    ("security", "04", "10", "a label before a definition"),
]  # fmt: skip


@pytest.mark.parametrize("query, better, worse, why", ORDER, ids=[o[3] for o in ORDER])
def test_a_better_match_ranks_higher(
    searcher: Searcher, query: str, better: str, worse: str, why: str
) -> None:
    found = [h.concept.notation for h in searcher.search(query)]
    assert better in found
    assert worse not in found or found.index(better) < found.index(worse)


@pytest.mark.parametrize(
    "query, field",
    [("人脸识别", "prefLabel"), ("SaaS", "altLabel"), ("协调", "definition"), ("AI", "altLabel")],
)
def test_the_hit_says_which_text_matched(searcher: Searcher, query: str, field: str) -> None:
    assert searcher.search(query)[0].field == field
