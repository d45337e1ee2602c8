"""The SPARQL 1.1 endpoint that serves the built catalogue: read-only, cached, isolated.

Start with ``app.py`` (the application factory and the order of the WSGI layers
around it) and ``serve.py`` (the production server). Importing this package is
cheap: Flask, granian and pyoxigraph are imported by the modules that use them.
"""

__version__ = "0.1.0"
