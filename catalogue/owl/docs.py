"""The ontology's documentation page, build/ontology/docs/index.html, made by pyLODE.

pyLODE (RDFLib's LODE, the OntPub profile) writes one self-contained page: its
stylesheet inline, its icons as data: URIs, no script but an inline JSON-LD
block. The page adds an overview with the model diagram (docs/model.svg,
copied beside it) and a section for the one datatype, which OntPub does not
document. The graph it is given is documentation_graph(), not soc.ttl as is:
see docs_graph.py for why.

pyLODE is pinned to 3.3.x: 3.4.1 fails at import on Python 3.11 (it reads a
pyproject.toml its wheel lacks), later releases need 3.12, and the hooks
overridden below are OntPub's own methods.
"""

from __future__ import annotations

import contextlib
import json
import logging
import shutil
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

from dominate.tags import a, div, h2, h4, img, li, p, script, style, sup, table, td, tr, ul
from dominate.util import raw
from rdflib import Graph

from catalogue.owl.docs_graph import documentation_graph
from catalogue.vocab import RDF, RDFS

PAGE = "index.html"
DIAGRAM = "model.svg"


@contextlib.contextmanager
def _root_logging_kept() -> Iterator[None]:
    """pyLODE calls logging.basicConfig(level=DEBUG) when imported; undo it.

    Left alone, every library's debug messages would go to the build's stderr.
    """
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        yield
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)


with _root_logging_kept():
    from pylode import OntPub
    from pylode.rdf_elements import CLASS_PROPS, ONT_TYPES
    from pylode.utils import section_html

# OntPub knows no datatypes: register the kind once, as its own sections register theirs.
ONT_TYPES.setdefault(RDFS.Datatype, ("dt", "RDFS Datatype"))

OVERVIEW = [
    "The catalogue is published with SKOS and XKOS, the vocabularies that statistical "
    "offices use for ISIC, NACE and CPC. This ontology adds only what they lack: one class "
    "per level of the catalogue, the resources that carry exclusions and provenance, a "
    "datatype for the codes this project mints, and a few properties.",
    "The diagram shows how they fit together with SKOS, XKOS, PROV and DCTERMS, with one "
    "real resource of each kind (select it to open it full size).",
]
READING = [
    "Description: the English definition. Scope note: how the term is used, and the "
    "axioms in words. Note: the Chinese label, definition and comment.",
    "Example: Turtle taken from the published catalogue (build/dumps/catalogue.ttl), with "
    "the prefixes listed under Namespaces; a test checks that every triple is in the data.",
]
EXTRA_CSS = """
    .sup-dt { color: #8c5a2b; }
    #overview img { max-width: 100%; height: auto; border: 1px solid #ddd; }
    pre { white-space: pre-wrap; overflow-wrap: anywhere; }
    div[lang="zh-Hans"] { margin-top: 0.6em; }
    div[lang="zh-Hans"] p { margin: 0.3em 0; }
"""


class _CataloguePage(OntPub):  # type: ignore[misc]  # pylode has no types: OntPub is Any
    """OntPub with an overview (the diagram) and a section for datatypes."""

    def _make_head(self, *args: object, **kwargs: object) -> None:
        super()._make_head(*args, **kwargs)
        self.doc.set_attribute("lang", "en")  # the Chinese parts say so themselves
        self.doc.head.add(style(raw(EXTRA_CSS)))
        # rdflib writes the page's schema.org JSON-LD in an order that follows the hash
        # seed; two builds of the same input must write the same page.
        block = self.doc.head.get(script, id="schema.org")[0]
        text = "".join(str(child) for child in block.children)
        block.children[:] = [raw("\n" + _sorted_json(json.loads(text)) + "\n")]

    def _make_metadata(self) -> None:
        super()._make_metadata()
        section = div(id="overview", _class="section")
        section.add(h2("Overview"))
        for text in OVERVIEW:
            section.add(p(text))
        section.add(
            a(img(src=DIAGRAM, alt="The model: levels, classes and main properties"), href=DIAGRAM)
        )
        section.add(h4("Reading a term"))
        section.add(ul([li(text) for text in READING]))
        self.content.add(section)

    def _make_main_sections(self) -> None:
        super()._make_main_sections()
        if (None, RDF.type, RDFS.Datatype) in self.ont:
            datatypes = section_html(
                "Datatypes",
                self.ont,
                self.back_onts,
                self.ns,
                RDFS.Datatype,
                CLASS_PROPS,
                self.toc,
                "datatypes",
                self.fids,
                self.props_labeled,
            )
            self.content.add(datatypes)

    def _make_legend(self) -> None:
        super()._make_legend()
        if self.toc.get("datatypes"):
            legend = self.content.get(div, id="legend")[0].get(table)[0]
            legend.add(tr(td(sup("dt", _class="sup-dt", title="RDFS Datatype")), td("Datatypes")))

    def _make_toc(self) -> None:
        super()._make_toc()
        entries = self.doc.body.get(ul, _class="first")[0]
        entries.children.insert(1, li(h4(a("Overview", href="#overview"))))
        if self.toc.get("datatypes"):
            datatypes = li(h4(a("Datatypes", href="#datatypes")))
            terms = [li(a(title, href=fid)) for fid, title in self.toc["datatypes"]]
            datatypes.add(ul(terms, _class="second"))
            entries.children.insert(len(entries.children) - 2, datatypes)  # before Namespaces


def _sorted_json(value: object) -> str:
    """JSON with every object's keys and every array's items in a fixed order."""

    def canonical(node: object) -> object:
        if isinstance(node, dict):
            return {key: canonical(node[key]) for key in sorted(node)}
        if isinstance(node, list):
            items = [canonical(item) for item in node]
            return sorted(items, key=lambda item: json.dumps(item, ensure_ascii=False))
        return node

    # "</" would end the <script> element that holds the JSON.
    return json.dumps(canonical(value), indent=2, ensure_ascii=False).replace("</", "<\\/")


def write_docs(ontology: Graph, data: Graph, directory: Path, diagram: Path) -> dict[str, Path]:
    """index.html documenting ``ontology`` and the diagram it shows, in ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    html = _CataloguePage(documentation_graph(ontology, data)).make_html()
    remote = external_assets(html)
    if remote:  # the page must work offline; a new pyLODE release could change that
        raise ValueError(f"the documentation page loads remote assets: {remote}")
    written = {PAGE: directory / PAGE, DIAGRAM: directory / DIAGRAM}
    written[PAGE].write_text(html, encoding="utf-8")
    shutil.copyfile(diagram, written[DIAGRAM])
    return written


class _AssetFinder(HTMLParser):
    """The URLs a browser would fetch to render the page (not the links a reader may follow)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_style = tag == "style"
        values = dict(attrs)
        if tag == "link":
            self.urls.append(values.get("href") or "")
        elif tag in ("script", "img", "iframe", "embed", "source", "audio", "video"):
            self.urls.append(values.get("src") or "")
        elif tag == "object":
            self.urls.append(values.get("data") or "")
        self.urls.extend(_css_urls(values.get("style") or ""))

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:  # an inline stylesheet: @import and url()
            self.urls.extend(_css_urls(data))


def _css_urls(css: str) -> list[str]:
    found = []
    for marker in ("url(", "@import"):
        start = css.find(marker)
        while start != -1:
            found.append(css[start + len(marker) : start + len(marker) + 200].strip(" '\"("))
            start = css.find(marker, start + 1)
    return found


def external_assets(html: str) -> list[str]:
    """The remote (http, https or protocol-relative) URLs among the page's assets."""
    finder = _AssetFinder()
    finder.feed(html)
    return [url for url in finder.urls if url.lower().startswith(("http:", "https:", "//"))]
