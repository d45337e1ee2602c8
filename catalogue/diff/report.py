"""The diff as a text for editors, or JSON."""

from __future__ import annotations

import json

from catalogue.diff.changes import Diff

#: The order of the report: what exists first, then what it says.
KINDS = ("added", "removed", "renamed", "moved", "notation", "relabelled", "note")
TITLES = {
    "added": "Concepts added",
    "removed": "Concepts removed",
    "renamed": "Concepts whose IRI changed (same label, same level)",
    "moved": "Moved in the hierarchy (skos:broader changed)",
    "notation": "Notation changed",
    "relabelled": "Relabelled (skos:prefLabel, per language)",
    "note": "Notes changed (definition, inclusion, exclusion, policy)",
}


def to_text(diff: Diff, old: str, new: str) -> str:
    lines = [f"Changes from {old}", f"          to {new}", ""]
    for kind in KINDS:
        changes = diff.of_kind(kind)
        if not changes:
            continue
        lines.append(f"{TITLES[kind]}: {len(changes)}")
        for change in changes:
            language = f" [{change.language}]" if change.language else ""
            lines.append(f"  <{change.concept}>{language}")
            lines.append(f"      {change.detail}")
        lines.append("")
    summary = ", ".join(f"{len(diff.of_kind(k))} {k}" for k in KINDS if diff.of_kind(k))
    lines.append(
        f"{summary or 'no change to any concept'}; "
        f"statements: +{len(diff.added)} −{len(diff.removed)}"
    )
    return "\n".join(lines) + "\n"


def to_json(diff: Diff, old: str, new: str) -> str:
    return json.dumps(
        {
            "old": old,
            "new": new,
            "changes": [
                {
                    "concept": c.concept,
                    "kind": c.kind,
                    "language": c.language or None,
                    "detail": c.detail,
                }
                for c in diff.changes
            ],
            "statements": {"added": len(diff.added), "removed": len(diff.removed)},
        },
        ensure_ascii=False,
        indent=2,
    )
