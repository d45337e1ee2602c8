"""The built store holds the whole catalogue, modelled as SKOS/XKOS, with its provenance."""

from __future__ import annotations

import re

import pyoxigraph
import pytest

from catalogue.settings import DEFAULT_NAMESPACE
from catalogue.vocab import SKOS

NS = DEFAULT_NAMESPACE
PREFIXES = """
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX xkos: <http://rdf-vocabulary.ddialliance.org/xkos#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX soc: <https://w3id.org/service-outsourcing/ontology/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""


def select(store: pyoxigraph.Store, query: str) -> list[dict[str, str]]:
    results = store.query(PREFIXES + query, use_default_graph_as_union=True)
    names = [v.value for v in results.variables]
    return [{n: s[n].value for n in names if s[n] is not None} for s in results]


def ask(store: pyoxigraph.Store, query: str) -> bool:
    return bool(store.query(PREFIXES + query, use_default_graph_as_union=True))


def count(store: pyoxigraph.Store, pattern: str) -> int:
    return int(select(store, f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {pattern} }}")[0]["n"])


@pytest.mark.parametrize(
    ("kind", "expected"),
    [("soc:Category", 3), ("soc:KeyDomain", 20), ("soc:BusinessType", 90),
     ("soc:BusinessSubtype", 6), ("skos:Concept", 119), ("xkos:ClassificationLevel", 4),
     ("soc:ExcludedActivity", 6)],
)  # fmt: skip
def test_counts_match_the_source(store: pyoxigraph.Store, kind: str, expected: int) -> None:
    assert count(store, f"?x a {kind}") == expected


def test_categories_hold_six_four_and_ten_domains(store: pyoxigraph.Store) -> None:
    rows = select(
        store,
        "SELECT ?code (COUNT(?d) AS ?n) WHERE { ?c a soc:Category ; skos:notation ?code ;"
        " skos:narrower ?d } GROUP BY ?code",
    )
    assert {r["code"]: int(r["n"]) for r in rows} == {"ITO": 6, "BPO": 4, "KPO": 10}


def test_exclusions_and_their_cross_links(store: pyoxigraph.Store) -> None:
    zh_notes = "?c xkos:exclusionNote ?x . ?x xkos:plainText ?t FILTER(langMatches(lang(?t), 'zh'))"
    assert count(store, zh_notes) == 4
    assert count(store, "?a soc:coveredBy ?x . ?x a skos:Concept") == 5


def test_broader_and_narrower_are_both_asserted(store: pyoxigraph.Store) -> None:
    assert not ask(store, "ASK { ?a skos:broader ?b FILTER NOT EXISTS { ?b skos:narrower ?a } }")
    assert not ask(store, "ASK { ?a skos:narrower ?b FILTER NOT EXISTS { ?b skos:broader ?a } }")
    assert count(store, "?x skos:broader ?b") == 116  # every concept but the 3 categories


def test_scheme_levels_and_top_concepts(store: pyoxigraph.Store) -> None:
    rows = select(
        store,
        f"SELECT ?depth (COUNT(?member) AS ?members) WHERE {{"
        f" <{NS}2022> xkos:levels/rdf:rest*/rdf:first ?level ."
        " ?level xkos:depth ?depth ; skos:member ?member } GROUP BY ?depth ORDER BY ?depth",
    )
    assert [(int(r["depth"]), int(r["members"])) for r in rows] == [
        (1, 3),
        (2, 20),
        (3, 90),
        (4, 6),
    ]
    assert count(store, f"<{NS}2022> skos:hasTopConcept ?x . ?x skos:topConceptOf <{NS}2022>") == 3


def test_codes_we_minted_are_marked_as_ours(store: pyoxigraph.Store) -> None:
    minted = select(
        store,
        "SELECT ?x ?code ?notation WHERE { ?x soc:mintedNotation ?code ; skos:notation ?notation"
        " FILTER(datatype(?code) = soc:MintedCode && datatype(?notation) = xsd:string) }",
    )
    assert len(minted) == 96
    assert all(re.fullmatch(r"\d{2}\.\d{2}(\.\d{2})?", r["code"]) for r in minted)
    assert all(r["code"] == r["notation"] for r in minted)
    official = select(store, "SELECT ?code WHERE { ?x a soc:KeyDomain ; skos:notation ?code }")
    assert sorted(r["code"] for r in official) == [f"{n:02d}" for n in range(1, 21)]
    assert not ask(
        store,
        "ASK { ?x soc:mintedNotation ?c . { ?x a soc:KeyDomain } UNION { ?x a soc:Category } }",
    )


def test_minted_codes_are_found_as_plain_strings(store: pyoxigraph.Store) -> None:
    """A SPARQL user types the code as printed on our pages: no datatype to know."""
    rows = select(store, 'SELECT ?c WHERE { ?c skos:notation "06.09.05" }')
    assert [r["c"] for r in rows] == [f"{NS}2022/business-type/06.09.05"]


def test_chinese_is_found_by_exact_tag_and_by_langmatches(store: pyoxigraph.Store) -> None:
    """Oxigraph lower-cases tags; "zh" has no case to lose, so both common filters work."""
    exact = 'SELECT ?l WHERE { ?c a soc:KeyDomain ; skos:prefLabel ?l FILTER(lang(?l) = "zh") }'
    matches = (
        "SELECT ?l WHERE { ?c a soc:KeyDomain ; skos:prefLabel ?l"
        ' FILTER(langMatches(lang(?l), "zh")) }'
    )
    skosmos = "SELECT ?l WHERE { ?c a soc:KeyDomain ; skos:prefLabel ?l FILTER(lang(?l) IN ('zh', 'en')) }"
    assert len(select(store, exact)) == len(select(store, matches)) == 20
    assert len(select(store, skosmos)) == 40


def test_every_language_tag_is_zh_or_en(store: pyoxigraph.Store) -> None:
    rows = select(
        store, "SELECT DISTINCT (lang(?o) AS ?tag) WHERE { ?s ?p ?o FILTER(lang(?o) != '') }"
    )
    assert sorted(r["tag"] for r in rows) == ["en", "zh"]


def test_definitions_and_notes_are_text_for_skos_tools(store: pyoxigraph.Store) -> None:
    """skos:definition, skos:scopeNote and skos:note hold text; the XKOS note resources
    are under xkos:coreContentNote, xkos:inclusionNote, xkos:exclusionNote, soc:policyNote."""
    assert not ask(
        store,
        "ASK { ?s ?p ?o FILTER(?p IN (skos:definition, skos:scopeNote, skos:note) && !isLiteral(?o)) }",
    )
    assert count(store, "?x a skos:Concept ; skos:definition ?d FILTER(lang(?d) = 'en')") == 119
    rows = select(
        store,
        "SELECT ?d ?text ?plain ?value WHERE { ?d a soc:KeyDomain ; skos:definition ?text ;"
        " xkos:coreContentNote ?n . ?n xkos:plainText ?plain ; rdf:value ?value"
        " FILTER(lang(?text) = 'zh' && lang(?plain) = 'zh') }",
    )
    assert len(rows) == 20
    assert all(r["text"] == r["plain"] == r["value"] for r in rows)
    for note, text in [("xkos:inclusionNote", "skos:scopeNote"), ("xkos:exclusionNote", "skos:scopeNote"),
                       ("soc:policyNote", "skos:note")]:  # fmt: skip
        assert count(store, f"?c {note} ?x") > 0
        assert not ask(
            store,
            f"ASK {{ ?c {note} ?n . ?n xkos:plainText ?t FILTER NOT EXISTS {{ ?c {text} ?t }} }}",
        ), note


def test_generated_definitions_are_english_unofficial_and_say_so(store: pyoxigraph.Store) -> None:
    """The text defines only key domains; the others get an English definition that we
    composed, in the translation graph, which says it was generated."""
    rows = select(
        store,
        f"SELECT ?c ?d WHERE {{ GRAPH <{NS}graph/translation> {{ ?c skos:definition ?d }}"
        " ?c a skos:Concept FILTER NOT EXISTS { ?c a soc:KeyDomain } }",
    )
    assert len(rows) == 99  # 3 categories, 90 business types, 6 sub-types
    assert all(r["d"].endswith("the official text defines only key domains.)") for r in rows)
    assert not ask(
        store,
        "ASK { ?c a skos:Concept ; skos:definition ?d FILTER(lang(?d) = 'zh')"
        " FILTER NOT EXISTS { ?c a soc:KeyDomain } }",
    )


def test_every_concept_has_one_label_per_language(store: pyoxigraph.Store) -> None:
    rows = select(
        store,
        "SELECT ?x (SUM(IF(langMatches(lang(?l),'zh'),1,0)) AS ?zh) (SUM(IF(langMatches(lang(?l),'en'),1,0)) AS ?en)"
        " WHERE { ?x a skos:Concept ; skos:prefLabel ?l } GROUP BY ?x",
    )
    assert len(rows) == 119
    assert all((r["zh"], r["en"]) == ("1", "1") for r in rows)


def test_english_is_queryably_unofficial(store: pyoxigraph.Store) -> None:
    """No English in the official graph; every English note says it is not official."""
    english = "FILTER(langMatches(lang(?o), 'en'))"
    assert not ask(store, f"ASK {{ GRAPH <{NS}graph/official> {{ ?s ?p ?o {english} }} }}")
    assert not ask(store, f"ASK {{ ?n xkos:plainText ?o ; soc:official true {english} }}")
    assert ask(
        store,
        f"ASK {{ <{NS}graph/translation> soc:official false ."
        f" <{NS}graph/official> soc:official true }}",
    )
    assert (
        count(store, "?d a soc:KeyDomain ; xkos:coreContentNote ?x . ?x soc:official false") == 20
    )


def test_every_concept_cites_the_source_lines_that_name_it(
    store: pyoxigraph.Store, source_text: str
) -> None:
    lines = source_text.splitlines()
    rows = select(
        store,
        "SELECT ?x ?label ?first ?last WHERE { ?x a skos:Concept ; skos:prefLabel ?label ;"
        " prov:wasDerivedFrom ?e . ?e soc:firstLine ?first ; soc:lastLine ?last"
        " FILTER(langMatches(lang(?label), 'zh')) }",
    )
    assert len({r["x"] for r in rows}) == 119
    for row in rows:
        excerpt = "".join(lines[int(row["first"]) - 1 : int(row["last"])])
        assert row["label"] in re.sub(r"\s+", "", excerpt), row


def test_no_chinese_literal_is_typed_by_hand(store: pyoxigraph.Store, source_text: str) -> None:
    """Every Chinese string in the graph is a piece of the official text (whitespace aside),
    except the practitioners' words of curation/alt-labels.ttl: those are ours, only
    alternative or hidden labels, and only in the curation graph (soc:official false)."""
    source = re.sub(r"\s+", "", source_text)
    rows = select(
        store,
        "SELECT DISTINCT ?g ?s ?p ?text WHERE { GRAPH ?g { ?s ?p ?text"
        " FILTER(isLiteral(?text) && regex(str(?text), '[\\u4e00-\\u9fff]')) } }",
    )
    composed = {f"{NS}2022"}  # the scheme's label joins title and edition: 《…》（2022年版）
    curated_labels = {str(SKOS.altLabel), str(SKOS.hiddenLabel)}
    ours = [r for r in rows if r["g"] == f"{NS}graph/curation" and r["p"] in curated_labels]
    strays = [
        r for r in rows
        if re.sub(r"\s+", "", r["text"]) not in source and r["s"] not in composed
        and not r["s"].startswith(f"{DEFAULT_NAMESPACE}ontology")  # the ontology's own wording
        and r not in ours
    ]  # fmt: skip
    assert strays == []
    assert len(rows) > 200
    assert ours, "the curated practitioners' words are in the curation graph"


def test_all_named_graphs_are_in_the_store(store: pyoxigraph.Store) -> None:
    graphs = sorted(g.value for g in store.named_graphs())
    names = ["curation", "metadata", "official", "ontology", "translation"]
    assert graphs == [f"{NS}graph/{name}" for name in names]


def test_the_abolished_edition_states_only_what_the_text_says(store: pyoxigraph.Store) -> None:
    rows = select(
        store,
        f"SELECT ?p ?o WHERE {{ GRAPH <{NS}graph/official> {{ <{NS}2018> ?p ?o }} }}",
    )
    predicates = {r["p"].rsplit("/", 1)[-1].rsplit("#", 1)[-1] for r in rows}
    assert predicates == {
        "type", "prefLabel", "notation", "issued", "deprecated", "endDate", "isReplacedBy",
        "wasInvalidatedBy", "historyNote", "wasDerivedFrom",
    }  # fmt: skip
    issued = select(store, f"SELECT ?d WHERE {{ <{NS}2018> dct:issued ?d }}")
    assert [r["d"] for r in issued] == ["2018"]
