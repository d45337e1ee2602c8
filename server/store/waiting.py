"""A worker whose remote store cannot be read when it starts: it answers 503 until it can.

A worker learns which build to serve from the store when it starts, and again when
SIGHUP replaces it. Were the store down just then, the worker could not be made, and
granian, seeing its workers exit one after another, shuts the whole server down
("worker crash loop detected"): a store's short outage would become ours for good.
So the worker starts without its app, answers every request 503 (``/healthz`` too, so a
balancer sends it nothing), and tries again to make its app at most every
``RETRY_EVERY`` seconds, from the requests that come in.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable
from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

from server.http.front.inline import refuse_inline
from server.store.interface import StoreUnavailable

log = logging.getLogger(__name__)
RETRY_EVERY = 1.0


class WaitingForStore:
    def __init__(self, make_app: Callable[[], WSGIApplication], why: StoreUnavailable) -> None:
        self._make_app = make_app
        self._why = str(why)
        self._app: WSGIApplication | None = None
        self._tried = time.monotonic()
        self._lock = threading.Lock()
        log.error("the store cannot be read (%s): answering 503 until it can", self._why)

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        if self._app is None:
            refuse_inline(environ)  # trying again waits on the store
        app = self._app or self._try_again()
        if app is not None:
            return app(environ, start_response)
        body = f"the store is unavailable: {self._why}; try again\n".encode()
        start_response(
            "503 Service Unavailable",
            [
                ("Content-Type", "text/plain; charset=utf-8"),
                ("Content-Length", str(len(body))),
                ("Retry-After", str(round(RETRY_EVERY))),
                ("Cache-Control", "no-store"),
            ],
        )
        return [body]

    def _try_again(self) -> WSGIApplication | None:
        if time.monotonic() - self._tried < RETRY_EVERY or not self._lock.acquire(blocking=False):
            return None
        try:
            self._tried = time.monotonic()
            self._app = self._make_app()
            log.info("the store can be read again: serving")
        except StoreUnavailable as error:
            self._why = str(error)
        finally:
            self._lock.release()
        return self._app
