"""IRI ↔ request path ↔ URL: where the host-independence of the IRIs is kept.

A request path maps to ``namespace + path`` (the build's namespace), except
``/ontology…``, which maps into the ontology's own namespace: its IRIs are fixed
whatever namespace a build uses (``catalogue.vocab.ONTOLOGY_IRI``). The reverse
mapping makes links: a local IRI becomes a root-relative path under the site's
prefix; any other IRI stays as it is.

Nothing here names a host. Links are paths; the few places that need an
absolute URL (VoID, the sitemap) take it from the configured public URL or
from the request, which ``ProxyFix`` corrects only for trusted proxies.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from flask import Request

from catalogue.vocab import ONTOLOGY_IRI
from server.config import ServerConfig

_ONTOLOGY_PATH = "/ontology"


@dataclass(frozen=True)
class Addresses:
    """The two namespaces the server answers for, and the mapping between IRIs and paths."""

    namespace: str
    ontology: str = ONTOLOGY_IRI

    def iri_of(self, path: str) -> str:
        """The IRI a request path stands for: ``/2022/domain/05`` → ``{ns}2022/domain/05``."""
        if path == _ONTOLOGY_PATH or path.startswith(_ONTOLOGY_PATH + "/"):
            return self.ontology + path[len(_ONTOLOGY_PATH) :]
        return self.namespace + path.removeprefix("/")

    def path_of(self, iri: str) -> str | None:
        """The local path of an IRI (fragment kept), or None if the IRI is not ours."""
        if iri == self.ontology or iri.startswith(self.ontology + "/"):
            return _ONTOLOGY_PATH + iri[len(self.ontology) :]
        if iri.startswith(self.namespace):
            return "/" + iri[len(self.namespace) :]
        return None

    def is_local(self, iri: str) -> bool:
        return self.path_of(iri) is not None


@dataclass(frozen=True)
class Site:
    """Where this request reached the site: the prefix of links, the absolute base URL."""

    #: Prepended to root-relative links: "" at the root, "/catalogue" under a prefix.
    prefix: str
    #: The absolute URL of the site's root, ending in "/".
    base_url: str
    #: True when ``base_url`` is the configured public URL (then redirects use it).
    configured: bool

    def link(self, path: str) -> str:
        return self.prefix + path

    def absolute(self, path: str) -> str:
        return self.base_url + path.removeprefix("/")


def site_of(request: Request, config: ServerConfig) -> Site:
    if config.public_url:
        base = config.public_url.rstrip("/") + "/"
        return Site(prefix_of(request, config), base, True)
    return Site(
        request.script_root, request.host_url.rstrip("/") + request.script_root + "/", False
    )


def prefix_of(request: Request, config: ServerConfig) -> str:
    """``site_of(…).prefix`` alone: without the absolute URL, whose host costs more to read."""
    if config.public_url:
        return urlsplit(config.public_url.rstrip("/") + "/").path.rstrip("/")
    return request.script_root


def relative_reference(from_path: str, to_path: str) -> str:
    """A relative reference that, resolved against ``from_path``, gives ``to_path`` (RFC 3986 §5).

    Relative Locations survive any proxy and prefix in front of the server,
    and say nothing about the host.
    """
    from_dirs = from_path.split("/")[1:-1]
    *to_dirs, name = to_path.split("/")[1:]
    common = 0
    while common < min(len(from_dirs), len(to_dirs)) and from_dirs[common] == to_dirs[common]:
        common += 1
    reference = "../" * (len(from_dirs) - common) + "/".join([*to_dirs[common:], name])
    # "a:b" would read as a scheme; "" as the request itself.
    if not reference or ":" in reference.split("/")[0]:
        reference = "./" + reference
    return quote(reference, safe="/:@!$&'()*+,;=-._~%")
