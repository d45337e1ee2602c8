"""skosprovider_rdf 1.4 (the SKOS library behind Atramhasis) reads the SKOS-only dump.

It is run as its users run it: ``RDFProvider(metadata, graph)`` over the
SKOS-only dump, no scheme named, or over the full dump with the 2022 scheme
named (``concept_scheme_uri``: the full dump also holds the 2018 stub); then
the provider's API (get_all, get_top_concepts, get_by_id,
get_children_display, find, labels and notes by language). It refuses a file
with two concept schemes unless one is named, and crashes on a skos:definition
that is not a literal, so merely loading is the first test.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

from tests.consumers.conftest import NS, SCHEME_2022, OfficialDomain, consumer_program, run

PROBE = Path(__file__).with_name("skosprovider_probe.py")
CATEGORIES = {
    "ITO": ("信息技术外包", "Information technology outsourcing"),
    "BPO": ("业务流程外包", "Business process outsourcing"),
    "KPO": ("知识流程外包", "Knowledge process outsourcing"),
}
#: 3 categories, 20 domains, 90 business types (ITO 36, BPO 13, KPO 41), 6 sub-types.
CONCEPTS = 3 + 20 + 90 + 6


@pytest.fixture(scope="module", params=["SKOS dump", "full dump, 2022 named"])
def provider(request: pytest.FixtureRequest, skos_dump: Path, dumps_dir: Path) -> dict[str, Any]:
    """What the provider answers, as skosprovider_probe.py reports it."""
    if request.param == "SKOS dump":
        source, scheme = skos_dump, []
    else:
        source, scheme = dumps_dir / "catalogue.ttl", [SCHEME_2022]
    done = run([consumer_program("skosprovider", "python"), PROBE, source, *scheme])
    assert done.returncode == 0, f"skosprovider_rdf failed on {source.name}:\n{done.stderr[-3000:]}"
    return json.loads(done.stdout)


def domain(provider: dict[str, Any], code: str) -> dict[str, Any]:
    return provider["concepts"][f"{NS}2022/domain/{code}"]


class TestTheScheme:
    def test_its_scheme_is_the_2022_edition(self, provider: dict[str, Any]) -> None:
        assert provider["scheme"]["uri"] == SCHEME_2022

    def test_its_title_in_chinese_and_english(self, provider: dict[str, Any]) -> None:
        assert provider["scheme"]["label_zh"] == "服务外包产业重点发展领域指导目录（2022年版）"
        assert provider["scheme"]["label_en"].startswith(
            "Guiding Catalogue of Key Development Areas"
        )

    def test_every_concept_is_listed(self, provider: dict[str, Any]) -> None:
        assert provider["all"] == CONCEPTS
        assert all(c["type"] == "concept" for c in provider["concepts"].values())

    @pytest.mark.parametrize("language", ["zh", "en"])
    def test_the_top_concepts_are_the_three_categories(
        self, provider: dict[str, Any], language: str
    ) -> None:
        index = 0 if language == "zh" else 1
        expected = sorted(names[index] for names in CATEGORIES.values())
        assert provider[f"top_concepts_{language}"] == expected


@pytest.mark.parametrize("code", [f"{n:02d}" for n in range(1, 21)])
class TestEachDomain:
    def test_its_chinese_label_is_the_official_heading(
        self, provider: dict[str, Any], official: dict[str, OfficialDomain], code: str
    ) -> None:
        assert domain(provider, code)["label_zh"] == official[code].label

    def test_its_definition_is_the_official_text_in_chinese_and_ours_in_english(
        self, provider: dict[str, Any], official: dict[str, OfficialDomain], code: str
    ) -> None:
        notes = domain(provider, code)["notes"]
        definitions = {n["language"]: n["note"] for n in notes if n["type"] == "definition"}
        assert sorted(definitions) == ["en", "zh"], notes
        assert definitions["zh"] == official[code].definition
        assert definitions["en"] and not definitions["en"].startswith("http"), definitions["en"]

    def test_every_note_is_text_with_a_language(self, provider: dict[str, Any], code: str) -> None:
        for note in domain(provider, code)["notes"]:
            assert note["language"] in ("zh", "en"), note
            assert not note["note"].startswith(("http://", "https://")), note

    def test_its_children_are_the_official_business_types(
        self, provider: dict[str, Any], official: dict[str, OfficialDomain], code: str
    ) -> None:
        """Each child's label is in the official list, and each listed type has its child
        (安全监理和安全审计 is two types; 自动识别服务（包括…） one, its sub-types below it)."""
        children = domain(provider, code)["children_zh"]
        listed = official[code].business_types
        assert all(any(child in item for item in listed) for child in children), children
        assert all(any(child in item for child in children) for item in listed), listed


class TestTheHierarchy:
    def test_domain_05_in_detail(self, provider: dict[str, Any]) -> None:
        """What an Atramhasis page of 电子商务平台服务 shows."""
        concept = domain(provider, "05")
        assert concept["label_en"] == "E-commerce platform services"
        assert concept["broader"] == [f"{NS}2022/category/ITO"]
        assert sorted(concept["narrower"]) == [
            f"{NS}2022/business-type/05.01",
            f"{NS}2022/business-type/05.02",
        ]
        assert sorted(concept["children_zh"]) == sorted(["电子商务平台开发", "电子商务解决方案"])
        notes = [n["note"] for n in concept["notes"] if n["type"] != "definition"]
        assert any("不包括电子商务代运营服务" in note for note in notes), notes

    def test_every_concept_but_the_categories_has_one_broader_concept(
        self, provider: dict[str, Any]
    ) -> None:
        for iri, concept in provider["concepts"].items():
            expected = 0 if "/category/" in iri else 1
            assert len(concept["broader"]) == expected, iri

    def test_search_by_label_finds_face_recognition_under_automatic_identification(
        self, provider: dict[str, Any]
    ) -> None:
        assert provider["find_face_recognition"] == [f"{NS}2022/business-type/06.09.05"]


class TestWhatItRefuses:
    """The faults this module guards against, planted in a copy of the dump."""

    def test_a_definition_that_is_a_resource_crashes_it(
        self, skos_dump: Path, tmp_path: Path
    ) -> None:
        graph = Graph().parse(skos_dump, format="turtle")
        domain_05 = URIRef(f"{NS}2022/domain/05")
        for definition in list(graph.objects(domain_05, SKOS.definition)):
            graph.remove((domain_05, SKOS.definition, definition))
        graph.add((domain_05, SKOS.definition, URIRef(f"{NS}2022/domain/05/note/definition")))
        planted = tmp_path / "planted.ttl"
        graph.serialize(planted, format="turtle")
        done = run([consumer_program("skosprovider", "python"), PROBE, planted])
        assert done.returncode != 0
        assert "has no attribute 'datatype'" in done.stderr

    def test_a_second_scheme_makes_it_refuse_the_file(
        self, skos_dump: Path, tmp_path: Path
    ) -> None:
        graph = Graph().parse(skos_dump, format="turtle")
        graph.add((URIRef(f"{NS}2018"), RDF.type, SKOS.ConceptScheme))
        graph.add(
            (
                URIRef(f"{NS}2018"),
                SKOS.prefLabel,
                Literal("服务外包产业重点发展领域指导目录", lang="zh"),
            )
        )
        planted = tmp_path / "planted.ttl"
        graph.serialize(planted, format="turtle")
        done = run([consumer_program("skosprovider", "python"), PROBE, planted])
        assert done.returncode != 0
        assert "more than one ConceptScheme" in done.stderr
