"""OpenRefine 3.6 (Debian's package), started headless and driven over its HTTP commands, the
way its own web client drives it: a CSRF token, a project from an uploaded CSV, operations
applied as JSON, long-running processes waited for, rows read back.

(Not a conftest: test modules import these names. Named uniquely because pytest puts
this folder on sys.path.)
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import requests

OPENREFINE = shutil.which("openrefine") or "/usr/bin/openrefine"
#: Java's heap: enough for a few hundred rows, and a shared machine keeps the rest.
MEMORY = "768M"
ROW_BASED = {"facets": [], "mode": "row-based"}


@dataclass
class OpenRefine:
    process: subprocess.Popen
    url: str
    log: Path

    def command(self, name: str, method: str = "GET", **kwargs: object) -> requests.Response:
        kwargs.setdefault("timeout", 60)
        response = requests.request(method, f"{self.url}/command/core/{name}", **kwargs)  # type: ignore[arg-type]
        response.raise_for_status()
        return response

    def token(self) -> str:
        """Every state-changing command wants a fresh CSRF token (OpenRefine ≥ 3.3)."""
        return self.command("get-csrf-token").json()["token"]

    def add_service(self, url: str, manifest: dict) -> None:
        """What "Reconcile → Add standard service…" keeps: the manifest, in the preferences.
        The grid's links (the manifest's view URL) and previews come from there."""
        self.command(
            "set-preference",
            "POST",
            params={"csrf_token": self.token()},
            data={
                "name": "reconciliation.standardServices",
                "value": json.dumps([manifest | {"url": url}]),
            },
        )

    def create_project(self, name: str, csv_text: str) -> str:
        options = {
            "separator": ",",
            "headerLines": 1,
            "encoding": "UTF-8",
            "guessCellValueTypes": False,
        }
        response = self.command(
            "create-project-from-upload",
            "POST",
            params={"csrf_token": self.token()},
            files={"project-file": (f"{name}.csv", csv_text.encode("utf-8"), "text/csv")},
            data={
                "project-name": name,
                "format": "text/line-based/*sv",
                "options": json.dumps(options),
            },
            allow_redirects=False,
        )
        # it answers with a redirect to the new project's page
        location = response.headers["Location"]
        assert "project=" in location, location
        return location.split("project=")[1]

    def apply(self, project: str, operations: list[dict], timeout: float = 300) -> None:
        """Apply operations and wait until their long-running processes are done."""
        response = self.command(
            "apply-operations",
            "POST",
            params={"project": project, "csrf_token": self.token()},
            data={"operations": json.dumps(operations)},
        )
        assert response.json()["code"] in ("ok", "pending"), response.text
        deadline = time.monotonic() + timeout
        while self.command("get-processes", params={"project": project}).json()["processes"]:
            assert time.monotonic() < deadline, "OpenRefine's operation did not finish"
            time.sleep(0.1)

    def columns(self, project: str) -> dict[str, int]:
        model = self.command("get-models", params={"project": project}).json()["columnModel"]
        return {c["name"]: c["cellIndex"] for c in model["columns"]}

    def rows(
        self, project: str, limit: int = 1000
    ) -> tuple[list[dict[str, dict]], dict[str, dict]]:
        """The rows as {column: cell}, and the pool of recon objects their cells refer to."""
        columns = self.columns(project)
        answer = self.command(
            "get-rows", params={"project": project, "start": 0, "limit": limit}
        ).json()
        rows = []
        for row in answer["rows"]:
            cells = row["cells"]
            rows.append(
                {
                    name: (cells[i] if i < len(cells) and cells[i] else {})
                    for name, i in columns.items()
                }
            )
        return rows, answer["pool"]["recons"]


def launch_openrefine(port: int, workdir: Path, niceness: int = 0) -> OpenRefine:
    """Start OpenRefine and return at once: its JVM takes seconds to be ready. Started
    early in the background, it gets a ``niceness`` so that the tests running meanwhile
    keep their CPU."""
    assert Path(OPENREFINE).exists(), "OpenRefine is not installed: run `make openrefine`"
    workdir.mkdir(parents=True, exist_ok=True)
    log = workdir / "openrefine.log"
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [
                *(["nice", "-n", str(niceness)] if niceness else []),
                OPENREFINE,
                "-i",
                "127.0.0.1",
                "-p",
                str(port),
                "-d",
                str(workdir / "data"),
                "-m",
                MEMORY,
            ],
            stdout=sink,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its JVM and the shell script: one group to stop
        )
    return OpenRefine(process, f"http://127.0.0.1:{port}", log)


def wait_until_ready(refine: OpenRefine, timeout: float = 120) -> OpenRefine:
    deadline = time.monotonic() + timeout
    while True:
        if refine.process.poll() is not None or time.monotonic() > deadline:
            stop_openrefine(refine)
            log = refine.log.read_text(errors="replace")
            raise RuntimeError(f"OpenRefine did not start:\n{log}")
        try:
            if requests.get(refine.url + "/command/core/get-version", timeout=5).ok:
                return refine
        except (requests.ConnectionError, requests.Timeout):
            pass  # the port opens before the web application is ready: a while to wait
        time.sleep(0.2)


def stop_openrefine(refine: OpenRefine) -> None:
    if refine.process.poll() is None:
        os.killpg(refine.process.pid, signal.SIGTERM)
        try:
            refine.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(refine.process.pid, signal.SIGKILL)
            refine.process.wait()


def recon_operation(
    column: str, service: str, identifier_space: str, schema_space: str, kind: dict | None
) -> dict:
    """The ``core/recon`` operation OpenRefine's "Reconcile → Start reconciling" dialog makes."""
    return {
        "op": "core/recon",
        "engineConfig": ROW_BASED,
        "columnName": column,
        "config": {
            "mode": "standard-service",
            "service": service,
            "identifierSpace": identifier_space,
            "schemaSpace": schema_space,
            "type": kind,
            "autoMatch": True,
            "columnDetails": [],
            "limit": 0,
        },
        "description": f"Reconcile cells in column {column}",
    }


def extend_operation(
    column: str,
    service: str,
    identifier_space: str,
    schema_space: str,
    properties: list[dict],
    at: int,
) -> dict:
    """The ``core/extend-reconciled-data`` operation of "Edit column → Add columns from
    reconciled values"."""
    return {
        "op": "core/extend-reconciled-data",
        "engineConfig": ROW_BASED,
        "baseColumnName": column,
        "endpoint": service,
        "identifierSpace": identifier_space,
        "schemaSpace": schema_space,
        "extension": {"properties": properties},
        "columnInsertIndex": at,
        "description": "Extend data",
    }
