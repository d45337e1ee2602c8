"""The compatibility step: forms other engines accept that Oxigraph refuses, made standard.

SKOS browsers were written against Jena/Fuseki, and send forms it accepts. Two of
Skosmos' own queries (``src/model/sparql/GenericSparql.php``) were refused with
400 here until this step:

- ``True`` / ``FALSE``: SPARQL keywords are case-insensitive (SPARQL 1.1 Query
  §19.8: "Keywords are matched in a case-insensitive manner with the exception
  of the keyword 'a'"), booleans included; Oxigraph knows only ``true`` and
  ``false``. Written in lower case here, which changes no meaning.
- A variable projected twice (``SELECT ?c ?c ?label``): Jena projects it once;
  Oxigraph refuses "Duplicated variable name in SELECT". The repeats are dropped,
  which changes nothing in the answer (a variable has one value per solution).
- ``GROUP_CONCAT`` over IRIs or numbers: SPARQL 1.1 defines it over strings, and
  Oxigraph leaves the aggregate unbound for anything else (oxigraph#297); Jena
  joins the lexical forms. Skosmos' hierarchy query concatenates the IRIs of
  the top concepts' schemes, so its tree lost them. The expression is wrapped in
  ``STR(…)``, which is Jena's reading and changes nothing for strings.

Only tokens are touched (strings, IRIs and comments never), so the rewrite is as
safe as the lexer's reading; the query the client sent is what the ETag, the
access log and the error messages refer to.
"""

from __future__ import annotations

from server.sparql.lexer import Kind, Token

_BOOLEANS = ("true", "false")


def standard_form(text: str, tokens: list[Token], words: frozenset[str] | None = None) -> str:
    """``text`` with the compatible forms rewritten; ``text`` itself if there are none.
    ``words``, the query's words in lower case if known, spare the passes that cannot
    find anything (most queries have no boolean and no GROUP_CONCAT)."""
    edits: list[tuple[int, int, str]] = []  # start, end, replacement
    if words is None or not words.isdisjoint(_BOOLEANS):
        edits += _lower_case_booleans(tokens)
    if words is None or "select" in words:
        edits += _repeated_projections(tokens)
    if words is None or "group_concat" in words:
        edits += _group_concat_of_lexical_forms(tokens)
    if not edits:
        return text
    parts, position = [], 0
    for start, end, replacement in sorted(edits):
        parts += [text[position:start], replacement]
        position = end
    parts.append(text[position:])
    return "".join(parts)


def _lower_case_booleans(tokens: list[Token]) -> list[tuple[int, int, str]]:
    return [
        (t.start, t.start + len(t.text), t.text.lower())
        for t in tokens
        if t.kind is Kind.WORD and t.text.lower() in _BOOLEANS and t.text not in _BOOLEANS
    ]


def _repeated_projections(tokens: list[Token]) -> list[tuple[int, int, str]]:
    """Variables named again in the same SELECT clause, outside ``(… AS ?v)``."""
    edits = []
    projected: set[str] | None = None  # inside a SELECT clause: the variables seen
    brackets = 0
    for token in tokens:
        if token.kind is Kind.WORD and token.text.lower() == "select":
            projected, brackets = set(), 0
            continue
        if projected is None:
            continue
        if token.kind is Kind.PUNCT and token.text == "(":
            brackets += 1
        elif token.kind is Kind.PUNCT and token.text == ")":
            brackets -= 1
        elif brackets == 0 and (
            (token.kind is Kind.PUNCT and token.text == "{")
            or (token.kind is Kind.WORD and token.text.lower() in ("where", "from"))
        ):
            projected = None  # the clause has ended
        elif brackets == 0 and token.kind is Kind.VAR:
            name = token.text[1:]  # ?x and $x are one variable
            if name in projected:
                edits.append((token.start, token.start + len(token.text), ""))
            projected.add(name)
    return edits


def _group_concat_of_lexical_forms(tokens: list[Token]) -> list[tuple[int, int, str]]:
    """``GROUP_CONCAT(DISTINCT? expr ; SEPARATOR=…)`` → ``GROUP_CONCAT(DISTINCT? STR(expr) …)``."""
    edits = []
    for i, token in enumerate(tokens):
        if not (token.kind is Kind.WORD and token.text.lower() == "group_concat"):
            continue
        if i + 1 >= len(tokens) or tokens[i + 1].text != "(":
            continue
        first = i + 2
        if first < len(tokens) and tokens[first].text.lower() == "distinct":
            first += 1
        depth, end = 0, None
        for j in range(first, len(tokens)):
            text = tokens[j].text
            if text in ("(", "[", "{"):
                depth += 1
            elif text in (")", "]", "}"):
                if depth == 0:
                    end = j
                    break
                depth -= 1
            elif text == ";" and depth == 0:
                end = j
                break
        if end is None or end == first:
            continue  # not well formed: the engine will say so
        edits.append((tokens[first].start, tokens[first].start, "STR("))
        edits.append((tokens[end].start, tokens[end].start, ")"))
    return edits
