"""The URL a request reached the application by (scheme, host, path prefix), remembered.

werkzeug computes ``Request.url_root`` afresh for every request (it decodes the
host and prefix and rebuilds the URL: 25 µs, a tenth of an uncached ASK), but it
depends on five values of the environ only, which are the same for nearly every
request. So the answer is remembered for the last few hundred combinations; the
host is checked before this is asked (``front/request_checks.py``), and the memory
is bounded whatever hosts clients send.
"""

from __future__ import annotations

from functools import lru_cache
from wsgiref.types import WSGIEnvironment

from werkzeug.wrappers import Request


def url_root_of(environ: WSGIEnvironment) -> str:
    """What werkzeug's ``Request(environ).url_root`` says, e.g. ``http://host:8080/prefix/``."""
    return _url_root(
        environ.get("wsgi.url_scheme", "http"),
        environ.get("HTTP_HOST"),
        environ.get("SERVER_NAME", ""),
        environ.get("SERVER_PORT", ""),
        environ.get("SCRIPT_NAME", ""),
    )


@lru_cache(maxsize=256)
def _url_root(
    scheme: str, host: str | None, server_name: str, server_port: str, script_name: str
) -> str:
    environ: WSGIEnvironment = {
        "wsgi.url_scheme": scheme,
        "SERVER_NAME": server_name,
        "SERVER_PORT": server_port,
        "SCRIPT_NAME": script_name,
    }
    if host is not None:
        environ["HTTP_HOST"] = host
    return Request(environ).url_root


def script_root_of(environ: WSGIEnvironment) -> str:
    """What werkzeug's ``Request(environ).script_root`` says: the prefix, e.g. ``/prefix``."""
    return _script_root(environ.get("SCRIPT_NAME", ""))


@lru_cache(maxsize=256)
def _script_root(script_name: str) -> str:
    return Request({"SCRIPT_NAME": script_name}).script_root
