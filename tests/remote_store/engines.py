"""The real engines the remote-store tests run: ``oxigraph serve`` (from the test extras)
and Debian's Virtuoso 7.2 (``make virtuoso``), each started once, on free ports, with its
data in a temporary folder."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import requests

from tests.server.endpoint_support import free_port

OXIGRAPH = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which(
    "oxigraph"
)
VIRTUOSO = shutil.which("virtuoso-t")
ISQL = shutil.which("isql-vt")
#: Seconds Oxigraph gives a query (--timeout-s; Virtuoso takes its limit per query).
OXIGRAPH_TIMEOUT = 1

#: Virtuoso's settings: its files in ``folder``, its ports, and the limits that matter
#: here (a result set as large as our dataset; a short checkpoint-free life).
VIRTUOSO_INI = """[Database]
DatabaseFile = {folder}/virtuoso.db
ErrorLogFile = {folder}/virtuoso.log
LockFile = {folder}/virtuoso.lck
TransactionFile = {folder}/virtuoso.trx
xa_persistent_file = {folder}/virtuoso.pxa
Striping = 0
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {folder}/virtuoso-temp.db
TransactionFile = {folder}/virtuoso-temp.trx
[Parameters]
ServerPort = {sql_port}
DisableUnixSocket = 1
CheckpointInterval = 0
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
DirsAllowed = .
CaseMode = 2
[HTTPServer]
ServerPort = {http_port}
ServerRoot = {folder}
ServerThreads = 10
MaxClientConnections = 10
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 60
"""


@dataclass
class Engine:
    name: str
    process: subprocess.Popen[bytes]
    #: The SPARQL query endpoint: what ``publish --to`` and ``serve --store-url`` take.
    url: str
    #: Virtuoso's SQL port, for isql (users, grants).
    sql_port: int | None = None
    #: Where the engine keeps its data.
    location: Path | None = None

    def sql(self, statement: str) -> None:
        """Run a statement as Virtuoso's dba (its fresh database's password: dba)."""
        assert ISQL and self.sql_port, "isql-vt runs Virtuoso's SQL"
        subprocess.run(
            [ISQL, str(self.sql_port), "dba", "dba", f"exec={statement}"],
            check=True,
            capture_output=True,
            timeout=30,
        )

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def start_oxigraph(folder: Path, port: int | None = None) -> Engine:
    """Oxigraph with its data in ``folder`` (kept: started again there, it has it)."""
    assert OXIGRAPH, "the oxigraph command is missing: it comes with the test extras (pip)"
    port = port or free_port()
    process = subprocess.Popen(
        [
            OXIGRAPH,
            "serve",
            "--location",
            str(folder),
            "--bind",
            f"127.0.0.1:{port}",
            "--timeout-s",
            str(OXIGRAPH_TIMEOUT),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    engine = Engine("oxigraph", process, f"http://127.0.0.1:{port}/query", location=folder)
    _wait_for(engine)
    return engine


def start_virtuoso(folder: Path) -> Engine:
    assert VIRTUOSO and ISQL, "Virtuoso is missing: make virtuoso (Debian's virtuoso-opensource)"
    sql_port, http_port = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(folder=folder, sql_port=sql_port, http_port=http_port))
    process = subprocess.Popen(
        [VIRTUOSO, "+foreground", "+configfile", str(ini)],
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    engine = Engine("virtuoso", process, f"http://127.0.0.1:{http_port}/sparql", sql_port, folder)
    _wait_for(engine, timeout=60)
    # Updates over the protocol (the Graph Store, SPARQL Update) without a login, as a
    # test may allow; a deployment gives publish a user instead (docs/remote-stores.md).
    engine.sql('GRANT SPARQL_UPDATE TO "SPARQL";')
    return engine


def _wait_for(engine: Engine, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while True:
        assert engine.process.poll() is None, f"{engine.name} exited at start"
        try:
            if requests.get(engine.url, params={"query": "ASK {}"}, timeout=2).ok:
                return
        except requests.ConnectionError:
            pass
        assert time.monotonic() < deadline, f"{engine.name} did not start in {timeout} s"
        time.sleep(0.1)
