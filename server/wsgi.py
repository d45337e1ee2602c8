"""The WSGI entry point for a production server: ``server.wsgi:create_wsgi_app`` (a factory).

Each worker process calls the factory after it starts, so each builds its own
app, with its own engine processes and response cache. Settings come from the
``CATALOGUE_*`` environment (see ``config.py``).
"""

from __future__ import annotations

import logging
import os
import sys

from flask import Flask

from catalogue.publication import unit_of
from server.app import create_app
from server.config import ServerConfig
from server.static_site.render import ensure_rendered


def create_wsgi_app() -> Flask:
    logging.basicConfig(
        stream=sys.stderr, level=logging.INFO, format="[%(levelname)s] %(name)s: %(message)s"
    )
    config = ServerConfig.from_environment()
    if config.static_site and not config.store_url:
        # Once per build: the first worker renders it, the others wait and read it.
        ensure_rendered(unit_of(config.store))
    app = create_app(config)
    info = app.extensions["catalogue"].info
    logging.getLogger("server").info(
        "worker %d serving build %s (%d statements)", os.getpid(), info.build_id, info.quads
    )
    return app
