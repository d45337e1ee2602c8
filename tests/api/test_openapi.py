"""The OpenAPI document is generated from the code, and the real server keeps to it.

Schemathesis reads ``/api/v1/openapi.json`` from a real ``outsourcing-catalogue
serve`` over the real build and sends it generated requests, valid and invalid:
no answer may be a 5xx, break the schema of its status, carry an undocumented
status or media type, and every invalid request must be refused with a 4xx
(whose body says why: the ``Error`` schema requires ``error``). Seeded, and
bounded in examples (about 10 s), so that a run is repeatable and short.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from flask.testing import FlaskClient

CHECKS = (
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_schema_conformance",
    "negative_data_rejection",
    "positive_data_acceptance",
)
OPERATIONS = {
    "/api/v1/scheme",
    "/api/v1/levels",
    "/api/v1/concept",
    "/api/v1/concepts/{code}",
    "/api/v1/concepts/{code}/children",
    "/api/v1/concepts/{code}/ancestors",
    "/api/v1/concepts/{code}/siblings",
    "/api/v1/search",
    "/api/v1/suggest",
    "/api/v1/classify",
}


def test_the_document_is_openapi_3_1_and_lists_every_operation(site: FlaskClient) -> None:
    document = site.get("/api/v1/openapi.json").get_json()
    assert document["openapi"] == "3.1.0"
    assert set(document["paths"]) == OPERATIONS


def test_every_refusal_is_documented_as_an_error_with_a_message(site: FlaskClient) -> None:
    document = site.get("/api/v1/openapi.json").get_json()
    schemas = document["components"]["schemas"]
    for path, item in document["paths"].items():
        for status, response in item["get"]["responses"].items():
            if status.startswith(("4", "5")):
                reference = response["content"]["application/json"]["schema"]["$ref"]
                schema = schemas[reference.rsplit("/", 1)[-1]]
                assert "error" in schema["required"], (path, status)


def test_schemathesis_finds_nothing_against_the_real_server(live_site: str, tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    command = [
        str(Path(sys.executable).parent / "schemathesis"),
        "run",
        f"{live_site}/api/v1/openapi.json",
        "--checks",
        ",".join(CHECKS),
        "--seed",
        "20221507",
        "--max-examples",
        "50",
        "--generation-database",
        "none",
        "--workers",
        "1",
        "--no-color",
        "--report",
        "json",
        "--report-json-path",
        str(report),
    ]
    run = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]
    summary = json.loads(report.read_text())
    assert summary, "Schemathesis wrote no report"
