"""Text analysis: the same chain for what is indexed and for what is asked.

- Unicode NFKC and case folding; traditional characters to simplified (OpenCC
  ``t2s``), so 網絡安全 finds 网络安全.
- Chinese has no spaces: each run of Han characters becomes its character
  bigrams (网络安全 → 网络 络安 安全), which find words inside labels
  (网络与数据安全服务) without a dictionary; a single character stays itself.
- English words become Snowball stems (services → servic), so word forms match.
- Pinyin (pypinyin), full and initials, of every suffix of a Han run in a label,
  so that ``renlian`` and ``rlsb`` find 人脸识别 as a prefix query.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import Stemmer
from opencc import OpenCC
from pypinyin import Style, lazy_pinyin

_T2S = OpenCC("t2s")
_STEMMER = Stemmer.Stemmer("english")

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
#: Latin words and numbers, with the joiners that keep "5G", "R&D", "B2B" whole.
WORD = re.compile(r"[a-z0-9]+(?:[&'][a-z0-9]+)*")

#: English words that say nothing about which domain is meant.
_STOPWORDS = (
    "a an and are as at be by for from in into is it its of on or our that the their this to "
    "we with you your etc such other all any"
)
ENGLISH_STOPWORDS = frozenset(_STOPWORDS.split())


@dataclass(frozen=True)
class Term:
    """One indexed unit, and where it came from in the analysed text (for highlighting)."""

    text: str
    start: int
    end: int
    kind: str  # "han" (a bigram or a single character) or "word" (an English stem or number)


def normalize(text: str) -> str:
    """What matching compares: NFKC, case-folded, simplified characters.

    NFKC keeps the length of Chinese and ASCII text, so offsets into the
    normalized text are offsets into the original for highlighting; the rare
    character that NFKC expands is the price.
    """
    folded = unicodedata.normalize("NFKC", text).casefold()
    return _t2s(folded) if HAN.search(folded) else folded


@lru_cache(maxsize=4096)
def _t2s(text: str) -> str:
    simplified: str = _T2S.convert(text)  # opencc is untyped
    return simplified


@lru_cache(maxsize=8192)
def stem(word: str) -> str:
    stemmed: str = _STEMMER.stemWord(word)  # PyStemmer is untyped
    return stemmed


def terms(text: str, stopwords: frozenset[str] = ENGLISH_STOPWORDS) -> list[Term]:
    """The terms of ``text`` (already normalized): Han bigrams and English stems, in order."""
    found: list[Term] = []
    for run in HAN.finditer(text):
        chars = run.group(0)
        if len(chars) == 1:
            found.append(Term(chars, run.start(), run.end(), "han"))
        for i in range(len(chars) - 1):
            found.append(Term(chars[i : i + 2], run.start() + i, run.start() + i + 2, "han"))
    for word in WORD.finditer(text):
        if word.group(0) in stopwords:
            continue
        # FTS5's tokenizer splits at "&": R&D is indexed as "rd"
        joined = word.group(0).replace("&", "").replace("'", "")
        found.append(Term(stem(joined), word.start(), word.end(), "word"))
    return found


def term_set(text: str) -> set[str]:
    return {term.text for term in terms(normalize(text))}


def pinyin_terms(text: str) -> list[str]:
    """Pinyin of every suffix of each Han run, full (renlianshibie) and initials (rlsb)."""
    found: list[str] = []
    for run in HAN.finditer(normalize(text)):
        full, initials = syllables(run.group(0))
        for i in range(len(full)):
            found.append("".join(full[i:]))
            found.append("".join(initials[i:]))
    return found


@lru_cache(maxsize=4096)
def syllables(han: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """One pinyin syllable and its initial letter per character (polyphones by phrase)."""
    full = tuple(lazy_pinyin(han, style=Style.NORMAL, errors="ignore"))
    initials = tuple(s[:1] for s in full)
    if len(full) != len(han):  # a character pypinyin cannot read: keep offsets aligned
        full = tuple(lazy_pinyin(c, style=Style.NORMAL, errors=lambda x: "?")[0] for c in han)
        initials = tuple(s[:1] for s in full)
    return full, initials


LATIN_WORD = re.compile(r"[a-z]+")


def is_latin_word(text: str) -> bool:
    return bool(LATIN_WORD.fullmatch(text))
