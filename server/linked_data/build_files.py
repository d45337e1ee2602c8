"""The build's files served as they are: the dumps (with SHA256SUMS), the ontology's files and
documentation, and the SKOS quality report.

They are read from the one published build the server serves (catalogue/publication.py),
whose files are never written again: their ETag, their SHA-256, is computed once, at start,
and names their bytes for as long as the server serves that build. Only files the build
listed are served (a dump must appear in SHA256SUMS), so a request can name nothing else
on disk; a client that already has the bytes gets 304.
"""

from __future__ import annotations

import hashlib
import mimetypes
from dataclasses import dataclass
from pathlib import Path

from flask import Response, abort, send_file

from catalogue.dumps import CHECKSUMS_FILE, CONTEXT_FILE, DUMPS
from catalogue.publication import BuildUnit
from server.service import current_service

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
#: Where pyLODE's HTML documentation goes if a build makes it, and its page.
ONTOLOGY_DOCS = "docs"
DOCS_PAGE = "index.html"
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
    """The files of ``build`` (none behind a remote endpoint with no build beside it)."""

    def __init__(self, build: BuildUnit | None, build_id: str) -> None:
        self.dumps: dict[str, BuildFile] = {}
        self.ontology: dict[str, BuildFile] = {}
        self.quality: dict[str, BuildFile] = {}
        #: pyLODE's page and its assets, by name (build/ontology/docs/).
        self.docs: dict[str, BuildFile] = {}
        #: Whether the files are those of the build the store holds: always, unless the
        #: queries go to a remote endpoint.
        self.current = build is not None and build.id == build_id
        if build is None:
            return
        self.dumps = _read_dumps(build.dumps)
        self.ontology = {
            extension: _file(build.ontology / name, "")
            for extension, name in ONTOLOGY_FILES.items()
            if (build.ontology / name).is_file()
        }
        self.quality = {
            extension: _file(build.quality / name, media_type)
            for extension, (name, media_type) in QUALITY_FILES.items()
            if (build.quality / name).is_file()
        }
        docs = build.ontology / ONTOLOGY_DOCS
        if (docs / DOCS_PAGE).is_file():
            self.docs = {
                path.name: _file(path, mimetypes.guess_type(path.name)[0] or "")
                for path in sorted(docs.iterdir())
                if path.is_file()
            }

    def dump(self, name: str) -> BuildFile | None:
        return self.dumps.get(name)

    def ontology_file(self, extension: str) -> BuildFile | None:
        return self.ontology.get(extension)

    def quality_file(self, extension: str) -> BuildFile | None:
        return self.quality.get(extension)

    def docs_file(self, name: str) -> BuildFile | None:
        return self.docs.get(name)

    @property
    def ontology_docs(self) -> BuildFile | None:
        """pyLODE's page, when a build wrote it (build/ontology/docs/index.html)."""
        return self.docs.get(DOCS_PAGE)

    @property
    def model_diagram(self) -> BuildFile | None:
        """The model diagram, served with the documentation (/ontology/docs/model.svg)."""
        return self.docs.get(MODEL_DIAGRAM)


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
