"""What a quality check is, what it finds, and the graph it looks at."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.term import IdentifiedNode, Node

from catalogue.nodes import iris
from catalogue.settings import PROJECT_ROOT
from catalogue.validation import ValidationResult
from catalogue.vocab import OWL, RDF, SKOS

VIOLATION = "violation"
WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    """One defect: the resource to fix, and what is wrong with it."""

    resource: str
    message: str
    severity: str = VIOLATION


#: A check's function: the findings on a graph.
Run = Callable[["CheckedGraph"], Iterable[Finding]]


@dataclass(frozen=True)
class Check:
    """A check, named after the qSKOS issue (or SKOS integrity condition) it tests."""

    id: str
    title: str
    #: The qSKOS quality issue, e.g. "Orphan Concepts (oc)"; "" when none applies.
    qskos: str
    #: Where the rule comes from, when not (only) qSKOS: "SKOS Reference S14", ...
    reference: str
    run: Callable[[CheckedGraph], Iterable[Finding]]
    #: A one-line account of what passed, for the report (e.g. how concepts are documented).
    summary: Callable[[CheckedGraph], str] | None = None

    @property
    def doc(self) -> str:
        return (self.run.__doc__ or "").strip()


class Registry(list[Check]):
    """The checks of one module, in the order the module defines them."""

    def check(
        self,
        id: str,
        title: str,
        qskos: str = "",
        reference: str = "",
        summary: Callable[[CheckedGraph], str] | None = None,
    ) -> Callable[[Run], Run]:
        def register(run: Run) -> Run:
            self.append(Check(id, title, qskos, reference, run, summary))
            return run

        return register


@dataclass
class CheckedGraph:
    """The dataset as the checks see it: the union of its graphs, and its data namespace.

    ``data`` is the catalogue without the ontology graph (what the SHACL shapes
    validate, as the build does); ``graph`` is everything, so that a link to an
    ontology term counts as a link to something described.
    """

    graph: Graph
    namespace: str
    data: Graph = field(default=None)  # type: ignore[assignment]  # set in __post_init__
    #: Where soc.ttl, the shapes and the vendored XKOS are.
    ontology_dir: Path = PROJECT_ROOT / "ontology"
    #: The SHACL result on ``data`` when it is known already: the build has just validated
    #: the same graph, and validating takes most of the report's time (about 2 s of 2.3).
    shacl: ValidationResult | None = None

    def __post_init__(self) -> None:
        if self.data is None:
            self.data = self.graph

    @cached_property
    def concepts(self) -> list[URIRef]:
        return iris(set(self.graph.subjects(RDF.type, SKOS.Concept)))

    @cached_property
    def schemes(self) -> list[URIRef]:
        return iris(set(self.graph.subjects(RDF.type, SKOS.ConceptScheme)))

    def deprecated(self, resource: Node) -> bool:
        return any(
            bool(v.toPython())
            for v in self.graph.objects(resource, OWL.deprecated)
            if isinstance(v, Literal | IdentifiedNode)  # what a graph holds as an object
        )

    def concepts_in(self, scheme: URIRef) -> list[URIRef]:
        return [c for c in self.concepts if (c, SKOS.inScheme, scheme) in self.graph]

    @cached_property
    def broader(self) -> dict[URIRef, set[URIRef]]:
        """Each concept's broader concepts, from skos:broader AND inverted skos:narrower."""
        # Typed as the concepts they are meant to be; the checks report what else they are.
        links: dict[URIRef, set[URIRef]] = {}
        for child, parent in self.graph.subject_objects(SKOS.broader):
            links.setdefault(child, set()).add(parent)  # type: ignore[arg-type]
        for parent, child in self.graph.subject_objects(SKOS.narrower):
            links.setdefault(child, set()).add(parent)  # type: ignore[arg-type]
        return links

    def literals(self, resource: Node, predicate: URIRef) -> list[Literal]:
        return sorted(o for o in self.graph.objects(resource, predicate) if isinstance(o, Literal))


def language_of(literal: Literal) -> str:
    """The primary language subtag in lower case: "zh-Hans" → "zh"."""
    return (literal.language or "").split("-", 1)[0].lower()
