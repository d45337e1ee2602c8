"""The dumps: every syntax holds the same graph, checksums are right, named graphs kept."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from catalogue.build import BuildResult
from catalogue.graph.skos_only import SKOS_DUMP
from catalogue.settings import DEFAULT_NAMESPACE
from catalogue.vocab import DCAT, DCTERMS, OWL, RDF, SKOS, SOC, VOID, XKOS

NS = DEFAULT_NAMESPACE

SYNTAXES = {
    "catalogue.ttl": "turtle",
    "catalogue.nt": "nt",
    "catalogue.rdf": "xml",
    "catalogue.jsonld": "json-ld",
}


@pytest.fixture(scope="module")
def reference(dumps_dir: Path) -> Graph:
    return Graph().parse(dumps_dir / "catalogue.nt", format="nt")


@pytest.mark.parametrize("name", sorted(SYNTAXES))
def test_every_syntax_holds_the_same_graph(dumps_dir: Path, reference: Graph, name: str) -> None:
    graph = Graph().parse(dumps_dir / name, format=SYNTAXES[name])
    assert len(graph) == len(reference) > 2000
    assert isomorphic(graph, reference)


@pytest.mark.parametrize("name", ["catalogue.nq", "catalogue.trig"])
def test_quad_dumps_keep_the_named_graphs(dumps_dir: Path, build: BuildResult, name: str) -> None:
    dataset = Dataset().parse(dumps_dir / name, format="nquads" if name.endswith("nq") else "trig")
    graphs = {str(g.identifier): len(g) for g in dataset.graphs() if len(g)}
    expected = {str(build.built.iris.graph(n)): len(g) for n, g in build.built.graphs.items()}
    assert graphs == expected


def test_jsonld_has_a_context_with_the_prefixes(dumps_dir: Path) -> None:
    document = json.loads((dumps_dir / "catalogue.jsonld").read_text(encoding="utf-8"))
    assert document["@context"]["skos"] == "http://www.w3.org/2004/02/skos/core#"
    assert document["@context"]["xkos"] == "http://rdf-vocabulary.ddialliance.org/xkos#"
    context = json.loads((dumps_dir / "context.jsonld").read_text(encoding="utf-8"))
    assert context["@context"] == document["@context"]


def test_compacted_jsonld_reads_as_the_model(dumps_dir: Path) -> None:
    """Language maps for texts, plain IRIs for links, strings for codes: no
    ``"skos:definition": [{"@value": …}]``, no ``{"@id": …}`` wrappers."""
    document = json.loads((dumps_dir / "catalogue.jsonld").read_text(encoding="utf-8"))
    nodes = {node["@id"]: node for node in document["@graph"]}
    domain = nodes[f"{NS}2022/domain/05"]
    assert domain["prefLabel"] == {"en": "E-commerce platform services", "zh": "电子商务平台服务"}
    assert domain["definition"]["zh"].startswith("电子商务平台服务是指")
    assert domain["broader"] == f"{NS}2022/category/ITO"
    assert domain["notation"] == "05"
    assert f"{NS}2022/domain/05/note/definition/zh" in domain["coreContentNote"]
    subtype = nodes[f"{NS}2022/business-type/06.09.05"]
    assert subtype["notation"] == subtype["mintedNotation"] == "06.09.05"
    assert not any(key.startswith(("skos:", "xkos:")) for node in nodes.values() for key in node)


def test_checksums_match_the_files(dumps_dir: Path) -> None:
    lines = (dumps_dir / "SHA256SUMS").read_text().splitlines()
    assert len(lines) == 8
    for line in lines:
        digest, name = line.split("  ")
        assert hashlib.sha256((dumps_dir / name).read_bytes()).hexdigest() == digest
    assert SKOS_DUMP in {line.split("  ")[1] for line in lines}


@pytest.fixture(scope="module")
def skos_dump(dumps_dir: Path) -> Graph:
    return Graph().parse(dumps_dir / SKOS_DUMP, format="turtle")


def test_the_skos_dump_holds_one_scheme_and_its_concepts(skos_dump: Graph) -> None:
    """For tools that want one scheme per file (skosprovider_rdf, VocPub, pyLODE)."""
    assert list(skos_dump.subjects(RDF.type, SKOS.ConceptScheme)) == [URIRef(f"{NS}2022")]
    concepts = set(skos_dump.subjects(RDF.type, SKOS.Concept))
    assert len(concepts) == 119
    assert all((c, SKOS.inScheme, URIRef(f"{NS}2022")) in skos_dump for c in concepts)
    assert not any(URIRef(f"{NS}2018") in (s, o) for s, _, o in skos_dump)


def test_the_skos_dump_has_no_ontology_void_or_note_resources(skos_dump: Graph) -> None:
    namespaces = {str(p).rsplit("/", 1)[0].rsplit("#", 1)[0] for p in skos_dump.predicates()}
    assert not any(("ontology" in n and not n.endswith("/ontology")) for n in namespaces)
    assert not list(skos_dump.subjects(RDF.type, XKOS.ExplanatoryNote))
    for prop in (VOID.dataDump, XKOS.coreContentNote, XKOS.exclusionNote, OWL.imports):
        assert not list(skos_dump.triples((None, prop, None))), prop


def test_the_skos_dump_gives_every_concept_a_definition_as_text(skos_dump: Graph) -> None:
    concepts = set(skos_dump.subjects(RDF.type, SKOS.Concept))
    for concept in concepts:
        definitions = list(skos_dump.objects(concept, SKOS.definition))
        assert definitions and all(isinstance(d, Literal) for d in definitions), concept
    assert len(list(skos_dump.subject_objects(SOC.mintedNotation))) == 96


def test_the_skos_dump_is_a_distribution_not_a_data_dump(build: BuildResult) -> None:
    """VoID's dataDump is a dump of the whole dataset; the SKOS file is a view of it."""
    metadata = build.built.graphs["metadata"]
    file = build.built.iris.dump(SKOS_DUMP)
    assert (build.built.iris.dataset(), DCAT.distribution, file) in metadata
    assert (build.built.iris.dataset(), VOID.dataDump, file) not in metadata
    assert (file, DCTERMS.conformsTo, URIRef(str(SKOS))) in metadata
