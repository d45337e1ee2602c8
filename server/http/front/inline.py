"""Answering on the event loop what needs no wait: a call tried there first, on a thread if not.

Handing a request to a thread and its answer back costs a thread's wake-up and the
loop's (``handoff.py``): for an answer the app already holds in memory (the static
site's documents and pages, the response cache's hits, a 304, a refusal) that was
most of the work — a static document answered 9,000 requests/s at concurrency 8
through a thread, 12,000 on the loop (bench/, this 2-core machine).

So the bridge calls the app on the loop first for a request without a body, with
``INLINE`` set in the environ. Whatever may wait (on the store, an engine, a disk)
or take long refuses such a call by raising ``WouldBlock`` before it starts; the
bridge then calls the app again on a thread, the same environ without ``INLINE``.
Flask itself is behind ``ThreadOnly``, so no route ever runs on the loop whatever it
does: the guarantee is where the waiting is, not in a list of paths kept elsewhere.
The layers a call passes before it is refused do it again on the thread; the ones
with an effect outside the request do it once: the rate limiter counts a request
once, the access log writes one line (an exception passes it unwritten) and keeps
the clock it started.
"""

from __future__ import annotations

from collections.abc import Iterable
from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

#: Set by the bridge while it calls the app on the event loop.
INLINE = "catalogue.inline"


class WouldBlock(Exception):
    """Raised for a call made on the event loop (``INLINE``) that has to wait or work long:
    the bridge calls the app again on a thread."""


def refuse_inline(environ: WSGIEnvironment) -> None:
    """Raise ``WouldBlock`` if this call runs on the event loop."""
    if INLINE in environ:
        raise WouldBlock


class ThreadOnly:
    """The layer over what may wait: Flask's routes query the store and render pages."""

    def __init__(self, app: WSGIApplication) -> None:
        self.app = app

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        refuse_inline(environ)
        return self.app(environ, start_response)
