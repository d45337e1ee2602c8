"""Pages for people: the catalogue in Chinese and English, server-rendered, no JavaScript needed.

- ``routes.py``: the blueprint (home, a page per resource at ``….html``,
  downloads, sitemap, robots.txt, the helpful 404); search and classify are
  ``server/search``'s, with their templates here;
- ``i18n.py`` + ``messages.py``: the reader's language and the interface's words;
- ``view.py``: a resource's description (from ``linked_data``) as templates use it;
- ``property_names.py``: what to call each property, in both languages;
- ``rendering.py``: templates to responses, with the caching headers of documents;
- templates in ``server/templates/pages/``, assets in ``server/static/``.

Pages depend on ``server.linked_data`` (addresses, index, descriptions); nothing
there depends on pages.
"""
