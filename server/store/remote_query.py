"""A client's query made to read one build's graphs in a store that holds several.

The build's graphs are stored under names of their own (catalogue/remote/layout.py), so
wherever a query names a graph (``GRAPH <g>``, ``FROM <g>``, ``FROM NAMED <g>``) the name
is replaced by the stored one; every other IRI is data and is left alone. Any IRI in
those places is renamed, ours or not: a graph of another vocabulary in the same store
becomes a name that holds nothing, so a query here reads this build and nothing else.

A graph's name compared as a value (``FILTER(?g = <g>)``, ``VALUES ?g``) is not
renamed: the limit of reading the query as tokens (docs/remote-stores.md).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin

from server.sparql.lexer import Kind, Token, read

#: Query forms whose answer is solutions (the rest, CONSTRUCT and DESCRIBE, are triples).
RESULT_FORMS = frozenset({"select", "ask"})
_PROLOGUE = frozenset({"prefix", "base"})
#: PN_LOCAL_ESC: a backslash before one of these stands for the character.
_LOCAL_ESCAPE = re.compile(r"\\([_~.\-!$&'()*+,;=/?#@%])")


@dataclass(frozen=True)
class RemoteQuery:
    text: str
    #: select, ask, construct or describe ('' if the query has no form: the engine says why).
    form: str
    #: The query chooses its own dataset (FROM, FROM NAMED).
    names_dataset: bool


def prepare(
    text: str, prefixes: dict[str, str], base_iri: str | None, rename: Callable[[str], str]
) -> RemoteQuery:
    """``text`` with every graph it names renamed by ``rename``; ``LexError`` if it is not
    made of SPARQL terminals."""
    tokens = read(text).tokens
    known = dict(prefixes)
    base = base_iri
    form = ""
    names_dataset = False
    edits: list[tuple[Token, str]] = []
    for i, token in enumerate(tokens):
        word = token.text.lower() if token.kind is Kind.WORD else ""
        following = tokens[i + 1] if i + 1 < len(tokens) else None
        if word == "prefix" and following is not None and i + 2 < len(tokens):
            known[following.text[:-1]] = _iri_value(tokens[i + 2].text, base)
        elif word == "base" and following is not None and following.kind is Kind.IRI:
            base = _iri_value(following.text, base)
        elif word and not form and word not in _PROLOGUE:
            form = word
        if word == "from":
            names_dataset = True
        if word not in ("graph", "from", "named") or following is None:
            continue
        if word == "from" and following.text.lower() == "named":
            continue  # the IRI is after NAMED
        iri = _graph_iri(following, known, base)
        if iri is not None:
            edits.append((following, f"<{rename(iri)}>"))
    rewritten = text
    for token, replacement in reversed(edits):
        rewritten = (
            rewritten[: token.start] + replacement + rewritten[token.start + len(token.text) :]
        )
    return RemoteQuery(rewritten, form, names_dataset)


def _graph_iri(token: Token, prefixes: dict[str, str], base: str | None) -> str | None:
    """The IRI a token in a graph's place stands for; None for a variable (or a prefix the
    query never declared: the engine will say so)."""
    if token.kind is Kind.IRI:
        return _iri_value(token.text, base)
    if token.kind is Kind.PNAME and not token.text.startswith("_:"):
        prefix, local = token.text.split(":", 1)
        if prefix in prefixes:
            return prefixes[prefix] + _LOCAL_ESCAPE.sub(r"\1", local)
    return None


def _iri_value(text: str, base: str | None) -> str:
    iri = text[1:-1] if text.startswith("<") else text
    if base and not re.match(r"[A-Za-z][A-Za-z0-9+.\-]*:", iri):
        return urljoin(base, iri)
    return iri
