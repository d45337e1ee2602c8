"""The diff names each planted change as an editor would, and its change set replays it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace
from rdflib.compare import isomorphic

from catalogue.build import BuildResult
from catalogue.diff.changes import Diff, compare
from catalogue.diff.changeset import CS, apply, change_set
from catalogue.settings import DEFAULT_NAMESPACE, PROJECT_ROOT
from catalogue.vocab import RDF, SKOS, SOC, XKOS

NS = Namespace(DEFAULT_NAMESPACE)
DOMAIN_05, DOMAIN_06, DOMAIN_20 = NS["2022/domain/05"], NS["2022/domain/06"], NS["2022/domain/20"]
RELABELLED = NS["2022/business-type/05.01"]
MOVED = NS["2022/business-type/05.02"]
REMOVED = NS["2022/business-type/20.01"]
ADDED = NS["2022/business-type/20.99"]
DEFINITION_EN = NS["2022/domain/01/note/definition/en"]


def plant(graph: Graph) -> Graph:
    """A relabel, a move, an add, a remove, a new definition text and a new code."""
    g = Graph()
    g += graph
    g.remove((RELABELLED, SKOS.prefLabel, Literal("E-commerce platform development", lang="en")))
    g.add((RELABELLED, SKOS.prefLabel, Literal("E-commerce platform building", lang="en")))
    for a, b in ((MOVED, SKOS.broader), (DOMAIN_05, SKOS.narrower)):
        g.remove((a, b, None if a == MOVED else MOVED))
    g.add((MOVED, SKOS.broader, DOMAIN_06))
    g.add((DOMAIN_06, SKOS.narrower, MOVED))
    g.remove((REMOVED, None, None))
    g.remove((None, None, REMOVED))
    for triple in (
        (ADDED, RDF.type, SKOS.Concept),
        (ADDED, RDF.type, SOC.BusinessType),
        (ADDED, SKOS.prefLabel, Literal("新材料检测", lang="zh")),
        (ADDED, SKOS.broader, DOMAIN_20),
        (DOMAIN_20, SKOS.narrower, ADDED),
    ):
        g.add(triple)  # fmt: skip
    g.set((DEFINITION_EN, XKOS.plainText, Literal("Reworded.", lang="en")))
    g.set((DOMAIN_06, SKOS.notation, Literal("6")))
    return g


@pytest.fixture(scope="module")
def old(build: BuildResult) -> Graph:
    return build.built.union()


@pytest.fixture(scope="module")
def diff(old: Graph) -> Diff:
    return compare(old, plant(old))


def named(diff: Diff, kind: str) -> list[tuple[str, str]]:
    return [(c.concept, c.language) for c in diff.of_kind(kind)]


def test_a_build_compared_with_itself_has_no_change(old: Graph) -> None:
    same = compare(old, old)
    assert (same.changes, len(same.added), len(same.removed)) == ([], 0, 0)


@pytest.mark.parametrize(
    ("kind", "concept", "language"),
    [("relabelled", RELABELLED, "en"), ("moved", MOVED, ""), ("added", ADDED, ""),
     ("removed", REMOVED, ""), ("note", NS["2022/domain/01"], "en"),
     ("notation", DOMAIN_06, "")],
)  # fmt: skip
def test_each_planted_change_is_named(diff: Diff, kind: str, concept: str, language: str) -> None:
    assert named(diff, kind) == [(str(concept), language)]


def test_the_report_says_what_changed(diff: Diff) -> None:
    details = {c.kind: c.detail for c in diff.changes}
    assert (
        details["relabelled"]
        == "“E-commerce platform development” → “E-commerce platform building”"
    )
    assert details["moved"] == f"broader <{DOMAIN_05}> → <{DOMAIN_06}>"
    assert details["notation"] == "“06” → “6”"
    assert details["removed"].startswith("20.01 材料筛选 (BusinessType)")
    assert details["note"].startswith("definition changed: ")
    assert len(diff.changes) == 6


def test_a_renumbered_concept_is_one_change_not_two(old: Graph) -> None:
    """Inserting a business type renumbers the next: same label, same level, new IRI."""
    new = Graph()
    renamed = NS["2022/business-type/05.09"]
    for s, p, o in old:
        new.add((renamed if s == RELABELLED else s, p, renamed if o == RELABELLED else o))
    diff = compare(old, new)
    assert named(diff, "renamed") == [(str(renamed), "")]
    assert diff.of_kind("added") == diff.of_kind("removed") == []


def test_the_change_set_replays_the_change(old: Graph, diff: Diff) -> None:
    changes = change_set(diff)
    assert isomorphic(apply(old, changes), plant(old))
    by_subject = {
        changes.value(cs, CS.subjectOfChange): cs for cs in changes.subjects(RDF.type, CS.ChangeSet)
    }
    reason = str(changes.value(by_subject[RELABELLED], CS.changeReason))
    assert reason.startswith("relabelled (en): “E-commerce platform development”")
    for cs in by_subject.values():  # the vocabulary's convention: one subject per change set
        for prop in (CS.addition, CS.removal):
            for statement in changes.objects(cs, prop):
                assert changes.value(statement, RDF.subject) == changes.value(
                    cs, CS.subjectOfChange
                )
    note = str(changes.value(by_subject[DEFINITION_EN], CS.changeReason))
    assert "definition changed" in note and str(NS["2022/domain/01"]) in note


def diff_command(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "catalogue.cli", "diff", *args], stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True, cwd=PROJECT_ROOT, env=dict(os.environ),
    )  # fmt: skip


def finished(process: subprocess.Popen[str]) -> subprocess.CompletedProcess[str]:
    stdout, stderr = process.communicate(timeout=120)
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


def test_the_diff_command(build: BuildResult, dumps_dir: Path, tmp_path: Path) -> None:
    # a build compared with itself, meanwhile (a process of its own)
    unchanged = diff_command(str(dumps_dir), str(dumps_dir))
    changed = tmp_path / "changed.ttl"
    plant(build.built.union()).serialize(changed, format="turtle")
    changeset = tmp_path / "changes.ttl"
    done = finished(
        diff_command(str(build.store.parent), str(changed), "--changeset", str(changeset))
    )
    assert done.returncode == 1, done.stderr
    for heading in (
        "Concepts added: 1",
        "Concepts removed: 1",
        "Moved in the hierarchy",
        "Relabelled (skos:prefLabel, per language): 1",
        "Notation changed: 1",
    ):
        assert heading in done.stdout  # fmt: skip
    assert len(set(Graph().parse(changeset).subjects(RDF.type, CS.ChangeSet))) >= 6
    same = finished(unchanged)
    assert same.returncode == 0 and "no change to any concept" in same.stdout


def test_a_removal_missing_a_part_is_refused_not_a_wildcard() -> None:
    """A removal without its object once removed every triple of its subject and
    predicate (rdflib's remove() reads None as "any")."""
    ns = Namespace("https://example.org/")
    graph = Graph()
    graph.add((ns.a, SKOS.prefLabel, Literal("one", lang="en")))
    graph.add((ns.a, SKOS.prefLabel, Literal("two", lang="en")))
    changes = Graph()
    changes.add((ns.cs, CS.removal, ns.statement))
    changes.add((ns.statement, RDF.subject, ns.a))
    changes.add((ns.statement, RDF.predicate, SKOS.prefLabel))
    with pytest.raises(ValueError, match="without all its parts"):
        apply(graph, changes)
