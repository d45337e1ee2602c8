"""Refusals of a request's head, made by the app so they carry a body and CORS.

- **The URL root.** Behind trusted proxies, ProxyFix (outermost) takes the host,
  scheme and path prefix from ``X-Forwarded-*``; links, redirects and the service
  description are built from them. They are checked here where they are used,
  whatever set them: a host is a host name or address with an optional port, a
  prefix is a path of non-empty segments. ``X-Forwarded-Prefix: //evil.example``
  would otherwise turn every link into one to another site.
- **The size of the head.** granian refuses a head larger than its buffer itself,
  with an empty 431 and no CORS; this limit sits below that buffer
  (``options.py``), so the app answers first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

_HOST = re.compile(r"(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.?|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?")
_SEGMENT = re.compile(r"[A-Za-z0-9._~!$&'()*+,;=:@%-]+")


def valid_host(host: str) -> bool:
    return _HOST.fullmatch(host) is not None


def valid_prefix(prefix: str) -> bool:
    """ "" or ``/a/b``: no empty segment (``//host`` would name another site), no dot
    segments, nothing a URL would have to escape."""
    if not prefix:
        return True
    if not prefix.startswith("/"):
        return False
    segments = prefix[1:].split("/")
    return all(_SEGMENT.fullmatch(s) and s not in (".", "..") for s in segments)


class RequestChecks:
    def __init__(self, app: WSGIApplication, max_header_bytes: int) -> None:
        self.app = app
        self.max_header_bytes = max_header_bytes

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        refusal = self.refusal(environ)
        if refusal is None:
            return self.app(environ, start_response)
        status, message = refusal
        body = f"{status.split(' ', 1)[1]}: {message}\n".encode()
        start_response(
            status,
            [
                ("Content-Type", "text/plain; charset=utf-8"),
                ("Content-Length", str(len(body))),
                ("Cache-Control", "no-store"),
            ],
        )
        return [body]

    def refusal(self, environ: WSGIEnvironment) -> tuple[str, str] | None:
        size = sum(len(k) - 3 + len(v) for k, v in environ.items() if k.startswith("HTTP_"))
        if size > self.max_header_bytes:
            return (
                "431 Request Header Fields Too Large",
                f"the request's header fields take more than {self.max_header_bytes} bytes",
            )
        host = environ.get("HTTP_HOST")
        if host and not valid_host(host):
            return "400 Bad Request", "the host (Host or X-Forwarded-Host) is not a host name"
        if not valid_prefix(environ.get("SCRIPT_NAME", "")):
            return "400 Bad Request", "X-Forwarded-Prefix is not a path of non-empty segments"
        if environ.get("wsgi.url_scheme") not in ("http", "https"):
            return "400 Bad Request", "X-Forwarded-Proto is neither http nor https"
        return None
