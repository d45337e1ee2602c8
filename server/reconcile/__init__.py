"""The W3C Entity Reconciliation API: version 0.2 (as OpenRefine 3.6 speaks it) at ``/reconcile``,
the current draft (1.0-draft) at ``/reconcile/v1``.

Matching is the site's own search and classifier (``catalogue.search``), over
the index the build wrote: a code or a label is looked up, a business
description is classified. Nothing here queries the store.

- ``vocabulary.py``: the types (the catalogue's levels) and the properties;
- ``matching.py``: a query → scored candidates, and when one is a match;
- ``extension.py``: data extension (the values of a concept's properties);
- ``manifest.py``: the service manifest; ``preview.py``: the HTML previews;
- ``routes.py``: the 0.2 blueprint; ``draft.py`` and ``routes_draft.py``: the draft's shapes
  and its blueprint, over the same code.
"""
