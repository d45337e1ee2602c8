"""The static site's files in a build: where they are, and reading them back.

``<build>/static-site/<renderer>/answers.json`` lists every answer (its path, what
its ETag is computed from, its headers) and names the file of its body beside it. A
body holds what no request changes; the serving side adds the rest (``answers.py``).

``<renderer>`` is a digest of what the bytes depend on besides the build: the server's
code, templates and static files, and the libraries that write pages and documents.
A server upgraded on the same build (a new template, a fixed serializer) finds no site
of its own and renders one, where it would have answered the old rendering's bytes
for as long as the build lived; two versions serving one build (a rolling upgrade)
each read their own.
"""

from __future__ import annotations

import hashlib
import json
import threading
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.metadata import version
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

    def read_all(self) -> None:
        for variant in self.variants:
            self.body(variant)

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


#: The libraries whose output is in the bytes (pages, documents, their serializations).
WRITERS = ("flask", "jinja2", "werkzeug", "rdflib", "pyoxigraph")


def folder_of(unit: BuildUnit) -> Path:
    return unit.root / FOLDER / renderer()


@lru_cache(maxsize=1)
def renderer() -> str:
    """This server's renderer: its package's files and its writers' versions, digested."""
    return fingerprint(Path(__file__).resolve().parents[1], WRITERS)


def fingerprint(package: Path, libraries: tuple[str, ...]) -> str:
    digest = hashlib.blake2b(digest_size=8)
    for library in libraries:
        digest.update(f"{library} {version(library)}\n".encode())
    files = sorted(p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    for path in files:
        digest.update(str(path.relative_to(package)).encode() + b"\0")
        digest.update(hashlib.blake2b(path.read_bytes(), digest_size=16).digest())
    return digest.hexdigest()


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
