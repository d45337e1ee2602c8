"""A build in another triple store: how it is laid out there (``layout.py``), which engine
holds it (``engines.py``), and how ``outsourcing-catalogue publish --to URL`` puts it
there (``publish.py``) over HTTP alone. The server reads the same layout (server/store/
remote.py); this package never imports the server."""
