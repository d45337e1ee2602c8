"""The SKOS quality report: qSKOS-style checks on a built catalogue, plus its SHACL shapes.

One module per family of checks, each check named after the qSKOS quality
issue it tests (Mader & Haslhofer's catalogue of issues, as implemented by the
qSKOS tool) or the SKOS integrity condition it enforces:

    labels.py         Missing Labels, Incomplete Language Coverage, Inconsistent
                      Preferred Labels (S14), Disjoint Labels Violation (S13),
                      Overlapping Labels, Empty Labels, Omitted or Invalid Language Tags
    hierarchy.py      Orphan Concepts, Cyclic Hierarchical Relations, Omitted Top
                      Concepts, Top Concepts Having Broader Concepts,
                      Unidirectionally Related Concepts, Disconnected Concept Clusters
    documentation.py  Undocumented Concepts (and what "documented" means here)
    notations.py      Ambiguous Notation References
    links.py          Broken Links (offline, inside our namespace), Undefined SKOS Resources
    shapes.py         our SHACL shapes and the XKOS best-practice conformance shapes

``loading`` reads a build's dumps, ``report`` runs the checks and prints the
report as text or JSON.
"""

from catalogue.quality import documentation, hierarchy, labels, links, notations, shapes
from catalogue.quality.model import Check

#: Every check, in the order of the report.
CHECKS: list[Check] = [
    *hierarchy.CHECKS,
    *labels.CHECKS,
    *documentation.CHECKS,
    *notations.CHECKS,
    *links.CHECKS,
    *shapes.CHECKS,
]

__all__ = ["CHECKS", "Check"]
