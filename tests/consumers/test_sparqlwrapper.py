"""SPARQLWrapper against the real server: the queries a SPARQL user writes first.

The catalogue's Chinese is tagged ``zh``, which the store keeps as it is
(Oxigraph lower-cases tags, so ``zh-Hans`` came back ``zh-hans`` and
``lang(?l) = "zh-Hans"`` matched nothing); codes are plain strings, so
``skos:notation "06.09.05"`` finds the business type we numbered.
"""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SKOS
from SPARQLWrapper import JSON, POST, SPARQLWrapper

from tests.consumers.conftest import NS

PREFIXES = "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
DOMAIN_05 = f"<{NS}2022/domain/05>"

#: What a user asks, and the one column of rows the answer must have.
SELECTS = {
    "a label by lang() = 'zh'": (
        f'SELECT ?x WHERE {{ {DOMAIN_05} skos:prefLabel ?x FILTER(lang(?x) = "zh") }}',
        ["电子商务平台服务"],
    ),
    "a label by langMatches": (
        f'SELECT ?x WHERE {{ {DOMAIN_05} skos:prefLabel ?x FILTER(langMatches(lang(?x), "zh")) }}',
        ["电子商务平台服务"],
    ),
    "the English label by lang() = 'en'": (
        f'SELECT ?x WHERE {{ {DOMAIN_05} skos:prefLabel ?x FILTER(lang(?x) = "en") }}',
        ["E-commerce platform services"],
    ),
    "the language of the official text": (
        f"SELECT DISTINCT (lang(?l) AS ?x) WHERE {{ ?c skos:inScheme <{NS}2022> ; skos:prefLabel ?l"
        ' FILTER(langMatches(lang(?l), "zh")) }',
        ["zh"],
    ),
    "a minted code as a plain string": (
        'SELECT ?x WHERE { ?x skos:notation "06.09.05" }',
        [f"{NS}2022/business-type/06.09.05"],
    ),
    "an official code as a plain string": (
        f'SELECT ?x WHERE {{ ?x skos:notation "05" ; skos:inScheme <{NS}2022> }}',
        [f"{NS}2022/domain/05"],
    ),
    "a definition as text": (
        f'SELECT (STRSTARTS(?d, "电子商务平台服务是指") AS ?x) WHERE {{ {DOMAIN_05} skos:definition ?d'
        ' FILTER(lang(?d) = "zh") }',
        ["true"],
    ),
    "Chinese labels of every concept of 2022": (
        f"SELECT (COUNT(?l) AS ?x) WHERE {{ ?c a skos:Concept ; skos:inScheme <{NS}2022> ; skos:prefLabel ?l"
        ' FILTER(lang(?l) = "zh") }',
        ["119"],
    ),
}


def endpoint(live_site: str, method: str = "GET") -> SPARQLWrapper:
    sparql = SPARQLWrapper(f"{live_site}/sparql")
    sparql.setMethod(method)
    sparql.setTimeout(30)
    return sparql


def select(sparql: SPARQLWrapper, query: str) -> list[str]:
    sparql.setQuery(PREFIXES + query)
    sparql.setReturnFormat(JSON)
    answer = sparql.queryAndConvert()
    return [row["x"]["value"] for row in answer["results"]["bindings"]]  # type: ignore[index]


class TestSelect:
    @pytest.mark.parametrize("case", list(SELECTS))
    def test_answer(self, live_site: str, case: str) -> None:
        query, expected = SELECTS[case]
        assert select(endpoint(live_site), query) == expected

    def test_the_same_by_post(self, live_site: str) -> None:
        query, expected = SELECTS["a minted code as a plain string"]
        assert select(endpoint(live_site, POST), query) == expected


class TestConstruct:
    def test_returns_an_rdflib_graph_with_the_language_tags_as_stored(self, live_site: str) -> None:
        sparql = endpoint(live_site)
        sparql.setQuery(
            PREFIXES
            + f"CONSTRUCT {{ ?d skos:prefLabel ?l }} WHERE {{ ?d skos:broader <{NS}2022/category/ITO> ;"
            " skos:prefLabel ?l }"
        )
        graph = sparql.queryAndConvert()
        assert isinstance(graph, Graph)
        assert len(graph) == 12  # the 6 ITO domains, named in Chinese and English
        domain = URIRef(f"{NS}2022/domain/05")
        assert (domain, SKOS.prefLabel, Literal("电子商务平台服务", lang="zh")) in graph
        assert {label.language for label in graph.objects(None, SKOS.prefLabel)} == {"zh", "en"}
