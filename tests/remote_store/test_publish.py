"""``outsourcing-catalogue publish --to URL``: builds loaded beside each other, one made
current at a time, atomically for readers; a failed publication changes nothing; old
builds beyond ``--keep`` are dropped; errors name the URL and the status."""

from __future__ import annotations

import contextlib
import io
import signal
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from catalogue.cli import main
from catalogue.publication import BuildUnit
from catalogue.remote import layout
from catalogue.remote.http import Client
from catalogue.settings import PROJECT_ROOT
from server.app import create_app, project_prefixes
from server.config import ServerConfig
from server.store.remote import RemoteStore
from tests.load_support import Load, gets
from tests.remote_store.conftest import LABEL_QUERY, publish_to
from tests.remote_store.engines import Engine, start_oxigraph
from tests.remote_store.proxy import Proxy
from tests.server.endpoint_support import Server, start_server, stop_server

REQUESTS = gets(
    ("/sparql", {"query": LABEL_QUERY}),
    ("/2022/domain/05.ttl", {}),
    ("/search", {"q": "人脸识别", "format": "json"}),
)


@dataclass(frozen=True)
class Ran:
    returncode: int
    stdout: str
    stderr: str


def run_publish(unit: BuildUnit, url: str, *options: str) -> Ran:
    """The command as a user runs it (its entry point, in this process: a second
    Python would only add its start to the test's time)."""
    out, err = io.StringIO(), io.StringIO()
    argv = ["publish", "--build-dir", str(unit.output_dir), "--to", url, *options]
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return Ran(code, out.getvalue(), err.getvalue())


def current_build(url: str) -> str | None:
    record = layout.current_record(Client().select(url, layout.CURRENT_QUERY))
    return record.build_id if record else None


def stored_graphs(url: str) -> set[str]:
    """Every graph in the store holding statements, ours or not."""
    answer = Client().select(url, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    return {row["g"] for row in layout.rows(answer)}


def wait_until(check: object, what: str, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while not check():  # type: ignore[operator]
        assert time.monotonic() < deadline, what
        time.sleep(0.05)


def reload(server: Server) -> None:
    """SIGHUP: granian replaces its workers, which read the store's current build again."""
    stopped = server.log_lines().count("Stopped old worker")
    server.process.send_signal(signal.SIGHUP)
    wait_until(lambda: server.log_lines().count("Stopped old worker") >= stopped + 2, "no reload")


@pytest.fixture
def served(build_a: BuildUnit, tmp_path: Path) -> Iterator[tuple[Server, list[Engine]]]:
    """A real server (granian, two workers) on build A in an Oxigraph of its own (the test
    stops and starts it), no build folder beside. The engine is in a list: started again,
    it is another process."""
    engine = start_oxigraph(tmp_path / "oxigraph")
    publish_to(engine.url, build_a)
    (tmp_path / "queries").symlink_to(PROJECT_ROOT / "queries")
    server = start_server(
        tmp_path, "remote", {"CATALOGUE_STORE_URL": engine.url, "CATALOGUE_QUERY_TIMEOUT": "10"}
    )
    engines = [engine]
    yield server, engines
    stop_server(server)
    engines[-1].stop()


def test_a_servers_life_publications_under_load_reloads_and_an_outage(
    served: tuple[Server, list[Engine]],
    build_a: BuildUnit,
    variants: dict[str, BuildUnit],
    proxy_to: list[Proxy],
) -> None:
    """Every answer is wholly build A's or wholly B's, as its X-Build says, through a
    publication under load, a publication refused part-way and a reload; each build has
    its own ETags. Then the store goes down across a reload: the server stays up with
    503s, and serves again when the store is back."""
    server, engines = served
    oxigraph = engines[0]
    b, d = variants["B"], variants["D"]  # D: published nowhere else
    proxy = Proxy(oxigraph.url)
    proxy_to.append(proxy)
    with Load(server.url, REQUESTS, clients=2, pause=0.03) as load:
        load.wait_until_answered_by(build_a.id)
        published = run_publish(b, oxigraph.url)
        assert published.returncode == 0, published.stderr
        assert current_build(oxigraph.url) == b.id
        # The workers keep reading A, whole, until they are told to read the store again.
        before = len(load.seen)
        wait_until(lambda: len(load.seen) > before + 6, "answers after the publication")
        assert {s.build for s in load.seen[before:]} == {build_a.id}
        # A publication the store refuses part-way (its third graph) changes nothing.
        proxy.behave(refuse_nth=("PUT", 3))
        failed = run_publish(d, proxy.url("/query"), "--engine", "oxigraph")
        assert failed.returncode == 1
        assert proxy.url("/store") in failed.stderr and "503" in failed.stderr, failed.stderr
        assert "Traceback" not in failed.stderr
        assert current_build(oxigraph.url) == b.id
        assert not any(d.id in graph for graph in stored_graphs(oxigraph.url))
        reload(server)
        load.wait_until_answered_by(b.id)
    seen = load.seen

    assert not load.errors
    assert {s.status for s in seen} == {200}
    assert {s.build for s in seen} == {build_a.id, b.id}
    labels = {build_a.id: b'"bindings":[]', b.id: b'"value":"B"'}
    bodies: dict[str, set[bytes]] = defaultdict(set)
    etags: dict[tuple[str, str], set[str]] = defaultdict(set)
    for s in seen:
        if s.path == "/sparql":  # the answer is the data of the build the header names
            assert labels[s.build] in s.body, (s.build, s.body)
        if s.etag:
            bodies[s.etag].add(s.body)
            etags[s.path, s.build].add(s.etag)
    assert {etag for etag, found in bodies.items() if len(found) > 1} == set()
    for path in ("/sparql", "/2022/domain/05.ttl"):  # each build its own ETag
        assert len(etags[path, build_a.id]) == len(etags[path, b.id]) == 1
        assert etags[path, build_a.id] != etags[path, b.id]

    # The store down as a reload makes new workers: they answer 503 until it is back
    # (before, they could not start, and granian shut the whole server down).
    oxigraph.stop()
    reload(server)
    down = server.get("/healthz")
    assert down.status_code == 503 and "Retry-After" in down.headers
    assert oxigraph.url in down.text
    assert oxigraph.location is not None
    engines.append(start_oxigraph(oxigraph.location, urlsplit(oxigraph.url).port))

    def served_again() -> bool:
        """Several answers in a row from B (each worker tries again, at most once a second, on
        the requests it gets: one may still say 503 while the other serves)."""
        answers = [server.get("/healthz") for _ in range(4)]
        return {(a.status_code, a.headers.get("X-Build")) for a in answers} == {(200, b.id)}

    wait_until(served_again, "served again, build B")


def test_builds_beyond_keep_are_dropped(
    engine: Engine, build_a: BuildUnit, variants: dict[str, BuildUnit]
) -> None:
    publish_to(engine.url, build_a)
    c = variants["C"]
    published = publish_to(engine.url, c, keep=1)
    assert build_a.id in published.dropped
    graphs = stored_graphs(engine.url)
    assert not any(layout.marker(build_a.id) in g for g in graphs)
    assert sum(layout.marker(c.id) in g for g in graphs) == len(published.record.graphs)
    recorded = layout.rows(Client().select(engine.url, layout.BUILDS_QUERY))
    assert {row["id"] for row in recorded} == {c.id}
    assert current_build(engine.url) == c.id
    again = run_publish(c, engine.url)
    assert again.returncode == 0 and "already the current one" in again.stdout


@pytest.mark.parametrize(
    ("how", "expected"),
    [("down", "cannot reach"), ("refusing", "401 Unauthorized")],
)
def test_a_store_that_is_down_or_refuses_is_named_with_its_status(
    oxigraph: Engine, build_a: BuildUnit, proxy_to: list[Proxy], how: str, expected: str
) -> None:
    before = current_build(oxigraph.url)
    proxy = Proxy(oxigraph.url)
    proxy_to.append(proxy)
    url = proxy.url("/query")
    if how == "down":
        proxy.close()
        proxy_to.remove(proxy)
    else:
        proxy.behave(status=401)
    failed = run_publish(build_a, url)
    assert failed.returncode == 1
    assert url in failed.stderr and expected in failed.stderr, failed.stderr
    assert "unchanged" in failed.stderr and "Traceback" not in failed.stderr
    assert current_build(oxigraph.url) == before


def test_a_server_whose_build_was_dropped_says_so(
    oxigraph: Engine, build_a: BuildUnit, variants: dict[str, BuildUnit], tmp_path: Path
) -> None:
    """Published past ``--keep`` without a reload, a server's build is gone: a 503 that says
    to reload, not empty answers from its emptied graphs."""
    publish_to(oxigraph.url, build_a)
    store = RemoteStore(oxigraph.url, project_prefixes(), recheck_every=0)
    config = ServerConfig(
        store=tmp_path / "store", store_url=oxigraph.url, access_log="off", rate_limit=None
    )
    client = create_app(config, store=store).test_client()
    query = {"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"}
    assert client.get("/sparql", query_string=query).status_code == 200
    publish_to(oxigraph.url, variants["B"], keep=1)
    query["query"] += " # after"
    answer = client.get("/sparql", query_string=query)
    assert answer.status_code == 503
    assert f"build {build_a.id} is no longer in {oxigraph.url}".encode() in answer.data


def test_publishing_as_a_user_over_virtuosos_authenticated_endpoints(
    virtuoso: Engine, variants: dict[str, BuildUnit], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``--user`` publishes through /sparql-auth and /sparql-graph-crud-auth (digest auth),
    the password from the environment; a wrong one is refused, named, and changes nothing."""
    virtuoso.sql("DB.DBA.USER_CREATE('publisher', 'secret'); GRANT SPARQL_UPDATE TO \"publisher\";")
    before = current_build(virtuoso.url)
    monkeypatch.setenv("CATALOGUE_STORE_PASSWORD", "wrong")
    refused = run_publish(variants["D"], virtuoso.url, "--user", "publisher")
    assert refused.returncode == 1
    assert "/sparql-graph-crud-auth?graph=" in refused.stderr and "401" in refused.stderr
    assert current_build(virtuoso.url) == before
    monkeypatch.setenv("CATALOGUE_STORE_PASSWORD", "secret")
    published = run_publish(variants["D"], virtuoso.url, "--user", "publisher")
    assert published.returncode == 0, published.stderr
    assert current_build(virtuoso.url) == variants["D"].id
