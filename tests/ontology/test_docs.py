"""The ontology's documentation page: generated, valid HTML, complete, offline, examples true."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import html5lib
import pytest
from rdflib import OWL, Graph, Literal, URIRef

from catalogue.build import BuildResult
from catalogue.owl.diagram import SVG_FILE
from catalogue.owl.docs import external_assets
from catalogue.owl.docs_graph import soc_terms
from catalogue.settings import PROJECT_ROOT
from catalogue.vocab import PREFIXES, RDF, RDFS, SKOS

SOC_TTL = Graph().parse(PROJECT_ROOT / "ontology" / "soc.ttl")
TERMS = soc_terms(SOC_TTL)
IDS = [t.rsplit("/", 1)[-1] for t in TERMS]
TURTLE_PREFIXES = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in PREFIXES.items())
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
# What a browser fetches to render a page, written independently of catalogue/owl/docs.py.
REMOTE_ASSET = re.compile(
    r"<(?:script|link|img|iframe|embed|source|audio|video|object)\b[^>]*?"
    r"\b(?:src|href|data)\s*=\s*[\"']?\s*(?:https?:)?//",
    re.IGNORECASE,
)
REMOTE_CSS = re.compile(r"(?:url\(\s*[\"']?|@import\s+[\"']?)\s*(?:https?:)?//", re.IGNORECASE)


@pytest.fixture(scope="module")
def docs_dir(owl_dir: Path) -> Path:
    return owl_dir / "docs"


@pytest.fixture(scope="module")
def page(docs_dir: Path) -> str:
    return (docs_dir / "index.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def document(page: str) -> ET.Element:
    # strict: any parse error of the HTML5 algorithm raises
    return html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(page)


def examples(term: URIRef) -> list[str]:
    return [str(o) for o in SOC_TTL.objects(term, SKOS.example) if isinstance(o, Literal)]


def example_graph(text: str) -> Graph:
    return Graph().parse(data=TURTLE_PREFIXES + text, format="turtle")


def test_the_build_writes_the_page_and_the_diagram(build: BuildResult, docs_dir: Path) -> None:
    assert build.owl_files["docs/index.html"] == docs_dir / "index.html"
    assert (docs_dir / "model.svg").read_bytes() == SVG_FILE.read_bytes()


def test_the_page_is_well_formed_html(document: ET.Element) -> None:
    assert document.get("lang") == "en"
    assert document.findtext("head/title") == "Service Outsourcing Catalogue ontology"
    assert [h.text for h in document.iter("h2")][:3] == ["Metadata", "Overview", "Classes"]


@pytest.mark.parametrize("term", TERMS, ids=IDS)
def test_every_soc_term_is_documented(document: ET.Element, term: URIRef) -> None:
    label = next(str(o) for o in SOC_TTL.objects(term, RDFS.label) if o.language == "en")
    codes = {c.text for c in document.iter("code")}
    headings = {(h.text or "").strip() for h in document.iter("h3")}
    shown = {pre.text for pre in document.iter("pre")}
    assert str(term) in codes  # the row that gives the term's IRI
    assert label in headings
    assert set(examples(term)) <= shown


def test_the_table_of_contents_lists_every_term(document: ET.Element) -> None:
    toc = next(d for d in document.iter("div") if d.get("id") == "toc")
    entries = {a.text for a in toc.iter("a")}
    labels = {str(o) for t in TERMS for o in SOC_TTL.objects(t, RDFS.label) if o.language == "en"}
    assert labels <= entries
    assert {"Overview", "Datatypes", "minted code"} <= entries


def test_the_terms_are_all_the_soc_terms_in_the_order_of_soc_ttl() -> None:
    """Read from the file's text, not from the graph: each term's definition starts a line
    with its name alone. The page groups them by kind (classes, then object, datatype and
    annotation properties, then datatypes) and keeps the file's order within a kind."""
    text = (PROJECT_ROOT / "ontology" / "soc.ttl").read_text(encoding="utf-8")
    defined = re.findall(r"^soc:(\w+)\s*$", text, re.MULTILINE)
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
    expected = [
        name
        for kind in (*kinds, RDFS.Datatype)
        for name in defined
        if (URIRef(f"{PREFIXES['soc']}{name}"), RDF.type, kind) in SOC_TTL
    ]
    assert len(defined) == len(set(defined)) == 17
    assert sorted(expected) == sorted(defined)  # each term has exactly one of the kinds
    assert expected == IDS
    assert IDS[:6] == ["Category", "KeyDomain", "BusinessType", "BusinessSubtype",
                       "ExcludedActivity", "SourceExcerpt"]  # fmt: skip


def test_the_chinese_wording_is_marked_as_chinese(document: ET.Element) -> None:
    """Browsers choose Chinese glyphs by the lang attribute; the rest of the page is English."""
    marked = [d for d in document.iter("div") if d.get("lang") == "zh-Hans"]
    assert len(marked) == len(TERMS) + 1  # and the ontology's header
    for block in marked:
        block.clear()
    for data in document.iter("script"):  # schema.org JSON-LD: tagged literals, for machines
        data.text = ""
    assert CJK.findall("".join(document.itertext())) == []


def test_the_page_loads_nothing_from_the_network(page: str) -> None:
    assert REMOTE_ASSET.findall(page) == []
    assert REMOTE_CSS.findall(page) == []
    assert external_assets(page) == []
    assert '<img alt="The model: levels, classes and main properties" src="model.svg">' in page


def test_the_asset_check_of_the_build_catches_remote_assets() -> None:
    remote = (
        '<link rel="stylesheet" href="https://cdn.example/x.css">'
        '<script src="//cdn.example/x.js"></script><img src="http://example.org/a.png">'
        "<style>@import 'https://fonts.example/f.css'; p { background: url(//x.example/b.png) }"
        "</style><a href='https://example.org/'>a link is no asset</a><img src='model.svg'>"
    )
    assert len(external_assets(remote)) == 5
    assert len(REMOTE_ASSET.findall(remote)) == 3 and len(REMOTE_CSS.findall(remote)) == 2


@pytest.mark.parametrize("term", TERMS, ids=IDS)
def test_every_term_has_an_example_that_holds_in_the_data(build: BuildResult, term: URIRef) -> None:
    """Each example is Turtle from the published catalogue: every triple of it is in the data,
    it uses the term it illustrates, and it is English (Chinese comes only from the text)."""
    data = build.built.union(exclude=("ontology",))
    assert examples(term), f"{term} has no skos:example"
    for text in examples(term):
        assert CJK.findall(text) == [], text
        triples = example_graph(text)
        assert len(triples) >= 1
        assert [t for t in triples if t not in data] == []
        used = {p for _, p, _ in triples} | set(triples.objects(None, RDF.type))
        used |= {o.datatype for o in triples.objects() if isinstance(o, Literal)}
        assert term in used, f"the example of {term} does not use it"


def test_the_page_is_the_same_whatever_the_hash_seed(tmp_path: Path, dumps_dir: Path) -> None:
    script = (
        "import sys; from pathlib import Path; from rdflib import Graph;"
        "from catalogue.owl.docs import write_docs; from catalogue.owl.diagram import SVG_FILE;"
        "write_docs(Graph().parse('ontology/soc.ttl'), Graph().parse(sys.argv[1]),"
        " Path(sys.argv[2]), SVG_FILE)"
    )
    pages = []
    for seed in ("1", "2"):
        out = tmp_path / seed
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run(
            [sys.executable, "-c", script, str(dumps_dir / "catalogue.ttl"), str(out)],
            check=True, env=env, cwd=PROJECT_ROOT, capture_output=True, timeout=120,
        )  # fmt: skip
        pages.append((out / "index.html").read_bytes())
    assert pages[0] == pages[1]


def test_importing_pylode_leaves_the_root_logger_alone() -> None:
    """pyLODE configures DEBUG logging to stderr on import; the build must not inherit it."""
    script = (
        "import logging, catalogue.owl.docs; root = logging.getLogger();"
        "print(len(root.handlers), root.level)"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60,
        cwd=PROJECT_ROOT,
    )  # fmt: skip
    assert done.stdout.split() == ["0", str(30)]  # no handler, WARNING as Python starts
    assert done.stderr == ""
