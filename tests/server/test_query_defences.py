"""The query path as an attacker tries it (issue 8): each reproduction is a case here.

- SERVICE cannot reach another host: refused when read, and impossible beneath,
  since the engines have no network (proved without the check, on the store itself);
- text built to make the reader slow is read in one pass and refused at once;
- lexical tricks cannot hide nesting from the check;
- one client's runaway queries cannot take every engine from the others.

Against real server processes (``live``: default setup, 3 s timeout), but for the
sandbox proof, which drives the isolated store directly.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
from endpoint_support import FIXTURE_TRIG, RUNAWAY, Server, make_app, session_from

from server.store.embedded import QueryEvaluationError
from server.store.interface import (
    BuildInfo,
    ClientBusy,
    QueryRequest,
    QueryTimeout,
    StoreBusy,
    on_the_servers_behalf,
    requesting_client,
)
from server.store.isolated import IsolatedStore


class Listener:
    """A TCP port on loopback that counts who connects to it."""

    def __init__(self) -> None:
        self.socket = socket.create_server(("127.0.0.1", 0))
        self.port = self.socket.getsockname()[1]
        self.connections = 0
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                connection, _ = self.socket.accept()
            except OSError:
                return
            self.connections += 1
            connection.close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    found = Listener()
    yield found
    found.socket.close()


def service_tricks(port: int) -> list[str]:
    target = f"<http://127.0.0.1:{port}/sparql>"
    return [
        f"SELECT ?x WHERE {{ ?s ?p ?o.SERVICE{target}{{?a ?b ?x}} }}",
        f"SELECT ?x WHERE {{ FILTER(1<2)SERVICE#>\n{target}{{?a ?b ?x}} }}",
        f"SELECT ?x WHERE {{ FILTER(?a<?b)sErViCe#>\n{target}{{?a ?b ?x}} }}",
        f"SELECT ?x WHERE {{ SERVICE SILENT {target} {{ ?a ?b ?x }} }}",
    ]


def test_service_is_refused_however_it_is_written(live: Server, listener: Listener) -> None:
    for query in service_tricks(listener.port):
        response = live.get(params={"query": query})
        assert response.status_code == 400, query
        assert "SERVICE" in response.text
    assert listener.connections == 0


@pytest.fixture(scope="module")
def fixture_data() -> bytes:
    import pyoxigraph as ox

    store = ox.Store()
    store.load(FIXTURE_TRIG.encode(), ox.RdfFormat.TRIG)
    return store.dump(format=ox.RdfFormat.N_QUADS)


def _store(data: bytes, sandbox: bool) -> IsolatedStore:
    info = BuildInfo("test", 0.0, 1, ())
    return IsolatedStore(data, info, {}, engines=1, sandbox=sandbox)


def _ask_service(store: IsolatedStore, port: int) -> str:
    query = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}"
    try:  # the engine starts in the background: wait for it as long as it takes
        return store.query(QueryRequest(query), time.monotonic() + 20).body().decode()
    except QueryEvaluationError as error:
        return str(error)


def test_an_engine_cannot_reach_any_host_even_when_asked(
    fixture_data: bytes, listener: Listener
) -> None:
    """Beneath the check: a SERVICE query handed to a sandboxed engine directly."""
    store = _store(fixture_data, sandbox=True)
    try:
        error = _ask_service(store, listener.port)
    finally:
        store.close()
    assert "unreachable" in error.lower()
    assert listener.connections == 0


def test_without_the_sandbox_the_same_query_does_reach_the_host(
    fixture_data: bytes, listener: Listener
) -> None:
    """The counterpart that shows the test above can fail: the engine would fetch."""
    store = _store(fixture_data, sandbox=False)
    try:
        _ask_service(store, listener.port)
    finally:
        store.close()
    assert listener.connections >= 1


def test_text_made_to_stall_the_reader_is_refused_at_once(live: Server) -> None:
    """64 KB of escaped quotes in an unclosed string: a minute in the old regular
    expressions, during which the worker's other clients waited."""
    query = 'ASK { FILTER("' + '\\"' * 32_000 + ") }"
    started = time.monotonic()
    response = live.post(data={"query": query})
    assert response.status_code == 400
    assert "a string is not closed at line 1, column 14" in response.text
    assert time.monotonic() - started < 2


def test_nesting_cannot_hide_behind_a_less_than(live: Server) -> None:
    """``1<`` then an IRI-looking run: the old check skipped it as an IRI, and the
    engine crashed on 400,000 nested brackets."""
    query = "ASK { FILTER(1<" + "(" * 400_000 + ")#>\n}"
    response = live.post(data=query, headers={"Content-Type": "application/sparql-query"})
    assert response.status_code == 400
    assert "nests brackets 400002 levels deep" in response.text


def test_nested_collections_that_would_take_the_parser_seconds_are_refused(live: Server) -> None:
    query = "ASK { ?s <http://p> " + "(" * 100 + "1" + ")" * 100 + " }"
    response = live.get(params={"query": query})
    assert response.status_code == 400
    assert "collections or blank-node lists 100 levels deep" in response.text


def test_one_clients_runaway_queries_leave_engines_for_the_others(live: Server) -> None:
    """10 runaway queries from one client: it gets its share of the engines (all but
    one per worker) and a 429 for the rest, at once; another client's uncached
    queries are answered meanwhile, each in under a second."""
    greedy = session_from("127.0.0.7")
    other = session_from("127.0.0.8")

    def runaway(n: int) -> tuple[int, float, str | None]:
        started = time.monotonic()
        response = greedy.get(
            live.sparql, params={"query": f"{RUNAWAY} # {n} {time.time()}"}, timeout=30
        )
        return response.status_code, time.monotonic() - started, response.headers.get("Retry-After")

    with ThreadPoolExecutor(10) as pool:
        running = [pool.submit(runaway, n) for n in range(10)]
        time.sleep(0.5)
        waits = []
        for n in range(6):
            started = time.monotonic()
            response = other.get(
                live.sparql, params={"query": f"ASK {{ ?s ?p ?o }} # {n} {time.time()}"}, timeout=30
            )
            waits.append(time.monotonic() - started)
            assert response.status_code == 200, response.text
        outcomes = [future.result() for future in running]

    assert max(waits) < 1.0, waits
    statuses = [status for status, _, _ in outcomes]
    # At most 2 workers × (3 engines - 1) run; how many exactly depends on which
    # worker took which connection.
    assert 2 <= statuses.count(504) <= 4, outcomes
    refused = [(elapsed, retry) for status, elapsed, retry in outcomes if status == 429]
    assert len(refused) == 10 - statuses.count(504), outcomes
    assert all(elapsed < 1.0 and retry for elapsed, retry in refused), refused


def test_a_large_answer_dropped_before_its_rest_is_read_frees_its_engine(
    fixture_data: bytes,
) -> None:
    """A client that leaves while the first, in-memory part of a large answer is sent:
    the engine is freed at once, not at the query's timeout."""
    store = _store(fixture_data, sandbox=True)
    try:
        big = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
        answer = store.query(QueryRequest(big), time.monotonic() + 10)
        assert not answer.complete  # streamed: the engine is still producing it
        answer.close()
        started = time.monotonic()
        small = store.query(QueryRequest("ASK {}"), time.monotonic() + 60)
        assert small.body() and time.monotonic() - started < 5
    finally:
        store.close()


def test_the_servers_own_queries_count_against_no_clients_share(fixture_data: bytes) -> None:
    """The data's index is loaded inside the first request that needs it: that query is
    the server's, not the client's (it was counted, and a client at its share got a 500)."""
    store = IsolatedStore(fixture_data, BuildInfo("test", 0.0, 1, ()), {}, engines=2)  # share 1
    outcome: list[object] = []

    def runaway() -> None:
        requesting_client.set("127.0.0.9")
        try:
            store.query(QueryRequest(RUNAWAY), time.monotonic() + 3)
        except QueryTimeout as error:
            outcome.append(error)

    thread = threading.Thread(target=runaway)
    try:
        store.query(QueryRequest("ASK {}"), time.monotonic() + 20)  # the engines are up
        thread.start()
        token = requesting_client.set("127.0.0.9")
        try:
            deadline = time.monotonic() + 10
            while not store._held and time.monotonic() < deadline:  # the runaway has its engine
                time.sleep(0.01)
            with pytest.raises(ClientBusy):
                store.query(QueryRequest("ASK {}"), time.monotonic() + 5)
            with on_the_servers_behalf():
                assert store.query(QueryRequest("ASK {}"), time.monotonic() + 5).body()
        finally:
            requesting_client.reset(token)
        thread.join(10)
        assert outcome and isinstance(outcome[0], QueryTimeout)
    finally:
        store.close()


class _BusyStore:
    """A store whose engines never come free."""

    info = BuildInfo("busy", 0.0, 1, ())

    def query(self, request: QueryRequest, deadline: float) -> object:
        raise StoreBusy("all 3 query engines of this worker stayed busy")

    graph = query

    def close(self) -> None:
        pass


def test_a_store_refusal_no_route_translates_is_not_a_500(fixture_build) -> None:  # type: ignore[no-untyped-def]
    """The linked-data index loads inside a page's request: busy engines there are a 503
    with a reason, as on /sparql."""
    client = make_app(fixture_build, _BusyStore()).test_client()
    response = client.get("/2022/domain/05.ttl")
    assert response.status_code == 503, response.get_data(as_text=True)
    assert "busy" in response.get_data(as_text=True)
