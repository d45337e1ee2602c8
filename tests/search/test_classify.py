"""classify: a business description in, ranked domains and business types out, each with
its evidence; exclusions honoured, abstention, confidence and the follow-up question."""

from __future__ import annotations

import pytest

from catalogue.search.classifier import Classifier

# description → the key domain of the first answer (none of them is in bench/classify)
DESCRIPTIONS = [
    ("为芯片设计公司提供版图设计与验证外包", "01"),
    ("为中小企业提供机房托管和服务器运维", "03"),
    ("渗透测试与等保测评", "04"),
    ("招聘图像标注员，为人工智能企业标注训练数据", "06"),
    ("薪酬核算与社保代缴外包", "07"),
    ("亚马逊店铺代运营", "08"),
    ("医院核磁共振设备的维修保养", "10"),
    ("专利检索与专利申请代理", "11"),
    ("第三方食品检测实验室", "13"),
    ("手机外观设计与结构设计", "14"),
    ("创新药临床试验管理", "18"),
    ("Penetration testing for banks", "04"),
    ("We run payroll for multinational companies", "07"),
    ("3D animation production for TV series", "16"),
    ("Clinical trial management for biotech companies", "18"),
]  # fmt: skip


@pytest.mark.parametrize("text, domain", DESCRIPTIONS, ids=[t for t, _ in DESCRIPTIONS])
def test_a_description_lands_in_its_domain(classifier: Classifier, text: str, domain: str) -> None:
    answer = classifier.classify(text)
    assert answer.matched
    assert answer.results[0].domain.notation == domain


NOTHING = ["餐饮服务；食品销售", "美容美发", "出租车客运", "Dog grooming", "We sell shoes", ""]


@pytest.mark.parametrize("text", NOTHING)
def test_no_key_domain_matches_and_it_says_so(classifier: Classifier, text: str) -> None:
    answer = classifier.classify(text)
    assert not answer.matched
    assert answer.results == []
    assert answer.confidence == 0.0
    assert answer.to_json()["matched"] is False


def test_an_exclusion_is_honoured_and_quoted(classifier: Classifier) -> None:
    answer = classifier.classify("跨境电商店铺代运营")
    first = answer.results[0]
    assert first.concept.notation == "08.04"
    assert first.domain.notation == "08"
    # 05 excludes e-commerce operation: nothing of 05 is offered
    assert not [r for r in answer.results if r.domain and r.domain.notation == "05"]
    quoted = [e for e in first.evidence if e.excludes is not None]
    assert [e.excludes.notation for e in quoted] == ["05"]
    assert quoted[0].text.text == "但不包括电子商务代运营服务"  # the official clause
    assert quoted[0].text.source.endswith("/2022/source#line=61,62")
    assert "代运营" in quoted[0].words


def test_an_uncovered_exclusion_leaves_nothing_to_answer(classifier: Classifier) -> None:
    # 15 excludes 具体的施工活动及工程管理, which no domain covers
    answer = classifier.classify("建筑工程施工总承包")
    assert not answer.matched
    assert [a.domain.notation for a in answer.exclusions] == ["15"]


def test_two_competing_domains_get_the_question_that_separates_them(
    classifier: Classifier,
) -> None:
    answer = classifier.classify("开发电商平台并代运营天猫店铺")
    assert answer.matched
    assert {d.concept.notation for d in answer.domains[:2]} == {"05", "08"}
    followup = answer.followup
    assert followup is not None
    # each option in the catalogue's words: what the other domain's exclusion names
    assert [(o["notation"], o["text"]["zh"]) for o in followup["options"]] == [
        ("05.01", "电子商务平台的开发建设"),
        ("08.04", "电子商务代运营服务"),
    ]
    assert followup["question"]["zh"] == (
        "您的业务是「电子商务平台的开发建设」（05.01），还是「电子商务代运营服务」（08.04）？"
    )
    assert all("#line=" in o["source"] for o in followup["options"])


def test_confidence_is_the_margin_between_the_first_two_domains(classifier: Classifier) -> None:
    answer = classifier.classify("专利检索与专利申请代理")
    first, second = answer.domains[0].score, answer.domains[1].score
    assert answer.confidence == round((first - second) / first, 2)
    assert 0.0 < answer.confidence <= 1.0
    assert answer.followup is None  # a clear answer asks nothing


def test_evidence_names_the_text_and_where_it_comes_from(classifier: Classifier) -> None:
    answer = classifier.classify("为医院提供医疗设备维修")
    evidence = [e for r in answer.results for e in r.evidence]
    official = [e for e in evidence if e.text.official]
    ours = [e for e in evidence if not e.text.official]
    assert official and all("/2022/source#line=" in e.text.source for e in official)
    assert all(e.text.field in ("altLabel", "hiddenLabel", "prefLabel", "definition",
                                "inclusionNote", "policyNote")
               for e in ours)  # fmt: skip
    label = next(e for e in official if e.concept.notation == "10.03")
    assert label.text.text == "医疗设备维修维护服务"
    assert "<mark>医疗设备维修</mark>" in label.highlight


def test_the_json_contract(classifier: Classifier) -> None:
    body = classifier.classify("为芯片设计公司提供版图设计与验证外包").to_json()
    assert set(body) == {"text", "matched", "confidence", "followup", "results"}
    assert body["text"] == "为芯片设计公司提供版图设计与验证外包"
    assert 0 < len(body["results"]) <= 10
    scores = [r["score"] for r in body["results"]]
    assert scores == sorted(scores, reverse=True)
    for result in body["results"]:
        assert set(result) == {"iri", "notation", "level", "label", "score", "domain", "evidence"}
        assert set(result["label"]) == {"zh", "en"}
        assert set(result["domain"]) == {"iri", "notation"}
        assert result["notation"].startswith(result["domain"]["notation"])
        for item in result["evidence"]:
            assert {"field", "concept", "text", "matched", "source", "official"} <= set(item)


def test_at_most_ten_results(classifier: Classifier) -> None:
    answer = classifier.classify("设计 研发 咨询 服务 维修 检测 数据 平台 安全 营销 管理 材料")
    assert len(answer.results) <= 10
