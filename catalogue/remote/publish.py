"""``outsourcing-catalogue publish --to URL``: a published build into a remote store.

1. Each of the build's graphs is loaded over the Graph Store Protocol (PUT) under its
   build's own name (layout.py), beside the builds already there; readers still use the
   current one and see nothing of this.
2. The loaded graphs are counted back: a store that kept less than it was sent (a
   limit, a parser that skipped a line) fails the publication here.
3. One update records the build and makes it current.
4. Builds beyond the newest ``keep`` are dropped (never the current one): their records
   first, then their graphs. Servers not yet reloaded (SIGHUP) keep finding theirs as
   long as it is among the ``keep``; one whose build is dropped says so (a 503), rather
   than answer from graphs being emptied (server/store/remote.py).

A failure before 3 drops what was loaded and leaves the store's current build as it was.
"""

from __future__ import annotations

import contextlib
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

import pyoxigraph as ox

from catalogue.publication import BuildUnit
from catalogue.remote import layout
from catalogue.remote.engines import AUTO, ENGINES, Endpoints, Engine, endpoints_of, recognise
from catalogue.remote.http import Client, StoreRefused

NQUADS = "catalogue.nq"


@dataclass(frozen=True)
class Target:
    engine: Engine
    endpoints: Endpoints
    client: Client


@dataclass(frozen=True)
class GraphData:
    ntriples: bytes
    triples: int


@dataclass(frozen=True)
class Published:
    record: layout.BuildRecord
    #: The builds dropped because more than ``keep`` were there.
    dropped: tuple[str, ...]
    #: The build was already the current one: nothing was sent.
    already_current: bool = False


def connect(
    query_url: str,
    engine_name: str = AUTO,
    update_url: str | None = None,
    graph_store_url: str | None = None,
    user: str | None = None,
    password: str | None = None,
) -> Target:
    """The store at ``query_url``: its engine (asked, for ``auto``) and its endpoints."""
    client = Client(user, password)
    if engine_name == AUTO:
        reply = client.send(
            "POST",
            query_url,
            urlencode({"query": "ASK {}"}).encode(),
            "application/x-www-form-urlencoded",
            "application/sparql-results+json",
        )
        engine = recognise(reply.headers.get("Server"))
    else:
        engine = ENGINES[engine_name]
    guessed = endpoints_of(engine, query_url, authenticated=user is not None)
    endpoints = Endpoints(
        query_url, update_url or guessed.update, graph_store_url or guessed.graph_store
    )
    return Target(engine, endpoints, client)


def read_build(unit: BuildUnit) -> tuple[layout.BuildRecord, dict[str, GraphData]]:
    """The build's record and each graph's triples as N-Triples, from its N-Quads dump."""
    info = unit.info()
    nquads = unit.dumps / NQUADS
    if not nquads.is_file():
        raise ValueError(f"build {unit.id} has no {nquads}: publish a complete build")
    graphs: dict[str, list[ox.Triple]] = defaultdict(list)
    for quad in ox.parse(path=str(nquads), format=ox.RdfFormat.N_QUADS):
        if not isinstance(quad.graph_name, ox.NamedNode):
            raise ValueError(f"build {unit.id} has a triple outside its named graphs: {quad}")
        graphs[quad.graph_name.value].append(quad.triple)
    record = layout.BuildRecord(
        unit.id,
        tuple(sorted(graphs)),
        sum(len(triples) for triples in graphs.values()),
        _text(info.get("namespace")),
        _text(info.get("source_sha256")),
    )
    data = {
        graph: GraphData(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"", len(triples))
        for graph, triples in graphs.items()
    }
    return record, data


def publish(
    unit: BuildUnit, target: Target, keep: int, say: Callable[[str], None] = lambda _: None
) -> Published:
    if keep < 1:
        raise ValueError(f"at least the current build is kept, not {keep}")
    record, data = read_build(unit)
    current = layout.current_record(
        target.client.select(target.endpoints.query, layout.CURRENT_QUERY)
    )
    if current is not None and current.build_id == record.build_id:
        return Published(record, (), already_current=True)
    if record.build_id in _recorded(target):
        # Kept from an earlier publication (and maybe served by a server not yet reloaded):
        # its graphs are not sent again, only counted, so no failure here can harm them.
        say(f"build {record.build_id} is in the store already")
        _check_counts(target, record, data)
        target.client.update(target.endpoints.update, layout.switch_update(record))
    else:
        _load(target, record, data, say)
    say(f"build {record.build_id} is current")
    return Published(record, _prune(target, keep, record.build_id, say))


def _load(
    target: Target,
    record: layout.BuildRecord,
    data: dict[str, GraphData],
    say: Callable[[str], None],
) -> None:
    """Load the build's graphs, count them, make it current; on any failure, drop what
    was loaded (a build no one has recorded, so no one reads)."""
    loaded: list[str] = []
    try:
        for graph in record.graphs:
            stored = record.stored(graph)
            say(f"loading {graph} ({data[graph].triples} triples)")
            url = target.endpoints.graph_store + "?" + urlencode({"graph": stored})
            loaded.append(stored)
            target.client.send("PUT", url, data[graph].ntriples, "application/n-triples")
        _check_counts(target, record, data)
        target.client.update(target.endpoints.update, layout.CREATE_REGISTRY)
        target.client.update(target.endpoints.update, layout.switch_update(record))
    except BaseException:
        _drop(target, loaded)
        raise


def _recorded(target: Target) -> dict[str, set[str]]:
    """Every build the registry records, with its graphs."""
    builds: dict[str, set[str]] = defaultdict(set)
    for row in layout.rows(target.client.select(target.endpoints.query, layout.BUILDS_QUERY)):
        builds[row["id"]].add(row["graph"])
    return builds


def _check_counts(target: Target, record: layout.BuildRecord, data: dict[str, GraphData]) -> None:
    for graph in record.graphs:
        query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{record.stored(graph)}> {{ ?s ?p ?o }} }}"
        found = int(layout.rows(target.client.select(target.endpoints.query, query))[0]["n"])
        sent = data[graph].triples
        if found != sent:
            raise StoreRefused(
                f"{target.endpoints.graph_store} kept {found} of the {sent} triples sent for "
                f"{graph}: nothing was published"
            )


def _prune(target: Target, keep: int, current: str, say: Callable[[str], None]) -> tuple[str, ...]:
    builds = _recorded(target)
    # Ids begin with the time the build was made: the newest sort last.
    old = [build for build in sorted(builds, reverse=True)[keep:] if build != current]
    for build in old:
        say(f"dropping build {build}")
        target.client.update(target.endpoints.update, layout.forget_update(build))
        _drop(target, [layout.stored_name(build, graph) for graph in sorted(builds[build])])
    return tuple(old)


def _drop(target: Target, stored: list[str]) -> None:
    """Best effort: a store that refused a load may refuse this too; what it keeps is
    under names no reader asks for."""
    for name in stored:
        with contextlib.suppress(StoreRefused):
            target.client.update(target.endpoints.update, f"DROP SILENT GRAPH <{name}>")


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None
