"""The OpenAPI document is generated from the code, and the real server keeps to it.

Schemathesis reads ``/api/v1/openapi.json`` from a real ``outsourcing-catalogue
serve`` over the real build and sends it generated requests, valid and invalid:
no answer may be a 5xx, break the schema of its status, carry an undocumented
status or media type, and every invalid request must be refused with a 4xx
(whose body says why: the ``Error`` schema requires ``error``). Seeded, and
bounded in examples (three runs, about 10 s together), so that a run is repeatable and
short.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
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


# (what the run is given, the config it runs with, the operations it runs). Generated codes
# almost never name a concept, so runs with real codes reach the 200 answers of those routes.
RUNS = [
    ("generated values", "", ""),
    ("a category's code", 'code = "ITO"', "{code}"),
    ("a sub-type's code", 'code = "06.09.05"', "{code}"),
]


@pytest.mark.parametrize(("name", "parameters", "operations"), RUNS, ids=[r[0] for r in RUNS])
def test_schemathesis_finds_nothing_against_the_real_server(
    live_site: str, tmp_path: Path, name: str, parameters: str, operations: str
) -> None:
    config = tmp_path / "schemathesis.toml"
    config.write_text(f"[parameters]\n{parameters}\n" if parameters else "")
    report = tmp_path / "report.json"
    command = [
        str(Path(sys.executable).parent / "schemathesis"),
        "--config-file",
        str(config),
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
    if operations:
        command += ["--include-path-regex", re.escape(operations)]
    # in tmp_path: Schemathesis keeps a cache of crashes in the folder it runs in
    run = subprocess.run(command, capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]
    # cases were run, and all passed (a run that tested nothing would also exit 0)
    counts = re.search(r"(\d+) generated, (\d+) passed", run.stdout)
    assert counts and int(counts[1]) == int(counts[2]) > 0, run.stdout[-3000:]
