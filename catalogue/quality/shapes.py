"""The SHACL shapes: ours (ontology/shapes.ttl) and the XKOS best-practice conformance shapes.

The same validation as the build's (catalogue/validation.py), on the data
without the ontology graph. The XKOS shapes that we deviate from are switched
off and replaced in ontology/xkos-deviations.ttl, each with its reason.
"""

from __future__ import annotations

from collections.abc import Iterator

from rdflib import URIRef

from catalogue.quality.model import VIOLATION, WARNING, CheckedGraph, Finding, Registry
from catalogue.validation import load_shapes, validate_graph
from catalogue.vocab import RDF, SH, XKOS

CHECKS = Registry()


def _summary(graph: CheckedGraph) -> str:
    shapes = load_shapes(graph.ontology_dir)
    named = {s for s in shapes.subjects(RDF.type, SH.NodeShape) if isinstance(s, URIRef)} | {
        s for s in shapes.subjects(SH.path, None) if isinstance(s, URIRef)
    }
    xkos = sum(1 for s in named if str(s).startswith(str(XKOS)))
    off = sum(1 for _ in shapes.subjects(SH.deactivated, None))
    return (
        f"{len(named)} named shapes, {xkos} of them XKOS best-practice shapes, "
        f"{off} of those deactivated and replaced (ontology/xkos-deviations.ttl)"
    )


@CHECKS.check(
    "shacl",
    "the project's SHACL shapes and the XKOS best-practice conformance shapes",
    reference="ontology/shapes.ttl, XKOS best practices, ontology/xkos-deviations.ttl",
    summary=_summary,
)
def shacl(graph: CheckedGraph) -> Iterator[Finding]:
    """Each SHACL result is a finding on its focus node; sh:Violation is a violation,
    sh:Warning and sh:Info are warnings."""
    result = graph.shacl
    if result is None:
        result = validate_graph(graph.data, graph.ontology_dir)
    for v in result.violations:
        path = f"{v.path}: " if v.path else ""
        yield Finding(
            v.focus,
            f"{path}{v.message} [{v.shape}]",
            VIOLATION if v.severity == "Violation" else WARNING,
        )
