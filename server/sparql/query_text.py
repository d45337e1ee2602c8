"""What the endpoint learns about a query before the engine sees it, from its tokens.

The facts come from ``lexer.py`` (one linear pass over the text as the
grammar's terminals), so a '#', a '(' or the word SERVICE inside a string, an IRI
or a comment counts for nothing, and no arrangement of characters can make
reading the text slow.

- Is it an update? A read-only endpoint says so with 403 rather than letting
  the query parser report "expected SELECT" at INSERT.
- How deeply does it nest? The engine's recursive-descent parser overflows its
  stack past ~100,000 levels and takes its process with it, and its time grows
  with the cube of nested collections (200 levels of ``( ( … ) )`` take 4 s).
  Both are refused here with 400; the engine runs in its own process on a large
  stack as well, so a crash costs only the query that caused it.
- Does it name its own dataset (FROM / FROM NAMED)? pyoxigraph's union-default-graph
  option overrides FROM, so the union default graph is only asked for when the
  query does not choose a dataset itself.
- Does it use forms Jena accepts and Oxigraph refuses (``True``, a variable
  projected twice)? They are made standard for the engine (``compat.py``).
- Does it call another endpoint (SERVICE)? Refused with a clear message. The
  guarantee does not rest on this check: the engines run in a network namespace
  of their own with no interface but a down loopback (``store/sandbox.py``), so
  no query can reach another host, whatever the text.
"""

from __future__ import annotations

from dataclasses import dataclass

from server.sparql.compat import standard_form
from server.sparql.lexer import Kind, LexError, read

__all__ = ["MAX_TERM_NESTING", "LexError", "QueryFacts", "inspect"]

#: Collections and blank-node lists nested deeper than this are refused: the
#: parser's time grows with the cube of their depth (measured: 25 levels 15 ms,
#: 100 levels 0.5 s, 200 levels 4 s), and no real query nests them past a few.
MAX_TERM_NESTING = 32

UPDATE_KEYWORDS = frozenset(
    {"insert", "delete", "load", "clear", "drop", "create", "add", "move", "copy", "with"}
)
_PROLOGUE = frozenset({"prefix", "base"})


@dataclass(frozen=True)
class QueryFacts:
    keyword: str  # the first keyword after the prologue, lower case ('' if none)
    nesting: int  # the deepest nesting of brackets and prefix operators
    term_nesting: int  # the deepest nesting of collections and blank-node lists
    names_dataset: bool  # has FROM or FROM NAMED
    calls_service: bool  # has SERVICE
    #: The query in the form the engine takes (``compat.py``: Jena's forms made standard).
    for_engine: str = ""

    @property
    def is_update(self) -> bool:
        return self.keyword in UPDATE_KEYWORDS


def inspect(query: str) -> QueryFacts:
    """The facts of ``query``; ``LexError`` if it is not made of SPARQL terminals."""
    reading = read(query)
    keyword = ""
    for token in reading.tokens:
        if token.kind is Kind.WORD and token.text.lower() not in _PROLOGUE:
            keyword = token.text.lower()
            break
    words = reading.words
    return QueryFacts(
        keyword,
        reading.depth,
        reading.term_depth,
        "from" in words,
        "service" in words,
        standard_form(query, reading.tokens, words),
    )
