"""408 Request Timeout for a body the bridge stopped waiting for, answered by the app's
own layers (so it carries CORS and is logged like any answer)."""

from __future__ import annotations

from collections.abc import Iterable
from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

from server.http.front.bridge import BODY_TIMED_OUT


class BodyTimeout:
    def __init__(self, app: WSGIApplication, seconds: float) -> None:
        self.app = app
        self.seconds = seconds

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        if not environ.get(BODY_TIMED_OUT):
            return self.app(environ, start_response)
        body = (
            f"Request Timeout: the request body did not arrive within {self.seconds:g} s\n"
        ).encode()
        start_response(
            "408 Request Timeout",
            [
                ("Content-Type", "text/plain; charset=utf-8"),
                ("Content-Length", str(len(body))),
                ("Connection", "close"),  # the rest of the body is not worth reading
                ("Cache-Control", "no-store"),
            ],
        )
        return [body]
