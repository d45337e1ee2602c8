"""Linked data: every IRI the build mints resolves here, for people and for programs.

The dereferencing policy (W3C "Cool URIs for the Semantic Web", §4.3; "Best
Practices for Publishing Linked Data"), applied to every IRI alike:

- **An IRI names a thing, never a web page.** ``GET {ns}2022/domain/05`` (here:
  ``/2022/domain/05``) answers ``303 See Other`` with the *document* about it,
  chosen by content negotiation: ``Location: 05.html`` for a browser,
  ``05.ttl`` for ``Accept: text/turtle``, and so on. The redirect varies on
  Accept only, is cacheable, and carries ``Link: rel="alternate"`` to every
  format, so a client that cannot follow a 303 still finds the data.
- **A document has one URL per format**: the IRI's path plus ``.html``,
  ``.ttl``, ``.nt``, ``.rdf`` or ``.jsonld``. It answers ``200`` with an ETag
  (304 on revalidation, as the SPARQL endpoint does), ``Link`` headers to the
  other formats, and (HTML only) varies on the reader's language.
  ``?format=`` / ``?_format=`` on an IRI selects the document the same way as
  an extension does.
- **Hash IRIs** (``{ns}2022/source#line=35,40``) reach the server without their
  fragment: the source text's document describes every excerpt, and a browser
  keeps the fragment across the 303, landing on the excerpt's lines.
- **Only what is itself a document is served directly**: the dumps
  (``{ns}dumps/catalogue.ttl`` *is* the file), the SPARQL endpoint (``{ns}sparql``).
- **Locations never name this host**: relative references (``05.ttl``), or
  absolute ones under the configured public URL. X-Forwarded-* headers count
  only from trusted proxies (``ProxyFix`` in ``app.py``).
- **Unknown IRIs** get 404: a page with suggestions (by label, code and path)
  for a browser, a plain-text list for anything else.

IRIs do not depend on the host: a request path maps to ``namespace + path``
(the namespace is the build's, read from the build info next to the store),
except ``/ontology…``, which maps to the ontology's fixed namespace. So the same
build serves on localhost, behind a proxy, or under w3id.org's redirect.

Modules: ``addresses.py`` (IRI ↔ path ↔ URL), ``documents.py`` (formats and
document URLs), ``index.py`` (every resource's labels and kind, loaded once),
``describe.py`` (the SPARQL that describes one resource), ``rdf_output.py``
(its serializations), ``build_files.py`` (dumps and ontology files),
``void.py`` (``/.well-known/void``), ``routes.py`` (the blueprint).
"""
