"""From bytes on disk to logical paragraphs, repairing the PDF extraction's damage.

The text was extracted from a PDF. Two kinds of damage matter:

* page breaks split a paragraph into two blocks separated by blank lines,
  sometimes inside a word (不包 / 括) or before a slash (虚拟现实 / /增强现实);
* spaces were inserted between Chinese characters and digits or Latin letters
  (2022 年第 15 号, 5G 技术服务).

Blocks are runs of non-blank lines. A paragraph that must end with "。" and
does not is joined with the next block; every such repair is recorded so the
console can report it and the graph can cite both lines.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from catalogue.source.errors import SourceError

_CJK = r"\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
#: Whitespace between a CJK character and a digit/Latin letter (either order) is an artefact.
_SPURIOUS_SPACE = re.compile(rf"(?<=[{_CJK}])\s+(?=[0-9A-Za-z(])|(?<=[0-9A-Za-z)])\s+(?=[{_CJK}])")


@dataclass(frozen=True)
class Span:
    """Lines ``first`` to ``last`` of the source, 1-based and inclusive."""

    first: int
    last: int

    def __add__(self, other: Span) -> Span:
        return Span(min(self.first, other.first), max(self.last, other.last))


@dataclass
class Block:
    """A paragraph of the source: its text and the lines it came from."""

    text: str
    span: Span
    lines: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Repair:
    span: Span
    joined: str


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def verify_checksum(path: Path, checksum_file: Path) -> str:
    """Refuse a source whose SHA-256 differs from the one recorded beside it."""
    actual = sha256_of(path)
    if not checksum_file.exists():
        raise SourceError(checksum_file, None, "no recorded SHA-256 for the source text")
    recorded = checksum_file.read_text(encoding="ascii").split()[0].strip().lower()
    if actual != recorded:
        raise SourceError(
            path,
            None,
            f"SHA-256 is {actual} but {checksum_file.name} records {recorded}: the official "
            "text changed. If the change is deliberate, review it and record the new hash.",
        )
    return actual


def decode(path: Path, data: bytes) -> str:
    """Decode UTF-8 strictly; a bad byte is reported with its line."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise SourceError(
            path,
            line,
            f"not valid UTF-8 (byte 0x{data[error.start]:02x}); the source must be UTF-8",
        ) from None
    return text.removeprefix("\ufeff")


def normalise_spacing(text: str) -> str:
    return _SPURIOUS_SPACE.sub("", text.strip())


def blocks_of(text: str) -> list[Block]:
    """Runs of non-blank lines; the lines of a run are joined with a space."""
    blocks: list[Block] = []
    current: list[tuple[int, str]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if line:
            current.append((number, line))
            continue
        if current:
            blocks.append(_block(current))
            current = []
    if current:
        blocks.append(_block(current))
    return blocks


def _block(lines: list[tuple[int, str]]) -> Block:
    texts = [line for _, line in lines]
    return Block(
        text=normalise_spacing(" ".join(texts)),
        span=Span(lines[0][0], lines[-1][0]),
        lines=texts,
    )


def join_across_page_break(first: Block, second: Block) -> tuple[Block, Repair]:
    """A paragraph split by a page break: glue the halves back without a separator."""
    joined = Block(
        text=normalise_spacing(first.text + second.text),
        span=first.span + second.span,
        lines=first.lines + second.lines,
    )
    return joined, Repair(span=joined.span, joined=f"{first.text[-4:]}|{second.text[:4]}")
