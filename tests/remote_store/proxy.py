"""A store that misbehaves on cue: an HTTP proxy in front of a real engine that can
refuse (a status), stall (seconds before answering) or refuse only the n-th request of
a method (a store that fails part-way through a publication). Between clients and
engines, as a balancer or a failing network would be."""

from __future__ import annotations

import http.client
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit


@dataclass
class Misbehaviour:
    #: Answer every request with this status instead of forwarding it.
    status: int | None = None
    #: Seconds to wait before forwarding.
    stall: float = 0.0
    #: (method, n): refuse the n-th request of that method (1-based) with 503.
    refuse_nth: tuple[str, int] | None = None
    counts: dict[str, int] = field(default_factory=dict)


class Proxy:
    def __init__(self, target: str) -> None:
        parts = urlsplit(target)
        self.target_host = parts.hostname or ""
        self.target_port = parts.port or 80
        self.misbehaviour = Misbehaviour()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                proxy._handle(self)

            def do_POST(self) -> None:
                proxy._handle(self)

            def do_PUT(self) -> None:
                proxy._handle(self)

            def log_message(self, format: str, *args: object) -> None:
                """Quiet: the test says what went wrong."""

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        # Polled often, so closing it takes no half second (the default).
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        self.base = f"http://127.0.0.1:{self._server.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def behave(self, **changes: object) -> None:
        self.misbehaviour = Misbehaviour(**changes)  # type: ignore[arg-type]

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _handle(self, request: BaseHTTPRequestHandler) -> None:
        rule = self.misbehaviour
        length = int(request.headers.get("Content-Length") or 0)
        body = request.rfile.read(length) if length else None
        rule.counts[request.command] = rule.counts.get(request.command, 0) + 1
        refused = rule.refuse_nth == (request.command, rule.counts[request.command])
        if rule.status is not None or refused:
            status = rule.status or 503
            message = b"the store is refusing requests"
            request.send_response(status)
            request.send_header("Content-Type", "text/plain")
            request.send_header("Content-Length", str(len(message)))
            request.end_headers()
            request.wfile.write(message)
            return
        time.sleep(rule.stall)
        connection = http.client.HTTPConnection(self.target_host, self.target_port, timeout=60)
        headers = {k: v for k, v in request.headers.items() if k.lower() != "host"}
        connection.request(request.command, request.path, body=body, headers=headers)
        response = connection.getresponse()
        data = response.read()
        request.send_response(response.status, response.reason)
        for name, value in response.getheaders():
            if name.lower() not in ("transfer-encoding", "connection", "content-length"):
                request.send_header(name, value)
        request.send_header("Content-Length", str(len(data)))
        request.end_headers()
        request.wfile.write(data)
        connection.close()
