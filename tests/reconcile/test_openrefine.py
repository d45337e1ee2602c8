"""OpenRefine 3.6.2, the real client, reconciles a spreadsheet of business descriptions
against the service and extends it with the catalogue's data.

A project is made from a CSV upload: a few rows whose answers are known (a label, a
code, descriptions, one the catalogue does not cover) and 304 generated ones ("为银行提供
版图设计与验证": 19 activities × 16 clients), so that the reconciliation is the size of a real
one and meets the server's default rate limit. OpenRefine sends the queries in batches,
reads the candidates and auto-matches what the service marks as a match; then "Add columns
from reconciled values" fetches code, key domain, category, English label and source lines.
Anything OpenRefine cannot read shows here as a missing candidate or value.

A screenshot of the reconciled grid goes to build/screenshots/openrefine-reconciled.png
(the README's walk-through shows it).
"""

from __future__ import annotations

import csv
import io
import json
import time
from typing import TYPE_CHECKING

import pytest
from openrefine_support import OpenRefine, extend_operation, recon_operation

if TYPE_CHECKING:
    from playwright.sync_api import Browser

COLUMN = "description"
#: cell → (OpenRefine's judgment, the matched or first candidate's code)
KNOWN = {
    "人脸识别": ("matched", "06.09.05"),
    "06.09": ("matched", "06.09"),
    "为芯片设计公司提供版图设计与验证外包": ("matched", "01"),
    "薪酬核算与社保代缴外包": ("matched", "07.01"),
    "跨境电商店铺代运营": ("matched", "08.04"),
    "Penetration testing for banks": ("none", "04.02"),  # in doubt between 04 and 13
    "美容美发": ("none", None),  # not a key domain: no candidate
}
ACTIVITIES = {
    "版图设计与验证": "01", "机房托管和服务器运维": "03", "渗透测试与等保测评": "04",
    "人工智能训练数据标注": "06", "薪酬核算与社保代缴": "07", "电商店铺代运营": "08",
    "医疗设备维修保养": "10", "专利检索与专利申请代理": "11", "食品检测": "13",
    "手机外观设计": "14", "临床试验管理": "18", "人脸识别系统开发": "06",
    "财务核算与记账": "07", "物流仓储管理": "09", "动漫设计制作": "16", "管理咨询": "12",
    "工业软件开发": "02", "数据中心运维": "03", "网络安全监测": "04",
}  # fmt: skip
CLIENTS = [
    "银行",
    "保险公司",
    "中小企业",
    "跨国公司",
    "医院",
    "高校",
    "汽车制造商",
    "物业公司",
    "物流企业",
    "政府部门",
    "游戏公司",
    "建筑公司",
    "零售连锁",
    "能源企业",
    "航空公司",
    "出版社",
]
GENERATED = {
    f"为{client}提供{activity}": domain
    for activity, domain in ACTIVITIES.items()
    for client in CLIENTS
}
EXTENSION = ["code", "domain", "category", "label_en", "source"]


@pytest.fixture(scope="module")
def reconciled(openrefine: OpenRefine, recon_server) -> dict:
    """The project after reconciliation and extension, as OpenRefine holds it."""
    manifest = recon_server.get("/reconcile").json()
    service = recon_server.url + "/reconcile"
    spaces = manifest["identifierSpace"], manifest["schemaSpace"]
    openrefine.add_service(service, manifest)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerows([[COLUMN], *([cell] for cell in [*KNOWN, *GENERATED])])
    project = openrefine.create_project("business descriptions", buffer.getvalue())
    # Only OpenRefine's requests count below: other tests share this server and its log.
    log_offset = len(recon_server.access_log.read_text().splitlines())
    started = time.monotonic()
    openrefine.apply(project, [recon_operation(COLUMN, service, *spaces, None)])
    reconciling = time.monotonic() - started
    properties = [
        {"id": p["id"], "name": p["name"]} for p in _proposed(recon_server) if p["id"] in EXTENSION
    ]
    openrefine.apply(project, [extend_operation(COLUMN, service, *spaces, properties, 1)])
    rows, pool = openrefine.rows(project)
    return {
        "project": project,
        "rows": rows,
        "pool": pool,
        "seconds": reconciling,
        "columns": openrefine.columns(project),
        "log_offset": log_offset,
    }


def _proposed(server) -> list[dict]:
    return server.get("/reconcile/propose_properties?type=domain").json()["properties"]


def _recon(reconciled: dict, row: dict) -> dict:
    recon_id = row[COLUMN].get("r")
    assert recon_id is not None, f"OpenRefine did not reconcile {row[COLUMN].get('v')!r}"
    return reconciled["pool"][str(recon_id)]


def _row(reconciled: dict, cell: str) -> dict:
    return next(r for r in reconciled["rows"] if r[COLUMN].get("v") == cell)


@pytest.mark.parametrize(
    "cell, judgment, code", [(c, j, i) for c, (j, i) in KNOWN.items()], ids=list(KNOWN)
)
def test_openrefine_matches_what_is_clear_and_offers_candidates_otherwise(
    reconciled: dict, cell: str, judgment: str, code: str | None
) -> None:
    recon = _recon(reconciled, _row(reconciled, cell))
    assert recon["j"] == judgment
    if judgment == "matched":
        assert recon["m"]["id"] == code
    elif code is None:
        assert not recon.get("c")
    else:
        assert recon["c"][0]["id"] == code


def test_a_few_hundred_rows_are_reconciled_without_a_refusal(
    reconciled: dict, recon_server
) -> None:
    rows = [r for r in reconciled["rows"] if r[COLUMN].get("v") in GENERATED]
    assert len(rows) == len(GENERATED) == 304
    wrong = []
    for row in rows:
        recon = _recon(reconciled, row)
        best = recon["m"] if recon["j"] == "matched" else (recon.get("c") or [{"id": "(none)"}])[0]
        if best["id"].split(".")[0] != GENERATED[row[COLUMN]["v"]]:
            wrong.append((row[COLUMN]["v"], best["id"]))
    assert wrong == []
    matched = sum(_recon(reconciled, r)["j"] == "matched" for r in rows)
    assert matched >= 250  # most are clear; the rest wait for a person
    lines = recon_server.access_log.read_text().splitlines()[reconciled["log_offset"] :]
    log = [json.loads(line) for line in lines]
    batches = [e for e in log if e["path"] == "/reconcile" and e["method"] == "POST"]
    # OpenRefine batches its queries (10 a request in 3.6): dozens of requests, not hundreds
    assert 30 <= len(batches) <= 80
    assert {e["status"] for e in batches} == {200}  # no 429, no error


def test_data_extension_adds_the_catalogue_columns(reconciled: dict) -> None:
    columns = list(reconciled["columns"])
    assert columns[:6] == [
        COLUMN,
        "code",
        "key domain",
        "category",
        "English label",
        "source lines",
    ]
    row = _row(reconciled, "人脸识别")
    assert {name: row[name].get("v") for name in columns[1:6]} == {
        "code": "06.09.05",
        "key domain": "新一代信息技术开发应用服务",
        "category": "信息技术外包",
        "English label": "Face recognition",
        "source lines": "https://w3id.org/service-outsourcing/2022/source#line=71,72",
    }
    # the key domain and category come back as reconciled cells, ready for a further step
    domain = reconciled["pool"][str(row["key domain"]["r"])]
    assert (domain["j"], domain["m"]["id"]) == ("matched", "06")
    # a row without a match gets no values
    assert not _row(reconciled, "美容美发")["code"].get("v")


def test_a_screenshot_of_the_reconciled_grid(
    reconciled: dict, openrefine: OpenRefine, browser: Browser
) -> None:
    """OpenRefine's own page shows the column reconciled (a green bar: matched share) and the
    columns added from the catalogue; the picture is the README's walk-through."""
    from tests.site_fixtures import SCREENSHOTS

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1400, "height": 820}, locale="en-GB")
    try:
        page = context.new_page()
        page.goto(f"{openrefine.url}/project?project={reconciled['project']}")
        # a matched cell links to its concept (the manifest's view URL) …
        page.wait_for_selector("a[href$='/reconcile/view/06.09.05']", timeout=60_000)
        # … and the extension's columns are in the grid
        assert page.locator("text=Face recognition").count() >= 1
        assert page.locator(".column-header-recon-stats-matched").count() >= 1
        page.screenshot(path=str(SCREENSHOTS / "openrefine-reconciled.png"))
    finally:
        context.close()
    assert (SCREENSHOTS / "openrefine-reconciled.png").stat().st_size > 20_000
