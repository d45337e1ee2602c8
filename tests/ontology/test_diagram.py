"""docs/model.svg: rendered from docs/model.dot as committed, well-formed, naming the model."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET

from rdflib import Graph

from catalogue.owl.diagram import (
    DOT_SOURCE,
    SVG_FILE,
    drawn_text,
    render_svg,
    source_digest,
    stamped_digest,
)
from catalogue.owl.docs_graph import soc_terms
from catalogue.settings import PROJECT_ROOT

SVG = SVG_FILE.read_text(encoding="utf-8")
TEXT = "\n".join(drawn_text(SVG))


def test_the_committed_svg_is_rendered_from_the_committed_dot() -> None:
    """Without Graphviz, the digest the SVG carries must be the .dot's; with it, the SVG must
    also draw what rendering the .dot draws now (text, not coordinates: another Graphviz
    version lays out the same .dot a little differently). Fix: python -m catalogue.owl.diagram
    """
    assert stamped_digest(SVG) == source_digest(DOT_SOURCE), "docs/model.svg is stale"
    if shutil.which("dot"):
        assert drawn_text(render_svg(DOT_SOURCE)) == drawn_text(SVG)


def test_the_svg_is_well_formed_and_self_contained() -> None:
    root = ET.fromstring(SVG)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    links = [
        value
        for element in root.iter()
        for name, value in element.attrib.items()
        if name.endswith("href")
    ]
    assert links == []  # no image, font or stylesheet to fetch
    assert "<style" not in SVG and "@import" not in SVG


def test_the_diagram_names_every_term_of_the_ontology() -> None:
    ontology = Graph().parse(PROJECT_ROOT / "ontology" / "soc.ttl")
    names = [f"soc:{term.rsplit('/', 1)[-1]}" for term in soc_terms(ontology)]
    assert [name for name in names if not re.search(rf"{name}\b", TEXT)] == []


def test_the_diagram_shows_the_model_a_newcomer_needs() -> None:
    for shown in [
        # the XKOS levels and the SKOS hierarchy
        "skos:ConceptScheme", "xkos:ClassificationLevel", "xkos:levels", "skos:hasTopConcept",
        "skos:member", "skos:narrower", "skos:broader",
        "level 1 · category", "level 2 · key domain", "level 3 · business type",
        "level 4 · business sub-type",
        # notes, exclusions, provenance
        "xkos:ExplanatoryNote", "skos:definition", "xkos:inclusionNote", "xkos:exclusionNote",
        "prov:wasDerivedFrom", "dct:isPartOf",
        # the edition chain and the issuers
        "xkos:supersedes", "dct:replaces", "prov:wasRevisionOf", "owl:deprecated true",
        "org:Organization", "dct:creator", "dct:publisher", "MOFCOM, MIIT, MOF, GACC",
        "Legend",
    ]:  # fmt: skip
        assert shown in TEXT, shown


def test_the_diagram_is_in_english() -> None:
    assert re.findall(r"[\u4e00-\u9fff]", TEXT) == []
