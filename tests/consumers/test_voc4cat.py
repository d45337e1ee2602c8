"""voc4cat 1.2 checks the SKOS-only dump against the VocPub profiles: nothing but the justified.

``voc4cat check -p PROFILE FILE`` validates a file with the SHACL profile of
VocPub (the SKOS profile of the Prez / Research Vocabularies Australia world)
or of NFDI4Cat's vp4cat, and logs every result. Each violation it reports must
be one that ``ontology/vocpub-deviations.ttl`` justifies (same source shape,
same constraint component); any other is a defect of the dump.
"""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, RDFS, SH, SKOS

from catalogue.settings import PROJECT_ROOT
from tests.consumers.conftest import NS, consumer_program, run

DEVIATIONS = PROJECT_ROOT / "ontology" / "vocpub-deviations.ttl"
#: vp4cat-5.3 and vocpub-4.7 are the issue's bar; vocpub-5.2 is VocPub's current release.
PROFILES = ["vp4cat-5.3", "vocpub-4.7", "vocpub-5.2"]

ANSI = re.compile(r"\x1b\[[0-9;]*m")
RECORD = re.compile(r"^(?:DEBUG|INFO|WARNING|ERROR|CRITICAL) *\|", re.MULTILINE)
RESULT = re.compile(
    r"Validation Result in \w+ \((?P<component>[^)]+)\):\s*"
    r"Severity: sh:(?P<severity>\w+)\s*"
    r"Source Shape: <(?P<shape>[^>]*)>\s*"
    r"Focus Node: <(?P<focus>[^>]*)>\s*"
    r"Value Node: <(?P<value>[^>]*)>\s*"
    r"Message: (?P<message>.*)",
    re.DOTALL,
)
SUMMARY = re.compile(r"Validation summary: (\d+) info, (\d+) warnings, (\d+) violations")


@dataclass(frozen=True)
class Result:
    severity: str  # Violation, Warning, Info
    component: str
    shape: str
    focus: str
    message: str

    def __str__(self) -> str:
        return f"{self.severity} {self.shape} on {self.focus}: {self.message[:160]}"


@dataclass(frozen=True)
class Check:
    profile: str
    exit_code: int
    results: list[Result]

    def of(self, severity: str) -> list[Result]:
        return [r for r in self.results if r.severity == severity]


def parse_log(log: str) -> list[Result]:
    """voc4cat's log on stderr (its only report; its --logfile rotates at 100 kB and loses
    results): one record per SHACL result."""
    records = RECORD.split(ANSI.sub("", log))
    results = []
    for record in records:
        found = RESULT.search(record)
        if found:
            results.append(
                Result(
                    found["severity"],
                    found["component"],
                    found["shape"],
                    found["focus"],
                    found["message"].strip(),
                )
            )
    summary = SUMMARY.search(log)
    counted = [int(n) for n in summary.groups()] if summary else [0, 0, 0]
    parsed = [sum(r.severity == s for r in results) for s in ("Info", "Warning", "Violation")]
    assert parsed == counted, (
        f"the log's format changed: parsed {parsed}, voc4cat counted {counted}"
    )
    return results


def voc4cat_check(profile: str, path: Path) -> Check:
    done = run([consumer_program("voc4cat", "voc4cat"), "check", "-p", profile, path])
    results = parse_log(done.stderr)
    # A crash reports no result: an exit status that no result explains is a failure.
    assert done.returncode == 0 or results, f"voc4cat -p {profile} failed:\n{done.stderr[-3000:]}"
    return Check(profile, done.returncode, results)


DOMAIN_05 = URIRef(NS + "2022/domain/05")


@pytest.fixture(scope="module")
def planted_dump(skos_dump: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The dump with the fault VocPub reported 99 times before: a concept without a
    definition (domain 05)."""
    graph = Graph().parse(skos_dump, format="turtle")
    graph.remove((DOMAIN_05, SKOS.definition, None))
    planted = tmp_path_factory.mktemp("voc4cat") / "planted.ttl"
    graph.serialize(planted, format="turtle")
    return planted


@pytest.fixture(scope="module")
def every_check(skos_dump: Path, planted_dump: Path) -> dict[tuple[str, Path], Check]:
    """What ``voc4cat check`` reports with each profile on the dump and on the planted
    dump: six processes, run side by side (each is voc4cat's start and its pySHACL)."""
    runs = [(profile, path) for profile in PROFILES for path in (skos_dump, planted_dump)]
    with ThreadPoolExecutor(max_workers=len(runs)) as pool:
        done = pool.map(lambda run: voc4cat_check(*run), runs)
        return dict(zip(runs, done, strict=True))


@pytest.fixture(scope="module")
def checks(every_check: dict[tuple[str, Path], Check], skos_dump: Path) -> dict[str, Check]:
    """What ``voc4cat check`` reports with each profile."""
    return {profile: every_check[profile, skos_dump] for profile in PROFILES}


@dataclass(frozen=True)
class Deviation:
    iri: str
    shapes: frozenset[str]
    component: str
    reason: str

    def justifies(self, result: Result) -> bool:
        return result.shape in self.shapes and result.component == self.component


def deviations() -> list[Deviation]:
    """The justified deviations (none if the file is absent)."""
    if not DEVIATIONS.is_file():
        return []
    graph = Graph().parse(DEVIATIONS)
    found = []
    for iri in set(graph.subjects(SH.sourceShape, None)):
        reason = graph.value(iri, DCTERMS.description) or graph.value(iri, RDFS.comment)
        found.append(
            Deviation(
                str(iri),
                frozenset(str(s) for s in graph.objects(iri, SH.sourceShape)),
                str(graph.value(iri, SH.sourceConstraintComponent)),
                str(reason or ""),
            )
        )
    return found


def unjustified(check: Check) -> list[Result]:
    justified = deviations()
    return [r for r in check.of("Violation") if not any(d.justifies(r) for d in justified)]


@pytest.mark.parametrize("profile", PROFILES)
class TestVocPubConformance:
    def test_no_violation_but_the_justified(self, checks: dict[str, Check], profile: str) -> None:
        found = unjustified(checks[profile])
        assert not found, f"{profile}: {len(found)} violations:\n" + "\n".join(map(str, found[:20]))

    def test_a_concept_without_a_definition_would_be_reported(
        self, every_check: dict[tuple[str, Path], Check], planted_dump: Path, profile: str
    ) -> None:
        """The test above can fail: plant the fault VocPub reported 99 times before."""
        check = every_check[profile, planted_dump]
        assert check.exit_code != 0
        assert {r.focus for r in unjustified(check)} == {str(DOMAIN_05)}


class TestTheDeviations:
    def test_each_names_a_constraint_and_gives_a_reason(self) -> None:
        for deviation in deviations():
            assert deviation.component.startswith(str(SH)), deviation.iri
            assert len(deviation.reason) > 40, f"{deviation.iri}: no reason given"

    def test_each_is_needed_by_some_profile(self, checks: dict[str, Check]) -> None:
        """A deviation that no profile reports any more is stale: remove it."""
        reported = [result for check in checks.values() for result in check.results]
        for deviation in deviations():
            assert any(deviation.justifies(r) for r in reported), f"{deviation.iri} is stale"
