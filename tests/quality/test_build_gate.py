"""The quality report in the build: written beside the dumps, the same as ``check``'s, and a
gate: a graph with a qSKOS violation is refused like one that violates the SHACL shapes."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace

import catalogue.build as build_module
from catalogue.build import BuildResult
from catalogue.cli import main
from catalogue.quality import CHECKS
from catalogue.quality.gate import REPORT_JSON, REPORT_TEXT, QualityViolations, gate
from catalogue.quality.loading import load
from catalogue.quality.report import run_checks, summary_line, to_json
from catalogue.settings import DEFAULT_NAMESPACE, BuildSettings
from catalogue.validation import ValidationResult, Violation
from catalogue.vocab import RDF, SKOS

NS = Namespace(DEFAULT_NAMESPACE)
ORPHAN = NS["2022/business-type/05.99"]
#: A concept in the edition, labelled in both languages, related to nothing: an orphan.
ORPHAN_TRIPLES = [
    (ORPHAN, RDF.type, SKOS.Concept),
    (ORPHAN, SKOS.inScheme, NS["2022"]),
    (ORPHAN, SKOS.prefLabel, Literal("新业务", lang="zh")),
    (ORPHAN, SKOS.prefLabel, Literal("New business", lang="en")),
]


def with_orphan(graph: Graph) -> Graph:
    damaged = Graph()
    damaged += graph
    for triple in ORPHAN_TRIPLES:
        damaged.add(triple)
    return damaged


def test_the_build_writes_the_report_check_prints(
    build: BuildResult, build_settings: BuildSettings
) -> None:
    written = json.loads((build_settings.quality_dir / REPORT_JSON).read_text(encoding="utf-8"))
    assert written["build_id"] == build.unit.id
    nquads = (build_settings.dumps_dir / "catalogue.nq").read_bytes()
    assert build.unit.id.endswith("-" + hashlib.sha256(nquads).hexdigest()[:8])
    assert (written["conforms"], written["violations"]) == (True, 0)
    assert [c["id"] for c in written["checks"]] == [c.id for c in CHECKS]
    assert all(c["status"] == "pass" for c in written["checks"])
    # `check` on the dump, SHACL run afresh: the same report, only the source differs.
    dump = build_settings.dumps_dir / "catalogue.nq"
    checked = json.loads(to_json(run_checks(load(dump, DEFAULT_NAMESPACE), str(dump))))
    for report in (written, checked):
        report.pop("source")
        report.pop("build_id", None)
    assert written == checked
    text = (build_settings.quality_dir / REPORT_TEXT).read_text(encoding="utf-8")
    assert f"build {build.quality.build_id}" in text
    assert text.endswith(summary_line(build.quality) + "\n")
    assert "18 checks run, 0 skipped: 0 violations, 0 warnings — the graph conforms." in text


def test_the_gate_refuses_an_orphan_concept(
    build: BuildResult, build_settings: BuildSettings
) -> None:
    everything = with_orphan(build.built.union())
    data = with_orphan(build.built.union(exclude=("ontology",)))
    with pytest.raises(QualityViolations) as raised:
        # The SHACL result of the undamaged graph: what is tested here is the qSKOS gate.
        gate(everything, data, DEFAULT_NAMESPACE, build_settings.ontology_dir, build.validation)
    report = raised.value.report
    # An orphan is also a root that is no top concept, unreachable and undocumented.
    assert [r.check.id for r in report.failed] == [
        "orphan-concepts",
        "missing-top-concepts",
        "unreachable-concepts",
        "undocumented-concepts",
    ]
    assert {f.resource for r in report.failed for f in r.violations} == {str(ORPHAN)}
    assert "fails 4 quality check(s) with 4 violation(s)" in str(raised.value)


def test_the_gate_uses_the_builds_shacl_result(
    build: BuildResult, build_settings: BuildSettings
) -> None:
    """The build validated the graph already; the gate reports that result, not a new one
    (which would double the time SHACL takes)."""
    planted = Violation(str(NS["2022/domain/05"]), "", "planted", "soc:Shape", "Violation")
    with pytest.raises(QualityViolations) as raised:
        gate(
            build.built.union(),
            build.built.union(exclude=("ontology",)),
            DEFAULT_NAMESPACE,
            build_settings.ontology_dir,
            ValidationResult(conforms=False, violations=[planted]),
        )
    failed = raised.value.report.failed
    assert [r.check.id for r in failed] == ["shacl"]
    assert failed[0].violations[0].message == "planted [soc:Shape]"
    clean = gate(
        build.built.union(),
        build.built.union(exclude=("ontology",)),
        DEFAULT_NAMESPACE,
        build_settings.ontology_dir,
        build.validation,
    )
    assert clean.violations == 0 and clean.result("shacl").summary


def test_a_build_with_a_quality_violation_publishes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The console names the failed check and the resource; no dumps, report or store."""
    real_gate = build_module.gate

    def damaged(everything: Graph, data: Graph, *args: object) -> object:
        return real_gate(with_orphan(everything), with_orphan(data), *args)  # type: ignore[arg-type]

    monkeypatch.setattr(build_module, "gate", damaged)
    assert main(["build", "--build-dir", str(tmp_path)]) == 1
    error = capsys.readouterr().err.splitlines()
    assert (
        "error: the graph fails 4 quality check(s) with 4 violation(s); nothing was published:"
        in error
    )
    failed = error.index(
        "  FAIL orphan-concepts: every concept is related to another  [Orphan Concepts (oc)]"
    )
    assert error[failed + 1].startswith(f"    <{ORPHAN}> ")
    published = ("current", "dumps", "quality", "store", "ontology", "search")
    assert not any((tmp_path / name).exists() for name in published)
