"""The rate limit and reconciliation: a batch is one request, so a spreadsheet of a few hundred
rows, sent as OpenRefine sends it (10 queries a request, one request after another), stays
far inside the default allowance (100 a second, bursts of 200). What costs nothing to answer
(previews, flyouts, fixed lists) is not counted: a person hovering over candidates sends many.
"""

from __future__ import annotations

import json

import pytest

from server.http.ratelimit import UNMETERED


def test_three_hundred_rows_in_batches_of_ten_are_all_answered(recon_server) -> None:
    rows = [f"为第{n}家银行提供渗透测试与等保测评" for n in range(300)]
    statuses = []
    for start in range(0, len(rows), 10):
        batch = {f"q{i}": {"query": text} for i, text in enumerate(rows[start : start + 10])}
        response = recon_server.post("/reconcile", data={"queries": json.dumps(batch)})
        statuses.append(response.status_code)
        assert response.json()["q0"]["result"][0]["id"].startswith("04")
    assert statuses == [200] * 30


def test_a_batch_holds_at_most_100_queries(recon_server) -> None:
    batch = {f"q{i}": {"query": "人脸识别"} for i in range(100)}
    assert recon_server.post("/reconcile", data={"queries": json.dumps(batch)}).status_code == 200
    batch["q100"] = {"query": "人脸识别"}
    response = recon_server.post("/reconcile", data={"queries": json.dumps(batch)})
    assert response.status_code == 400
    assert "at most 100 queries" in response.json()["error"]


@pytest.mark.parametrize(
    "endpoint, metered",
    [
        ("reconcile.service", True),  # queries and extension: the classifier's work
        ("reconcile.suggest_entity", True),  # a search
        ("reconcile.suggest_type", False),
        ("reconcile.suggest_property", False),
        ("reconcile.flyout_entity", False),
        ("reconcile.flyout_type", False),
        ("reconcile.flyout_property", False),
        ("reconcile.preview", False),
        ("reconcile.view", False),
        ("reconcile.propose_properties", False),
    ],
)
def test_what_is_counted(site_app, endpoint: str, metered: bool) -> None:
    assert (not getattr(site_app.view_functions[endpoint], UNMETERED, False)) is metered
