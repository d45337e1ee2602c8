"""The quality report in the build: the report ``check`` prints, made on the graph the build
is about to publish, refused when it finds a violation, and written into the build.

The build already refuses a graph that violates its SHACL shapes; a qSKOS violation
(an orphan concept, a cycle, a label clash) is as much a defect of the published
classification, so it stops the build the same way, before anything is written.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from catalogue.quality.model import CheckedGraph
from catalogue.quality.report import Report, run_checks, status_of, to_json, to_text
from catalogue.validation import ValidationResult

#: What the report says it checked: the build's N-Quads dump holds exactly this graph.
#: Relative to the build folder, so that the report does not depend on where a build runs.
SOURCE = "dumps/catalogue.nq"
REPORT_JSON = "report.json"
REPORT_TEXT = "report.txt"


class QualityViolations(Exception):
    def __init__(self, report: Report) -> None:
        self.report = report
        super().__init__(
            f"the graph fails {len(report.failed)} quality check(s) "
            f"with {report.violations} violation(s)"
        )


def gate(
    everything: Graph,
    data: Graph,
    namespace: str,
    ontology_dir: Path,
    shacl: ValidationResult | None = None,
) -> Report:
    """Run every check on the build's graphs (``everything``, and ``data`` without the
    ontology, as ``check`` reads them from the dump); raise when one finds a violation.

    ``shacl``: the build's own SHACL result on ``data``, so that it is not computed twice.
    """
    checked = CheckedGraph(everything, namespace, data, ontology_dir, shacl=shacl)
    report = run_checks(checked, SOURCE)
    if report.violations:
        raise QualityViolations(report)
    return report


def violation_lines(report: Report) -> list[str]:
    """The failed checks and their violations, for the console; warnings stay in the report."""
    lines = []
    for result in report.failed:
        origin = " / ".join(p for p in (result.check.qskos, result.check.reference) if p)
        lines.append(
            f"{status_of(result).upper()} {result.check.id}: {result.check.title}"
            + (f"  [{origin}]" if origin else "")
        )
        lines += [f"  <{f.resource}> {f.message}" for f in result.violations]
    return lines


def write_report(report: Report, directory: Path) -> dict[str, Path]:
    """report.json and report.txt in ``directory``, a folder of the build being staged
    (published with the rest of it: catalogue/publication.py)."""
    directory.mkdir(parents=True, exist_ok=True)
    written = {name: directory / name for name in (REPORT_JSON, REPORT_TEXT)}
    written[REPORT_JSON].write_text(to_json(report) + "\n", encoding="utf-8")
    written[REPORT_TEXT].write_text(to_text(report), encoding="utf-8")
    return written
