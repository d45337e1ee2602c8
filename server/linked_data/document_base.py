"""The one host-dependent string in a resource's RDF: the URL of the document itself.

A description says ``<document> foaf:primaryTopic <resource>``, and the document's
URL is where the request came in (or the public URL). Rendering with the real URL
would make every host its own rendering, and the serializers place a subject by
its IRI, so another host would even reorder the statements. So every document is
rendered with one base no site has (``.invalid``, RFC 6761) and the site's own
base is written in afterwards: the same bytes whether rendered per request or
once for all (``server/static_site``), the statements in the same order.

The base is written in as it is, so only a base that needs no escaping in any
syntax (Turtle and N-Triples ``<…>``, RDF/XML and JSON-LD strings) is written in;
another one (a strange proxy prefix) has its documents rendered with it directly.
"""

from __future__ import annotations

import re

#: The base every document is rendered with before the site's own replaces it.
RENDER_BASE = "http://static-site.invalid/"
_RENDER_BASE_BYTES = RENDER_BASE.encode("ascii")

#: A base URL made of characters that mean the same, unescaped, in every syntax we write.
_PLAIN_BASE = re.compile(r"https?://[A-Za-z0-9.\-]+(:[0-9]+)?(/[A-Za-z0-9._~\-]+)*/")


def writable(base_url: str) -> bool:
    """Whether ``base_url`` can be written over ``RENDER_BASE`` as it is."""
    return _PLAIN_BASE.fullmatch(base_url) is not None and RENDER_BASE not in base_url


def with_base(body: bytes, base_url: str) -> bytes:
    """A document rendered at ``RENDER_BASE``, as the site at ``base_url`` serves it."""
    return body.replace(_RENDER_BASE_BYTES, base_url.encode("ascii"))
