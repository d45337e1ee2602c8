"""Cheap lexical facts about a query, learnt before the engine sees it.

Three questions need an answer before parsing:

- Is it an update? A read-only endpoint says so with 403 rather than letting
  the query parser report "expected SELECT" at INSERT.
- How deeply does it nest? The engine's recursive-descent parser overflows its
  stack on a few thousand nested parentheses and takes the process with it, so
  deep nesting is refused here with 400 (the engine runs on a large stack and in
  its own process as well: this check is the first of two lines of defence).
- Does it name its own dataset (FROM / FROM NAMED)? pyoxigraph's union-default-graph
  option overrides FROM, so the union default graph is only asked for when the
  query does not choose a dataset itself.
- Does it call another endpoint (SERVICE)? The engine would fetch any URL it is
  given, from inside our network: a public endpoint must not be that proxy.

Comments, strings and IRIs are blanked out first so that a '#', a '(' or the
word FROM inside them counts for nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import accumulate

_SKIPPED = re.compile(
    r"""
      \#[^\n\r]*                          # comment
    | <[^<>"{}|^`\\\x00-\x20]*>           # IRI reference
    | \"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\" # long strings
    | '''(?:[^'\\]|\\.|'(?!''))*'''
    | "(?:[^"\\\n\r]|\\.)*"               # strings
    | '(?:[^'\\\n\r]|\\.)*'
    """,
    re.VERBOSE | re.DOTALL,
)
_PROLOGUE = re.compile(r"\s*(?:(?:PREFIX\s+[^\s:]*:\s*|BASE\s*))*([A-Za-z]*)", re.IGNORECASE)
_FROM = re.compile(r"(?<![\w:?$\-.])FROM(?![\w:\-])", re.IGNORECASE)
_SERVICE = re.compile(r"(?<![\w:?$\-.])SERVICE(?![\w:\-])", re.IGNORECASE)
_DEPTH = str.maketrans({"(": "1", "{": "1", "[": "1", ")": "2", "}": "2", "]": "2"})
_BRACKETS = re.compile(r"[^(){}\[\]]+")

UPDATE_KEYWORDS = frozenset(
    {"insert", "delete", "load", "clear", "drop", "create", "add", "move", "copy", "with"}
)


@dataclass(frozen=True)
class QueryFacts:
    keyword: str  # the first keyword after the prologue, lower case ('' if none)
    nesting: int  # the deepest nesting of (), {} and []
    names_dataset: bool  # has FROM or FROM NAMED
    calls_service: bool  # has SERVICE

    @property
    def is_update(self) -> bool:
        return self.keyword in UPDATE_KEYWORDS


def inspect(query: str) -> QueryFacts:
    code = _SKIPPED.sub(" ", query)
    match = _PROLOGUE.match(code)
    keyword = match.group(1).lower() if match else ""
    return QueryFacts(
        keyword, nesting_depth(code), bool(_FROM.search(code)), bool(_SERVICE.search(code))
    )


def nesting_depth(code: str) -> int:
    brackets = _BRACKETS.sub("", code).translate(_DEPTH)
    if not brackets:
        return 0
    return max(0, *accumulate(1 if c == "1" else -1 for c in brackets))
