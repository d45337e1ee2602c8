"""SHACL validation with pySHACL: our shapes plus the XKOS best-practice conformance shapes.

Deviations from the XKOS shapes are not silenced here: each is a deactivated
shape with its replacement and justification in ``ontology/xkos-deviations.ttl``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from pyshacl import validate
from rdflib import Graph
from rdflib.plugins.sparql.processor import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.query import Result
from rdflib.term import Node

from catalogue.vocab import SH

SHAPE_FILES = (
    "shapes.ttl",
    "vendor/xkos/xkos-best-practices-conformance-shapes.ttl",
    "xkos-deviations.ttl",
)


@dataclass(frozen=True)
class Violation:
    focus: str
    path: str
    message: str
    shape: str
    severity: str

    def __str__(self) -> str:
        path = f" {self.path}" if self.path else ""
        return f"{self.severity}: <{self.focus}>{path}: {self.message}  [{self.shape}]"


@dataclass(frozen=True)
class ValidationResult:
    conforms: bool
    violations: list[Violation]


class ShapesMissing(FileNotFoundError):
    """A shape file is not there: validating without it would pass what it forbids."""


def load_shapes(ontology_dir: Path) -> Graph:
    shapes = Graph()
    for name in SHAPE_FILES:
        path = ontology_dir / name
        if not path.is_file():
            raise ShapesMissing(f"the SHACL shape file {path} is missing")
        shapes.parse(path, format="turtle")
    return shapes


def validate_graph(data: Graph, ontology_dir: Path) -> ValidationResult:
    conforms, report, _ = validate(
        _QueriesParsedOnce(data),
        shacl_graph=load_shapes(ontology_dir),
        inference="none",
        advanced=True,
        allow_warnings=True,
        # The shapes hold no rules and nothing is inferred, so nothing writes to the data:
        # validating in place spares a copy of it.
        inplace=True,
    )
    if not isinstance(report, Graph):  # pySHACL could not use the shapes themselves
        raise ValueError(f"the SHACL shapes in {ontology_dir} are not usable: {report}")
    violations = sorted(_violations(report), key=lambda v: (v.focus, v.path, v.message))
    return ValidationResult(conforms=bool(conforms), violations=violations)


class _QueriesParsedOnce(Graph):
    """The data graph (its store, not a copy), whose SPARQL queries are parsed once per
    process: pySHACL sends the text of the same ~37 constraint queries to every graph it
    validates, and parsing them took a quarter of a validation's time (a build validates
    once; the tests, which plant defects, many times)."""

    def __init__(self, data: Graph) -> None:
        super().__init__(data.store, data.identifier, data.namespace_manager)

    def query(  # type: ignore[override]
        self,
        query_object: str | Query,
        processor: str = "sparql",
        result: str = "sparql",
        initNs: Mapping[str, Any] | None = None,
        initBindings: Mapping[str, Any] | None = None,
        use_store_provided: bool = True,
        **kwargs: Any,
    ) -> Result:
        if isinstance(query_object, str) and processor == "sparql":
            # rdflib resolves a query's prefixes with the graph's own when none are given
            namespaces = dict(initNs or self.namespaces())
            query_object = _prepared(query_object, tuple(sorted(namespaces.items())))
        return super().query(
            query_object, processor, result, initNs, initBindings, use_store_provided, **kwargs
        )


@lru_cache(maxsize=256)
def _prepared(text: str, namespaces: tuple[tuple[str, Any], ...]) -> Query:
    return prepareQuery(text, initNs=dict(namespaces))


def _violations(report: Graph) -> list[Violation]:
    found = []
    for result in report.subjects(SH.resultSeverity, None):

        def value(predicate: Node, result: Node = result) -> str:
            term = report.value(result, predicate)
            return "" if term is None else str(term)

        path = report.value(result, SH.resultPath)
        found.append(
            Violation(
                focus=value(SH.focusNode),
                path=path.n3(report.namespace_manager) if path is not None else "",
                message=value(SH.resultMessage),
                shape=_short(report, report.value(result, SH.sourceShape)),
                severity=value(SH.resultSeverity).rsplit("#", 1)[-1],
            )
        )
    return found


def _short(graph: Graph, term: Node | None) -> str:
    if term is None:
        return ""
    try:
        return term.n3(graph.namespace_manager)
    except Exception:  # a blank node shape has no short name
        return str(term)
