"""The search page's HTML, written per request without running the template engine.

Rendering ``pages/search.html`` through Jinja cost as much as the search itself: the
site's chrome (two dozen messages, links, static URLs) and three macros per link, on
every request, although all of it but the query and the results is the same for every
search in a language. So the page is put together from:

- a frame, rendered once per language and site from ``pages/search.html`` itself with
  markers where a request's own text goes (the title, the query, the links to this page
  in the other language, the main part);
- each result's link, kind and breadcrumb trail, rendered by the template's own macros
  the first time the resource is shown, then reused (they depend only on the build);
- the main part, written here as ``search.html``'s ``main`` block writes it.

``tests/pages/test_search_page_rendering.py`` holds the bytes to the template's.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from urllib.parse import urlencode

from flask import current_app, render_template_string, request
from jinja2.environment import TemplateModule
from markupsafe import Markup, escape

from catalogue.search.searcher import CATEGORIES, LEVELS
from server.linked_data.publication import Publication
from server.pages.catalogue_views import linker
from server.pages.i18n import LANGUAGES, Language
from server.pages.messages import message
from server.pages.rendering import common_context
from server.pages.routes import mark_chinese
from server.pages.view import Linker
from server.search.service import Result, SiteSearch
from server.service import current_service

EXTENSION = "search.pages"
TEMPLATE = "pages/search.html"
#: Frames kept: two languages times the ways a site is reached (its prefixes), and a bound.
MAX_FRAMES = 32
#: Around the name of a slot in the frame (no template or message writes this character).
MARK = "\x00"
#: The template, with its title and main blocks and the request's own text as markers.
FRAME = (
    '{% extends "' + TEMPLATE + '" %}'
    "{% block title %}" + MARK + "title" + MARK + "{% endblock %}"
    "{% block main %}" + MARK + "main" + MARK + "{% endblock %}"
)


class SearchPages:
    """The frames of this worker (its build), one per language and site."""

    def __init__(self) -> None:
        self._frames: dict[tuple[object, ...], Frame] = {}
        self._lock = threading.Lock()

    def frame(self, publication: Publication, site: SiteSearch, language: Language) -> Frame:
        service = current_service()
        # what the site's links and static URLs depend on (current_site() without its cost)
        key = (language.code, service.config.public_url, request.script_root, service.info.build_id)
        found = self._frames.get(key)
        if found is None:
            with self._lock:
                found = self._frames.get(key) or Frame.render(publication, site, language)
                if len(self._frames) >= MAX_FRAMES:  # prefixes a misconfigured proxy let in
                    self._frames.clear()
                self._frames[key] = found
        return found


def search_pages() -> SearchPages:
    pages: SearchPages | None = current_app.extensions.get(EXTENSION)
    if pages is None:  # two threads may both make one: the pages are the same
        pages = current_app.extensions.setdefault(EXTENSION, SearchPages())
    return pages


class Frame:
    """The page of one language and site, less what each request writes."""

    def __init__(self, page: str, macros: TemplateModule, links: Linker, site: SiteSearch) -> None:
        #: Text and slot names alternately: text, slot, text, …, text.
        self.parts = page.split(MARK)
        #: The template's macro ``a``: a link, and with ``other=True`` the other name too.
        self.a: Callable[..., Markup] = macros.a  # type: ignore[attr-defined]
        self.links = links
        self.site = site
        self.language = links.language.code
        self._messages: dict[str, str] = {}
        #: Per (level, category) chosen: the filters, from the end of the query's value on.
        self._filters: dict[tuple[str | None, str | None], str] = {}
        #: Per result resource (IRI, whether a concept): its title line and trail.
        self._heads: dict[tuple[str, bool], str] = {}
        t = self.t
        search, classify = (escape(links.site.link(path)) for path in ("/search", "/classify"))
        self.form_start = (
            f'\n<h1>{t("search.title")}</h1>\n<p class="muted">{t("search.hint")}</p>\n'
            f'<form class="search-filters" method="get" action="{search}">\n'
            '  <input type="hidden" name="q" value="'
        )
        self.end = f'\n<p><a href="{classify}">{t("classify.title")}</a></p>\n'

    @classmethod
    def render(cls, publication: Publication, site: SiteSearch, language: Language) -> Frame:
        context = common_context(language)
        markers = {"query": Markup(MARK + "query" + MARK), "switch_url": _switch_marker}
        page = render_template_string(FRAME, **(context | markers))
        macros = current_app.jinja_env.get_template("pages/macros.html").make_module(context)
        return cls(page, macros, linker(publication, language), site)

    def t(self, key: str) -> str:
        """A message in the page's language, HTML-escaped (as the template's ``t``)."""
        found = self._messages.get(key)
        if found is None:
            found = self._messages[key] = str(escape(message(key, self.language)))
        return found

    def page(
        self, query: str, level: str | None, category: str | None, results: Sequence[Result]
    ) -> str:
        escaped = str(escape(query))
        slots = {
            "title": self.t("search.title") + (": " + escaped if query else ""),
            "query": escaped,
            **_language_links(),
            "main": self.main(query, escaped, level, category, results),
        }
        parts = self.parts
        return "".join([parts[i] if i % 2 == 0 else slots[parts[i]] for i in range(len(parts))])

    def main(
        self,
        query: str,
        escaped: str,
        level: str | None,
        category: str | None,
        results: Sequence[Result],
    ) -> str:
        """``search.html``'s main block: the filters, the count, the results."""
        out = [self.form_start, escaped, self.filters(level, category)]
        if query:
            t = self.t
            out.append(
                f'\n<p role="status"><strong>{len(results)}</strong> {t("search.results")}'
                f" — “{mark_chinese(query)}”</p>\n"
            )
            if results:
                out.append('\n<ol class="results">\n  ')
                out += [self.row(r) for r in results]
                out.append("\n</ol>\n")
            else:
                out.append(f"\n<p>{t('search.none')}</p>\n")
            out.append("\n")
        out.append(self.end)
        return "".join(out)

    def filters(self, level: str | None, category: str | None) -> str:
        found = self._filters.get((level, category))
        if found is None:
            t = self.t
            found = "".join(
                [
                    '">\n',
                    f'  <label>{t("search.level")}\n    <select name="level">\n'
                    f'      <option value="">{t("search.any")}</option>\n      ',
                    *(_option(v, v == level, t("level." + v)) for v in LEVELS),
                    f"\n    </select></label>\n  <label>{t('search.category')}\n"
                    f'    <select name="category">\n'
                    f'      <option value="">{t("search.any")}</option>\n      ',
                    *(_option(c, c == category, str(escape(c))) for c in CATEGORIES),
                    "\n    </select></label>\n"
                    f'  <button type="submit">{t("search.filter")}</button>\n</form>\n',
                ]
            )
            self._filters[(level, category)] = found
        return found

    def row(self, result: Result) -> str:
        key = (result.iri, result.concept is not None)
        head = self._heads.get(key)
        if head is None:
            head = self._heads[key] = self.head(result)
        match = ""
        if result.concept is not None and result.highlight:
            field_name = self.t("field." + result.field)
            match = (
                f'<p class="match"><span class="muted">{field_name}:</span> '
                f"{mark_chinese(Markup(result.highlight))}</p>"
            )
        return f'\n  <li data-score="{result.score}">\n    {head}\n    {match}\n  </li>\n  '

    def head(self, result: Result) -> str:
        """A result's title line and trail: the same for every search that finds it."""
        link = self.links.link(result.iri)
        if result.concept is not None:
            kind = self.t("level." + result.level)
            crumbs = [self.links.link(c.iri) for c in self.site.path(result.concept)[:-1]]
        else:
            kind = self.t("kind." + result.level)
            crumbs = []
        a = self.a(link, other=True)
        title = f'<p class="result-title">{a} <span class="kind">{kind}</span></p>'
        if not crumbs:
            return title + "\n    "
        trail = "".join(f"{self.a(crumb)} › " for crumb in crumbs)
        return f'{title}\n    <p class="trail">{trail}{escape(link.notation or "")}</p>'


def _language_links() -> dict[str, str]:
    """The slots of ``switch_url("zh")`` and ``switch_url("en")``: this page in each language,
    the request's other arguments encoded once for both."""
    others = urlencode([(k, v) for k, v in request.args.items(multi=True) if k != "lang"])
    page = request.script_root + request.path + "?" + (others + "&" if others else "")
    # the codes (zh, en) are as urlencode would write them
    return {"switch-" + code: str(escape(page + "lang=" + code)) for code in LANGUAGES}


def _switch_marker(code: str) -> Markup:
    return Markup(MARK + "switch-" + code + MARK)


def _option(value: str, selected: bool, text: str) -> str:
    chosen = " selected" if selected else ""
    return f'<option value="{escape(value)}"{chosen}>{text}</option>'
