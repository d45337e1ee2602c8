"""What the official text says, as plain data: the parser's output, the graph's input.

Every string here is a verbatim piece of the source (after page-break repair and
removal of spacing artefacts); nothing is typed by hand.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from catalogue.source.reading import Repair, Span


@dataclass(frozen=True)
class Ministry:
    full_name: str  # 中华人民共和国商务部
    short_name: str  # 商务部
    position: int  # 1-based, in the order the announcement lists them


@dataclass(frozen=True)
class CitedDocument:
    title: str  # without 《》
    number: str | None  # 国发〔2014〕67号, when the text gives one
    span: Span


@dataclass(frozen=True)
class Predecessor:
    """The catalogue this edition abolishes. The text says only its year and title."""

    year: str
    title: str
    abolition: str  # the sentence that abolishes it
    span: Span


@dataclass(frozen=True)
class Announcement:
    number: str  # 公告2022年第15号
    issued: datetime.date
    ministries: list[Ministry]
    preamble: str
    cited: list[CitedDocument]
    predecessor: Predecessor
    span: Span  # the whole announcement, header to signatures


@dataclass(frozen=True)
class Category:
    code: str  # ITO
    name: str  # 信息技术外包
    domain_count: int  # as stated in the overview
    position: int


@dataclass
class BusinessType:
    name: str
    position: int
    span: Span
    #: The word joining it to the previous item when it is not 、 (安全监理和安全审计).
    conjunction: str | None = None
    subtypes: list[BusinessType] = field(default_factory=list)
    #: The sub-type list ended with 等 ("etc."): it is not exhaustive.
    subtypes_open: bool = False


@dataclass(frozen=True)
class ExclusionClause:
    text: str  # 但不包括电子商务代运营服务
    activities: list[str]


@dataclass
class Domain:
    number: int
    name: str
    category_code: str
    definition: str  # 定义和范围, verbatim, the whole paragraph
    definition_span: Span
    heading_span: Span
    business_types: list[BusinessType]
    business_types_span: Span
    #: The business-type list ended with 等 ("etc."): it is not exhaustive.
    business_types_open: bool
    inclusions: list[str] = field(default_factory=list)
    exclusions: list[ExclusionClause] = field(default_factory=list)
    policies: list[str] = field(default_factory=list)

    @property
    def span(self) -> Span:
        return self.heading_span + self.business_types_span

    @property
    def code(self) -> str:
        return f"{self.number:02d}"


@dataclass(frozen=True)
class Catalogue:
    title: str  # 服务外包产业重点发展领域指导目录
    edition: str  # 2022年版
    year: str  # 2022
    overview: str
    overview_span: Span
    title_span: Span
    categories: list[Category]
    domains: list[Domain]
    announcement: Announcement
    repairs: list[Repair]
    #: The text's own words for its levels: 范畴, 重点发展领域, 主要业务类型.
    level_terms: dict[str, str]
    source_sha256: str
    line_count: int

    def domains_of(self, category_code: str) -> list[Domain]:
        return [d for d in self.domains if d.category_code == category_code]
