"""Each competency question in queries/ answers correctly against the built store."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pyoxigraph
import pytest

from catalogue.querying import run_query, select_rows
from catalogue.settings import DEFAULT_NAMESPACE, PROJECT_ROOT

NS = DEFAULT_NAMESPACE
QUERIES = PROJECT_ROOT / "queries"
Rows = list[dict[str, str]]


def kpo_domains(rows: Rows) -> None:
    assert [r["code"] for r in rows] == [str(n) for n in range(11, 21)]
    assert rows[0]["label_en"] == "Intellectual property services"


def business_types_of_domain(rows: Rows) -> None:
    assert len(rows) == 11 + 6
    assert [r["code"] for r in rows[:2]] == ["06.01", "06.02"]
    subtypes = [r for r in rows if r["parent_code"] == "06.09"]
    assert [r["code"] for r in subtypes] == [f"06.09.0{n}" for n in range(1, 7)]


def who_covers_face_recognition(rows: Rows) -> None:
    assert [(r["code"], r["domain_code"], r["category_code"]) for r in rows] == [
        ("06.09.05", "06", "ITO")
    ]


def issuers(rows: Rows) -> None:
    assert [r["abbreviation"] for r in rows] == ["MOFCOM", "MIIT", "MOF", "GACC"]
    assert {(r["number"], r["issued"]) for r in rows} == {("公告2022年第15号", "2022-05-07")}


def replaced_edition(rows: Rows) -> None:
    assert [(r["replaced"], r["issued"], r["deprecated"], r["abolished_on"]) for r in rows] == [
        (f"{NS}2018", "2018", "true", "2022-05-07")
    ]


def exclusions(rows: Rows) -> None:
    excluded = {(r["domain_code"], r["activity_zh"]) for r in rows}
    assert len(excluded) == 6
    covered = {(r["domain_code"], r["activity_zh"], r.get("covered_by_code", "")) for r in rows}
    assert ("05", "电子商务代运营服务", "08.04") in covered
    assert ("08", "数字内容", "16.05") in covered
    assert ("13", "法律法规规定强制由第三方提供的检测服务", "") in covered


EXPECTATIONS: dict[str, Callable[[Rows], None]] = {
    "kpo-domains.rq": kpo_domains,
    "business-types-of-domain.rq": business_types_of_domain,
    "who-covers-face-recognition.rq": who_covers_face_recognition,
    "issuers.rq": issuers,
    "replaced-edition.rq": replaced_edition,
    "exclusions.rq": exclusions,
}


def test_every_query_file_has_an_expected_answer() -> None:
    assert sorted(p.name for p in QUERIES.glob("*.rq")) == sorted(EXPECTATIONS)


@pytest.mark.parametrize("name", sorted(EXPECTATIONS))
def test_competency_query(name: str, store: pyoxigraph.Store) -> None:
    query = (QUERIES / name).read_text(encoding="utf-8")
    assert query.startswith("# "), "the first line names the question"
    rows = select_rows(run_query(store, query))  # type: ignore[arg-type]
    assert rows, "no answer"
    EXPECTATIONS[name](rows)


def test_queries_answer_with_no_duplicate_rows(store: pyoxigraph.Store) -> None:
    for path in sorted(Path(QUERIES).glob("*.rq")):
        rows = select_rows(run_query(store, path.read_text(encoding="utf-8")))  # type: ignore[arg-type]
        as_tuples = [tuple(sorted(r.items())) for r in rows]
        assert len(as_tuples) == len(set(as_tuples)), path.name
