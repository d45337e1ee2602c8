"""The OpenAPI document is generated from the code, and the real server keeps to it.

Schemathesis reads ``/api/v1/openapi.json`` from a real ``outsourcing-catalogue
serve`` over the real build and sends it generated requests, valid and invalid:
no answer may be a 5xx, break the schema of its status, carry an undocumented
status or media type, and every invalid request must be refused with a 4xx
(whose body says why: the ``Error`` schema requires ``error``). Seeded, and
bounded in examples (three runs, side by side), so that a run is repeatable and short.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
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


@dataclass
class Run:
    """One Schemathesis run, going on in a process of its own."""

    process: subprocess.Popen[bytes]
    output: Path

    def finished(self) -> tuple[int, str]:
        """Its exit status and what it printed (stdout and stderr together)."""
        self.process.wait(timeout=120)
        return self.process.returncode, self.output.read_text(encoding="utf-8", errors="replace")


@pytest.fixture(scope="module")
def runs(live_site: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Run]]:
    """The three runs, started together: each is mostly Schemathesis' own start and its
    generation (CPU in its process), so side by side they take the time of about one."""
    started = {}
    for name, parameters, operations in RUNS:
        # in a folder of its own: Schemathesis keeps a cache of crashes in the folder it runs in
        folder = tmp_path_factory.mktemp("schemathesis")
        config = folder / "schemathesis.toml"
        config.write_text(f"[parameters]\n{parameters}\n" if parameters else "")
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
            str(folder / "report.json"),
        ]
        if operations:
            command += ["--include-path-regex", re.escape(operations)]
        output = folder / "output.txt"
        with output.open("wb") as sink:
            process = subprocess.Popen(command, stdout=sink, stderr=subprocess.STDOUT, cwd=folder)
        started[name] = Run(process, output)
    yield started
    for run in started.values():
        if run.process.poll() is None:  # a test failed before waiting for it
            run.process.kill()
            run.process.wait()


@pytest.mark.parametrize("name", [r[0] for r in RUNS])
def test_schemathesis_finds_nothing_against_the_real_server(
    runs: dict[str, Run], name: str
) -> None:
    status, output = runs[name].finished()
    assert status == 0, output[-8000:]
    # cases were run, and all passed (a run that tested nothing would also exit 0)
    counts = re.search(r"(\d+) generated, (\d+) passed", output)
    assert counts and int(counts[1]) == int(counts[2]) > 0, output[-3000:]
