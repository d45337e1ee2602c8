"""The build's files served as they are: the dumps (with SHA256SUMS), the ontology's files and
the SKOS quality report.

Only files the build listed are served (a dump must appear in SHA256SUMS), so a
request can name nothing else on disk. Their ETag is their SHA-256: a client
that already has the bytes the checksum file lists gets 304.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path

from flask import Response, abort, send_file

from catalogue.dumps import CHECKSUMS_FILE, CONTEXT_FILE, DUMPS
from catalogue.store import build_id_of
from server.service import current_service

log = logging.getLogger(__name__)

_DUMP_TYPES = {dump.filename: dump.media_type for dump in DUMPS} | {
    CONTEXT_FILE: "application/ld+json",
    CHECKSUMS_FILE: "text/plain",  # werkzeug adds "; charset=utf-8" to text/*
}
#: The ontology's files, by document extension (build/ontology/soc.*).
ONTOLOGY_FILES = {
    "ttl": "soc.ttl",
    "rdf": "soc.rdf",
    "jsonld": "soc.jsonld",
    "owx": "soc.owx",
    "ofn": "soc.ofn",
}
#: Where pyLODE's HTML documentation goes if a build makes it.
ONTOLOGY_DOCS = "docs"
#: The model diagram the build copies beside them (catalogue/owl/docs.py, from docs/model.svg).
MODEL_DIAGRAM = "model.svg"
#: The quality report's files (build/quality/report.*), by extension. No charset: werkzeug
#: adds "; charset=utf-8" to text/* itself (given one, it would add a second).
QUALITY_FILES = {
    "json": ("report.json", "application/json"),
    "txt": ("report.txt", "text/plain"),
}


@dataclass(frozen=True)
class BuildFile:
    path: Path
    media_type: str
    sha256: str

    @property
    def size(self) -> int:
        return self.path.stat().st_size


class BuildFiles:
    def __init__(self, build_dir: Path, build_id: str) -> None:
        self.dumps_dir = build_dir / "dumps"
        self.ontology_dir = build_dir / "ontology"
        self.quality_dir = build_dir / "quality"
        self.dumps = _read_dumps(self.dumps_dir)
        self.ontology = {
            extension: _file(self.ontology_dir / name, "")
            for extension, name in ONTOLOGY_FILES.items()
            if (self.ontology_dir / name).is_file()
        }
        self.quality = {
            extension: _file(self.quality_dir / name, media_type)
            for extension, (name, media_type) in QUALITY_FILES.items()
            if (self.quality_dir / name).is_file()
        }
        nquads = self.dumps.get("catalogue.nq")
        # build/store and build/dumps are replaced one after the other by a build; a
        # server started before a rebuild serves the old store until it restarts.
        self.current = nquads is not None and build_id_of(nquads.path) == build_id
        if nquads is not None and not self.current:
            log.warning("the dumps in %s are from another build than the store", self.dumps_dir)

    def dump(self, name: str) -> BuildFile | None:
        return self.dumps.get(name)

    def ontology_file(self, extension: str) -> BuildFile | None:
        return self.ontology.get(extension)

    def quality_file(self, extension: str) -> BuildFile | None:
        return self.quality.get(extension)

    @property
    def ontology_docs(self) -> Path | None:
        """pyLODE's pages, when a build wrote them (build/ontology/docs/index.html)."""
        docs = self.ontology_dir / ONTOLOGY_DOCS
        return docs if (docs / "index.html").is_file() else None

    @property
    def model_diagram(self) -> Path | None:
        """The model diagram, served with the documentation (/ontology/docs/model.svg)."""
        docs = self.ontology_docs
        return docs / MODEL_DIAGRAM if docs and (docs / MODEL_DIAGRAM).is_file() else None


def _read_dumps(directory: Path) -> dict[str, BuildFile]:
    sums = directory / CHECKSUMS_FILE
    if not sums.is_file():
        return {}
    listed: dict[str, BuildFile] = {}
    for line in sums.read_text(encoding="utf-8").splitlines():
        digest, _, name = line.partition("  ")
        path = directory / name
        if name in _DUMP_TYPES and path.is_file():
            listed[name] = BuildFile(path, _DUMP_TYPES[name], digest)
    listed[CHECKSUMS_FILE] = _file(sums, _DUMP_TYPES[CHECKSUMS_FILE])
    return dict(sorted(listed.items()))


def _file(path: Path, media_type: str) -> BuildFile:
    return BuildFile(path, media_type, hashlib.sha256(path.read_bytes()).hexdigest())


def send_build_file(file: BuildFile | None) -> Response:
    """A file of the build as written: its ETag its SHA-256, 304 on revalidation; 404 when
    the build wrote no such file."""
    if file is None:
        abort(404)
    service = current_service()
    response = send_file(
        file.path,
        mimetype=file.media_type,
        etag=file.sha256,
        conditional=True,
        max_age=service.config.max_age,
        last_modified=service.info.last_modified,
    )
    response.headers["Cache-Control"] = f"public, max-age={service.config.max_age}"
    return response
