"""``outsourcing-catalogue search QUERY`` and ``outsourcing-catalogue classify "TEXT"``:
the same answers as ``/search`` and ``/classify``, from the index of the last build."""

from __future__ import annotations

import argparse
import json
import re
import sys
from typing import TextIO

from catalogue.search.classifier import Classification, Classifier
from catalogue.search.index_reader import IndexUnavailable, SearchIndex
from catalogue.search.searcher import CATEGORIES, LEVELS, Searcher
from catalogue.settings import BuildSettings

_MARK = re.compile(r"</?mark>")


def add_arguments(parser: argparse.ArgumentParser, command: str) -> None:
    if command == "search":
        parser.add_argument("query", help="words, a code (06.09, 6.9, ITO) or pinyin")
        parser.add_argument("--level", choices=LEVELS)
        parser.add_argument("--category", choices=CATEGORIES)
        parser.add_argument("--limit", type=int, default=10)
    else:
        parser.add_argument("text", help="a description of the business, Chinese or English")
    parser.add_argument("--format", choices=["text", "json"], default="text")


def run(settings: BuildSettings, args: argparse.Namespace, out: TextIO = sys.stdout) -> int:
    try:
        index = SearchIndex(settings.search_dir / "index.sqlite")
    except IndexUnavailable as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if args.command == "classify":
        answer = Classifier(index).classify(args.text)
        if args.format == "json":
            json.dump(answer.to_json(), out, ensure_ascii=False, indent=1)
            out.write("\n")
        else:
            out.write(render_classification(answer))
        return 0 if answer.matched else 1
    hits = Searcher(index).search(args.query, args.level, args.category, args.limit)
    if args.format == "json":
        body = {
            "q": args.query,
            "results": [
                {
                    "iri": h.concept.iri,
                    "notation": h.concept.notation,
                    "level": h.concept.level,
                    "label": h.concept.labels,
                    "score": h.score,
                    "highlight": h.highlight,
                }
                for h in hits
            ],
        }
        json.dump(body, out, ensure_ascii=False, indent=1)
        out.write("\n")
        return 0
    for hit in hits:
        path = " › ".join(index.concepts[iri].notation for iri in hit.concept.path)
        marked = hit.highlight.replace("<mark>", "«").replace("</mark>", "»")
        out.write(
            f"{hit.score:6.3f}  {hit.concept.notation:9} {hit.concept.label('zh')} "
            f"({hit.concept.level}; {path})  [{hit.field}] {marked}\n"
        )
    return 0


def render_classification(answer: Classification) -> str:
    """The answer for a person at a terminal: results, evidence, exclusions, the question."""
    lines = [f"“{answer.text}”"]
    for applied in answer.exclusions:
        note = applied.note.text if applied.note else ""
        covered = ", ".join(c.notation for c in applied.covered_by) or "no domain"
        verdict = "excluded" if applied.dropped else "excludes, but also described"
        lines.append(f"{verdict}: {applied.domain.notation} “{note}” (covered by {covered})")
    if not answer.matched:
        lines.append("no key domain matches")
        return "\n".join(lines) + "\n"
    lines.append(f"confidence {answer.confidence:.2f} (margin between the first two domains)")
    for rank, candidate in enumerate(answer.results, start=1):
        concept = candidate.concept
        lines.append(
            f"{rank:2}. {concept.notation:9} {concept.label('zh')} / {concept.label('en')}"
            f"  [{concept.level}, score {candidate.score}]"
        )
        for evidence in candidate.evidence:
            quoted = _MARK.sub("", evidence.highlight)
            words = "、".join(evidence.words)
            where = (
                f"  ← {evidence.text.source}" if evidence.text.source else "  (ours, unofficial)"
            )
            if evidence.excludes:
                excluded = evidence.excludes.notation
                lines.append(f"      excludes {excluded}: “{quoted}” matched {words}{where}")
            else:
                lines.append(
                    f"      {evidence.concept.notation} {evidence.text.field}: “{quoted}”"
                    f" matched {words}{where}"
                )
    if answer.followup:
        lines.append(f"? {answer.followup['question']['zh']}")
        lines.append(f"? {answer.followup['question']['en']}")
    return "\n".join(lines) + "\n"
