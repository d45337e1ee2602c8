"""The parser reads the whole official text: every category, domain, business type and note."""

from __future__ import annotations

import pytest

from catalogue.source.parser import chinese_numeral
from catalogue.source.structure import Catalogue

# Counted by hand in data/source/catalogue-2022.zh.txt (items of each 主要业务类型 list,
# split at 、; domain 04's last item 安全监理和安全审计 is two items joined by 和).
BUSINESS_TYPES_PER_DOMAIN = {
    1: 2, 2: 7, 3: 4, 4: 10, 5: 2, 6: 11, 7: 3, 8: 4, 9: 2, 10: 4,
    11: 3, 12: 3, 13: 4, 14: 7, 15: 4, 16: 5, 17: 2, 18: 7, 19: 2, 20: 4,
}  # fmt: skip
# Exclusion clauses (不包括… / 但不包括…) and the activities they name.
EXCLUSIONS = {5: [1], 8: [3], 13: [1], 15: [1]}
POLICY_NOTES = {2: 1, 6: 1, 10: 1}  # sentences opening with 支持
INCLUSION_NOTES = {5: 2, 7: 1, 8: 1, 9: 1, 14: 1, 16: 1, 19: 1}


def test_three_categories_with_six_four_and_ten_domains(catalogue: Catalogue) -> None:
    assert [(c.code, c.domain_count) for c in catalogue.categories] == [
        ("ITO", 6), ("BPO", 4), ("KPO", 10),
    ]  # fmt: skip
    assert [len(catalogue.domains_of(c.code)) for c in catalogue.categories] == [6, 4, 10]


def test_twenty_domains_numbered_in_order(catalogue: Catalogue) -> None:
    assert [d.number for d in catalogue.domains] == list(range(1, 21))
    assert [d.code for d in catalogue.domains][:3] == ["01", "02", "03"]


def test_every_business_type_of_every_domain(catalogue: Catalogue) -> None:
    found = {d.number: len(d.business_types) for d in catalogue.domains}
    assert found == BUSINESS_TYPES_PER_DOMAIN
    assert sum(found.values()) == 90


def test_business_type_lists_are_open_ended(catalogue: Catalogue) -> None:
    """Every list ends with 等 ('etc.'): the business types are examples, not a closed set."""
    assert all(d.business_types_open for d in catalogue.domains)


def test_automatic_recognition_has_six_open_ended_subtypes(catalogue: Catalogue) -> None:
    item = catalogue.domains[5].business_types[8]
    assert (item.name, len(item.subtypes), item.subtypes_open) == ("自动识别服务", 6, True)
    assert item.subtypes[4].name == "人脸识别"


def test_the_last_pair_joined_by_he_is_two_business_types(catalogue: Catalogue) -> None:
    last_two = catalogue.domains[3].business_types[-2:]
    assert [(b.name, b.conjunction) for b in last_two] == [("安全监理", None), ("安全审计", "和")]


def test_every_exclusion_clause_and_activity(catalogue: Catalogue) -> None:
    found = {d.number: [len(e.activities) for e in d.exclusions] for d in catalogue.domains}
    assert {k: v for k, v in found.items() if v} == EXCLUSIONS
    assert catalogue.domains[4].exclusions[0].activities == ["电子商务代运营服务"]


def test_policy_and_inclusion_notes(catalogue: Catalogue) -> None:
    policies = {d.number: len(d.policies) for d in catalogue.domains if d.policies}
    inclusions = {d.number: len(d.inclusions) for d in catalogue.domains if d.inclusions}
    assert (policies, inclusions) == (POLICY_NOTES, INCLUSION_NOTES)


def test_notes_are_verbatim_pieces_of_their_definition(catalogue: Catalogue) -> None:
    for domain in catalogue.domains:
        parts = domain.inclusions + domain.policies + [e.text for e in domain.exclusions]
        for part in parts:
            assert part in domain.definition


def test_page_breaks_are_repaired(catalogue: Catalogue) -> None:
    assert [(r.span.first, r.span.last) for r in catalogue.repairs] == [
        (68, 70), (82, 84), (102, 104),
    ]  # fmt: skip
    assert "虚拟现实/增强现实" in catalogue.domains[5].definition
    assert "但不包括电子商务平台的开发建设" in catalogue.domains[7].definition
    assert "资产管理、技术领域" in catalogue.domains[10].definition


def test_spacing_artefacts_between_digits_and_chinese_are_removed(catalogue: Catalogue) -> None:
    assert catalogue.announcement.number == "公告2022年第15号"
    assert catalogue.domains[5].business_types[5].name == "5G技术服务"


def test_the_announcement(catalogue: Catalogue) -> None:
    a = catalogue.announcement
    assert a.issued.isoformat() == "2022-05-07"
    assert [m.short_name for m in a.ministries] == [
        "商务部",
        "工业和信息化部",
        "财政部",
        "海关总署",
    ]
    assert all(m.full_name.endswith(m.short_name) for m in a.ministries)
    assert [(c.title[:4], c.number) for c in a.cited] == [
        ("中共中央", None),
        ("国务院关", "国发〔2014〕67号"),
    ]
    assert (a.predecessor.year, a.predecessor.title) == ("2018", catalogue.title)


@pytest.mark.parametrize(
    ("text", "value"),
    [("一", 1), ("九", 9), ("十", 10), ("十一", 11), ("十九", 19), ("二十", 20), ("九十九", 99),
     ("", None), ("十十", None), ("二二", None), ("甲", None)],
)  # fmt: skip
def test_chinese_numerals(text: str, value: int | None) -> None:
    assert chinese_numeral(text) == value
