"""Reading a query before the engine: one lexer, the grammar's terminals, linear time.

Each case is what the endpoint must learn from a query's text; the tricks are the
ones an attacker used against the regular expressions this lexer replaced.
"""

from __future__ import annotations

import contextlib
import time

import pytest

from server.sparql.lexer import Kind, LexError, read
from server.sparql.query_text import inspect

#: query → (first keyword, nesting, collection nesting, names a dataset, calls SERVICE)
FACTS = [
    ("SELECT * WHERE { ?s ?p ?o }", ("select", 1, 0, False, False)),
    ("PREFIX ex: <http://x/#(((> INSERT DATA { <a> <b> '((((' }", ("insert", 1, 0, False, False)),
    ("# a comment (((\nBASE <x> PREFIX : <y> ASK {}", ("ask", 1, 0, False, False)),
    ("SELECT ?from FROM <g> WHERE { }", ("select", 1, 0, True, False)),
    ("SELECT * WHERE { ?s ex:from ?o ; from:x ?y }", ("select", 1, 0, False, False)),
    ("select * from named <g> { }", ("select", 1, 0, True, False)),
    ("SELECT * WHERE { SERVICE <http://x> { } }", ("select", 2, 0, False, True)),
    ("SELECT * WHERE { ?s ex:service 'SERVICE' }", ("select", 1, 0, False, False)),
    ("  with <g> delete { } where { }", ("with", 1, 0, False, False)),
    ('SELECT * WHERE { FILTER(?x = """a ( " b""") }', ("select", 2, 0, False, False)),
    (
        "SELECT * WHERE { FILTER(" + "(" * 50 + "1" + ")" * 50 + ") }",
        ("select", 52, 0, False, False),
    ),
    # SERVICE glued to the end of a triple pattern (issue 8, reproduction 2)
    (
        "SELECT ?x WHERE { ?s ?p ?o.SERVICE<http://127.0.0.1:9/q>{?a ?b ?x} }",
        ("select", 2, 0, False, True),
    ),
    # '<' after an operand in an expression compares: '#>' starts a comment, SERVICE is code
    (
        "SELECT ?x WHERE { FILTER(1<2)SERVICE#>\n<http://127.0.0.1:9/q>{?a ?b ?x} }",
        ("select", 2, 0, False, True),
    ),
    ("SELECT ?x WHERE { FILTER(?a<?b)SERVICE#>\n<http://h/>{} }", ("select", 2, 0, False, True)),
    # ... and the same trick cannot hide nesting (reproduction 4)
    ("ASK { FILTER(1<" + "(" * 1000 + ")#>\n} }", ("ask", 1002, 0, False, False)),
    # an IRI where an operand is expected is an IRI, even in an expression
    ("ASK { FILTER(?x = <http://h/#(((>) }", ("ask", 2, 0, False, False)),
    (
        'ASK { FILTER("1"^^<http://www.w3.org/2001/XMLSchema#int> < 2) }',
        ("ask", 2, 0, False, False),
    ),
    # escapes and dots inside prefixed names are part of the name
    (
        "ASK { ?s ex:a\\#b ?o ; ex:c\\(d ?e . ?s a foaf:Person.SERVICE }",
        ("ask", 1, 0, False, False),
    ),
    # prefix operators nest like brackets for the parser
    ("ASK { FILTER(" + "!" * 300 + "true) }", ("ask", 302, 0, False, False)),
    # collections and blank-node lists
    ("ASK { ?s <p> ( ( 1 ) [ <q> [ <r> 2 ] ] ) }", ("ask", 4, 3, False, False)),
    (
        "SELECT (COUNT(*) AS ?n) { ?s <p> (1 2) } GROUP BY (STR(?s)) ORDER BY DESC(?n)",
        ("select", 2, 1, False, False),
    ),
    ("ASK { VALUES (?a ?b) { (1 2) (<x> 3) } }", ("ask", 3, 1, False, False)),
    ("SELECT * { ?s (<a>|^<b>)+/<c> ?o }", ("select", 2, 1, False, False)),
]


@pytest.mark.parametrize("query, facts", FACTS)
def test_the_facts_of_a_query(query: str, facts: tuple[str, int, int, bool, bool]) -> None:
    found = inspect(query)
    assert (
        found.keyword,
        found.nesting,
        found.term_nesting,
        found.names_dataset,
        found.calls_service,
    ) == facts


@pytest.mark.parametrize(
    "query, iris, operators",
    [
        ("ASK { FILTER(1<2) }", [], ["<"]),
        ("ASK { FILTER(?a <= ?b && <a> < <b>) }", ["<a>", "<b>"], ["<=", "<"]),
        ("ASK { ?s <p> ?o . FILTER(str(?s) < 'b') }", ["<p>"], ["<"]),
        ("SELECT * { ?s <p> ?o } ORDER BY (?o < 3)", ["<p>"], ["<"]),
        ("ASK { FILTER(regex(str(?x), 'a') && ?y<3) }", [], ["<"]),
        ("SELECT ((1<2) AS ?t) {}", [], ["<"]),
    ],
)
def test_less_than_or_iri_as_the_parser_decides(
    query: str, iris: list[str], operators: list[str]
) -> None:
    reading = read(query)
    assert [t.text for t in reading.tokens if t.kind is Kind.IRI] == iris
    assert [t.text for t in reading.tokens if t.text in ("<", "<=")] == operators


@pytest.mark.parametrize(
    "query, message",
    [
        ('ASK { FILTER("' + '\\"' * 18_000 + ") }", "a string is not closed at line 1, column 14"),
        # '' is an empty string: the string that is not closed starts after it
        ("ASK {\n  ?s ?p '''never closed }", "a string is not closed at line 2, column 11"),
        ("ASK { ?s ?p ?o } ~", "unexpected character '~' at line 1, column 18"),
        ("ASK { ?s ?p ?o } \\", "unexpected character '\\\\\\\\' at line 1, column 18"),
    ],
)
def test_text_no_query_can_hold_is_named_with_its_place(query: str, message: str) -> None:
    with pytest.raises(LexError, match=message):
        read(query)


#: Families of text that defeat a backtracking reader, by size.
PATHOLOGICAL = {
    "escaped-quotes": lambda n: 'ASK { FILTER("' + '\\"' * n + ") }",  # 64 KB took a minute
    "dotted-words": lambda n: "a." * n,  # a run of name characters that is many tokens
    "open-iris": lambda n: "<a(" * n,  # '<' that never closes an IRI
    "open-long-strings": lambda n: "'''x" + "\\'" * n,
    "deep-nesting": lambda n: "ASK { FILTER(1<" + "(" * n + ")#>\n}",
}


@pytest.mark.parametrize("family", PATHOLOGICAL)
def test_reading_time_grows_linearly_with_the_text(family: str) -> None:
    """A ratio within one run, not a speed: four times the text may take about four
    times as long (a quadratic reader takes sixteen)."""
    make = PATHOLOGICAL[family]

    def seconds(n: int) -> float:
        text = make(n)
        best = float("inf")
        for _ in range(5):  # the best of five: other processes only ever add time
            started = time.perf_counter()
            with contextlib.suppress(LexError):
                read(text)
            best = min(best, time.perf_counter() - started)
        return best

    small, large = seconds(5_000), seconds(20_000)
    assert large / max(small, 1e-4) < 8, (small, large)
