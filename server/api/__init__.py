"""``/api/v1``: the catalogue as JSON for applications, documented by OpenAPI 3.1.

The answers come from the search index the build wrote (``catalogue.search``),
which holds every concept with its labels and notes in both languages, each
marked official (the announcement's Chinese) or not (our English translation,
our curated labels), and the concepts' place in the hierarchy; search, suggest
and classify are ``catalogue.search``'s own. ``models.py`` declares the query
strings and the answers as pydantic models: spectree validates both with them
and writes the OpenAPI document from them, so the document cannot drift from
the code. ``shapes.py`` turns a concept into its JSON; ``answers.py`` sends
JSON, or JSON-LD under the published context; ``routes.py`` is the blueprint.
"""
