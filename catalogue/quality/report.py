"""Run the checks and report: a text for people, JSON for machines."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from catalogue.quality import CHECKS
from catalogue.quality.model import VIOLATION, Check, CheckedGraph, Finding


@dataclass
class CheckResult:
    check: Check
    findings: list[Finding]
    summary: str = ""
    skipped: bool = False

    @property
    def violations(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == VIOLATION]


@dataclass
class Report:
    source: str
    namespace: str
    concepts: int
    schemes: int
    results: list[CheckResult] = field(default_factory=list)
    #: The build the report is about, when a build wrote it (``check`` on a dump has none).
    build_id: str | None = None

    @property
    def violations(self) -> int:
        return sum(len(r.violations) for r in self.results)

    @property
    def warnings(self) -> int:
        return sum(len(r.findings) - len(r.violations) for r in self.results)

    @property
    def ran(self) -> list[CheckResult]:
        return [r for r in self.results if not r.skipped]

    @property
    def failed(self) -> list[CheckResult]:
        return [r for r in self.results if r.violations]

    def result(self, check_id: str) -> CheckResult:
        return next(r for r in self.results if r.check.id == check_id)


def run_checks(graph: CheckedGraph, source: str, skip: frozenset[str] = frozenset()) -> Report:
    report = Report(source, graph.namespace, len(graph.concepts), len(graph.schemes))
    for check in CHECKS:
        if check.id in skip:
            report.results.append(CheckResult(check, [], skipped=True))
            continue
        findings = sorted(set(check.run(graph)), key=lambda f: (f.resource, f.message))
        summary = check.summary(graph) if check.summary else ""
        report.results.append(CheckResult(check, findings, summary))
    return report


def to_json(report: Report) -> str:
    build = {"build_id": report.build_id} if report.build_id else {}
    return json.dumps(
        {
            "source": report.source,
            **build,
            "namespace": report.namespace,
            "concepts": report.concepts,
            "schemes": report.schemes,
            "conforms": report.violations == 0,
            "violations": report.violations,
            "warnings": report.warnings,
            "checks": [
                {
                    "id": r.check.id,
                    "title": r.check.title,
                    "qskos": r.check.qskos or None,
                    "reference": r.check.reference or None,
                    "status": status_of(r),
                    "summary": r.summary or None,
                    "findings": [
                        {"resource": f.resource, "severity": f.severity, "message": f.message}
                        for f in r.findings
                    ],
                }
                for r in report.results
            ],
        },
        ensure_ascii=False,
        indent=2,
    )


def status_of(result: CheckResult) -> str:
    if result.skipped:
        return "skipped"
    if result.violations:
        return "fail"
    return "warn" if result.findings else "pass"


#: Findings printed per check in the text report; JSON has them all.
SHOWN = 20


def to_text(report: Report) -> str:
    lines = [
        f"SKOS quality report for {report.source}",
        *([f"  build {report.build_id}"] if report.build_id else []),
        f"  namespace {report.namespace}: {report.concepts} concepts in "
        f"{report.schemes} concept schemes",
        "",
    ]
    width = max(len(r.check.id) for r in report.results)
    for r in report.results:
        status = status_of(r).upper()
        origin = " / ".join(part for part in (r.check.qskos, r.check.reference) if part)
        count = "" if r.skipped else f" ({len(r.findings)})" if r.findings else ""
        origin = f"  [{origin}]" if origin else ""
        lines.append(f"{status:<7} {r.check.id:<{width}}  {r.check.title}{count}{origin}")
        if r.summary:
            lines.append(f"        {'':<{width}}  {r.summary}")
        for finding in r.findings[:SHOWN]:
            lines.append(f"          {finding.severity}: <{finding.resource}> {finding.message}")
        if len(r.findings) > SHOWN:
            lines.append(f"          … and {len(r.findings) - SHOWN} more (--format json)")
    lines += ["", summary_line(report)]
    return "\n".join(lines) + "\n"


def summary_line(report: Report) -> str:
    """The report's last line: what ran and what it found."""
    return (
        f"{len(report.ran)} checks run, {len(report.results) - len(report.ran)} skipped: "
        f"{report.violations} violations, {report.warnings} warnings"
        + (" — the graph conforms." if report.violations == 0 else ".")
    )
