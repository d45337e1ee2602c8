"""What a Skosmos user sees of the catalogue: each query Skosmos sends, and the answer it needs.

Skosmos builds every page from SPARQL alone, so a query refused or answered wrongly is a
page broken. The queries in ``queries/`` are Skosmos' own, rendered by its code for our
2022 scheme (README.md says how); each is sent here as EasyRdf sends it (same method, same
Accept header) to the real server over the real build, and one row of ``CASES`` says what
its answer must hold.

Terms are written as in N-Triples, so a language tag is part of what is compared, exactly:
Skosmos compares tags exactly (EasyRdf's ``label('zh')`` and ``allLiterals(…, 'zh')``
match a literal's tag with ``==``, and its statistics query filters
``?lang IN ('zh','en')``), so a Chinese label tagged anything but ``zh`` is one Skosmos
does not show. Codes are compared as plain strings, because Skosmos sorts and shows the
notation's lexical form and users search for it as typed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
import pytest
import requests

from catalogue.settings import PROJECT_ROOT
from tests.server.endpoint_support import Server, media_type, parse_body

QUERIES = Path(__file__).parent / "queries"
SOURCE = PROJECT_ROOT / "data" / "source" / "catalogue-2022.zh.txt"

NS = "https://w3id.org/service-outsourcing/"
SCHEME_IRI = NS + "2022"
SCHEME = f"<{SCHEME_IRI}>"
XSD = "http://www.w3.org/2001/XMLSchema#"


def concept(path: str) -> str:
    return f"<{NS}2022/{path}>"


def skos(name: str) -> str:
    return f"<http://www.w3.org/2004/02/skos/core#{name}>"


def soc(name: str) -> str:
    return f"<{NS}ontology/{name}>"


def plain(text: str) -> str:
    return str(ox.Literal(text))


def zh(text: str) -> str:
    return f"{plain(text)}@zh"


def en(text: str) -> str:
    return f"{plain(text)}@en"


def integer(value: int) -> str:
    return f'"{value}"^^<{XSD}integer>'


TRUE = f'"true"^^<{XSD}boolean>'

ITO, BPO, KPO = concept("category/ITO"), concept("category/BPO"), concept("category/KPO")
DOMAIN_05, DOMAIN_06 = concept("domain/05"), concept("domain/06")
AUTOMATIC_RECOGNITION = concept("business-type/06.09")
FACE_RECOGNITION = concept("business-type/06.09.05")

# Key domain 5's 定义和范围, as the official text words it (a test below holds it to the
# source file), and our English translation of it.
DEFINITION_05_ZH = (
    "电子商务平台服务是指为客户搭建电子商务平台（包括众包平台）并提供相关技术支持，"
    "包括电子商务平台的规划、开发、测试、维护等服务，但不包括电子商务代运营服务。"
    "电子商务平台服务属于信息技术外包（ITO）。"
)
DEFINITION_05_EN = (
    "E-commerce platform services refer to building e-commerce platforms (including "
    "crowdsourcing platforms) for clients and providing related technical support, including "
    "services such as the planning, development, testing and maintenance of e-commerce "
    "platforms, but excluding e-commerce operation services on behalf of clients. E-commerce "
    "platform services belong to information technology outsourcing (ITO)."
)


# --- what an answer must hold -------------------------------------------------------------

Row = tuple[str | None, ...]
Triple = tuple[str, str, str]


@dataclass(frozen=True)
class Answer:
    solutions: list[dict[str, str]] = field(default_factory=list)
    triples: set[Triple] = field(default_factory=set)


@dataclass(frozen=True)
class Rows:
    """The solutions cut down to ``variables`` (None where unbound), compared as a set:
    Skosmos orders and deduplicates itself, so neither order nor repeats matter."""

    variables: tuple[str, ...]
    exactly: frozenset[Row] | None = None
    including: frozenset[Row] = frozenset()

    def check(self, answer: Answer) -> None:
        found = {tuple(s.get(v) for v in self.variables) for s in answer.solutions}
        if self.exactly is not None:
            assert found == self.exactly, _difference(self.variables, self.exactly, found)
        missing = self.including - found
        assert not missing, (
            f"{self.variables}: missing {sorted(missing, key=str)}; found {sorted(found, key=str)}"
        )


@dataclass(frozen=True)
class Triples:
    """Statements the graph must contain, and (subject, predicate) pairs whose every object
    must be text: Skosmos prints a literal, but shows an IRI as a link to a resource."""

    including: frozenset[Triple]
    text_only: tuple[tuple[str, str], ...] = ()

    def check(self, answer: Answer) -> None:
        missing = self.including - answer.triples
        assert not missing, f"missing {sorted(missing)}"
        for subject, predicate in self.text_only:
            objects = [o for s, p, o in answer.triples if (s, p) == (subject, predicate)]
            assert objects and all(o.startswith('"') for o in objects), (
                subject,
                predicate,
                objects,
            )


def _difference(variables: tuple[str, ...], expected: frozenset[Row], found: set[Row]) -> str:
    return (
        f"{variables}: missing {sorted(expected - found, key=str)}; "
        f"unexpected {sorted(found - expected, key=str)}"
    )


def rows(variables: str, *expected: Row) -> Rows:
    return Rows(tuple(variables.split()), exactly=frozenset(expected))


def rows_including(variables: str, *expected: Row) -> Rows:
    return Rows(tuple(variables.split()), including=frozenset(expected))


def triples(*expected: Triple, text_only: tuple[tuple[str, str], ...] = ()) -> Triples:
    return Triples(frozenset(expected), text_only)


@dataclass(frozen=True)
class Case:
    query: str  # the file in queries/, without .rq
    shows: str  # what the Skosmos user sees when the answer is right
    expectations: tuple[Rows | Triples, ...]


# --- the cases ----------------------------------------------------------------------------

CASES = [
    Case(
        "concept-schemes",
        "the vocabulary's schemes, the 2022 edition titled in Chinese",
        (
            rows_including(
                "cs preflabel", (SCHEME, zh("服务外包产业重点发展领域指导目录（2022年版）"))
            ),
        ),
    ),
    Case(
        "concept-scheme",
        "the vocabulary information page: the 2022 title in Chinese and English, its date",
        (
            triples(
                (SCHEME, skos("prefLabel"), zh("服务外包产业重点发展领域指导目录（2022年版）")),
                (
                    SCHEME,
                    skos("prefLabel"),
                    en(
                        "Guiding Catalogue of Key Development Areas of the Service Outsourcing Industry (2022 edition)"
                    ),
                ),
                (SCHEME, "<http://purl.org/dc/terms/issued>", f'"2022-05-07"^^<{XSD}date>'),
            ),
        ),
    ),
    Case(
        "top-concepts-zh",
        "the hierarchy's roots in Chinese: the three categories, each with its code, expandable",
        (
            rows(
                "top topuri label notation children",
                (ITO, SCHEME, zh("信息技术外包"), plain("ITO"), TRUE),
                (BPO, SCHEME, zh("业务流程外包"), plain("BPO"), TRUE),
                (KPO, SCHEME, zh("知识流程外包"), plain("KPO"), TRUE),
            ),
        ),
    ),
    Case(
        "top-concepts-en",
        "the hierarchy's roots in English",
        (
            rows(
                "top label notation",
                (ITO, en("Information technology outsourcing"), plain("ITO")),
                (BPO, en("Business process outsourcing"), plain("BPO")),
                (KPO, en("Knowledge process outsourcing"), plain("KPO")),
            ),
        ),
    ),
    # Skosmos projects ?child twice here, a form Jena accepts and Oxigraph refuses: the
    # endpoint's compatibility step (server/sparql/compat.py) must keep it answered.
    Case(
        "children-of-ito",
        "ITO expanded: its six domains, sorted by their codes 01-06, each expandable",
        (
            rows(
                "child label notation grandchildren",
                (concept("domain/01"), zh("集成电路和电子电路设计服务"), plain("01"), TRUE),
                (concept("domain/02"), zh("信息技术解决方案服务"), plain("02"), TRUE),
                (concept("domain/03"), zh("信息基础设施和信息系统运维服务"), plain("03"), TRUE),
                (concept("domain/04"), zh("网络与数据安全服务"), plain("04"), TRUE),
                (DOMAIN_05, zh("电子商务平台服务"), plain("05"), TRUE),
                (DOMAIN_06, zh("新一代信息技术开发应用服务"), plain("06"), TRUE),
            ),
        ),
    ),
    Case(
        "parents-of-face-recognition",
        "the hierarchy opened at 06.09.05: 06.09.05 < 06.09 < 06 < ITO, ITO a top concept of "
        "the 2022 scheme, and the siblings at each level",
        (
            rows(
                "broad parent label notation",
                (FACE_RECOGNITION, AUTOMATIC_RECOGNITION, zh("人脸识别"), plain("06.09.05")),
                (AUTOMATIC_RECOGNITION, DOMAIN_06, zh("自动识别服务"), plain("06.09")),
                (DOMAIN_06, ITO, zh("新一代信息技术开发应用服务"), plain("06")),
                (ITO, None, zh("信息技术外包"), plain("ITO")),
            ),
            # ?tops is GROUP_CONCAT over IRIs (Jena concatenates their strings): Skosmos' REST
            # /hierarchy takes each root's "top" scheme from it, and its hierarchy tab, when it
            # shows schemes (skosmos:showConceptSchemesInHierarchy), hangs the tree there.
            rows_including("broad tops", (ITO, plain(SCHEME_IRI))),
            rows_including(
                "broad children childlabel childnotation",
                (AUTOMATIC_RECOGNITION, FACE_RECOGNITION, zh("人脸识别"), plain("06.09.05")),
                (ITO, DOMAIN_05, zh("电子商务平台服务"), plain("05")),
            ),
        ),
    ),
    Case(
        "concept-info-domain-05",
        "domain 05's page: labels, the official definition as text (and ours in English), "
        "code 05, ITO above and its business types below, each linked by name",
        (
            triples(
                (DOMAIN_05, skos("prefLabel"), zh("电子商务平台服务")),
                (DOMAIN_05, skos("prefLabel"), en("E-commerce platform services")),
                (DOMAIN_05, skos("definition"), zh(DEFINITION_05_ZH)),
                (DOMAIN_05, skos("definition"), en(DEFINITION_05_EN)),
                (DOMAIN_05, skos("notation"), plain("05")),
                (DOMAIN_05, skos("inScheme"), SCHEME),
                (DOMAIN_05, skos("broader"), ITO),
                (DOMAIN_05, skos("narrower"), concept("business-type/05.01")),
                (DOMAIN_05, skos("narrower"), concept("business-type/05.02")),
                (ITO, skos("prefLabel"), zh("信息技术外包")),
                (ITO, skos("notation"), plain("ITO")),
                (concept("business-type/05.01"), skos("prefLabel"), zh("电子商务平台开发")),
                text_only=((DOMAIN_05, skos("definition")),),
            ),
        ),
    ),
    Case(
        "concept-info-face-recognition",
        "06.09.05's page: labels, code 06.09.05 as a plain code, 06.09 above it",
        (
            triples(
                (FACE_RECOGNITION, skos("prefLabel"), zh("人脸识别")),
                (FACE_RECOGNITION, skos("prefLabel"), en("Face recognition")),
                (FACE_RECOGNITION, skos("notation"), plain("06.09.05")),
                (FACE_RECOGNITION, skos("broader"), AUTOMATIC_RECOGNITION),
                (AUTOMATIC_RECOGNITION, skos("prefLabel"), zh("自动识别服务")),
                (AUTOMATIC_RECOGNITION, skos("notation"), plain("06.09")),
            ),
        ),
    ),
    Case(
        "label-face-recognition",
        "06.09.05's Chinese label, which Skosmos files under the key 'zh'",
        (rows("label", (zh("人脸识别"),)),),
    ),
    Case(
        "all-labels-face-recognition",
        "06.09.05's English labels: the translation's, and our practitioners' words",
        (
            rows(
                "prop val",
                (skos("prefLabel"), en("Face recognition")),
                (skos("altLabel"), en("facial recognition")),
                (skos("hiddenLabel"), en("face ID")),
            ),
        ),
    ),
    Case(
        "broader-of-domain-05",
        "domain 05's broader concept, named in Chinese",
        (rows("object label", (ITO, zh("信息技术外包"))),),
    ),
    Case(
        "narrower-of-domain-05",
        "domain 05's business types, named in Chinese",
        (
            rows(
                "object label",
                (concept("business-type/05.01"), zh("电子商务平台开发")),
                (concept("business-type/05.02"), zh("电子商务解决方案")),
            ),
        ),
    ),
    Case(
        "broader-transitive-of-face-recognition",
        "the breadcrumb ITO > 06 > 06.09 > 06.09.05, in Chinese, each step's parent listed",
        (
            rows(
                "object label",
                (FACE_RECOGNITION, zh("人脸识别")),
                (AUTOMATIC_RECOGNITION, zh("自动识别服务")),
                (DOMAIN_06, zh("新一代信息技术开发应用服务")),
                (ITO, zh("信息技术外包")),
            ),
            rows_including(
                "object direct",
                (FACE_RECOGNITION, plain(NS + "2022/business-type/06.09")),
                (AUTOMATIC_RECOGNITION, plain(NS + "2022/domain/06")),
                (DOMAIN_06, plain(NS + "2022/category/ITO")),
            ),
        ),
    ),
    Case(
        "search-label-zh",
        "searching 人脸 in Chinese finds 人脸识别 (06.09.05), and only it",
        (rows("s label notation", (FACE_RECOGNITION, zh("人脸识别"), plain("06.09.05"))),),
    ),
    Case(
        "search-label-en",
        "searching 'face' in English finds Face recognition (06.09.05), and only it",
        (rows("s label notation", (FACE_RECOGNITION, en("Face recognition"), plain("06.09.05"))),),
    ),
    Case(
        "search-notation",
        "searching the code 06.09 finds business type 06.09 (a minted code, typed as a user types it)",
        (rows("s label notation", (AUTOMATIC_RECOGNITION, zh("自动识别服务"), plain("06.09"))),),
    ),
    # Skosmos writes ?depr = True, Jena's spelling: the compatibility step must keep it answered.
    Case(
        "count-concepts",
        "the statistics page: 119 concepts (3 categories, 20 domains, 90 business types, 6 "
        "sub-types), none deprecated, each type named in Chinese",
        (
            rows_including(
                "type c deprcount",
                (skos("Concept"), integer(119), integer(0)),
                (soc("Category"), integer(3), integer(0)),
                (soc("KeyDomain"), integer(20), integer(0)),
                (soc("BusinessType"), integer(90), integer(0)),
                (soc("BusinessSubtype"), integer(6), integer(0)),
            ),
            rows_including(
                "type typelabel",
                (soc("Category"), zh("服务外包类别")),
                (soc("KeyDomain"), zh("重点发展领域")),
                (soc("BusinessType"), zh("业务类型")),
                (soc("BusinessSubtype"), zh("业务子类型")),
            ),
        ),
    ),
    Case(
        "count-labels-by-language",
        "the statistics page's terms per language: 119 preferred labels in Chinese, 119 in "
        "English, and our curated alternative and hidden labels (curation/alt-labels.ttl)",
        (
            rows(
                "lang prop count",
                (plain("zh"), skos("prefLabel"), integer(119)),
                (plain("en"), skos("prefLabel"), integer(119)),
                (plain("zh"), skos("altLabel"), integer(148)),
                (plain("en"), skos("altLabel"), integer(141)),
                (plain("zh"), skos("hiddenLabel"), integer(189)),
                (plain("en"), skos("hiddenLabel"), integer(162)),
            ),
        ),
    ),
    Case(
        "types",
        "the search form's type filter, each level of the catalogue named in Chinese",
        (
            rows_including(
                "type label",
                (soc("Category"), zh("服务外包类别")),
                (soc("KeyDomain"), zh("重点发展领域")),
                (soc("BusinessType"), zh("业务类型")),
                (soc("BusinessSubtype"), zh("业务子类型")),
            ),
        ),
    ),
    Case(
        "first-characters-en",
        "the alphabetical index's letters in English (BPO, E-commerce…, Face…, ITO, KPO among them)",
        (
            rows_including(
                "l", (plain("B"),), (plain("E"),), (plain("F"),), (plain("I"),), (plain("K"),)
            ),
        ),
    ),
    Case(
        "alphabetical-f-en",
        "the alphabetical index at F: the four concepts whose English label starts with F, "
        "and two whose alternative label does (food inspection, FDA approval)",
        (
            rows(
                "s label",
                (FACE_RECOGNITION, en("Face recognition")),
                (concept("business-type/06.09.04"), en("Fingerprint recognition")),
                (concept("business-type/07.02"), en("Financial and accounting management")),
                (
                    concept("business-type/16.03"),
                    en("Film and television visual effects production"),
                ),
                (
                    concept("business-type/13.02"),
                    en("Third-party food inspection and testing services"),
                ),
                (
                    concept("business-type/18.05"),
                    en("International certification and marketing authorization services"),
                ),
            ),
        ),
    ),
]


# --- sending a query as Skosmos does --------------------------------------------------------


@dataclass(frozen=True)
class SkosmosRequest:
    """A query file: the header says how EasyRdf sends it, the rest is the text it sends."""

    method: str
    accept: str
    query: str

    @classmethod
    def read(cls, path: Path) -> SkosmosRequest:
        text = path.read_text(encoding="utf-8")
        header = re.match(r"(?:#[^\n]*\n)+", text)
        assert header, f"{path.name} has no header"
        fields = dict(re.findall(r"^# (method|accept): (.*)$", header.group(), re.MULTILINE))
        return cls(fields["method"], fields["accept"], text[header.end() :])

    def send(self, server: Server) -> requests.Response:
        headers = {"Accept": self.accept}
        if self.method == "GET":
            return server.get(params={"query": self.query}, headers=headers)
        # EasyRdf posts longer queries as a form, like an HTML form would.
        return server.post(data={"query": self.query}, headers=headers)


def _term(value: dict[str, str]) -> str:
    """A SPARQL JSON results term in N-Triples form, as str() of pyoxigraph's terms gives it."""
    if value["type"] == "uri":
        return f"<{value['value']}>"
    if value["type"] == "bnode":
        return "_:" + value["value"]
    lexical = plain(value["value"])
    if "xml:lang" in value:
        return f"{lexical}@{value['xml:lang']}"
    datatype = value.get("datatype", XSD + "string")
    return lexical if datatype == XSD + "string" else f"{lexical}^^<{datatype}>"


def answer(response: requests.Response) -> Answer:
    parsed = parse_body(response.headers.get("Content-Type"), response.content)
    if media_type(response.headers.get("Content-Type")) == "application/sparql-results+json":
        assert isinstance(parsed, list)
        return Answer(solutions=[{name: _term(v) for name, v in row.items()} for row in parsed])
    assert isinstance(parsed, list), parsed
    return Answer(triples={(str(t.subject), str(t.predicate), str(t.object)) for t in parsed})


# --- the tests ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def catalogue_server(live_site_server: Server) -> Server:
    """The session's real server over the real build (tests/site_fixtures.py): Skosmos'
    expectations are about the catalogue."""
    return live_site_server


def test_every_query_file_has_a_case_and_every_case_a_file() -> None:
    assert sorted(p.stem for p in QUERIES.glob("*.rq")) == sorted(c.query for c in CASES)


def test_the_expected_definition_is_the_official_text() -> None:
    """The Chinese definition expected on domain 05's page is the source's, not a retyping."""
    source = re.sub(r"\s", "", SOURCE.read_text(encoding="utf-8"))
    assert DEFINITION_05_ZH in source


@pytest.mark.parametrize("case", CASES, ids=[c.query for c in CASES])
def test_skosmos_query(catalogue_server: Server, case: Case) -> None:
    request = SkosmosRequest.read(QUERIES / f"{case.query}.rq")
    response = request.send(catalogue_server)
    # A refusal is a broken page: Skosmos shows an error instead of the answer.
    assert response.status_code == 200, response.text
    # EasyRdf parses only the formats its Accept header lists.
    accepted = {part.split(";")[0].strip() for part in request.accept.split(",")}
    assert media_type(response.headers.get("Content-Type")) in accepted, response.headers
    result = answer(response)
    failures = []  # every expectation is checked: one failure must not hide another
    for expectation in case.expectations:
        try:
            expectation.check(result)
        except AssertionError as failure:
            failures.append(str(failure))
    assert not failures, "\n".join(failures)
