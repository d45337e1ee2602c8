"""Fixtures for the endpoint's tests: a small dataset, an app over it, and real servers.

The real servers are the real thing: ``outsourcing-catalogue serve`` in a
subprocess (granian, worker processes, engine processes) over a store built
from the fixture dataset, so the tests do not depend on the state of the
catalogue's own build. ``test_real_build.py`` checks the real build separately.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest
import requests

from catalogue.store import build_store
from server.app import create_app, project_prefixes
from server.config import RateLimit, ServerConfig
from server.store.embedded import EmbeddedStore, snapshot

NS = "https://w3id.org/service-outsourcing/"
OFFICIAL = NS + "graph/official"
TRANSLATION = NS + "graph/translation"

FIXTURE_TRIG = f"""
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix ns: <{NS}> .

<{OFFICIAL}> {{
  ns:2022 a skos:ConceptScheme ;
    skos:prefLabel "服务外包产业重点发展领域指导目录（2022年版）"@zh-Hans ;
    skos:hasTopConcept <{NS}2022/category/ITO> .
  <{NS}2022/category/ITO> a skos:Concept ;
    skos:inScheme ns:2022 ; skos:topConceptOf ns:2022 ; skos:notation "ITO" ;
    skos:prefLabel "信息技术外包"@zh-Hans ;
    skos:narrower <{NS}2022/domain/01>, <{NS}2022/domain/02> .
  <{NS}2022/domain/01> a skos:Concept ;
    skos:inScheme ns:2022 ; skos:notation "01" ; skos:prefLabel "软件研发服务"@zh-Hans ;
    skos:broader <{NS}2022/category/ITO> .
  <{NS}2022/domain/02> a skos:Concept ;
    skos:inScheme ns:2022 ; skos:notation "02" ; skos:prefLabel "集成电路和电子电路设计服务"@zh-Hans ;
    skos:broader <{NS}2022/category/ITO> .
}}

<{TRANSLATION}> {{
  ns:2022 skos:prefLabel "Guiding Catalogue of Key Areas of Service Outsourcing (2022)"@en .
  <{NS}2022/category/ITO> skos:prefLabel "Information technology outsourcing"@en .
  <{NS}2022/domain/01> skos:prefLabel "Software research and development services"@en .
  <{NS}2022/domain/02> skos:prefLabel "Integrated and electronic circuit design services"@en .
}}
"""

EXAMPLES = {
    "01-domains.rq": "# The key domains and their notations\n"
    "SELECT ?domain ?notation WHERE { ?domain skos:broader ?category ; skos:notation ?notation }\n"
    "ORDER BY ?notation\n",
    "02-labels.rq": "# English labels (our translation)\n"
    "SELECT ?c ?label WHERE { GRAPH <" + TRANSLATION + "> { ?c skos:prefLabel ?label } }\n",
}

#: Statements in the fixture dataset (counted once, here, so tests can check totals).
FIXTURE_QUADS = len(list(ox.parse(FIXTURE_TRIG.encode(), format=ox.RdfFormat.TRIG)))

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?o ?q }"


@pytest.fixture(scope="session")
def fixture_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store built the way build_graph.py builds one, from the fixture dataset."""
    root = tmp_path_factory.mktemp("build")
    nquads = root / "catalogue.nq"
    quads = ox.parse(FIXTURE_TRIG.encode(), format=ox.RdfFormat.TRIG)
    nquads.write_bytes(ox.serialize(quads, format=ox.RdfFormat.N_QUADS))
    build_store(nquads, root / "store", {"namespace": NS})
    examples = root / "queries"
    examples.mkdir()
    for name, text in EXAMPLES.items():
        (examples / name).write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="session")
def fixture_store(fixture_build: Path) -> EmbeddedStore:
    data, info = snapshot(fixture_build / "store")
    return EmbeddedStore.from_nquads(data, info, project_prefixes())


def make_app(fixture_build: Path, store: object, **settings: object):  # noqa: ANN201
    """An app over an in-process store, for Flask's test client (no timeout isolation)."""
    config = ServerConfig(
        store=fixture_build / "store",
        examples_dir=fixture_build / "queries",
        access_log="off",
        rate_limit=None,
        **settings,  # type: ignore[arg-type]
    )
    return create_app(config, store=store)  # type: ignore[arg-type]


@pytest.fixture
def client(fixture_build: Path, fixture_store: EmbeddedStore):  # noqa: ANN201
    return make_app(fixture_build, fixture_store).test_client()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    """A real ``outsourcing-catalogue serve`` process and how to reach it."""

    process: subprocess.Popen
    url: str
    access_log: Path
    output: Path

    @property
    def sparql(self) -> str:
        return self.url + "/sparql"

    def get(self, path: str = "/sparql", **kwargs: object) -> requests.Response:
        kwargs.setdefault("timeout", 30)
        return requests.get(self.url + path, **kwargs)  # type: ignore[arg-type]

    def post(self, path: str = "/sparql", **kwargs: object) -> requests.Response:
        kwargs.setdefault("timeout", 30)
        return requests.post(self.url + path, **kwargs)  # type: ignore[arg-type]

    def engine_pids(self) -> set[int]:
        """The engine processes of this server (grandchildren: server → worker → engine)."""
        workers = _children(self.process.pid)
        return {pid for worker in workers for pid in _children(worker)}

    def log_lines(self) -> str:
        return self.output.read_text(errors="replace")


def _children(pid: int) -> set[int]:
    found = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        children = (task / "children").read_text().split() if (task / "children").exists() else []
        found.update(int(child) for child in children)
    return found


def start_server(root: Path, name: str, extra_env: dict[str, str] | None = None) -> Server:
    port = free_port()
    access_log = root / f"{name}-access.log"
    output = root / f"{name}-output.log"
    env = {k: v for k, v in os.environ.items() if not k.startswith("CATALOGUE_")}
    env.update(
        {
            "CATALOGUE_STORE": str(root / "store"),
            "CATALOGUE_EXAMPLES_DIR": str(root / "queries"),
            "CATALOGUE_ACCESS_LOG": str(access_log),
            "CATALOGUE_WORKERS": "2",
            "CATALOGUE_ENGINES": "2",
            "CATALOGUE_QUERY_TIMEOUT": "3",
            "CATALOGUE_RATE_LIMIT": "100000/second",
            **(extra_env or {}),
        }
    )
    command = shutil.which("outsourcing-catalogue", path=str(Path(sys.executable).parent))
    argv = [command] if command else [sys.executable, "-m", "catalogue.cli"]
    with output.open("wb") as sink:
        process = subprocess.Popen(
            [*argv, "serve", "--port", str(port)],
            env=env,
            stdout=sink,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = Server(process, f"http://127.0.0.1:{port}", access_log, output)
    deadline = time.monotonic() + 30
    healthy = 0
    while healthy < 4:  # several answers: both workers up, engines started
        if process.poll() is not None or time.monotonic() > deadline:
            stop_server(server)
            raise RuntimeError(f"the server did not start:\n{server.log_lines()}")
        try:
            healthy += server.get("/healthz", timeout=2).status_code == 200
        except requests.ConnectionError:
            time.sleep(0.1)
    return server


def stop_server(server: Server) -> None:
    if server.process.poll() is None:
        server.process.send_signal(signal.SIGINT)
        try:
            server.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.process.pid, signal.SIGKILL)
            server.process.wait()


@pytest.fixture(scope="session")
def live(fixture_build: Path) -> Iterator[Server]:
    """The endpoint as served by default, but for a 3 s timeout and a high rate limit."""
    server = start_server(fixture_build, "live")
    yield server
    stop_server(server)


@pytest.fixture(scope="session")
def hostile(fixture_build: Path) -> Iterator[Server]:
    """A server set up to be attacked: 1 s timeout, a low rate limit, no nesting check and
    a small engine stack (so deep nesting really crashes an engine), one proxy trusted
    (so each test can be its own client with X-Forwarded-For)."""
    server = start_server(
        fixture_build,
        "hostile",
        {
            "CATALOGUE_QUERY_TIMEOUT": "1",
            "CATALOGUE_RATE_LIMIT": "5/second",
            "CATALOGUE_RATE_BURST": "5",
            "CATALOGUE_MAX_NESTING": "0",
            "CATALOGUE_ENGINE_STACK_MIB": "1",
            "CATALOGUE_TRUSTED_PROXIES": "1",
        },
    )
    yield server
    stop_server(server)


__all__ = ["FIXTURE_QUADS", "NS", "OFFICIAL", "RUNAWAY", "TRANSLATION", "RateLimit", "Server"]
