"""pyld 3.3 dereferences our IRIs and compacts what it gets with our served context.

``jsonld.expand(IRI)`` with pyld's stock document loader (requests) is what a
JSON-LD program does with a linked-data IRI: ask for ``application/ld+json``,
follow the 303, read the ``Link`` headers (where a ``rel="alternate"`` of type
JSON-LD is followed and several of them once crashed the loader). Compacting
with ``/dumps/context.jsonld`` must then read like the model: labels and
definitions as language maps, links as IRIs, codes as strings.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pyld import jsonld
from rdflib import Graph
from rdflib.compare import isomorphic

from tests.consumers.conftest import NS, OfficialDomain

SKOS = "http://www.w3.org/2004/02/skos/core#"

#: IRI path, its Chinese preferred label (a few of each kind of resource).
RESOURCES = [
    ("2022", "服务外包产业重点发展领域指导目录（2022年版）"),
    ("2022/category/ITO", "信息技术外包"),
    ("2022/domain/05", "电子商务平台服务"),
    ("2022/business-type/06.09", "自动识别服务"),
    ("2022/business-type/06.09.05", "人脸识别"),
]


def node(nodes: list[dict[str, Any]], iri: str) -> dict[str, Any]:
    found = [n for n in nodes if n.get("@id") == iri]
    assert len(found) == 1, f"{iri} not in {[n.get('@id') for n in nodes][:20]}"
    return found[0]


@pytest.fixture(scope="module")
def domain_05(live_site: str) -> list[dict[str, Any]]:
    """pyld's expansion of the domain's IRI, as served (no option but the defaults)."""
    return jsonld.expand(f"{live_site}/2022/domain/05")


@pytest.fixture(scope="module")
def compacted_05(live_site: str, domain_05: list[dict[str, Any]]) -> dict[str, Any]:
    """The same, compacted with the context we serve (which pyld fetches by its URL)."""
    compacted = jsonld.compact(domain_05, f"{live_site}/dumps/context.jsonld")
    nodes = compacted.get("@graph", [compacted])
    found = [n for n in nodes if str(n.get("@id", "")).endswith("2022/domain/05")]
    assert len(found) == 1, nodes
    return found[0]


class TestExpandingAnIri:
    @pytest.mark.parametrize(("path", "label"), RESOURCES)
    def test_the_stock_loader_follows_the_redirect_to_the_description(
        self, live_site: str, path: str, label: str
    ) -> None:
        described = node(jsonld.expand(f"{live_site}/{path}"), NS + path)
        labels = described[SKOS + "prefLabel"]
        assert {"@value": label, "@language": "zh"} in labels, labels

    def test_the_definition_is_text_in_each_language(
        self, domain_05: list[dict[str, Any]], official: dict[str, OfficialDomain]
    ) -> None:
        definitions = node(domain_05, NS + "2022/domain/05")[SKOS + "definition"]
        assert all("@value" in d for d in definitions), definitions
        by_language = {d["@language"]: d["@value"] for d in definitions}
        assert sorted(by_language) == ["en", "zh"]
        assert by_language["zh"] == official["05"].definition

    def test_links_are_iris(self, domain_05: list[dict[str, Any]]) -> None:
        concept = node(domain_05, NS + "2022/domain/05")
        assert concept[SKOS + "broader"] == [{"@id": NS + "2022/category/ITO"}]
        assert concept[SKOS + "notation"] == [{"@value": "05"}]


class TestCompactingWithOurContext:
    def test_labels_are_a_language_map(self, compacted_05: dict[str, Any]) -> None:
        assert compacted_05["prefLabel"] == {
            "zh": "电子商务平台服务",
            "en": "E-commerce platform services",
        }

    def test_definitions_are_a_language_map_of_text(
        self, compacted_05: dict[str, Any], official: dict[str, OfficialDomain]
    ) -> None:
        definition = compacted_05["definition"]
        assert sorted(definition) == ["en", "zh"], definition
        assert definition["zh"] == official["05"].definition

    def test_links_are_plain_iris_and_codes_plain_strings(
        self, compacted_05: dict[str, Any]
    ) -> None:
        assert compacted_05["broader"] == NS + "2022/category/ITO"
        assert sorted(compacted_05["narrower"]) == [
            NS + "2022/business-type/05.01",
            NS + "2022/business-type/05.02",
        ]
        assert compacted_05["notation"] == "05"

    def test_every_key_is_a_term_of_the_context(self, compacted_05: dict[str, Any]) -> None:
        """No ``skos:…`` or full-IRI keys left: the context names what a concept carries."""
        unnamed = [key for key in compacted_05 if ":" in key]
        assert not unnamed, unnamed


class TestTheJsonLdDump:
    def test_pyld_reads_the_statements_of_the_n_triples_dump(
        self, live_site: str, dumps_dir: Path
    ) -> None:
        """A second JSON-LD processor (rdflib wrote the file) agrees on what the context means."""
        nquads = jsonld.to_rdf(
            f"{live_site}/dumps/catalogue.jsonld", {"format": "application/n-quads"}
        )
        read = Graph().parse(data=nquads, format="nt")
        published = Graph().parse(dumps_dir / "catalogue.nt", format="nt")
        assert len(read) == len(published)
        assert isomorphic(read, published)
