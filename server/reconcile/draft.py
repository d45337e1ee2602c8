"""The current draft's (1.0-draft) shapes, translated to and from what matching and extension
already do: a query batch ``{"queries": [{"conditions": […]}]}`` → ``Query``s; candidates →
``{"results": [{"candidates": […]}]}``; the 0.2 extension answer (rows by id) → the draft's
(rows as a list of ``{"id", "properties": [{"id", "values"}]}``). No matching here: the
two versions must not drift apart in what they find.
"""

from __future__ import annotations

from typing import Any

from catalogue.search.index_reader import SearchIndex
from server.reconcile.matching import MAX_BATCH, Candidate, Query, QueryError, make_query


def read_batch(index: SearchIndex, body: object) -> list[Query]:
    if not isinstance(body, dict) or not isinstance(body.get("queries"), list):
        raise QueryError('the body is JSON: {"queries": [{"conditions": […]}, …]}')
    if len(body["queries"]) > MAX_BATCH:
        raise QueryError(f"at most {MAX_BATCH} queries a request (the manifest's batchSize)")
    queries = []
    for number, raw in enumerate(body["queries"]):
        try:
            queries.append(read_query(index, raw))
        except QueryError as error:
            raise QueryError(f"query {number}: {error}") from error
    return queries


def read_query(index: SearchIndex, raw: object) -> Query:
    """Conditions on the name or the id become the text (a code is found by search like a
    label); conditions on ``category`` and ``domain`` become constraints. Constraints always
    filter, ``required`` or not: a candidate of another domain is not a weaker candidate,
    it is wrong."""
    if not isinstance(raw, dict):
        raise QueryError("each query is a JSON object")
    conditions = raw.get("conditions")
    if not isinstance(conditions, list) or not conditions:
        raise QueryError("'conditions' is a non-empty array")
    kind = raw.get("type")
    if kind is not None and not isinstance(kind, str):
        raise QueryError("'type' is one type id (a string)")
    names: list[object] = []
    constraints: list[tuple[object, object]] = []
    for condition in conditions:
        if not isinstance(condition, dict) or "propertyValue" not in condition:
            raise QueryError("a condition is {'matchType': …, 'propertyValue': …}")
        quantifier = condition.get("matchQuantifier", "any")
        if quantifier != "any":
            # a constraint is one level's concept: "all" of two domains is nothing, "none"
            # is not something the search can rank
            raise QueryError(f"matchQuantifier {quantifier!r}: only 'any' is supported")
        value = condition["propertyValue"]
        match condition.get("matchType"):
            case "name" | "id":
                names += value if isinstance(value, list) else [value]
            case "property":
                constraints.append((condition.get("propertyId"), value))
            case other:
                raise QueryError(f"matchType {other!r}: it is 'name', 'id' or 'property'")
    if len(names) > 1:
        raise QueryError("one name or id a query (each is a cell of its own)")
    text = names[0] if names else ""
    if not isinstance(text, str):
        raise QueryError("a name or an id is a string")
    return make_query(index, text, (kind,) if kind else (), constraints, raw.get("limit"))


def result_batch(found: list[list[Candidate]]) -> dict[str, Any]:
    return {"results": [{"candidates": [c.to_json() for c in each]} for each in found]}


def extension_response(answer: dict[str, Any]) -> dict[str, Any]:
    """The 0.2 answer ``extension.extend`` gives, in the draft's shape."""
    return {
        "meta": answer["meta"],
        "rows": [
            {
                "id": identifier,
                "properties": [{"id": pid, "values": values} for pid, values in row.items()],
            }
            for identifier, row in answer["rows"].items()
        ],
    }
