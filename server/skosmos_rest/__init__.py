"""``/rest/v1``: the read part of Skosmos' REST API, for this one vocabulary.

Clients written for Skosmos (skosmos-client, Annif's web UI, Skosmos widgets)
read the catalogue unchanged: the paths, parameters and JSON shapes are those of
Skosmos' ``swagger.json`` and of its ``RestController`` (NatLibFi/Skosmos), down
to the ``@context`` each answer carries, the labels in another language marked
`` (zh)``, and errors as ``400 Bad Request : …`` in plain text.

The concepts, labels and hierarchy come from the search index the build wrote
(``catalogue.search``), the scheme's and the classes' names from the linked-data
index: no SPARQL at request time. ``vocabulary.py`` is the vocabulary as Skosmos
sees it (its id, languages, labels with fallback, label patterns); ``routes.py``
is the blueprint.
"""
