"""The SPARQL 1.1 Protocol: reading a request (``protocol.py``), reading the query before
the engine (``lexer.py``, ``query_text.py``, ``compat.py``), the ``/sparql`` and
``/rdf-graph-store`` routes, answers and refusals, the service description, the query page."""
