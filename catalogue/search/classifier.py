"""A business description → the key domains and business types it belongs to, with evidence.

How a description is scored, from the catalogue's own texts only:

- the description is analysed like a query (bigrams, stems, simplified
  characters); each concept's labels and notes are compared with it term by
  term, each term weighted by its IDF over the catalogue (服务 is everywhere,
  芯片 in one place);
- a label counts by how much of the label the description holds (a label is a
  name: half a name is weak evidence); definitions and notes count by the
  terms they share, at a lower weight; exclusion notes never count for;
- a business type, which has no definition of its own, takes a part of its
  domain's score as context, and a domain the best of its business types;
- an exclusion is honoured: when the concept that the catalogue says covers an
  excluded activity (``soc:coveredBy``) outscores the domain that excludes it,
  and the description shares words with that activity, the domain and its
  business types are dropped and the exclusion is quoted as evidence; an
  excluded activity the catalogue covers nowhere drops its domain when the
  description holds most of it;
- the answer abstains ("no key domain matches") below a score that the
  evaluation set (``bench/classify``) fixed; the confidence is the margin
  between the first two domains; when it is small, ``followup.py`` asks the
  question that separates them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from catalogue.search.analysis import normalize, terms
from catalogue.search.index_reader import Concept, IndexedText, SearchIndex
from catalogue.search.matching import Coverage, Query, coverage, highlight

#: How much each kind of text counts (labels by the share of the label held).
FIELD_WEIGHTS = {
    "prefLabel": 1.0,
    "altLabel": 0.9,
    "hiddenLabel": 0.8,
    "definition": 0.3,
    "inclusionNote": 0.3,
    "policyNote": 0.2,
}
#: The share of its domain's score a business type takes as context.
DOMAIN_CONTEXT = 0.3
#: The share of its best business type's score a domain takes.
CHILD_SHARE = 0.8
#: Below this score nothing matches well enough to answer (set on bench/classify).
ABSTAIN_BELOW = 3.0
#: Below this margin between the first two domains, a follow-up question is asked.
FOLLOWUP_BELOW = 0.35
#: A domain whose exclusion is described stays when it scores at least this share of the
#: concept covering the excluded activity (the description does both: 开发电商平台并代运营).
KEEP_SHARE = 0.3
MAX_RESULTS = 10
MIN_SCORE = 1.0
MIN_SHARE_OF_TOP = 0.1
MAX_EVIDENCE = 4
#: Words of business scopes (经营范围) and offers that name no domain.
_CHINESE_STOP = (
    "服务 提供 客户 相关 公司 企业 业务 包括 以及 进行 我们 专业 从事 有限 项目 一般 经营 "
    "范围 许可 为客 户提 供专 供相 务外 外包 承接 依法 须经 批准 开展 活动 负责 岗位 招聘 "
    "职位 要求 经验 优先 以上 能力 熟悉 工作 团队 各类 等等 及其 其他"
)
CHINESE_STOP_BIGRAMS = frozenset(_CHINESE_STOP.split())
_ENGLISH_STOP = (
    "servic provid client compani busi offer help solut team experi year work job "
    "look hire candid requir our we you"
)
#: English stems of the same kind (after the analysis' own stop words).
ENGLISH_STOPWORDS_EXTRA = frozenset(_ENGLISH_STOP.split())


@dataclass(frozen=True)
class Evidence:
    concept: Concept  # whose text it is
    text: IndexedText
    words: tuple[str, ...]  # the words of that text the description matched
    highlight: str
    excludes: Concept | None = None  # set when the text is an exclusion honoured

    def to_json(self) -> dict[str, Any]:
        return {
            "field": self.text.field,
            "concept": {"iri": self.concept.iri, "notation": self.concept.notation},
            "language": self.text.language,
            "text": self.text.text,
            "matched": list(self.words),
            "highlight": self.highlight,
            "source": self.text.source,
            "official": self.text.official,
            **(
                {"excludes": {"iri": self.excludes.iri, "notation": self.excludes.notation}}
                if self.excludes
                else {}
            ),
        }


@dataclass
class Candidate:
    concept: Concept
    score: float
    evidence: list[Evidence] = field(default_factory=list)
    domain: Concept | None = None  # the key domain it is, or is under


@dataclass
class Applied:
    """An exclusion honoured: where the activity is covered, and whether the domain that
    excludes it was dropped (it is kept when the description also describes what it does
    cover, strongly enough to compete: then the follow-up question separates the two)."""

    domain: Concept
    activity: dict[str, str]
    covered_by: list[Concept]
    note: IndexedText | None
    dropped: bool = True


@dataclass
class Classification:
    text: str
    matched: bool
    confidence: float
    results: list[Candidate]
    domains: list[Candidate]  # the key domains, best first (for the margin and follow-up)
    exclusions: list[Applied]
    followup: dict[str, Any] | None = None

    def to_json(self) -> dict[str, Any]:
        """The contract programs rely on (issue 11): text, matched, confidence, followup,
        results best first (at most 10), each with its key domain and its evidence."""
        return {
            "text": self.text,
            "matched": self.matched,
            "confidence": self.confidence,
            "followup": self.followup,
            "results": [
                {
                    "iri": c.concept.iri,
                    "notation": c.concept.notation,
                    "level": c.concept.level,
                    "label": c.concept.labels,
                    "score": c.score,
                    "domain": {"iri": c.domain.iri, "notation": c.domain.notation}
                    if c.domain
                    else None,
                    "evidence": [e.to_json() for e in c.evidence],
                }
                for c in self.results
            ],
        }


class Classifier:
    def __init__(self, index: SearchIndex) -> None:
        self.index = index

    def classify(self, text: str) -> Classification:
        normalized = " ".join(normalize(text).split())
        query_terms = [
            t
            for t in terms(normalized)
            if t.text not in CHINESE_STOP_BIGRAMS and t.text not in ENGLISH_STOPWORDS_EXTRA
        ]
        query = Query.of(normalized, query_terms)
        own = {
            concept.iri: self._own(concept, query)
            for concept in self.index.concepts.values()
            if concept.level != "category"
        }
        scores = self._combined(own)
        exclusions = self._exclusions(scores, own, query)
        dropped = {
            iri
            for applied in exclusions
            if applied.dropped
            for iri in self._subtree(applied.domain)
            if not any(iri in self._subtree(c) or c.iri == iri for c in applied.covered_by)
        }
        candidates = [
            Candidate(
                self.index.concepts[iri],
                round(score, 3),
                self._evidence(iri, own),
                self.index.concepts.get(self.index.concepts[iri].domain or ""),
            )
            for iri, score in scores.items()
            if iri not in dropped and score > 0
        ]
        for applied in exclusions:
            for covering in applied.covered_by:
                for candidate in candidates:
                    if candidate.concept.iri == covering.iri and applied.note is not None:
                        words, marked = _quoted(applied.note, query)
                        candidate.evidence.insert(
                            0, Evidence(applied.domain, applied.note, words, marked, applied.domain)
                        )
        candidates.sort(key=lambda c: (-c.score, c.concept.order))
        domains = [c for c in candidates if c.concept.level == "domain"]
        top = candidates[0].score if candidates else 0.0
        matched = top >= ABSTAIN_BELOW
        # a candidate far below the first is noise, not an alternative
        floor = max(MIN_SCORE, MIN_SHARE_OF_TOP * top)
        confidence = 0.0
        if matched and domains:
            second = domains[1].score if len(domains) > 1 else 0.0
            confidence = round((domains[0].score - second) / domains[0].score, 2)
        result = Classification(
            text,
            matched,
            confidence,
            [c for c in candidates if c.evidence and c.score >= floor][:MAX_RESULTS]
            if matched
            else [],
            domains,
            exclusions,
        )
        contested = any(
            not a.dropped and {a.domain.iri, *(c.domain for c in a.covered_by)} >= top_two
            for a in exclusions
            for top_two in [{d.concept.iri for d in domains[:2]}]
        )
        if matched and len(domains) > 1 and (confidence < FOLLOWUP_BELOW or contested):
            from catalogue.search.followup import followup_question

            result.followup = followup_question(self.index, domains[0], domains[1], candidates)
        return result

    def _own(self, concept: Concept, query: Query) -> tuple[float, list[Evidence]]:
        """A concept's score from its own labels (the best one) and notes (summed)."""
        best_label: tuple[float, IndexedText | None] = (0.0, None)
        notes = 0.0
        evidence: list[Evidence] = []
        for text in concept.texts:
            weight = FIELD_WEIGHTS.get(text.field)
            if weight is None:
                continue
            if text.field == "definition":
                text = _without_exclusions(text, concept)
            found = coverage(query, text, pinyin=False)
            if not found.matched_terms:
                continue
            mass = sum(self.index.idf(t) for t in found.matched_terms)
            if text.is_label:
                named = [t for t in text.term_set if not _stop(t)]
                share = mass / (sum(self.index.idf(t) for t in named) or 1.0)
                score = weight * mass * share
                if score > best_label[0]:
                    best_label = (score, text)
            else:
                score = weight * mass
                notes += score
            if score >= 0.5:
                marked, words = highlight(text, found)
                evidence.append(Evidence(concept, text, tuple(words), marked))
        evidence.sort(key=lambda e: _EVIDENCE_ORDER.index(e.text.field))
        return best_label[0] + notes, evidence

    def _evidence(self, iri: str, own: dict[str, tuple[float, list[Evidence]]]) -> list[Evidence]:
        """A concept's own evidence, one per text, strongest kinds first; a domain adds its
        best business type's (the words that made it win)."""
        evidence = list(own[iri][1])
        concept = self.index.concepts[iri]
        if concept.level == "domain":
            children = [c for c in self._subtree(concept) if c != iri and own[c][0] > 0]
            if children:
                evidence = own[max(children, key=lambda c: own[c][0])][1][:2] + evidence
        unique: list[Evidence] = []
        for item in evidence:
            if all(set(item.words) - set(u.words) or u.concept != item.concept for u in unique):
                unique.append(item)
        return unique[:MAX_EVIDENCE]

    def _combined(self, own: dict[str, tuple[float, list[Evidence]]]) -> dict[str, float]:
        scores: dict[str, float] = {}
        for iri, (score, _) in own.items():
            concept = self.index.concepts[iri]
            if concept.level == "domain":
                children = [own[c][0] for c in self._subtree(concept) if c != iri]
                scores[iri] = score + CHILD_SHARE * max(children, default=0.0)
            else:
                domain = concept.domain
                context = own[domain][0] if domain in own else 0.0
                scores[iri] = score + DOMAIN_CONTEXT * context if score > 0 else 0.0
        return scores

    def _subtree(self, concept: Concept) -> list[str]:
        found = [concept.iri]
        for child in concept.children:
            found += self._subtree(self.index.concepts[child])
        return found

    def _exclusions(
        self,
        scores: dict[str, float],
        own: dict[str, tuple[float, list[Evidence]]],
        query: Query,
    ) -> list[Applied]:
        applied: list[Applied] = []
        for domain in (c for c in self.index.concepts.values() if c.level == "domain"):
            for exclusion in domain.exclusions:
                activity_terms = {
                    t.text
                    for label in exclusion.label.values()
                    for t in terms(normalize(label))
                    if t.text not in CHINESE_STOP_BIGRAMS
                }
                shared = activity_terms & {t.text for t in query.terms}
                if not shared:
                    continue
                covering = [self.index.concepts[c] for c in exclusion.covered_by]
                if covering:
                    best_cover = max(scores.get(c.iri, 0.0) for c in covering)
                    honoured = (
                        best_cover >= ABSTAIN_BELOW
                        and best_cover > scores.get(domain.iri, 0.0)
                        and any(own[c.iri][0] > 0 for c in covering if c.iri in own)
                    )
                else:  # worth saying about a domain the description matched at all
                    honoured = scores.get(domain.iri, 0.0) > 0 and (
                        self._names_excluded(domain, shared)
                    )
                if honoured:
                    note = next(
                        (
                            t
                            for t in domain.texts
                            if t.field == "exclusionNote" and t.language == "zh"
                        ),
                        None,
                    )
                    kept = bool(covering) and scores.get(domain.iri, 0.0) >= KEEP_SHARE * max(
                        scores.get(c.iri, 0.0) for c in covering
                    )
                    applied.append(Applied(domain, exclusion.label, covering, note, not kept))
        return applied

    def _names_excluded(self, domain: Concept, shared: set[str]) -> bool:
        """Whether the description names the excluded activity by a word that the domain
        uses nowhere else (施工 for 15, which excludes 具体的施工活动): it describes
        what the domain leaves out, and the catalogue covers it nowhere."""
        positive: set[str] = set()
        for text in domain.texts:
            if text.field in FIELD_WEIGHTS:
                if text.field == "definition":
                    text = _without_exclusions(text, domain)
                positive |= text.term_set
        for child in self._subtree(domain):
            for text in self.index.concepts[child].texts:
                if text.is_label:
                    positive |= text.term_set
        return any(term not in positive and not _stop(term) for term in shared)


_EVIDENCE_ORDER = [
    "prefLabel",
    "altLabel",
    "hiddenLabel",
    "definition",
    "inclusionNote",
    "policyNote",
    "exclusionNote",
]


def _stop(term: str) -> bool:
    return term in CHINESE_STOP_BIGRAMS or term in ENGLISH_STOPWORDS_EXTRA


def _without_exclusions(text: IndexedText, concept: Concept) -> IndexedText:
    """A definition without its exclusion clauses: what a domain excludes is no evidence
    for it (电子商务代运营 is named in 05's definition only to be excluded)."""
    norm = text.norm
    for note in concept.texts:
        if note.field == "exclusionNote" and note.language == text.language:
            norm = norm.replace(note.norm, " " * len(note.norm))
    if norm == text.norm:
        return text
    return IndexedText(text.field, text.language, text.text, norm, text.source, text.official)


def _quoted(note: IndexedText, query: Query) -> tuple[tuple[str, ...], str]:
    found: Coverage = coverage(query, note, pinyin=False)
    marked, words = highlight(note, found)
    return tuple(words), marked
