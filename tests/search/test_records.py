"""The index reads both shapes of the data model: notes as xkos:ExplanatoryNote resources
with zh-Hans text and minted codes typed soc:MintedCode (today), or notes as plain
language-tagged literals, ``zh`` tags and plain string codes (the coming model)."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from catalogue.search.records import read_records

PREFIXES = """
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xkos: <http://rdf-vocabulary.ddialliance.org/xkos#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix soc: <https://w3id.org/service-outsourcing/ontology/> .
@prefix : <https://example.org/2022/> .
"""

NOTES_AS_RESOURCES = (
    PREFIXES
    + """
:ITO a skos:Concept ; skos:notation "ITO" ; skos:prefLabel "信息技术外包"@zh-Hans .
:d05 a skos:Concept ; skos:notation "05" ; skos:broader :ITO ;
  skos:prefLabel "电子商务平台服务"@zh-Hans, "E-commerce platform services"@en ;
  prov:wasDerivedFrom :source-59 ;
  skos:definition :d05-def ; xkos:exclusionNote :d05-excl .
:d05-def xkos:plainText "电子商务平台服务是指……"@zh-Hans ; prov:wasDerivedFrom :source-61 .
:d05-excl xkos:plainText "但不包括电子商务代运营服务"@zh-Hans ; soc:excludedActivity :act .
:act skos:prefLabel "电子商务代运营服务"@zh-Hans ; soc:coveredBy :t0804 .
:t0501 a skos:Concept ; skos:notation "05.01"^^soc:MintedCode ; skos:broader :d05 ;
  skos:prefLabel "电子商务平台开发"@zh-Hans ; skos:altLabel "商城开发"@zh .
"""
)

NOTES_AS_LITERALS = (
    PREFIXES
    + """
:ITO a skos:Concept ; skos:notation "ITO" ; skos:prefLabel "信息技术外包"@zh .
:d05 a skos:Concept ; skos:notation "05" ; skos:broader :ITO ;
  skos:prefLabel "电子商务平台服务"@zh, "E-commerce platform services"@en ;
  prov:wasDerivedFrom :source-59 ;
  skos:definition "电子商务平台服务是指……"@zh ; xkos:exclusionNote "但不包括电子商务代运营服务"@zh ;
  soc:excludedActivity :act .
:act skos:prefLabel "电子商务代运营服务"@zh ; soc:coveredBy :t0804 .
:t0501 a skos:Concept ; skos:notation "05.01" ; skos:broader :d05 ;
  skos:prefLabel "电子商务平台开发"@zh ; skos:altLabel "商城开发"@zh .
"""
)


@pytest.mark.parametrize("turtle", [NOTES_AS_RESOURCES, NOTES_AS_LITERALS],
                         ids=["notes as resources", "notes as literals"])  # fmt: skip
def test_both_shapes_give_the_same_records(turtle: str) -> None:
    store = ox.Store()
    store.load(turtle.encode(), ox.RdfFormat.TURTLE)
    records = {r.notation: r for r in read_records(store)}
    assert list(records) == ["ITO", "05", "05.01"]
    domain, business_type = records["05"], records["05.01"]
    assert [r.level for r in records.values()] == ["category", "domain", "business-type"]
    assert domain.label("zh") == "电子商务平台服务"
    texts = {(t.field, t.language): t.text for t in domain.texts}
    assert texts[("definition", "zh")] == "电子商务平台服务是指……"
    assert texts[("exclusionNote", "zh")] == "但不包括电子商务代运营服务"
    assert domain.exclusions[0].label == {"zh": "电子商务代运营服务"}
    assert domain.exclusions[0].covered_by == ["https://example.org/2022/t0804"]
    assert ("altLabel", "zh") in {(t.field, t.language) for t in business_type.texts}
    assert business_type.path[0].endswith("/ITO")
