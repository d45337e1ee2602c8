"""What every request handler shares: settings, the store, and facts about the build.

Kept in ``app.extensions`` by the application factory; handlers get it with
``current_service()`` rather than importing the app (no import cycles).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import formatdate

from flask import current_app

from server.config import ServerConfig
from server.sparql.examples import Example
from server.store.interface import BuildInfo, Store

EXTENSION = "catalogue"


@dataclass
class Service:
    config: ServerConfig
    store: Store
    examples: list[Example]
    prefixes: dict[str, str]
    #: Changes whenever the same request could get different bytes: another
    #: build, another engine or server version, other example queries.
    salt: str = ""
    #: What besides a route's own inputs selects the bytes of its answer, for the
    #: request being answered (its URL root, the page language): part of every ETag,
    #: so no route can forget it.
    variant: Callable[[], tuple[str, ...]] = tuple
    last_modified_http: str = field(init=False)

    def __post_init__(self) -> None:
        self.last_modified_http = formatdate(self.info.last_modified, usegmt=True)

    @property
    def info(self) -> BuildInfo:
        return self.store.info

    def etag(self, *parts: str) -> str:
        """A strong ETag: the data is immutable within a build, so equal requests, equal bytes."""
        return self.etag_in(self.variant(), *parts)

    def etag_in(self, variant: tuple[str, ...], *parts: str) -> str:
        """The ETag of a request whose ``variant`` is known without Flask (the static site
        answers before it): the same digest ``etag`` gives inside the request."""
        digest = hashlib.blake2b(digest_size=16)
        digest.update(self.salt.encode())
        for part in (*parts, *variant):
            digest.update(b"\x00" + part.encode("utf-8", "surrogatepass"))
        return f'"{digest.hexdigest()}"'


def current_service() -> Service:
    service: Service = current_app.extensions[EXTENSION]  # Flask types its registry Any
    return service
