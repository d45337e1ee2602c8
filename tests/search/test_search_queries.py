"""Search finds what a person means: the issue's queries, Chinese inside words, pinyin,
traditional characters, English word forms and typos, and codes in any form."""

from __future__ import annotations

import pytest

from catalogue.search.searcher import Searcher


def codes(searcher: Searcher, query: str, n: int, **filters: str) -> list[str]:
    return [hit.concept.notation for hit in searcher.search(query, **filters)[:n]]


# query → what must come first (the table, then one row per kind of query)
FIRST = [
    ("网络安全", "04"),              # a word inside 网络与数据安全服务
    ("人脸识别服务", "06.09.05"),     # the label with a generic 服务 after it
    ("renlian", "06.09.05"),         # pinyin
    ("rlsb", "06.09.05"),            # pinyin initials
    ("網絡安全", "04"),              # traditional characters
    ("人脸识别", "06.09.05"),        # the exact label
    ("Face recognition", "06.09.05"),
    ("face recogniton", "06.09.05"), # a typo
    ("face recog", "06.09.05"),      # a word still being typed
    ("cloud computing service", "06.01"),  # word forms: service ~ services
    ("05", "05"), ("5", "05"), ("06.09", "06.09"), ("6.9", "06.09"), ("6.9.5", "06.09.05"),
    ("ITO", "ITO"), ("kpo", "KPO"),
    ("代运营", "08.04"),             # a word inside a label beats the exclusion that names it
    ("SaaS", "06.01"),               # our alternative labels
    ("数据标注", "06.02"),
    ("云服务", "06.01"),
]  # fmt: skip


@pytest.mark.parametrize("query, first", FIRST, ids=[q for q, _ in FIRST])
def test_the_best_hit_comes_first(searcher: Searcher, query: str, first: str) -> None:
    assert codes(searcher, query, 1) == [first]


# query → what the first results must be, in any order (the table)
TOP = [
    ("AI", {"06", "06.02"}),         # 06.02 by our alternative label, its domain with it
    ("芯片设计", {"01", "01.01"}),
]  # fmt: skip


@pytest.mark.parametrize("query, top", TOP, ids=[q for q, _ in TOP])
def test_the_first_hits_are(searcher: Searcher, query: str, top: set[str]) -> None:
    assert set(codes(searcher, query, len(top))) == top


def test_software_development_finds_the_ito_domains_about_software(searcher: Searcher) -> None:
    hits = searcher.search("软件开发")
    first = hits[0].concept
    assert first.notation == "02"  # our label 软件开发 on IT solution services
    assert searcher.index.concepts[first.category].notation == "ITO"
    assert hits[0].field in ("altLabel", "hiddenLabel")


def test_a_code_finds_the_concept_then_what_is_under_it(searcher: Searcher) -> None:
    assert codes(searcher, "06.09", 7) == [
        "06.09", "06.09.01", "06.09.02", "06.09.03", "06.09.04", "06.09.05", "06.09.06",
    ]  # fmt: skip


@pytest.mark.parametrize("query", ["量子计算机不存在的东西", "zzzz", "   "])
def test_nothing_is_found_for_nonsense(searcher: Searcher, query: str) -> None:
    assert searcher.search(query) == []


def test_filters_by_level_and_category(searcher: Searcher) -> None:
    hits = searcher.search("设计", level="business-type", category="KPO")
    assert hits
    for hit in hits:
        assert hit.concept.level == "business-type"
        assert searcher.index.concepts[hit.concept.category].notation == "KPO"
    assert "01.01" not in {h.concept.notation for h in hits}  # an ITO type about design


def test_each_hit_highlights_the_words_it_matched(searcher: Searcher) -> None:
    hit = searcher.search("网络安全")[0]
    assert hit.highlight == "<mark>网络</mark>与数据<mark>安全</mark>服务"
    assert hit.matched == ("网络", "安全")
    pinyin = searcher.search("renlian")[0]
    assert pinyin.highlight == "<mark>人脸</mark>识别"


def test_highlights_are_escaped(searcher: Searcher) -> None:
    # an English definition with an apostrophe: the text is HTML-escaped around the marks
    hits = searcher.search("clients marketing channels")
    assert hits and all("'" not in hit.highlight for hit in hits)


def test_each_hit_knows_its_path_and_level(searcher: Searcher) -> None:
    hit = searcher.search("人脸识别")[0]
    path = [searcher.index.concepts[iri].notation for iri in hit.concept.path]
    assert path == ["ITO", "06", "06.09", "06.09.05"]
    assert hit.concept.level == "business-subtype"
