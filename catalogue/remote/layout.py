"""How builds live side by side in a remote store, and which one is current.

Each build's graphs are stored under names of their own (``stored_name``): the official
graph of build X is ``urn:x-outsourcing-catalogue:build:X:<the graph's IRI>``. So a new
build is loaded beside the old one, which readers keep using undisturbed, and one small
update of the registry graph (``REGISTRY``) then makes it current. A server reads the
current build's record once (at start, and again on SIGHUP) and asks only for that
build's graphs, through the protocol's dataset: it never sees two builds mixed.

The names are URNs of our own, with no '/' or '#', so a stored name is its graph's IRI
behind a prefix that occurs nowhere else (``marker``): answers are given back their
graphs' real names by deleting it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime

_BASE = "urn:x-outsourcing-catalogue:"
#: The graph holding every build's record and the pointer to the current one.
REGISTRY = _BASE + "builds"
_VOCAB = _BASE + "vocabulary#"
CURRENT = _VOCAB + "current"
ID = _VOCAB + "id"
GRAPH = _VOCAB + "graph"
QUADS = _VOCAB + "quads"
NAMESPACE = _VOCAB + "namespace"
SOURCE_SHA256 = _VOCAB + "sourceSha256"
#: The registry's one fixed fact, so it exists before any build is current.
_REGISTRY_FACT = f"<{REGISTRY}> a <{_VOCAB}Registry>"
#: Made before each switch (and again harmlessly): Virtuoso answers an OPTIONAL alone over
#: a graph that does not exist with no row at all, so a switch's WHERE needs a fact to match.
CREATE_REGISTRY = f"INSERT DATA {{ GRAPH <{REGISTRY}> {{ {_REGISTRY_FACT} }} }}"


def build_node(build_id: str) -> str:
    return f"{_BASE}build:{build_id}"


def marker(build_id: str) -> str:
    """What every stored graph name of the build begins with."""
    return build_node(build_id) + ":"


def stored_name(build_id: str, graph: str) -> str:
    return marker(build_id) + graph


@dataclass(frozen=True)
class BuildRecord:
    """What the registry says of one build: enough for a server to serve it."""

    build_id: str
    #: The graphs' own IRIs (not their stored names), sorted.
    graphs: tuple[str, ...]
    quads: int
    namespace: str | None = None
    source_sha256: str | None = None

    @property
    def made(self) -> float:
        """When the build was made (its id begins with the time: publication.new_build_id),
        in seconds since the epoch; 0 for an id of another shape."""
        try:
            when = datetime.strptime(self.build_id.split("-")[0], "%Y%m%dT%H%M%S%fZ")
        except ValueError:
            return 0.0
        return when.replace(tzinfo=UTC).timestamp()

    def stored(self, graph: str) -> str:
        return stored_name(self.build_id, graph)


#: The current build's record, one row per graph (no dataset needed: it names its graph).
CURRENT_QUERY = f"""SELECT ?id ?quads ?graph ?namespace ?sha WHERE {{
  GRAPH <{REGISTRY}> {{
    <{REGISTRY}> <{CURRENT}> ?build .
    ?build <{ID}> ?id ; <{QUADS}> ?quads ; <{GRAPH}> ?graph .
    OPTIONAL {{ ?build <{NAMESPACE}> ?namespace }}
    OPTIONAL {{ ?build <{SOURCE_SHA256}> ?sha }}
  }}
}}"""

#: Every recorded build with its graphs, and whether it is the current one.
BUILDS_QUERY = f"""SELECT ?id ?graph ?current WHERE {{
  GRAPH <{REGISTRY}> {{
    ?build <{ID}> ?id ; <{GRAPH}> ?graph .
    OPTIONAL {{ <{REGISTRY}> <{CURRENT}> ?current . FILTER(?current = ?build) }}
  }}
}}"""


def rows(results_json: bytes) -> list[dict[str, str]]:
    """SPARQL JSON results as rows of values (the engines differ in the rest: Virtuoso
    says ``typed-literal``)."""
    results = json.loads(results_json)
    return [
        {name: term["value"] for name, term in binding.items()}
        for binding in results["results"]["bindings"]
    ]


def current_record(results_json: bytes) -> BuildRecord | None:
    """The record ``CURRENT_QUERY`` answered; None when the store holds no published build."""
    found = rows(results_json)
    if not found:
        return None
    first = found[0]
    return BuildRecord(
        first["id"],
        tuple(sorted({row["graph"] for row in found})),
        int(first["quads"]),
        first.get("namespace"),
        first.get("sha"),
    )


def switch_update(record: BuildRecord) -> str:
    """One update that records ``record`` and makes it current: a single operation, so an
    engine applies it whole (readers find the old pointer or the new one)."""
    node = build_node(record.build_id)
    facts = [
        f"<{node}> <{ID}> {_literal(record.build_id)}",
        f'<{node}> <{QUADS}> "{record.quads}"^^<http://www.w3.org/2001/XMLSchema#integer>',
        *(f"<{node}> <{GRAPH}> <{graph}>" for graph in record.graphs),
    ]
    if record.namespace:
        facts.append(f"<{node}> <{NAMESPACE}> {_literal(record.namespace)}")
    if record.source_sha256:
        facts.append(f"<{node}> <{SOURCE_SHA256}> {_literal(record.source_sha256)}")
    inserted = " .\n    ".join([f"<{REGISTRY}> <{CURRENT}> <{node}>", *facts])
    return (
        f"DELETE {{ GRAPH <{REGISTRY}> {{ <{REGISTRY}> <{CURRENT}> ?old }} }}\n"
        f"INSERT {{ GRAPH <{REGISTRY}> {{\n    {inserted} .\n  }} }}\n"
        f"WHERE {{ GRAPH <{REGISTRY}> {{ {_REGISTRY_FACT} "
        f"OPTIONAL {{ <{REGISTRY}> <{CURRENT}> ?old }} }} }}"
    )


def recorded_query(build_id: str) -> str:
    """Whether the registry still records the build (a server serving it asks now and then)."""
    return f"ASK {{ GRAPH <{REGISTRY}> {{ <{build_node(build_id)}> <{ID}> ?id }} }}"


def forget_update(build_id: str) -> str:
    """Remove a build's record (before its graphs are dropped: a server still serving it
    then learns it is gone before its answers become empty)."""
    node = build_node(build_id)
    return f"DELETE WHERE {{ GRAPH <{REGISTRY}> {{ <{node}> ?p ?o }} }}"


def _literal(text: str) -> str:
    return json.dumps(text)  # a JSON string is a valid SPARQL string literal
