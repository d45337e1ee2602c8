"""The endpoint's URLs, one blueprint each: ``/sparql``, ``/rdf-graph-store``, ``/healthz``."""
