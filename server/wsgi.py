"""The WSGI entry point for a production server: ``server.wsgi:create_wsgi_app`` (a factory).

Each worker process calls the factory after it starts, so each builds its own
app, with its own engine processes and response cache. Settings come from the
``CATALOGUE_*`` environment (see ``config.py``).
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from wsgiref.types import WSGIApplication

from flask import Flask

from server.app import create_app
from server.linked_data.publication import EXTENSION as PUBLICATION
from server.static_site.answers import STATIC_SITE
from server.store.interface import StoreUnavailable
from server.store.waiting import WaitingForStore


def create_wsgi_app() -> WSGIApplication:
    logging.basicConfig(
        stream=sys.stderr, level=logging.INFO, format="[%(levelname)s] %(name)s: %(message)s"
    )
    try:
        return _started(create_app())
    except StoreUnavailable as error:  # a remote store, down as this worker starts
        return WaitingForStore(lambda: _started(create_app()), error)


def _started(app: Flask) -> Flask:
    static = app.extensions.get(STATIC_SITE)
    if static is not None:
        # Once per build, beside the answers: the first worker renders the build's static
        # site, the others wait for it; until then Flask answers (the same bytes). Then
        # every worker reads the site's bodies into memory.
        unit = app.extensions[PUBLICATION].build
        static.rendering = True  # from now: /healthz?build= waits for it (server/health.py)
        threading.Thread(
            target=static.serve_when_rendered, args=(unit,), name="static-site", daemon=True
        ).start()
    info = app.extensions["catalogue"].info
    logging.getLogger("server").info(
        "worker %d serving build %s (%d statements)", os.getpid(), info.build_id, info.quads
    )
    return app
