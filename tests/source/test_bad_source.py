"""A damaged or unexpected source stops the build with an error naming the line.

Each case damages the real official text in one way and states the line and
the words the error must give. Lines are blanked rather than deleted so the
numbers stay those of the real file.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from catalogue.source.errors import SourceError
from catalogue.source.parser import parse_file


def blank(first: int, last: int | None = None) -> Callable[[str], str]:
    def damage(text: str) -> str:
        lines = text.split("\n")
        for index in range(first - 1, last or first):
            lines[index] = ""
        return "\n".join(lines)

    return damage


def replace(old: str, new: str) -> Callable[[str], str]:
    def damage(text: str) -> str:
        assert old in text, f"the test's premise is wrong: {old!r} is not in the source"
        return text.replace(old, new, 1)

    return damage


def cut_after(line: int) -> Callable[[str], str]:
    return lambda text: "\n".join(text.split("\n")[:line])


@dataclass(frozen=True)
class Damage:
    name: str
    damage: Callable[[str], str]
    line: int | None
    message: str


CASES = [
    Damage("a domain missing", blank(60, 64), 66, "expected domain number 5, found '六、'"),
    Damage("a heading out of order", replace("三、信息基础设施", "四、信息基础设施"), 48,
           "expected domain number 3, found '四、'"),
    Damage("a section without 主要业务类型", blank(52), 54,
           "expected 主要业务类型： of domain 3 (信息基础设施和信息系统运维服务), found '四、网络与数据安全服务'"),
    Damage("a section without 定义和范围", blank(38), 40, "expected 定义和范围： of domain 1"),
    Damage("a definition that names no category",
           replace("集成电路和电子电路设计服务属于信息技术外包（ITO）。", ""), 38,
           "to end with '…属于…（CODE）。'"),
    Damage("an unknown category", replace("属于信息技术外包（ITO）。\n\n主要业务类型：集成",
                                          "属于信息技术外包（XTO）。\n\n主要业务类型：集成"), 38,
           "is not one of the overview's categories"),
    Damage("overview counts that do not add up", replace("6 个领域属于", "7 个领域属于"), 34,
           "add up to 21, not the 20 domains"),
    Damage("a domain in the wrong category",
           replace("集成电路和电子电路设计服务属于信息技术外包（ITO）", "集成电路和电子电路设计服务属于业务流程外包（BPO）"),
           160, "gives 6 domains to ITO, the domains' definitions assign 5"),
    Damage("a truncated text", cut_after(101), 100, "expected 定义和范围： of domain 11"),
    Damage("a page break whose continuation is lost", blank(70), 68,
           "does not end with '。' and no continuation follows"),
    Damage("an unbalanced parenthesis", replace("虹膜识别等）", "虹膜识别等"), 72, "unbalanced '（'"),
    Damage("text after the last domain", lambda t: t + "\n\n附件：无\n", 162,
           "expected the end of the text after the last domain"),
    Damage("a signature dated differently", replace("\n2022 年 5 月 7 日\n", "\n2022 年 5 月 8 日\n"),
           28, "the date of signature differs"),
    Damage("an impossible date", replace("【发布日期】2022 年 5 月 7 日", "【发布日期】2022 年 2 月 30 日"),
           14, "not a valid date"),
    Damage("publishers that differ from the heading", replace("中华人民共和国财政部 中华人民共和国海关总署\n",
                                                          "中华人民共和国财政部\n"), 9,
           "differ from the heading's"),
    Damage("an empty file", lambda t: "", 1, "the text ends where"),
    Damage("a twenty-first domain", lambda t: t + "\n\n二十一、其他服务\n\n定义和范围：其他服务属于知识流程外包（KPO）。"
           "\n\n主要业务类型：其他等。\n", 166, "the overview announces 20 domains, the text has 21"),
]  # fmt: skip


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_damaged_source_is_refused_with_its_line(
    case: Damage, source_text: str, tmp_path: Path
) -> None:
    path = tmp_path / "catalogue.txt"
    path.write_text(case.damage(source_text), encoding="utf-8")
    with pytest.raises(SourceError) as raised:
        parse_file(path)
    error = raised.value
    assert case.message in error.message
    assert error.line == case.line
    assert str(error).startswith(f"{path}:{case.line}: ")


def test_a_wrong_encoding_is_refused_with_the_first_bad_line(
    source_text: str, tmp_path: Path
) -> None:
    path = tmp_path / "catalogue.gbk.txt"
    path.write_bytes(source_text.encode("gbk"))
    with pytest.raises(SourceError, match="not valid UTF-8") as raised:
        parse_file(path)
    assert raised.value.line == 3  # lines 1-2 are blank; line 3 is the first Chinese


def test_a_changed_source_is_refused_before_parsing(source_text: str, tmp_path: Path) -> None:
    path = tmp_path / "catalogue.txt"
    path.write_text(source_text.replace("等。", "。", 1), encoding="utf-8")
    checksum = tmp_path / "catalogue.txt.sha256"
    checksum.write_text(
        "7b0f785041d8e1d93f42d19698bab67b5dd5ecfb8e3bd2c6feda4b2a0a30201b  catalogue.txt\n"
    )
    with pytest.raises(SourceError, match="the official text changed"):
        parse_file(path, checksum)


def test_the_recorded_checksum_matches_the_shipped_source() -> None:
    from catalogue.settings import BuildSettings

    settings = BuildSettings()
    recorded = settings.source_checksum.read_text().split()[0]
    assert recorded == hashlib.sha256(settings.source.read_bytes()).hexdigest()
    catalogue = parse_file(settings.source, settings.source_checksum)  # checks it too
    assert (len(catalogue.categories), len(catalogue.domains)) == (3, 20)
