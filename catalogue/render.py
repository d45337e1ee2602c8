"""Regenerate the catalogue's text as Markdown from the official graph alone.

This is the proof that parsing lost nothing: the rendering, stripped of its
Markdown markers, equals the source modulo whitespace (tests/test_render.py).
Only the form words of the document (field names, 定义和范围：, the enumeration
comma) come from here; every piece of content is read from the store.
"""

from __future__ import annotations

import datetime

import pyoxigraph

from catalogue.iris import IriScheme

_DIGITS = "零一二三四五六七八九"

_PREFIXES = """
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX xkos: <http://rdf-vocabulary.ddialliance.org/xkos#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX schema: <http://schema.org/>
PREFIX soc: <https://w3id.org/service-outsourcing/ontology/>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 15 → 十五, 20 → 二十 (the inverse of the parser's numerals)."""
    if n < 10:
        return _DIGITS[n]
    tens, units = divmod(n, 10)
    return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[units] if units else "")


class _Official:
    """SPARQL over the official named graph only."""

    def __init__(self, store: pyoxigraph.Store, namespace: str) -> None:
        self.store = store
        self.graph = IriScheme(namespace).graph("official")

    def rows(self, pattern: str) -> list[dict[str, str]]:
        query = f"{_PREFIXES} SELECT * WHERE {{ GRAPH <{self.graph}> {{ {pattern} }} }}"
        solutions = self.store.query(query)
        if not isinstance(solutions, pyoxigraph.QuerySolutions):
            raise TypeError(f"not a SELECT: {query}")
        names = [v.value for v in solutions.variables]
        return [{n: term.value for n in names if (term := s[n]) is not None} for s in solutions]

    def one(self, pattern: str) -> dict[str, str]:
        rows = self.rows(pattern)
        if len(rows) != 1:
            raise ValueError(f"expected one answer, got {len(rows)}: {pattern}")
        return rows[0]


def render_markdown(store: pyoxigraph.Store, namespace: str) -> str:
    g = _Official(store, namespace)
    out: list[str] = []
    announcement = g.one(
        "?doc dct:identifier ?number ; dct:issued ?issued ; dct:description ?preamble ."
        "FILTER NOT EXISTS { ?doc skos:prefLabel ?any }"
    )
    ministries = [
        r["name"]
        for r in sorted(
            g.rows(
                f"<{announcement['doc']}> dct:publisher ?org . "
                "?org skos:prefLabel ?name ; soc:position ?position ."
            ),
            key=lambda r: int(r["position"]),
        )
    ]
    issued = datetime.date.fromisoformat(announcement["issued"])
    date = f"{issued.year}年{issued.month}月{issued.day}日"
    number = announcement["number"]

    out.append(f"# {' '.join(ministries)}公告")
    out.append(number.removeprefix("公告"))
    out.append(f"【发布单位】{' '.join(ministries)}")
    out.append(f"【发布文号】{number}")
    out.append(f"【发布日期】{date}")
    out.append(announcement["preamble"])
    out.append(g.one("?old skos:historyNote ?note .")["note"])
    out.extend(ministries)
    out.append(date)

    scheme = g.one(
        "?scheme a skos:ConceptScheme ; dct:title ?title ; schema:version ?edition ;"
        " dct:description ?overview ."
    )
    out.append(f"## {scheme['title']}")
    out.append(f"({scheme['edition']})")
    out.append(scheme["overview"])

    for domain in sorted(
        g.rows(
            "?domain a soc:KeyDomain ; skos:notation ?code ; skos:prefLabel ?name ;"
            " soc:nonExhaustive ?open ; skos:definition ?definition ."
        ),
        key=lambda r: int(r["code"]),
    ):
        out.append(f"### {chinese_number(int(domain['code']))}、{domain['name']}")
        out.append(f"定义和范围：{domain['definition']}")
        items = _enumeration(g, domain["domain"], domain["open"] == "true")
        out.append(f"主要业务类型：{items}。")
    return "\n\n".join(out) + "\n"


def _enumeration(g: _Official, parent: str, is_open: bool) -> str:
    """Join the narrower concepts as the source lists them: A、B、C和D等."""
    children = sorted(
        g.rows(
            f"<{parent}> skos:narrower ?child . ?child skos:prefLabel ?name ;"
            " soc:position ?position ."
            " OPTIONAL { ?child soc:listConjunction ?conjunction }"
            " OPTIONAL { ?child soc:nonExhaustive ?open }"
        ),
        key=lambda r: int(r["position"]),
    )
    text = ""
    for index, child in enumerate(children):
        if index:
            text += child.get("conjunction", "、")
        text += child["name"]
        if "open" in child:
            text += f"（包括{_enumeration(g, child['child'], child['open'] == 'true')}）"
    return text + ("等" if is_open else "")
