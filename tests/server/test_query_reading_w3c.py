"""The lexer against the engine's own parser, on every query of the W3C SPARQL test suites.

The checks before the engine are only as good as the lexer's reading, so it is
compared with the reading that matters, the engine's, on the 1,042 queries and
updates of the W3C SPARQL 1.0 and 1.1 suites (``w3c-sparql/``). For each text
the engine accepts:

- the lexer reads it (a text the engine takes is never refused as unreadable);
- the query form it finds is the engine's (SELECT, ASK, CONSTRUCT/DESCRIBE), and
  an update is an update (so it gets 403, not a parser message);
- where the engine tried to reach another host (SERVICE, LOAD), the lexer saw
  SERVICE or an update: no query gets past the check to the network.

The engine runs in a subprocess inside the engines' own sandbox (a network
namespace with no network), so the SERVICE and LOAD cases fail fast and touch
nothing.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from server.sparql.lexer import LexError
from server.sparql.query_text import inspect

SUITE = Path(__file__).parent / "w3c-sparql"
FILES = sorted(p for p in SUITE.rglob("*") if p.suffix in (".rq", ".ru"))

#: Run by the engine in its sandbox: each (key, text, is it an update) through pyoxigraph,
#: on an empty store; prints each key's outcome.
_ENGINE = r"""
import json, sys
import pyoxigraph as ox
from server.store.sandbox import isolate_from_network
isolate_from_network()
outcomes = {}
for name, text, update in json.load(sys.stdin):
    store = ox.Store()
    base = "http://example.org/test"
    try:
        if update:
            store.update(text, base_iri=base)
            outcomes[name] = "update"
        else:
            result = store.query(text, base_iri=base)
            if not isinstance(result, ox.QueryBoolean):
                list(result)  # answers are lazy: evaluate, so SERVICE really calls out
            outcomes[name] = type(result).__name__
    except SyntaxError as error:
        outcomes[name] = "syntax error"
    except Exception as error:
        outcomes[name] = "error: " + str(error)
print(json.dumps(outcomes))
"""

_FORMS = {
    "QuerySolutions": {"select"},
    "QueryBoolean": {"ask"},
    "QueryTriples": {"construct", "describe"},
}
#: What an engine says when it tried to reach a host and had no network.
_NETWORK = ("unreachable", "lookup", "dns", "resolve", "connect")


def engine_outcomes_of(texts: list[tuple[str, str, bool]]) -> dict[str, str]:
    """What the engine, in its sandbox, makes of each (key, text, is it an update)."""
    done = subprocess.run(
        [sys.executable, "-c", _ENGINE],
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    outcomes: dict[str, str] = json.loads(done.stdout)
    return outcomes


@pytest.fixture(scope="module")
def engine_outcomes() -> dict[str, str]:
    return engine_outcomes_of([(str(p), _text(p), p.suffix == ".ru") for p in FILES])


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8", errors="replace")


def test_the_suite_is_all_here() -> None:
    assert len(FILES) == 1042


def test_the_engine_accepts_most_of_the_suite(engine_outcomes: dict[str, str]) -> None:
    """So that the comparisons below are about something (the rest are negative tests),
    the SERVICE comparison included: the engine did try to call out."""
    accepted = [n for n, outcome in engine_outcomes.items() if outcome != "syntax error"]
    assert len(accepted) > 850
    called_out = [n for n, outcome in engine_outcomes.items() if _tried_network(outcome)]
    assert sum("service" in n for n in called_out) >= 5


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(SUITE)) for p in FILES])
def test_the_lexer_reads_what_the_engine_reads(path: Path, engine_outcomes: dict[str, str]) -> None:
    outcome = engine_outcomes[str(path)]
    text = _text(path)
    if outcome == "syntax error":
        return  # a negative syntax test: the lexer may refuse it or leave it to the engine
    try:
        facts = inspect(text)
    except LexError as error:
        pytest.fail(f"the engine takes this text, the lexer refused it: {error}")
    if path.suffix == ".ru":
        assert facts.is_update or facts.keyword == "", facts  # '' : a prologue, nothing else
    elif outcome in _FORMS:
        assert facts.keyword in _FORMS[outcome], (facts.keyword, outcome)
    if _tried_network(outcome):
        assert facts.calls_service or facts.is_update, outcome


def _tried_network(outcome: str) -> bool:
    return outcome.startswith("error:") and any(word in outcome.lower() for word in _NETWORK)


#: Pieces an attacker strings together to hide SERVICE from a reader of the text.
_PIECES = [
    "?o.", "?o .", "?s ?p ?o.", "?s ?p ?o .", "FILTER(1<2)", "FILTER(?a<?b)",
    "FILTER(?a < <x:y>)", "FILTER(1<2)#>\n", "#>\n", "# c\n", "?s <http://a/#> ?o.",
    "?s <x:(> 's'.", '?s ex:p "s"@en.', '?s ex:p """a"b""".', "?s ex:p \'\'\'x\'\'\'.",
    "?s ex:a\\#b ?o.", "?s ex:a.b ?o.", "[] ex:p ().", "{}", "OPTIONAL{}", "BIND(1 AS ?z)",
    '?s ex:p "1"^^<x:i>.', "?s ex:p 1.5.", "_:b ex:p ?o.", "\n", " ", "<", "(", ")",
]  # fmt: skip
_SERVICE = ["SERVICE", "service", "SeRvIcE"]  # SILENT would hide the attempt from us too


def _hiding_attempts(count: int, seed: int) -> list[str]:
    import random

    rng = random.Random(seed)
    queries = []
    for _ in range(count):
        before = "".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 4)))
        after = "".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 2)))
        service = rng.choice(_SERVICE) + rng.choice(["", " ", "#>\n", "\n"])
        queries.append(
            f"PREFIX ex: <http://e/> SELECT * WHERE {{ {before}{service}"
            f"<http://127.0.0.1/sparql>{{?a ?b ?c}}{after} }}"
        )
    return queries


def test_no_arrangement_hides_a_service_call_from_the_lexer() -> None:
    """Seeded random arrangements around SERVICE: whenever the engine (in its
    sandbox) tries to call out, the lexer saw SERVICE; the engine never calls out
    for a text the lexer refuses to read."""
    queries = _hiding_attempts(3000, seed=8)
    outcomes = engine_outcomes_of([(query, query, False) for query in queries])
    called_out = 0
    for query in queries:
        if not _tried_network(outcomes[query]):
            continue
        called_out += 1
        try:
            facts = inspect(query)
        except LexError:
            continue  # refused with 400 before the engine: it never runs
        assert facts.calls_service, query
    # (On an empty store the engine skips SERVICE when the rest of the pattern is empty,
    # so only some arrangements reach it; those are the ones checked.)
    assert called_out > 150
