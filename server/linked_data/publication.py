"""What this server publishes, shared by every request: the IRI mapping, the index of
resources, the build's files and the official text. Kept in ``app.extensions``.

Everything comes from one published build (``build``), the one the store was read from."""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app, request

from catalogue.publication import BuildUnit
from catalogue.settings import DEFAULT_NAMESPACE
from server.config import ServerConfig
from server.formats import Format
from server.linked_data.addresses import Addresses, Site, prefix_of, site_of
from server.linked_data.build_files import BuildFiles
from server.linked_data.documents import ONTOLOGY_FORMATS, RESOURCE_FORMATS, SOURCE_FORMATS
from server.linked_data.index import Index, LazyIndex
from server.linked_data.source_text import SourceText
from server.service import current_service
from server.store.interface import Store

EXTENSION = "linked_data"


@dataclass
class Publication:
    addresses: Addresses
    files: BuildFiles
    source: SourceText
    _index: LazyIndex
    #: The published build served; None only behind a remote endpoint with no build.
    build: BuildUnit | None

    @classmethod
    def create(cls, config: ServerConfig, store: Store, build: BuildUnit | None) -> Publication:
        info = store.info
        addresses = Addresses(info.namespace or DEFAULT_NAMESPACE)
        return cls(
            addresses,
            BuildFiles(build, info.build_id),
            SourceText(config.source, info.source_sha256),
            LazyIndex(store, addresses, config.query_timeout),
            build,
        )

    @property
    def index(self) -> Index:
        return self._index.get()

    @property
    def dataset(self) -> str:
        return self.addresses.namespace + "dataset"

    def formats(self, iri: str) -> tuple[Format, ...]:
        """The documents a resource has, in our order of preference."""
        kind = self.index.kind(iri)
        if kind == "ontology":
            return ONTOLOGY_FORMATS
        if kind == "source" and self.source.available:
            return SOURCE_FORMATS
        return RESOURCE_FORMATS


def current_publication() -> Publication:
    publication: Publication = current_app.extensions[EXTENSION]  # Flask types it Any
    return publication


def current_site() -> Site:
    return site_of(request, current_service().config)


def current_site_prefix() -> str:
    """``current_site().prefix``, for less."""
    return prefix_of(request, current_service().config)
