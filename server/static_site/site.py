"""The static site's files in a build: where they are, and reading them back.

``<build>/static-site/answers.json`` lists every answer (its path, what its ETag
is computed from, its headers) and names the file of its body beside it. A body
holds what no request changes; the serving side adds the rest (``answers.py``).
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from pathlib import Path

from catalogue.publication import BuildUnit

FOLDER = "static-site"
MANIFEST = "answers.json"
#: The manifest's layout: a server reads only the layout it knows (else renders anew).
LAYOUT = 1


@dataclass(frozen=True)
class Variant:
    """One rendering of a path: its headers and the file of its body."""

    headers: list[tuple[str, str]]
    file: Path


@dataclass
class Answer:
    """What a path answers: a document (``iri`` and ``format`` make its ETag) or a page
    (``variants`` by language code)."""

    kind: str  # "document" or "page"
    vary: str
    variants: dict[str, Variant]
    iri: str = ""
    format: str = ""
    _bodies: dict[str, bytes] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def held(self, variant: str) -> bool:
        """Whether the body is in memory already (else ``body`` reads its file)."""
        return variant in self._bodies

    def body(self, variant: str) -> bytes:
        """The body, read on first use and kept: a worker holds only what is asked for."""
        body = self._bodies.get(variant)
        if body is None:
            body = self.variants[variant].file.read_bytes()
            with self._lock:
                self._bodies[variant] = body
        return body


def folder_of(unit: BuildUnit) -> Path:
    return unit.root / FOLDER


def load(unit: BuildUnit) -> dict[str, Answer] | None:
    """The build's static site by request path; None when it has none (not rendered yet,
    or by another layout)."""
    folder = folder_of(unit)
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    if manifest.get("layout") != LAYOUT:
        return None
    answers = {}
    for path, entry in manifest["answers"].items():
        variants = {
            name: Variant([(k, v) for k, v in variant["headers"]], folder / variant["file"])
            for name, variant in entry["variants"].items()
        }
        answers[path] = Answer(
            entry["kind"], entry["vary"], variants, entry.get("iri", ""), entry.get("format", "")
        )
    return answers


def is_rendered(unit: BuildUnit) -> bool:
    try:
        manifest = json.loads((folder_of(unit) / MANIFEST).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return False
    return bool(manifest.get("layout") == LAYOUT)
