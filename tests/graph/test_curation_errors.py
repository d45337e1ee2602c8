"""An editor's mistake in curation/*.ttl fails the build naming the file, the resource and the rule."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import SKOS

from catalogue.dumps import DUMPS
from catalogue.graph.curation import CurationError
from catalogue.graph.dataset import build_dataset
from catalogue.settings import DEFAULT_NAMESPACE, BuildSettings
from catalogue.source.structure import Catalogue

NS = DEFAULT_NAMESPACE
SOC = Namespace(NS + "ontology/")


def edit(filename: str, old: str, new: str) -> Callable[[Path], None]:
    def apply(folder: Path) -> None:
        path = folder / filename
        text = path.read_text(encoding="utf-8")
        assert old in text, f"the test's premise is wrong: {old!r} not in {filename}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return apply


@dataclass(frozen=True)
class Mistake:
    name: str
    make: Callable[[Path], None]
    file: str
    subject: str
    rule: str


MISTAKES = [
    Mistake(
        "a missing translation",
        edit("translations.en.ttl",
             '<2022/business-type/05.01> skos:prefLabel "E-commerce platform development"@en .', ""),
        "translations.en.ttl", f"{NS}2022/business-type/05.01", "has no English label",
    ),
    Mistake(
        "a link to a concept that does not exist",
        edit("cross-links.ttl", "soc:coveredBy <2022/business-type/08.04>",
             "soc:coveredBy <2022/business-type/08.09>"),
        "cross-links.ttl", f"{NS}2022/domain/05/excluded-activity/1",
        "is not a concept of the catalogue",
    ),
    Mistake(
        "a duplicate label",
        edit("translations.en.ttl", '"E-commerce platform development"@en',
             '"E-commerce solutions"@en'),
        "translations.en.ttl", f"{NS}2022/business-type/05.02", "no two concepts share",
    ),
    Mistake(
        "two English labels",
        edit("translations.en.ttl", '"E-commerce platform development"@en',
             '"E-commerce platform development"@en, "Platform development"@en'),
        "translations.en.ttl", f"{NS}2022/business-type/05.01", "has 2 English labels",
    ),
    Mistake(
        "a typo in an IRI",
        edit("translations.en.ttl", "<2022/business-type/05.01> skos:prefLabel",
             "<2022/business-type/5.01> skos:prefLabel"),
        "translations.en.ttl", f"{NS}2022/business-type/5.01", "no such resource",
    ),
    Mistake(
        "a note translation for a note that does not exist",
        edit("translations.en.ttl", "<2022/domain/05/note/exclusion-1/en>",
             "<2022/domain/05/note/exclusion-2/en>"),
        "translations.en.ttl", f"{NS}2022/domain/05/note/exclusion-2/en",
        "translates no note of the official text",
    ),
    Mistake(
        "a ministry without its position",
        edit("organizations.ttl", "soc:position 3", "soc:position 7"),
        "", "", "has soc:position 3",
    ),
    Mistake(
        "an alternative label that is the preferred label",
        edit("alt-labels.ttl", '"IT运维"@zh', '"信息基础设施和信息系统运维服务"@zh'),
        "alt-labels.ttl", f"{NS}2022/domain/03", "are disjoint (SKOS S13)",
    ),
    Mistake(
        "an alternative label that is also hidden",
        edit("alt-labels.ttl", '"ITO运维"@zh', '"IT运维"@zh'),
        "alt-labels.ttl", f"{NS}2022/domain/03", "both skos:altLabel and skos:hiddenLabel",
    ),
    Mistake(
        "an alternative label without a language",
        edit("alt-labels.ttl", '"IT运维"@zh', '"IT运维"'),
        "alt-labels.ttl", f"{NS}2022/domain/03", 'every curated label is "…"@zh or "…"@en',
    ),
    Mistake(
        "an alternative label on a note, not a concept",
        edit("alt-labels.ttl", "<2022/domain/03>\n", "<2022/domain/05/excluded-activity/1>\n"),
        "alt-labels.ttl", f"{NS}2022/domain/05/excluded-activity/1", "labels name concepts",
    ),
    Mistake(
        "a file that is not Turtle",
        edit("cross-links.ttl", "soc:coveredBy <2022/business-type/08.04> .",
             "soc:coveredBy <2022/business-type/08.04"),
        "cross-links.ttl", "", "not valid Turtle",
    ),
]  # fmt: skip


@pytest.mark.parametrize("mistake", MISTAKES, ids=[m.name for m in MISTAKES])
def test_an_editors_mistake_is_reported_precisely(
    mistake: Mistake, catalogue: Catalogue, tmp_path: Path
) -> None:
    settings = BuildSettings()
    curation = tmp_path / "curation"
    shutil.copytree(settings.curation_dir, curation)
    mistake.make(curation)
    with pytest.raises(CurationError) as raised:
        build_dataset(catalogue, BuildSettings(curation_dir=curation), DUMPS)
    message = str(raised.value)
    assert mistake.rule in message
    assert mistake.file in message
    if mistake.subject:
        assert f"<{mistake.subject}>" in message
    if mistake.file:
        assert message.startswith(str(curation / mistake.file))


@pytest.mark.parametrize(
    "file, predicate",
    [("cross-links.ttl", SOC.coveredBy), ("alt-labels.ttl", SKOS.altLabel)],
)
def test_the_shipped_curation_is_accepted_and_built_in(
    file: str, predicate: URIRef, catalogue: Catalogue
) -> None:
    settings = BuildSettings()
    built = build_dataset(catalogue, settings, DUMPS).union()
    curated = Graph().parse(settings.curation_dir / file, format="turtle")
    statements = set(curated.triples((None, predicate, None)))
    assert statements, f"{file} states no {predicate}"
    assert statements <= set(built.triples((None, predicate, None)))
