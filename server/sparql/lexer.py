"""A linear-time SPARQL 1.1 lexer: the one reading of a query that every check shares.

The checks made before a query reaches the engine (is it an update, does it call
another endpoint, how deeply does it nest, does it choose its own dataset) are only
as good as their idea of where the code is: a '#' starts a comment only outside
strings and IRIs, and a word is a keyword only outside them. Regular expressions
over the whole text got this wrong twice (they took ``1<2)SERVICE#>`` for an IRI,
so the SERVICE after it went unseen) and were quadratic on an unterminated string.

So the text is read once, left to right, as the SPARQL grammar's terminals, with
the grammar's one ambiguity resolved as the engine's parser resolves it: ``<``
after an operand inside an expression is *less than*; anywhere else it starts an
IRI if an IRI follows. Expressions are told apart from patterns by a stack of the
open brackets and what opened them (``FILTER(``, ``BIND(``, a function name,
``SELECT (…)``, ``ORDER BY (…)``…).

Every token costs time proportional to its length, and no character is scanned
by more than one look-ahead that fails: each regular expression here is
possessive (no backtracking), and a run of name characters is split into its
tokens in one step. So a 1 MB query is read in one pass, whatever it holds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from typing import NamedTuple


class Kind(Enum):
    IRI = "IRI"
    PNAME = "prefixed name"  # also blank node labels (_:b)
    VAR = "variable"
    STRING = "string"
    NUMBER = "number"
    LANGTAG = "language tag"
    WORD = "word"  # keywords, function names, true/false, a
    PUNCT = "punctuation"

    # A member is its only instance, so identity hashes it: Enum's own __hash__ is Python
    # code (hash of the name), and kinds are looked up in sets and dicts on every query.
    __hash__ = object.__hash__


class Context(Enum):
    """What an open bracket holds: where ``<`` may be an operator."""

    PATTERN = "pattern"  # triple patterns, paths, collections, VALUES data, templates
    EXPRESSION = "expression"


class Token(NamedTuple):
    kind: Kind
    text: str
    start: int


#: Makes a Token without the Python-level __new__ a NamedTuple has: one per token read.
_token = tuple.__new__


class LexError(ValueError):
    """The text is not made of SPARQL terminals (an unterminated string, a stray character)."""

    def __init__(self, message: str, text: str, position: int) -> None:
        line = text.count("\n", 0, position) + 1
        column = position - (text.rfind("\n", 0, position) + 1) + 1
        super().__init__(f"{message} at line {line}, column {column}")
        self.position = position


_NAME_CHARS = r"\w\-.\u00B7\u0300-\u036F\u203F\u2040"
_TOKEN = re.compile(
    rf"""
    (?:\s++|\#[^\n\r]*+)*+  # white space and comments: skipped
    (?:
      (?P<string>
          \"\"\"(?:[^"\\]++|\\.|"(?!""))*+\"\"\"
        | '''(?:[^'\\]++|\\.|'(?!''))*+'''
        | "(?:[^"\\\n\r]++|\\.)*+"
        | '(?:[^'\\\n\r]++|\\.)*+'
      )
    | (?P<var>[?$][\w\u00B7\u0300-\u036F\u203F\u2040]++)
    | (?P<name>[^\W\d][{_NAME_CHARS}]*+)
    | (?P<number>\d++(?:\.\d++)?(?:[eE][+\-]?\d++)?|\.\d++(?:[eE][+\-]?\d++)?)
    | (?P<langtag>@[A-Za-z]++(?:-[A-Za-z0-9]++)*+)
    | (?P<punct>\^\^|&&|\|\||!=|<=|>=|[(){{}}\[\].,;*/+\-!=<>^|?])
    | (?P<colon>:)
    | (?P<end>\Z)
    )
    """,
    re.VERBOSE | re.DOTALL,
)
# Escapes (\u0078) count as IRI characters, as the engine reads them: SPARQL
# decodes \u and \U in IRIs and strings only, nowhere else (so \u0053ERVICE is
# not a keyword to the engine either).
_IRIREF = re.compile(r"<(?:[^<>\"{}|^`\\\x00-\x20]++|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*+>")
_PN_LOCAL = re.compile(
    rf"(?:[{_NAME_CHARS}:]++|%[0-9A-Fa-f]{{2}}|\\[_~.\-!$&'()*+,;=/?#@%])*+", re.DOTALL
)
_WORD_PIECES = re.compile(r"[A-Za-z0-9_\u0080-\U0010FFFF\u00B7]+|[.\-]")

_KINDS = {
    "var": Kind.VAR,
    "string": Kind.STRING,
    "number": Kind.NUMBER,
    "langtag": Kind.LANGTAG,
}
_SPACE = re.compile(r"(?:\s++|\#[^\n\r]*+)*+")
_OPENERS = {"(": ")", "{": "}", "[": "]"}
_CLOSERS = {")": "(", "}": "{", "]": "["}

#: Words after which ``(`` opens an expression although the pattern goes on.
_EXPRESSION_KEYWORDS = frozenset({"filter", "bind", "having", "asc", "desc", "by"})
#: Words of the pattern language: ``(`` after them is a collection or VALUES data.
_PATTERN_WORDS = frozenset(
    {
        "a", "values", "optional", "union", "minus", "graph", "service", "silent",
        "where", "undef", "true", "false", "exists", "not", "construct", "describe",
        "ask", "from", "named", "prefix", "base", "data", "insert", "delete", "with",
        "using", "default", "all", "to", "into", "load", "clear", "drop", "create",
        "add", "move", "copy", "limit", "offset", "distinct", "reduced",
    }
)  # fmt: skip
#: Clauses whose ``(`` opens an expression: ``SELECT (… AS ?x)``, ``GROUP BY (…)``, …
_EXPRESSION_CLAUSES = frozenset({"select", "group", "order", "having"})
_CLAUSE_ENDS = frozenset({"where", "from", "limit", "offset", "values"})
#: Tokens after which ``<`` inside an expression compares rather than opens an IRI.
_OPERAND_KINDS = frozenset({Kind.IRI, Kind.PNAME, Kind.VAR, Kind.STRING, Kind.NUMBER, Kind.LANGTAG})


@dataclass(frozen=True, slots=True)
class Reading:
    """A query read as tokens (comments and white space left out), and how it nests."""

    tokens: list[Token]
    #: The deepest nesting the parser will recurse through: open brackets, plus
    #: a run of prefix operators (``!!!!x`` nests as deeply as ``((((x))))``).
    depth: int
    #: The deepest nesting of collections and blank-node lists (``( ( … ) )``,
    #: ``[ :p [ … ] ]``) in patterns: the parser's time grows with its cube.
    term_depth: int
    #: Every word (keywords, function names…), in lower case: what the checks look for,
    #: gathered here so no check walks the tokens again.
    words: frozenset[str] = frozenset()


def read(text: str) -> Reading:
    """``LexError`` if the text holds something no SPARQL query can (an unterminated
    string, a stray character)."""
    lexer = _Lexer(text)
    lexer.run()
    return Reading(lexer.out, lexer.depth, lexer.term_depth, frozenset(lexer.words))


class _Lexer:
    def __init__(self, text: str) -> None:
        self.text = text
        self.out: list[Token] = []
        self.words: set[str] = set()
        #: The open brackets: (bracket, what it holds).
        self.stack: list[tuple[str, Context]] = []
        self.clause: str | None = None
        self.depth = 0
        self.term_depth = 0
        self._terms = 0  # collections and blank-node lists open now
        self._prefix_operators = 0  # in a row, just before here

    def run(self) -> None:
        text, pos, end = self.text, 0, len(self.text)
        match_token, match_iri = _TOKEN.match, _IRIREF.match
        while pos < end:
            m = match_token(text, pos)
            if m is None:  # white space skipped, then a character no token starts with
                pos = _skip_space(text, pos)
                raise LexError(_stray(text[pos]), text, pos)
            group = m.lastgroup
            start = m.start(group) if group else pos
            if group == "punct" and text[start] == "<" and not self._compares():
                iri = match_iri(text, start)
                if iri:
                    self._emit(Kind.IRI, iri.group(), start)
                    pos = iri.end()
                    continue
            if group == "name" or group == "colon":
                pos = self._name(m, start)
                continue
            if group == "punct":
                self._punct(m.group(group), start)
            elif group in _KINDS:
                self._emit(_KINDS[group], m.group(group), start)
            pos = m.end()

    # --- tokens ---------------------------------------------------------------

    def _name(self, m: re.Match[str], pos: int) -> int:
        """A run of name characters: a prefixed name if a ':' follows its prefix, else
        one or more words (``a.b`` is a, '.', b): split here, so the run is read once."""
        text = self.text
        run = m.group("name")
        run_end = pos + len(run) if run else pos
        if run_end < len(text) and text[run_end] == ":":
            local = _PN_LOCAL.match(text, run_end + 1)
            assert local is not None  # the pattern matches the empty string
            stop = local.end()
            while stop > run_end + 1 and text[stop - 1] == ".":  # a name never ends in '.'
                stop -= 1
            self._emit(Kind.PNAME, text[pos:stop], pos)
            return stop
        if "." not in run and "-" not in run:  # one word (a name never starts with a digit)
            self._word(run, pos)
            return run_end
        for piece in _WORD_PIECES.finditer(text, pos, run_end):
            word = piece.group()
            if word in ".-":
                self._punct(word, piece.start())
            elif word[0].isdigit():
                self._emit(Kind.NUMBER, word, piece.start())
            else:
                self._word(word, piece.start())
        return run_end

    def _word(self, word: str, pos: int) -> None:
        lower = word.lower()
        self.words.add(lower)
        if not self._in_expression():
            if lower in _EXPRESSION_CLAUSES:
                self.clause = lower
            elif lower in _CLAUSE_ENDS:
                self.clause = None
        self._emit(Kind.WORD, word, pos)

    def _punct(self, char: str, pos: int) -> None:
        if char in _OPENERS:
            context = self._opens(char)
            self.stack.append((char, context))
            if len(self.stack) > self.depth:
                self.depth = len(self.stack)
            if char == "{":
                self.clause = None
            elif context is Context.PATTERN:
                self._terms += 1
                if self._terms > self.term_depth:
                    self.term_depth = self._terms
        elif char in _CLOSERS:
            # An unbalanced closer is the engine's to report; here it just closes nothing.
            if self.stack and self.stack[-1][0] == _CLOSERS[char]:
                bracket, context = self.stack.pop()
                if bracket != "{" and context is Context.PATTERN and self._terms:
                    self._terms -= 1
        elif char in "!+-" and not self._after_operand():
            self._prefix_operators += 1
            self.out.append(_token(Token, (Kind.PUNCT, char, pos)))
            self.depth = max(self.depth, len(self.stack) + self._prefix_operators)
            return
        self._emit(Kind.PUNCT, char, pos)

    def _emit(self, kind: Kind, text: str, pos: int) -> None:
        self.out.append(_token(Token, (kind, text, pos)))
        self._prefix_operators = 0

    # --- context ----------------------------------------------------------------

    def _in_expression(self) -> bool:
        return bool(self.stack) and self.stack[-1][1] is Context.EXPRESSION

    def _compares(self) -> bool:
        """Is a '<' here *less than*? Inside an expression, right after an operand."""
        return self._in_expression() and self._after_operand()

    def _after_operand(self) -> bool:
        if not self.out:
            return False
        last = self.out[-1]
        if last.kind in _OPERAND_KINDS:
            return True
        if last.kind is Kind.PUNCT:
            return last.text in (")", "]")
        return last.kind is Kind.WORD and last.text.lower() in ("true", "false")

    def _opens(self, bracket: str) -> Context:
        if bracket != "(":
            return Context.PATTERN
        if self._in_expression():
            return Context.EXPRESSION
        prev = self.out[-1] if self.out else None
        if prev is not None and prev.kind is Kind.WORD:
            word = prev.text.lower()
            if word in _EXPRESSION_KEYWORDS:
                return Context.EXPRESSION
            if word not in _PATTERN_WORDS:  # a function name: FILTER regex(…)
                return Context.EXPRESSION
        if prev is not None and prev.kind in (Kind.IRI, Kind.PNAME) and len(self.out) > 1:
            before = self.out[-2]
            if before.kind is Kind.WORD and before.text.lower() == "filter":
                return Context.EXPRESSION  # FILTER ex:function(…)
        if self.clause is not None and self._at_clause_level():
            return Context.EXPRESSION
        return Context.PATTERN

    def _at_clause_level(self) -> bool:
        """Not inside a collection or VALUES data: only braces (or nothing) are open."""
        return not self.stack or self.stack[-1][0] == "{"


def _skip_space(text: str, pos: int) -> int:
    found = _SPACE.match(text, pos)
    return found.end() if found else pos


def _stray(char: str) -> str:
    if char in "\"'":
        return "a string is not closed"
    if char == "@":
        return "a language tag must follow a string"
    return f"unexpected character {char!r}"
