"""Run SPARQL against the store as the endpoint does: the default graph is the union."""

from __future__ import annotations

import unicodedata
from typing import IO

import pyoxigraph

from catalogue.vocab import PREFIXES
from catalogue.written import written

_FORMATS = {
    "json": pyoxigraph.QueryResultsFormat.JSON,
    "csv": pyoxigraph.QueryResultsFormat.CSV,
    "tsv": pyoxigraph.QueryResultsFormat.TSV,
    "xml": pyoxigraph.QueryResultsFormat.XML,
}


def run_query(
    store: pyoxigraph.Store, query: str
) -> pyoxigraph.QuerySolutions | pyoxigraph.QueryBoolean | pyoxigraph.QueryTriples:
    return store.query(
        query,
        use_default_graph_as_union=True,
        prefixes={prefix: str(ns) for prefix, ns in PREFIXES.items()},
    )


def term_text(term: object) -> str:
    if term is None:
        return ""
    if isinstance(term, pyoxigraph.Literal):
        return term.value
    if isinstance(term, pyoxigraph.NamedNode):
        return term.value
    return str(term)


def select_rows(results: pyoxigraph.QuerySolutions) -> list[dict[str, str]]:
    names = [v.value for v in results.variables]
    return [{name: term_text(solution[name]) for name in names} for solution in results]


def width(text: str) -> int:
    """Columns on a terminal: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def pad(text: str, columns: int) -> str:
    return text + " " * (columns - width(text))


def print_results(
    results: pyoxigraph.QuerySolutions | pyoxigraph.QueryBoolean | pyoxigraph.QueryTriples,
    fmt: str,
    out: IO[str],
) -> None:
    if isinstance(results, pyoxigraph.QueryBoolean):
        out.write(("true" if bool(results) else "false") + "\n")
    elif isinstance(results, pyoxigraph.QuerySolutions):
        if fmt in _FORMATS:
            out.write(written(lambda buffer: results.serialize(buffer, _FORMATS[fmt])).decode())
            return
        names = [v.value for v in results.variables]
        rows = select_rows(results)
        widths = [max([width(n), *(width(r[n]) for r in rows)]) for n in names]
        out.write(" | ".join(pad(n, w) for n, w in zip(names, widths, strict=True)) + "\n")
        out.write("-+-".join("-" * w for w in widths) + "\n")
        for row in rows:
            out.write(" | ".join(pad(row[n], w) for n, w in zip(names, widths, strict=True)))
            out.write("\n")
    else:  # CONSTRUCT / DESCRIBE
        triples = results
        data = written(
            lambda buffer: pyoxigraph.serialize(triples, buffer, pyoxigraph.RdfFormat.TURTLE)
        )
        out.write(data.decode("utf-8"))
