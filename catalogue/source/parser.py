"""Parse the official text of the catalogue into ``catalogue.source.structure``.

The parser walks the paragraphs in order and states what it expects at each
step; anything else stops it with a ``SourceError`` naming the line. It checks
the text against itself too: the overview's counts against the domains found,
each domain's number against its position, the ministries of the header
against the signatures.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from pathlib import Path

from catalogue.source.errors import SourceError
from catalogue.source.reading import (
    Block,
    Repair,
    blocks_of,
    decode,
    join_across_page_break,
    sha256_of,
    verify_checksum,
)
from catalogue.source.structure import (
    Announcement,
    BusinessType,
    Catalogue,
    Category,
    CitedDocument,
    Domain,
    ExclusionClause,
    Ministry,
    Predecessor,
)

DEFINITION_LABEL = "定义和范围："
BUSINESS_TYPES_LABEL = "主要业务类型："
OPEN_LIST_MARK = "等"  # "etc.": the list before it is not exhaustive

_NUMERALS = {c: i for i, c in enumerate("一二三四五六七八九", start=1)}
_DOMAIN_HEADING = re.compile(r"^([一二三四五六七八九十]+)、(\S.*)$")
_DATE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")
_NUMBER = re.compile(r"^(\d{4})年第(\d+)号$")
_CATEGORY_STATEMENT = re.compile(r"^(?P<subject>.+?)属于(?P<name>[^（]+)（(?P<code>[A-Z]+)）。$")
_OVERVIEW = re.compile(
    r"^本目录共涉及(?P<total>\d+)个(?P<domain_term>重点发展领域)。其中，(?P<parts>.+)。$"
)
_OVERVIEW_PART = re.compile(
    r"^(?P<count>\d+)个领域属于(?P<name>[^（]+)（(?P<code>[A-Z]+)）(?P<category_term>范畴)$"
)
_ABOLITION = re.compile(r"^(?P<year>\d{4})年发布的《(?P<title>[^》]+)》同时废止。$")
_CITED = re.compile(r"《(?P<title>[^》]+)》(?:（(?P<number>[^）]*〔\d{4}〕\d+号)）)?")
_MINISTRY_LIST = re.compile(r"，(?P<names>[^，]+?)结合")
_SUBTYPES = re.compile(r"^(?P<name>[^（]+)（包括(?P<items>.+)）$")


def chinese_numeral(text: str) -> int | None:
    """一 … 九十九 as an integer, or None when it is not such a numeral."""
    if not text or any(c not in _NUMERALS and c != "十" for c in text):
        return None
    if "十" not in text:
        return _NUMERALS[text] if len(text) == 1 else None
    tens, _, units = text.partition("十")
    if len(tens) > 1 or len(units) > 1 or "十" in units:
        return None
    return (_NUMERALS[tens] if tens else 1) * 10 + (_NUMERALS[units] if units else 0)


def parse_file(path: Path, checksum_file: Path | None = None) -> Catalogue:
    """Parse the source at ``path``; with ``checksum_file``, refuse a changed source first."""
    sha256 = verify_checksum(path, checksum_file) if checksum_file else sha256_of(path)
    return parse_text(decode(path, path.read_bytes()), path=path, sha256=sha256)


def parse_text(text: str, path: Path | str = "<source>", sha256: str = "") -> Catalogue:
    return _Parser(text, Path(path)).parse(sha256)


class _Parser:
    def __init__(self, text: str, path: Path) -> None:
        self.path = path
        self.blocks = blocks_of(text)
        self.position = 0
        self.repairs: list[Repair] = []
        self.line_count = len(text.splitlines())

    # -- reading paragraphs ------------------------------------------------

    def error(self, line: int | None, message: str) -> SourceError:
        return SourceError(self.path, line, message)

    def _end_line(self) -> int:
        return self.line_count or 1

    def take(self, expected: str) -> Block:
        if self.position >= len(self.blocks):
            raise self.error(self._end_line(), f"the text ends where {expected} was expected")
        block = self.blocks[self.position]
        self.position += 1
        return block

    def peek(self) -> Block | None:
        return self.blocks[self.position] if self.position < len(self.blocks) else None

    def take_paragraph(self, expected: str) -> Block:
        """A paragraph ends with 。; one that does not was cut by a page break: join it."""
        block = self.take(expected)
        while not block.text.endswith("。"):
            following = self.peek()
            if following is None or self.starts_new_section(following.text):
                raise self.error(
                    block.span.last,
                    f"{expected} does not end with '。' and no continuation follows "
                    f"(found {_quote(following.text) if following else 'the end of the text'})",
                )
            self.position += 1
            block, repair = join_across_page_break(block, following)
            self.repairs.append(repair)
        return block

    @staticmethod
    def starts_new_section(text: str) -> bool:
        return bool(
            _DOMAIN_HEADING.match(text)
            or text.startswith((DEFINITION_LABEL, BUSINESS_TYPES_LABEL, "【"))
        )

    def take_matching(self, pattern: re.Pattern[str], expected: str) -> tuple[Block, re.Match[str]]:
        block = self.take(expected)
        match = pattern.match(block.text)
        if not match:
            raise self.error(block.span.first, f"expected {expected}, found {_quote(block.text)}")
        return block, match

    def take_field(self, label: str) -> Block:
        block = self.take(f"the header field {label}")
        if not block.text.startswith(label):
            raise self.error(
                block.span.first, f"expected the header field {label}, found {_quote(block.text)}"
            )
        return Block(block.text.removeprefix(label).strip(), block.span, block.lines)

    # -- the whole text ----------------------------------------------------

    def parse(self, sha256: str) -> Catalogue:
        announcement, catalogue_title = self.parse_announcement()
        title_block = self.take("the catalogue's title")
        if title_block.text != catalogue_title:
            raise self.error(
                title_block.span.first,
                f"expected the catalogue's title {_quote(catalogue_title)} as named in the "
                f"announcement, found {_quote(title_block.text)}",
            )
        edition_block, edition = self.take_matching(
            re.compile(r"^[(（](?P<year>\d{4})年版[)）]$"), "the edition, like '(2022年版)'"
        )
        overview, categories = self.parse_overview()
        domains = self.parse_domains(categories)
        leftover = self.peek()
        if leftover is not None:
            raise self.error(
                leftover.span.first,
                "expected the end of the text after the last domain, "
                f"found {_quote(leftover.text)}",
            )
        return Catalogue(
            title=catalogue_title,
            edition=f"{edition['year']}年版",
            year=edition["year"],
            overview=overview.text,
            overview_span=overview.span,
            title_span=title_block.span + edition_block.span,
            categories=categories,
            domains=domains,
            announcement=announcement,
            repairs=self.repairs,
            level_terms=self.level_terms,
            source_sha256=sha256,
            line_count=self.line_count,
        )

    # -- the announcement --------------------------------------------------

    def parse_announcement(self) -> tuple[Announcement, str]:
        first = self.take("the announcement's heading (the issuing ministries)")
        heading_names: list[str] = first.text.split()
        while True:
            block = self.take("the announcement's number, like '2022年第15号'")
            if _NUMBER.match(block.text):
                break
            heading_names += block.text.split()
        if not heading_names or not heading_names[-1].endswith("公告"):
            raise self.error(
                first.span.first, "expected the heading to name the ministries and end with '公告'"
            )
        heading_names[-1] = heading_names[-1].removesuffix("公告")
        heading_number = block.text

        publishers = self.take_field("【发布单位】")
        full_names = publishers.text.split()
        if full_names != heading_names:
            raise self.error(
                publishers.span.first,
                f"the publishers {full_names} differ from the heading's {heading_names}",
            )
        number_block = self.take_field("【发布文号】")
        number = number_block.text
        if number.removeprefix("公告") != heading_number:
            raise self.error(
                number_block.span.first,
                f"the number {_quote(number)} differs from the heading's {_quote(heading_number)}",
            )
        date_block = self.take_field("【发布日期】")
        issued = self.date_of(date_block)

        preamble = self.take_paragraph("the announcement's preamble")
        cited, catalogue_title = self.cited_documents(preamble)
        short_names = self.ministry_short_names(preamble, full_names)

        abolition, match = self.take_matching(
            _ABOLITION, "the sentence abolishing the earlier catalogue ('…年发布的《…》同时废止。')"
        )
        if match["title"] != catalogue_title:
            raise self.error(
                abolition.span.first,
                f"the abolished catalogue {_quote(match['title'])} is not the one the preamble "
                f"names ({_quote(catalogue_title)})",
            )
        predecessor = Predecessor(
            year=match["year"], title=match["title"], abolition=abolition.text, span=abolition.span
        )

        for name in full_names:
            signature = self.take(f"the signature {_quote(name)}")
            if signature.text != name:
                raise self.error(
                    signature.span.first,
                    f"expected the signature {_quote(name)}, found {_quote(signature.text)}",
                )
        signed = self.take("the date of signature")
        if self.date_of(signed) != issued:
            raise self.error(signed.span.first, "the date of signature differs from 【发布日期】")

        ministries = [
            Ministry(full_name=full, short_name=short, position=i)
            for i, (full, short) in enumerate(zip(full_names, short_names, strict=True), start=1)
        ]
        return (
            Announcement(
                number=number,
                issued=issued,
                ministries=ministries,
                preamble=preamble.text,
                cited=cited,
                predecessor=predecessor,
                span=first.span + signed.span,
            ),
            catalogue_title,
        )

    def date_of(self, block: Block) -> datetime.date:
        match = _DATE.match(block.text)
        if not match:
            raise self.error(
                block.span.first, f"expected a date like '2022年5月7日', found {_quote(block.text)}"
            )
        try:
            return datetime.date(*(int(part) for part in match.groups()))
        except ValueError as error:
            raise self.error(block.span.first, f"not a valid date: {error}") from None

    def cited_documents(self, preamble: Block) -> tuple[list[CitedDocument], str]:
        """The documents the preamble cites, and the catalogue's own title.

        The catalogue's title is the one named with its edition, ``《…》（2022年版）``;
        every other title in 《》 is a cited document.
        """
        edition_title = re.search(r"《(?P<title>[^》]+)》（\d{4}年版）", preamble.text)
        if not edition_title:
            raise self.error(
                preamble.span.first,
                "expected the preamble to name the catalogue as '《…》（2022年版）'",
            )
        title = edition_title["title"]
        cited = [
            CitedDocument(title=m["title"], number=m["number"], span=preamble.span)
            for m in _CITED.finditer(preamble.text)
            if m["title"] != title
        ]
        if not cited:
            raise self.error(preamble.span.first, "expected the preamble to cite policy documents")
        return cited, title

    def ministry_short_names(self, preamble: Block, full_names: list[str]) -> list[str]:
        """'商务部、工业和信息化部、财政部和海关总署': the last 和 joins the last two names."""
        match = _MINISTRY_LIST.search(preamble.text)
        if not match:
            raise self.error(preamble.span.first, "expected the preamble to list the ministries")
        names = match["names"].split("、")
        last, conjunction, final = names[-1].rpartition("和")
        if conjunction:
            names[-1:] = [last, final]
        if len(names) != len(full_names) or not all(
            full.endswith(short) for full, short in zip(full_names, names, strict=True)
        ):
            raise self.error(
                preamble.span.first,
                f"the ministries named in the preamble {names} do not match the publishers "
                f"{full_names}",
            )
        return names

    # -- the catalogue -----------------------------------------------------

    def parse_overview(self) -> tuple[Block, list[Category]]:
        block = self.take_paragraph("the overview ('本目录共涉及…个重点发展领域。…')")
        match = _OVERVIEW.match(block.text)
        if not match:
            raise self.error(
                block.span.first,
                "expected the overview '本目录共涉及N个重点发展领域。其中，…。', "
                f"found {_quote(block.text)}",
            )
        categories = []
        category_term = ""  # each part says it; the last one's is kept, as before
        for position, part in enumerate(match["parts"].split("，"), start=1):
            part_match = _OVERVIEW_PART.match(part)
            if not part_match:
                raise self.error(
                    block.span.first,
                    f"expected 'N个领域属于…（CODE）范畴' in the overview, found {_quote(part)}",
                )
            category_term = part_match["category_term"]
            categories.append(
                Category(
                    code=part_match["code"],
                    name=part_match["name"],
                    domain_count=int(part_match["count"]),
                    position=position,
                )
            )
        total = int(match["total"])
        counted = sum(c.domain_count for c in categories)
        if counted != total:
            raise self.error(
                block.span.first,
                f"the overview's category counts add up to {counted}, "
                f"not the {total} domains it announces",
            )
        self.announced_total = total
        # The words the text itself uses for its levels, for the levels' Chinese labels.
        self.level_terms = {
            "category": category_term,
            "domain": match["domain_term"],
            "business-type": BUSINESS_TYPES_LABEL.removesuffix("："),
        }
        return block, categories

    def parse_domains(self, categories: list[Category]) -> list[Domain]:
        by_code = {c.code: c for c in categories}
        domains: list[Domain] = []
        while (following := self.peek()) is not None and (
            len(domains) < self.announced_total or _DOMAIN_HEADING.match(following.text)
        ):
            domains.append(self.parse_domain(len(domains) + 1, by_code))
        if len(domains) != self.announced_total:
            raise self.error(
                self._end_line(),
                f"the overview announces {self.announced_total} domains, "
                f"the text has {len(domains)}",
            )
        for category in categories:
            found = sum(1 for d in domains if d.category_code == category.code)
            if found != category.domain_count:
                raise self.error(
                    self._end_line(),
                    f"the overview gives {category.domain_count} domains to {category.code}, "
                    f"the domains' definitions assign {found}",
                )
        return domains

    def parse_domain(self, expected_number: int, categories: dict[str, Category]) -> Domain:
        heading, match = self.take_matching(
            _DOMAIN_HEADING, f"the heading of domain {expected_number}, like '一、…'"
        )
        number = chinese_numeral(match[1])
        if number != expected_number:
            raise self.error(
                heading.span.first,
                f"expected domain number {expected_number}, found {_quote(match[1] + '、')} "
                "(a domain is missing, repeated or out of order)",
            )
        name = match[2].strip()
        definition = self.take_labelled(DEFINITION_LABEL, f"domain {number} ({name})")
        business_types = self.take_labelled(BUSINESS_TYPES_LABEL, f"domain {number} ({name})")
        category_code = self.category_of(definition, name, categories)
        types, is_open = self.business_types(business_types)
        domain = Domain(
            number=number,
            name=name,
            category_code=category_code,
            definition=definition.text,
            definition_span=definition.span,
            heading_span=heading.span,
            business_types=types,
            business_types_span=business_types.span,
            business_types_open=is_open,
        )
        split_definition(domain)
        return domain

    def take_labelled(self, label: str, owner: str) -> Block:
        following = self.peek()
        if following is None or not following.text.startswith(label):
            found = _quote(following.text) if following else "the end of the text"
            line = following.span.first if following else self._end_line()
            raise self.error(line, f"expected {label} of {owner}, found {found}")
        block = self.take_paragraph(f"{label} of {owner}")
        return Block(block.text.removeprefix(label), block.span, block.lines)

    def category_of(self, definition: Block, name: str, categories: dict[str, Category]) -> str:
        """The category is stated only in the definition's last sentence: '…属于…（ITO）。'"""
        last_sentence = sentences(definition.text)[-1]
        match = _CATEGORY_STATEMENT.match(last_sentence)
        if not match:
            raise self.error(
                definition.span.last,
                f"expected the definition of {_quote(name)} to end with '…属于…（CODE）。', "
                f"found {_quote(last_sentence)}",
            )
        category = categories.get(match["code"])
        if category is None or category.name != match["name"]:
            raise self.error(
                definition.span.last,
                f"{_quote(match['name'] + '（' + match['code'] + '）')} is not one of the "
                f"overview's categories {[c.code for c in categories.values()]}",
            )
        if match["subject"] != name:
            raise self.error(
                definition.span.last,
                f"the category statement names {_quote(match['subject'])}, not the domain "
                f"{_quote(name)}",
            )
        return category.code

    def business_types(self, block: Block) -> tuple[list[BusinessType], bool]:
        text = block.text.removesuffix("。")
        items, is_open = split_list(text, on_error=lambda m: self.error(block.span.first, m))
        if not items:
            raise self.error(block.span.first, "the list of main business types is empty")
        types = []
        for position, (item, conjunction) in enumerate(items, start=1):
            business_type = BusinessType(
                name=item, position=position, span=block.span, conjunction=conjunction
            )
            sub = _SUBTYPES.match(item)
            if sub:
                business_type.name = sub["name"]
                subitems, business_type.subtypes_open = split_list(
                    sub["items"], on_error=lambda m: self.error(block.span.first, m)
                )
                business_type.subtypes = [
                    BusinessType(name=n, position=p, span=block.span, conjunction=c)
                    for p, (n, c) in enumerate(subitems, start=1)
                ]
            types.append(business_type)
        return types, is_open


def split_list(
    text: str, on_error: Callable[[str], Exception]
) -> tuple[list[tuple[str, str | None]], bool]:
    """Split 'A、B、C和D等' into items, keeping parentheses whole.

    Returns (item, conjunction) pairs, the conjunction being the word that joins
    the item to the previous one when it is not 、 (Chinese lists join the last
    two items with 和), and whether the list ended with 等 ("etc.").
    """
    is_open = text.endswith(OPEN_LIST_MARK)
    text = text.removesuffix(OPEN_LIST_MARK)
    items: list[str] = []
    depth, current = 0, ""
    for char in text:
        if char == "（":
            depth += 1
        elif char == "）":
            depth -= 1
            if depth < 0:
                raise on_error(f"unbalanced '）' in the list {_quote(text)}")
        if char == "、" and depth == 0:
            items.append(current)
            current = ""
        else:
            current += char
    items.append(current)
    if depth != 0:
        raise on_error(f"unbalanced '（' in the list {_quote(text)}")
    if any(not item.strip() for item in items):
        raise on_error(f"an empty item in the list {_quote(text)}")
    pairs: list[tuple[str, str | None]] = [(item, None) for item in items]
    last, conjunction, final = items[-1].rpartition("和")
    if len(items) > 1 and conjunction and "（" not in items[-1] and len(last) >= 2 <= len(final):
        pairs[-1:] = [(last, None), (final, conjunction)]
    return pairs, is_open


def sentences(text: str) -> list[str]:
    """Split at 。 keeping it; parentheses never contain a sentence end here."""
    return [s + "。" for s in text.split("。") if s]


_INCLUSION_STARTS = ("主要包括", "包括", "含")
_EXCLUSION_STARTS = ("但不包括", "不包括")
_POLICY_START = "支持"


def split_definition(domain: Domain) -> None:
    """Find the inclusion, exclusion and policy-support parts of a definition, in order.

    Each part is a verbatim substring: a policy note is a whole sentence opening
    with 支持; an inclusion or exclusion is a comma clause opening with
    (主要)包括 / 含 or (但)不包括, or a parenthesis opening with 包括.
    """
    for sentence in sentences(domain.definition)[:-1]:  # the last one states the category
        if sentence.startswith(_POLICY_START):
            domain.policies.append(sentence)
            continue
        for clause in sentence.removesuffix("。").split("，"):
            for parenthesis in re.findall(r"（(包括[^）]+)）", clause):
                domain.inclusions.append(parenthesis)
            if clause.startswith(_EXCLUSION_STARTS):
                domain.exclusions.append(exclusion_clause(clause))
            elif clause.startswith(_INCLUSION_STARTS):
                domain.inclusions.append(clause)


def exclusion_clause(clause: str) -> ExclusionClause:
    """'但不包括A、B、C等服务' names the activities A, B and C."""
    body = clause
    for start in _EXCLUSION_STARTS:
        if body.startswith(start):
            body = body.removeprefix(start)
            break
    items = body.split("、")
    items[-1] = items[-1].split(OPEN_LIST_MARK)[0]
    return ExclusionClause(text=clause, activities=items)


def _quote(text: str, limit: int = 40) -> str:
    return "'" + (text if len(text) <= limit else text[:limit] + "…") + "'"
