"""What the endpoint's tests share: the fixture dataset, real server processes, answer parsing.

(Not a conftest: test modules import these names. Named uniquely because
pytest puts this folder on sys.path.)
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import pyoxigraph as ox
import requests
from flask import Flask

from catalogue.publication import OUTPUTS, BuildUnit, Staging, new_build_id, unit_of
from catalogue.search.index_writer import build_search_index
from catalogue.store import build_store
from server.app import create_app
from server.config import ServerConfig

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
    skos:inScheme ns:2022 ; skos:notation "02" ;
    skos:prefLabel "集成电路和电子电路设计服务"@zh-Hans ;
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

# A cross product no machine finishes: 7 patterns over the fixture store (24 triples) make 24^7 ≈ 4.6e9
# rows (5 patterns, 8e6 rows, finished within the 1 s timeout when the machine was idle).
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?o ?q . ?r ?t ?u . ?v ?w ?x }"


def publish_fixture(root: Path, trig: str = FIXTURE_TRIG) -> Path:
    """A build published in ``root`` the way build_graph.py publishes one, from the fixture
    dataset (or ``trig``): its store, the search index that search, suggest and classify
    read, and the example queries beside it."""
    nquads = root / "catalogue.nq"
    quads = ox.parse(trig.encode(), format=ox.RdfFormat.TRIG)
    nquads.write_bytes(ox.serialize(quads, format=ox.RdfFormat.N_QUADS))
    staging = Staging(root)
    with staging as unit:
        build_id = new_build_id(nquads)
        build_store(nquads, unit.store)
        build_search_index(nquads, unit.search, build_id, NS)
        staging.publish(build_id, {"namespace": NS}, keep=1)
    examples = root / "queries"
    examples.mkdir()
    for name, text in EXAMPLES.items():
        (examples / name).write_text(text, encoding="utf-8")
    return root


def render_static_site(root: Path) -> None:
    """The static site of the build published in ``root``, rendered as a worker renders it
    (``python -m server.static_site.render``, another process: another Python hash seed,
    so an order that depends on it shows)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CATALOGUE_")}
    env["CATALOGUE_EXAMPLES_DIR"] = str(root / "queries")
    subprocess.run(
        [sys.executable, "-m", "server.static_site.render", str(unit_of(root).root)],
        env=env,
        check=True,
    )


def publish_copy(unit: BuildUnit, output: Path, keep: int, *, same_id: bool = False) -> BuildUnit:
    """``unit``'s outputs published again in ``output``, now current (a build costs seconds):
    under a new build id, or under ``unit``'s own (``same_id``)."""
    staging = Staging(output)
    with staging as copy:
        for name in OUTPUTS:
            shutil.copytree(unit.root / name, copy.root / name)
        info = {key: value for key, value in unit.info().items() if key != "build_id"}
        build_id = unit.id if same_id else new_build_id(unit.dumps / "catalogue.nq")
        return staging.publish(build_id, info, keep)


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


class _FromAddress(requests.adapters.HTTPAdapter):
    def __init__(self, address: str) -> None:
        self._address = address
        super().__init__()

    def init_poolmanager(self, *args: object, **kwargs: object) -> None:
        kwargs["source_address"] = (self._address, 0)
        super().init_poolmanager(*args, **kwargs)  # type: ignore[arg-type]


def session_from(address: str) -> requests.Session:
    """A client on its own loopback address (127.0.0.0/8 is all ours): per-client
    limits see distinct clients without a proxy header."""
    session = requests.Session()
    session.mount("http://", _FromAddress(address))
    return session


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


_RDF = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/n-quads": ox.RdfFormat.N_QUADS,
    "application/trig": ox.RdfFormat.TRIG,
    "text/n3": ox.RdfFormat.N3,
}


def media_type(content_type: str | None) -> str:
    return (content_type or "").split(";")[0].strip()


def parse_body(content_type: str | None, body: bytes) -> object:
    """The parsed answer: rows, a boolean, a list of quads, or text; raises if malformed."""
    media = media_type(content_type)
    if media == "application/sparql-results+json":
        data = json.loads(body)
        assert "head" in data
        return data["boolean"] if "boolean" in data else data["results"]["bindings"]
    if media == "application/sparql-results+xml":
        results = ox.parse_query_results(body, format=ox.QueryResultsFormat.XML)
        return bool(results) if isinstance(results, ox.QueryBoolean) else list(results)
    if media == "text/csv":
        return list(csv.DictReader(io.StringIO(body.decode("utf-8"))))
    if media == "text/tab-separated-values":
        results = ox.parse_query_results(body, format=ox.QueryResultsFormat.TSV)
        return bool(results) if isinstance(results, ox.QueryBoolean) else list(results)
    if media in _RDF:
        return list(ox.parse(body, format=_RDF[media]))
    if media in ("text/plain", "text/html"):
        text = body.decode("utf-8")
        assert text.strip()
        return text
    if media == "application/json":
        return json.loads(body)
    raise AssertionError(f"unexpected media type {media!r}")


def make_app(fixture_build: Path, store: object, **settings: object) -> Flask:
    """An app over an in-process store, for Flask's test client (no timeout isolation)."""
    config = ServerConfig(
        store=fixture_build / "store",
        examples_dir=fixture_build / "queries",
        access_log="off",
        rate_limit=None,
        **settings,  # type: ignore[arg-type]
    )
    return create_app(config, store=store)  # type: ignore[arg-type]


T = TypeVar("T")


def eventually(
    check: Callable[[], T], what: str, timeout: float = 10.0, interval: float = 0.02
) -> T:
    """``check()``'s first true value, polled until ``timeout``: a test waits for what it
    waits for, not for a fixed time that a loaded machine may overrun."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {timeout:g} s: {what}")
        time.sleep(interval)


def unique(query: str) -> str:
    """``query`` as no test has sent it before, whatever ran first (a comment changes the
    text and so its cache entry, not its answer)."""
    return f"{query} # {uuid.uuid4().hex}"
