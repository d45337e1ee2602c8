"""The ontology files are what OWL tools accept: same axioms in every syntax, OWL 2 DL, consistent.

Proven with the tools themselves: the OWL API's OWL 2 DL profile checker and
HermiT (tests/ontology/OwlCheck.java), and py-horned-owl.
"""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pyhornedowl
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

from catalogue.build import BuildResult
from catalogue.owl.dl_view import VIEW_FILE
from catalogue.owl.files import CATALOG, OWLREADY_COPY
from catalogue.settings import DEFAULT_NAMESPACE, PROJECT_ROOT
from catalogue.vocab import ONTOLOGY_IRI, OWL, RDF, SKOS, SOC, XSD

OWL_API_SYNTAXES = ("soc.ttl", "soc.rdf", "soc.owx", "soc.ofn")
TYPE_05_01 = URIRef(f"{DEFAULT_NAMESPACE}2022/business-type/05.01")
CATALOG_NS = "{urn:oasis:names:tc:entity:xmlns:xml:catalog}"
OwlCheck = Callable[..., dict[str, dict]]


@pytest.fixture(scope="module")
def checked(owl_dir: Path, owl_check: OwlCheck) -> dict[str, dict]:
    """One JVM for every file the build writes for OWL tools."""
    files = [owl_dir / name for name in (*OWL_API_SYNTAXES, VIEW_FILE)]
    return owl_check(*files, catalog=owl_dir / CATALOG)


def test_the_build_writes_every_file(build: BuildResult) -> None:
    assert set(build.owl_files) == {
        *OWL_API_SYNTAXES, "soc.jsonld", CATALOG, VIEW_FILE, OWLREADY_COPY, "docs/index.html",
        "docs/model.svg",
    }  # fmt: skip
    assert (build.owl_files[OWLREADY_COPY].read_bytes()
            == build.owl_files["soc.rdf"].read_bytes())  # fmt: skip


def test_every_syntax_holds_the_same_axioms(checked: dict[str, dict], owl_dir: Path) -> None:
    results = [checked[name] for name in OWL_API_SYNTAXES]
    assert [r.get("error") for r in results] == [None] * len(results)
    assert len({(r["axioms"], r["fingerprint"]) for r in results}) == 1, results
    assert results[0]["axioms"] > 150
    # The OWL API 3 reads no JSON-LD: compare its triples with the Turtle's.
    assert isomorphic(Graph().parse(owl_dir / "soc.jsonld"), Graph().parse(owl_dir / "soc.ttl"))


@pytest.mark.parametrize("name", OWL_API_SYNTAXES)
def test_the_ontology_is_owl2_dl_and_consistent(checked: dict[str, dict], name: str) -> None:
    result = checked[name]
    assert (result["ontology"], result["imports"]) == (ONTOLOGY_IRI, [])
    assert (result["dl"], result["violations"], result["consistent"]) == (True, [], True)


def test_the_data_with_the_ontology_is_owl2_dl_and_consistent(checked: dict[str, dict]) -> None:
    result = checked[VIEW_FILE]
    assert result.get("error") is None
    assert result["imports"] == [f"{ONTOLOGY_IRI} <- " + result["imports"][0].split(" <- ")[1]]
    assert result["imports"][0].endswith("/ontology/soc.rdf")  # the local copy, via the catalog
    assert (result["dl"], result["violations"], result["consistent"]) == (True, [], True)
    assert result["axioms"] > 2500  # the ontology's and every statement of the data


def test_every_import_resolves_through_the_catalog(owl_dir: Path) -> None:
    catalog = ET.parse(owl_dir / CATALOG).getroot()
    mapped = {e.get("name"): owl_dir / e.get("uri", "") for e in catalog.iter(f"{CATALOG_NS}uri")}
    imports = {
        str(iri)
        for path in owl_dir.glob("*.owl")
        for iri in Graph().parse(path, format="xml").objects(None, OWL.imports)
    }
    assert imports == {ONTOLOGY_IRI}
    for iri in imports:
        target = Graph().parse(mapped[iri])
        names = {str(o) for o in target.subjects(None, OWL.Ontology)}
        names |= {str(v) for v in target.objects(None, OWL.versionIRI)}
        assert iri in names, f"{iri} maps to {mapped[iri]}, which is another ontology"


def test_without_the_catalog_the_import_is_not_fetched(
    owl_dir: Path, tmp_path: Path, owl_check: OwlCheck
) -> None:
    """Offline means offline: the checker never downloads, so the catalog is what resolves."""
    lone = tmp_path / VIEW_FILE
    shutil.copyfile(owl_dir / VIEW_FILE, lone)
    assert "error" in owl_check(lone)[VIEW_FILE]


def test_soc_ttl_imports_nothing_and_is_self_contained() -> None:
    """The decision recorded in soc.ttl: SKOS and XKOS are not OWL 2 DL, so no owl:imports."""
    soc = Graph().parse(PROJECT_ROOT / "ontology" / "soc.ttl")
    assert list(soc.objects(None, OWL.imports)) == []


def test_vendored_xkos_is_not_owl2_dl(owl_check: OwlCheck) -> None:
    """Why soc.ttl does not import XKOS (should XKOS become DL, revisit that decision)."""
    xkos = PROJECT_ROOT / "ontology" / "vendor" / "xkos" / "xkos.ttl"
    result = owl_check(xkos)["xkos.ttl"]
    assert result["dl"] is False
    assert any("rdf:List" in v for v in result["violations"])
    assert any("pun" in v for v in result["violations"])


def test_py_horned_owl_reads_every_syntax_alike(owl_dir: Path) -> None:
    counts = {
        name: len(pyhornedowl.open_ontology(str(owl_dir / name)).get_axioms())
        for name in ("soc.rdf", "soc.owx", "soc.ofn")
    }
    assert len(set(counts.values())) == 1, counts


# -- planted defects: the checks can fail ------------------------------------------

SOC_PLANTS = {
    "punning.ttl": "soc:coveredBy a owl:DatatypeProperty .",
    "undeclared.ttl": "soc:Category rdfs:subClassOf soc:Undeclared .",
}
VIEW_PLANTS = {
    # the published form of the minted-code mark, which the view exists to avoid
    "typed-code.owl": [(TYPE_05_01, SOC.mintedNotation, Literal("05.01", datatype=SOC.MintedCode))],
    "malformed-code.owl": [(TYPE_05_01, SKOS.notation, Literal("5.1", datatype=XSD.string))],
    "two-levels.owl": [(TYPE_05_01, RDF.type, SOC.KeyDomain)],
    "literal-for-iri.owl": [(TYPE_05_01, SOC.coveredBy, Literal("05.02"))],
}


@pytest.fixture(scope="module")
def planted(
    owl_dir: Path, tmp_path_factory: pytest.TempPathFactory, owl_check: OwlCheck
) -> dict[str, dict]:
    folder = tmp_path_factory.mktemp("planted")
    for name in ("soc.rdf", CATALOG):
        shutil.copyfile(owl_dir / name, folder / name)
    soc = (PROJECT_ROOT / "ontology" / "soc.ttl").read_text(encoding="utf-8")
    for name, extra in SOC_PLANTS.items():
        (folder / name).write_text(soc + "\n" + extra + "\n", encoding="utf-8")
    view = Graph().parse(owl_dir / VIEW_FILE, format="xml")
    for name, triples in VIEW_PLANTS.items():
        copy = Graph()
        copy += view
        if name.endswith("-code.owl"):
            copy.remove((TYPE_05_01, SKOS.notation, None))
            copy.remove((TYPE_05_01, SOC.mintedNotation, None))
        for triple in triples:
            copy.add(triple)
        copy.serialize(folder / name, format="xml")
    files = [folder / name for name in (*SOC_PLANTS, *VIEW_PLANTS)]
    return owl_check(*files, catalog=folder / CATALOG)


def test_punning_is_not_owl2_dl(planted: dict[str, dict]) -> None:
    result = planted["punning.ttl"]
    assert result["dl"] is False
    assert any("pun" in v and "coveredBy" in v for v in result["violations"])


def test_an_undeclared_term_is_not_owl2_dl(planted: dict[str, dict]) -> None:
    result = planted["undeclared.ttl"]
    assert result["dl"] is False
    assert any("undeclared" in v.lower() and "Undeclared" in v for v in result["violations"])


def test_a_literal_where_an_iri_is_expected_is_not_owl2_dl(planted: dict[str, dict]) -> None:
    result = planted["literal-for-iri.owl"]
    assert result["dl"] is False
    assert any("coveredBy" in v for v in result["violations"])


def test_hermit_refuses_typed_minted_codes(planted: dict[str, dict]) -> None:
    """Why the view types codes as xsd:string: OWL 2 gives soc:MintedCode no lexical space."""
    result = planted["typed-code.owl"]
    assert "error" in result or result["dl"] is False, result


def test_a_malformed_code_makes_the_view_inconsistent(planted: dict[str, dict]) -> None:
    result = planted["malformed-code.owl"]
    assert (result["dl"], result["consistent"]) == (True, False)


def test_an_item_at_two_levels_makes_the_view_inconsistent(planted: dict[str, dict]) -> None:
    assert planted["two-levels.owl"]["consistent"] is False
