"""The proof that nothing was lost: the text regenerated from the graph equals the source.

Equality is modulo whitespace (the PDF extraction's line breaks and spaces) and
the Markdown heading markers the rendering adds.
"""

from __future__ import annotations

import re

import pyoxigraph
import pytest

from catalogue.render import chinese_number, render_markdown
from catalogue.settings import DEFAULT_NAMESPACE


def comparable(text: str) -> str:
    return re.sub(r"\s+", "", re.sub(r"(?m)^#+ ", "", text))


def test_the_rendered_text_equals_the_source(store: pyoxigraph.Store, source_text: str) -> None:
    rendered = render_markdown(store, DEFAULT_NAMESPACE)
    assert comparable(rendered) == comparable(source_text)
    assert rendered.count("\n### ") == 20


def _copy_without(store: pyoxigraph.Store, update: str) -> pyoxigraph.Store:
    copy = pyoxigraph.Store()
    copy.extend(store.quads_for_pattern(None, None, None, None))
    copy.update(update)
    return copy


@pytest.mark.parametrize(
    "damage",
    [
        # a business type's label lost
        "DELETE WHERE { GRAPH ?g { ?x <http://www.w3.org/2004/02/skos/core#prefLabel> '人脸识别'@zh } }",
        # the open-endedness (等) of a domain's list lost
        f"DELETE WHERE {{ GRAPH ?g {{ <{DEFAULT_NAMESPACE}2022/domain/20> "
        "<https://w3id.org/service-outsourcing/ontology/nonExhaustive> ?v } }",
        # the conjunction 和 of 安全监理和安全审计 lost
        "DELETE WHERE { GRAPH ?g { ?x <https://w3id.org/service-outsourcing/ontology/listConjunction> ?c } }",
    ],
    ids=["a label", "an open list", "a conjunction"],
)  # fmt: skip
def test_the_round_trip_fails_when_the_graph_loses_something(
    store: pyoxigraph.Store, source_text: str, damage: str
) -> None:
    damaged = _copy_without(store, damage)
    try:
        rendered = render_markdown(damaged, DEFAULT_NAMESPACE)
    except ValueError:
        return  # the rendering noticed the gap itself
    assert comparable(rendered) != comparable(source_text)


def test_the_rendering_reads_only_the_official_graph(
    store: pyoxigraph.Store, source_text: str
) -> None:
    official = pyoxigraph.Store()
    graph = pyoxigraph.NamedNode(f"{DEFAULT_NAMESPACE}graph/official")
    official.extend(store.quads_for_pattern(None, None, None, graph))
    assert comparable(render_markdown(official, DEFAULT_NAMESPACE)) == comparable(source_text)


@pytest.mark.parametrize(
    ("n", "text"), [(1, "一"), (10, "十"), (11, "十一"), (20, "二十"), (15, "十五")]
)
def test_chinese_numbers(n: int, text: str) -> None:
    assert chinese_number(n) == text
