"""The entry point ``serve`` gives granian: ``server.asgi:create_asgi_app`` (a factory).

The app is WSGI; granian serves it through its ASGI interface and
``server.http.front.bridge``, which reads request bodies with a deadline
before a thread is given to them (see ``server/http/front``).
"""

from __future__ import annotations

from server.config import ServerConfig
from server.http.front.bridge import Limits, WsgiBridge
from server.wsgi import create_wsgi_app


def create_asgi_app() -> WsgiBridge:
    config = ServerConfig.from_environment()
    limits = Limits(
        threads=config.threads,
        body_timeout=config.body_timeout,
        send_timeout=config.send_timeout,
        max_body_bytes=config.max_body_bytes,
    )
    # The app refuses on the event loop what may wait (front/inline.py): inline is safe.
    return WsgiBridge(create_wsgi_app(), limits, inline=True)
