"""The documents about a resource: one URL per format, chosen by extension, parameter or Accept.

``/2022/domain/05.ttl`` is the Turtle document about ``{ns}2022/domain/05``;
``/2022/domain/05?format=ttl`` (or ``_format``, the Linked Data API's name) and
``Accept: text/turtle`` on the IRI's own path lead to it too. Codes contain
dots (``06.09.05``), so only a known extension counts as one.
"""

from __future__ import annotations

from dataclasses import dataclass

from server.formats import BY_NAME, HTML, Format

TURTLE, NTRIPLES, RDFXML, JSONLD = (BY_NAME[n] for n in ("turtle", "ntriples", "rdfxml", "jsonld"))

#: The ontology's own files have two more syntaxes, for OWL tools.
OWL_XML = Format("owx", "application/owl+xml", frozenset(), ("owx", "owl/xml"))
OWL_FUNCTIONAL = Format("ofn", "text/owl-functional", frozenset(), ("ofn", "functional"))
#: The official text, as received: RFC 5147 fragments address its lines.
PLAIN_TEXT = Format("txt", "text/plain", frozenset(), ("txt", "text"))

#: Every resource's documents, in our order of preference: a program that
#: accepts anything (``*/*``) gets Turtle; HTML goes to who asks for it.
RESOURCE_FORMATS: tuple[Format, ...] = (TURTLE, NTRIPLES, RDFXML, JSONLD, HTML)
#: The ontology: the build's files, plus N-Triples from the store.
ONTOLOGY_FORMATS: tuple[Format, ...] = (
    TURTLE,
    NTRIPLES,
    RDFXML,
    JSONLD,
    OWL_XML,
    OWL_FUNCTIONAL,
    HTML,
)
#: The source text: ``text/plain`` means the text itself, not N-Triples.
SOURCE_FORMATS: tuple[Format, ...] = (TURTLE, PLAIN_TEXT, NTRIPLES, RDFXML, JSONLD, HTML)

EXTENSIONS: dict[str, Format] = {
    "html": HTML,
    "ttl": TURTLE,
    "nt": NTRIPLES,
    "rdf": RDFXML,
    "jsonld": JSONLD,
    "owx": OWL_XML,
    "ofn": OWL_FUNCTIONAL,
    "txt": PLAIN_TEXT,
}
EXTENSION_OF: dict[str, str] = {fmt.name: ext for ext, fmt in EXTENSIONS.items()}

#: Names shown in pages' download links.
LABELS: dict[str, str] = {
    "html": "HTML",
    "ttl": "Turtle",
    "nt": "N-Triples",
    "rdf": "RDF/XML",
    "jsonld": "JSON-LD",
    "owx": "OWL/XML",
    "ofn": "OWL Functional",
    "txt": "Text",
}


@dataclass(frozen=True)
class DocumentPath:
    """A request path split into the resource's path and the document's extension."""

    resource: str
    extension: str | None

    @property
    def format(self) -> Format | None:
        return EXTENSIONS.get(self.extension) if self.extension else None


def split_extension(path: str) -> DocumentPath:
    stem, dot, extension = path.rpartition(".")
    if dot and extension in EXTENSIONS and "/" not in extension and stem and not stem.endswith("/"):
        return DocumentPath(stem, extension)
    return DocumentPath(path, None)


def document_path(resource_path: str, extension: str) -> str:
    """``/2022/domain/05`` → ``/2022/domain/05.ttl``; the ontology's namespace IRI
    (``/ontology/``) has its documents at ``/ontology.ttl``."""
    return resource_path.rstrip("/") + "." + extension
