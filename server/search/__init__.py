"""Search, suggestions and classify over HTTP: ``/search``, ``/search/suggest``, ``/classify``.

The answering is ``catalogue.search`` (the index the build wrote); here are the
routes, the JSON contracts and the pages' contexts. ``service.py`` opens the
index once per worker and adds the resources that are not concepts (ministries,
documents, levels) from the linked-data index, so that the site's one search box
still finds 商务部.
"""
