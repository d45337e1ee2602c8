"""A reconciliation query → candidates with scores (0–100), and a match only when it is clear.

Two ways in, as a person would look a cell up:

- a cell that *names* a concept — its code, its label, or the start of a label —
  is looked up by the site's search (``Searcher``): its tiers are the score;
- anything else is read as a business description and goes through the
  classifier, which weighs the catalogue's labels and notes and honours its
  exclusions; when the classifier abstains, search's weaker hits (a note that
  holds the words) are offered, never as a match.

``match`` is what OpenRefine's "auto-match" trusts without asking a person, so it
is set only when one candidate stands alone: a code or an exact label nobody
else has, or a classification that is confident (no follow-up question) and
whose first candidate scores well above the next of its level.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from catalogue.search.classifier import Classifier
from catalogue.search.index_reader import Concept, SearchIndex
from catalogue.search.searcher import Hit, Searcher
from server.reconcile.vocabulary import describe, resolve, type_of

DEFAULT_LIMIT = 5
MAX_LIMIT = 25
#: Queries a batch may hold, in either version (OpenRefine sends 10).
MAX_BATCH = 100
#: Search tiers at or below this one name a concept (code, below the code, label, label
#: prefix); beyond it the cell is read as a description.
NAMING_TIERS = 3
#: A search tier → the score of its hits (plus up to 9.8 for coverage and BM25 in the tier).
TIER_SCORES = {0: 100.0, 1: 55.0, 2: 90.0, 3: 75.0, 4: 65.0, 5: 60.0, 6: 45.0, 7: 35.0}
#: Tiers whose single hit is a match: the code itself, the exact label.
MATCHING_TIERS = (0, 2)
#: Classifier scores → 0–100: 100·(1 − e^(−s/SCALE)); its abstention threshold (3) ≈ 39.
SCALE = 6.0
#: A classified candidate is a match only when the next of its level scores at most this
#: share of it (薪酬核算 → 07.01 at 10.5, nothing else near).
RUNNER_UP_SHARE = 0.6
#: Nor below this classifier score (≈ 57 of 100): a weak classification, even an
#: unambiguous one ("We run payroll…", 3.9), is for a person to confirm.
MATCH_MIN = 5.0


#: The features' names: the draft requires one (0.2 allows it).
FEATURE_NAMES = {
    "search_tier": "search tier (0: the code, 2: the exact label, higher: weaker)",
    "classifier_score": "classifier score (3 or more: classified)",
    "confidence": "classifier confidence (the margin over the next domain)",
}


@dataclass(frozen=True)
class Query:
    text: str
    types: tuple[str, ...] = ()
    category: Concept | None = None
    domain: Concept | None = None
    limit: int = DEFAULT_LIMIT
    #: a constraint whose value names nothing: no concept can satisfy it
    impossible: bool = False


@dataclass
class Candidate:
    concept: Concept
    score: float
    match: bool = False
    features: dict[str, float] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.concept.notation,
            "name": self.concept.label("zh") or self.concept.label("en"),
            "description": describe(self.concept),
            "score": self.score,
            "match": self.match,
            "type": [type_of(self.concept)],
            "features": [
                {"id": k, "name": FEATURE_NAMES[k], "value": v} for k, v in self.features.items()
            ],
        }


class QueryError(ValueError):
    """A query this service cannot read (the message says why)."""


def read_query(index: SearchIndex, raw: object) -> Query:
    """One query of a 0.2 batch, as the 0.2 schema has it; lenient where OpenRefine is."""
    if not isinstance(raw, dict):
        raise QueryError("each query is a JSON object")
    kinds = raw.get("type") or ()
    types = (kinds,) if isinstance(kinds, str) else tuple(str(k) for k in kinds)
    constraints = []
    for constraint in raw.get("properties") or ():
        if not isinstance(constraint, dict) or "v" not in constraint:
            raise QueryError("a property constraint is {'pid': …, 'v': …}")
        constraints.append((constraint.get("pid"), constraint["v"]))
    return make_query(index, raw.get("query", ""), types, constraints, raw.get("limit"))


def make_query(
    index: SearchIndex,
    text: object,
    types: tuple[str, ...],
    constraints: list[tuple[object, object]],
    limit: object,
) -> Query:
    """A query from its parts, whichever version's shape they came in: the text, the levels,
    (property id, value or values) constraints, the limit."""
    if not isinstance(text, str):
        raise QueryError("'query' is a string")
    limit = limit or DEFAULT_LIMIT
    if not isinstance(limit, int | float) or limit < 0:
        raise QueryError("'limit' is a positive number")
    category = domain = None
    impossible = False
    for pid, value in constraints:
        if pid not in ("category", "domain"):
            raise QueryError(f"unknown property {pid!r}: the constraints are category, domain")
        values = value if isinstance(value, list) else [value]
        found = next((c for v in values if (c := resolve(index, v, pid))), None)
        impossible |= found is None
        if pid == "category":
            category = found
        else:
            domain = found
    if not text.strip() and category is None and domain is None and not impossible:
        raise QueryError("a query needs 'query' or 'properties'")
    return Query(text, types, category, domain, min(int(limit), MAX_LIMIT), impossible)


class Matcher:
    def __init__(self, index: SearchIndex, searcher: Searcher, classifier: Classifier) -> None:
        self.index = index
        self.searcher = searcher
        self.classifier = classifier

    def candidates(self, query: Query) -> list[Candidate]:
        if query.impossible:
            return []
        if not query.text.strip():
            found = self._constrained(query)
        else:
            hits = self.searcher.search(query.text, limit=200)
            hits = [h for h in hits if self._fits(query, h.concept)]
            if hits and hits[0].tier <= NAMING_TIERS:
                found = _from_search(hits)
            else:
                found = self._classified(query) or _from_search(hits)
        return found[: query.limit]

    def _fits(self, query: Query, concept: Concept) -> bool:
        if query.types and concept.level not in query.types:
            return False
        if query.category and concept.category != query.category.iri:
            return False
        return not (query.domain and concept.domain != query.domain.iri)

    def _constrained(self, query: Query) -> list[Candidate]:
        """No text, only constraints: every concept they allow, in the catalogue's order."""
        fitting = [c for c in self.index.concepts.values() if self._fits(query, c)]
        return [Candidate(c, 50.0, len(fitting) == 1) for c in fitting]

    def _classified(self, query: Query) -> list[Candidate]:
        answer = self.classifier.classify(query.text)
        if not answer.matched:
            return []
        scored = [(c.concept, c.score) for c in answer.results]
        if "category" in query.types:
            # the classifier weighs domains and below; a category is its best domain's
            for concept, score in list(scored):
                category = self.index.concepts[concept.category]
                if concept.level == "domain" and all(c != category for c, _ in scored):
                    scored.append((category, score))
        found = [
            Candidate(
                concept,
                round(100 * (1 - math.exp(-score / SCALE)), 1),
                features={"classifier_score": score, "confidence": answer.confidence},
            )
            for concept, score in scored
            if self._fits(query, concept)
        ]
        if found and answer.followup is None:
            first = found[0]
            rivals = [c for c in found[1:] if c.concept.level == first.concept.level]
            best_rival = max((c.features["classifier_score"] for c in rivals), default=0.0)
            own = first.features["classifier_score"]
            first.match = own >= MATCH_MIN and best_rival <= RUNNER_UP_SHARE * own
        return found


def _from_search(hits: list[Hit]) -> list[Candidate]:
    found = [
        Candidate(
            h.concept,
            round(min(100.0, TIER_SCORES[h.tier] + 10 * (h.score - (8 - h.tier))), 1),
            features={"search_tier": h.tier},
        )
        for h in hits
    ]
    if found:
        top = hits[0].tier
        alone = len(hits) == 1 or hits[1].tier > top
        found[0].match = top in MATCHING_TIERS and alone
    return found
