"""The question that separates two competing key domains, in the catalogue's own words.

Where one domain excludes an activity that the other covers (05 excludes
电子商务代运营服务, which is 08.04; 08 excludes 电子商务平台的开发建设, which is 05),
the options are those activities as the text names them; otherwise each
option is the best-matching business type of its domain (or the domain's own
label). The options quote official labels, each with its code and source.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from catalogue.search.index_reader import Concept, SearchIndex

if TYPE_CHECKING:  # the classifier imports this module when it asks
    from catalogue.search.classifier import Candidate


def followup_question(
    index: SearchIndex, first: Candidate, second: Candidate, candidates: list[Candidate]
) -> dict[str, Any]:
    options = [
        _option(index, first.concept, second.concept, candidates),
        _option(index, second.concept, first.concept, candidates),
    ]
    zh = "，还是".join(f"「{o['text']['zh']}」（{o['notation']}）" for o in options)
    en = " or ".join(f"“{o['text']['en']}” ({o['notation']})" for o in options)
    return {
        "question": {"zh": f"您的业务是{zh}？", "en": f"Is your business {en}?"},
        "options": options,
    }


def _option(
    index: SearchIndex, domain: Concept, rival: Concept, candidates: list[Candidate]
) -> dict[str, Any]:
    """What ``domain`` covers that ``rival`` does not, as the catalogue words it."""
    for exclusion in rival.exclusions:
        covering = [index.concepts[c] for c in exclusion.covered_by]
        inside = [c for c in covering if c.domain == domain.iri or c.iri == domain.iri]
        if inside and exclusion.label.get("zh"):
            target = max(inside, key=lambda c: len(c.path))
            option = _described(target, exclusion.label, basis="exclusion", rival=rival)
            # the words quoted are the rival's exclusion clause: cite its lines
            note = next((t for t in rival.texts if t.field == "exclusionNote" and t.source), None)
            option["source"] = note.source if note else option["source"]
            return option
    best = next(
        (
            c.concept
            for c in candidates
            if c.concept.domain == domain.iri and c.concept.level != "domain"
        ),
        domain,
    )
    return _described(best, best.labels, basis="label", rival=None)


def _described(
    concept: Concept, text: dict[str, str], basis: str, rival: Concept | None
) -> dict[str, Any]:
    source = next((t.source for t in concept.texts if t.field == "prefLabel" and t.source), None)
    option = {
        "iri": concept.iri,
        "notation": concept.notation,
        "label": concept.labels,
        "text": {"zh": text.get("zh", ""), "en": text.get("en", "")},
        "basis": basis,
        "source": source,
    }
    if rival is not None:
        option["excluded_by"] = {"iri": rival.iri, "notation": rival.notation}
    return option
