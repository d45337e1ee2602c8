"""pyLODE's VocPub profile documents the SKOS-only dump: one scheme, every concept.

``pylode -p vocpub FILE`` (pyLODE 3.5, .venv-pylode; the project's pyLODE 3.3
has a "vocpub" profile that documents OWL classes only) writes one HTML page:
the scheme's title, a concept hierarchy, and an entry per concept. It reads
one value per property of a concept (so a bilingual label shows in one of its
languages) and titles the page with one scheme, so the file must hold just the
2022 scheme. The page is rendered beside the other tests (conftest.py's
``vocpub_html``); this module runs last in the session and collects it.
"""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree.ElementTree import Element

import html5lib
import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SKOS

from tests.consumers.conftest import NS, SCHEME_2022, OfficialDomain, Rendering

CATEGORIES = ["ITO", "BPO", "KPO"]


@pytest.fixture(scope="module")
def page(vocpub_html: Rendering) -> Element:
    return html5lib.parse(vocpub_html.wait(), namespaceHTMLElements=False)


@pytest.fixture(scope="module")
def dump(skos_dump: Path) -> Graph:
    return Graph().parse(skos_dump, format="turtle")


def text(element: Element) -> str:
    return re.sub(r"\s+", " ", "".join(element.itertext())).strip()


def entries(page: Element) -> dict[str, Element]:
    """The concept entries (``div.entity``), by the IRI each one shows."""
    found = {}
    for entity in page.iter("div"):
        code = entity.find(".//code")
        if entity.get("class") == "entity" and code is not None:
            found[text(code)] = entity
    return found


def labels(dump: Graph, iri: str) -> set[str]:
    return {str(label) for label in dump.objects(URIRef(iri), SKOS.prefLabel)}


class TestThePage:
    def test_its_title_is_the_2022_scheme_s_alone(self, page: Element, dump: Graph) -> None:
        title = page.find(".//title")
        assert title is not None
        assert text(title) in labels(dump, SCHEME_2022)

    def test_the_dump_holds_one_scheme(self, dump: Graph) -> None:
        assert list(dump.subjects(RDF.type, SKOS.ConceptScheme)) == [URIRef(SCHEME_2022)]

    def test_every_concept_has_an_entry(self, page: Element, dump: Graph) -> None:
        concepts = {str(c) for c in dump.subjects(RDF.type, SKOS.Concept)}
        assert len(concepts) == 119
        assert set(entries(page)) == concepts

    def test_the_hierarchy_starts_at_the_three_categories(self, page: Element, dump: Graph) -> None:
        hierarchy = next(d for d in page.iter("div") if d.get("id") == "concept-hierarchy")
        top = hierarchy.find(".//ul")  # the first list is the outermost
        assert top is not None
        names = {text(item.find("a")) for item in top.findall("li") if item.find("a") is not None}
        expected = [labels(dump, f"{NS}2022/category/{code}") for code in CATEGORIES]
        assert len(names) == 3 and all(names & category for category in expected), names


@pytest.mark.parametrize("code", [f"{n:02d}" for n in range(1, 21)])
def test_each_domain_is_documented_with_its_name_and_definition(
    page: Element, dump: Graph, official: dict[str, OfficialDomain], code: str
) -> None:
    iri = f"{NS}2022/domain/{code}"
    entry = entries(page)[iri]
    heading = entry.find("h3")
    assert heading is not None and text(heading) in labels(dump, iri)
    assert official[code].label in labels(dump, iri)
    rows = {text(row[0]): text(row[1]) for row in entry.iter("tr") if len(row) == 2}
    definitions = {str(d) for d in dump.objects(URIRef(iri), SKOS.definition)}
    assert rows.get("Definition") in definitions, rows
    assert official[code].definition in definitions
