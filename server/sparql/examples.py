"""The example queries of the query page: the project's competency queries, ``queries/*.rq``.

A file's first comment line is its title; the file name (without ``.rq``) names it
in ``/sparql?example=NAME``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Example:
    name: str
    title: str
    text: str


def load_examples(folder: Path) -> list[Example]:
    examples = []
    for path in sorted(folder.glob("*.rq")) if folder.is_dir() else []:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # a file being written or broken must not stop the server
        examples.append(Example(path.stem, _title(text) or path.stem, text))
    return examples


def _title(text: str) -> str:
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("#"):
            return stripped.lstrip("#").strip()
        if stripped:
            return ""
    return ""
