"""Content negotiation: the ``format`` parameter first, then Accept with its q-values.

Which formats exist is ``formats.py``'s business; this module only chooses.
Choices are cached per (formats offered, Accept, format) because clients repeat the same
Accept header on every request and parsing it costs more than the lookup.
"""

from __future__ import annotations

from functools import lru_cache

from server.formats import FORMATS, HTML, Format, Kind, formats_of
from server.http.qvalues import weighted


class NotAcceptable(Exception):
    """Nothing the client accepts can carry this response (HTTP 406)."""


class UnknownFormat(Exception):
    """The ``format`` parameter names no format we know (HTTP 400)."""


def choose(kind: Kind, accept: str | None, format_param: str | None, html: bool = True) -> Format:
    offered = _WITH_HTML[kind] if html else formats_of(kind)
    return choose_among(offered, accept, format_param, _WHAT[kind])


def choose_among(
    offered: tuple[Format, ...], accept: str | None, format_param: str | None, what: str
) -> Format:
    """The best of ``offered`` (in our order of preference) for this request; ``what``
    names the content in error messages."""
    choice = _choose(offered, accept or "", format_param or "", what)
    if isinstance(choice, Format):
        return choice
    error, message = choice
    raise error(message)


@lru_cache(maxsize=512)
def _choose(
    offered: tuple[Format, ...], accept: str, format_param: str, what: str
) -> Format | tuple[type[Exception], str]:
    if format_param:
        return _by_parameter(offered, format_param.strip().lower(), what)
    if not accept.strip():
        return offered[0]
    ranges = parse_accept(accept)
    best: Format | None = None
    best_q = 0.0
    for fmt in offered:  # in our order of preference, so ties go to our default
        # The most specific range naming any of its types decides: an explicit
        # q=0 for the canonical type is not undone by */* matching an alias.
        _, q = max(_quality(ranges, mt) for mt in fmt.media_types)
        if q > best_q:
            best, best_q = fmt, q
    if best is None:
        return NotAcceptable, _not_acceptable_message(what, offered, accept)
    return best


def _by_parameter(
    offered: tuple[Format, ...], value: str, what: str
) -> Format | tuple[type[Exception], str]:
    for fmt in offered:
        if value in fmt.aliases or value in fmt.media_types:
            return fmt
    known = [f for f in (*FORMATS, HTML) if value in f.aliases or value in f.media_types]
    if known:
        return NotAcceptable, (
            f"format={value!r} ({known[0].media_type}) cannot carry {what}; "
            f"use one of: {_names(offered)}"
        )
    return UnknownFormat, f"unknown format {value!r}; {what} can be: {_names(offered)}"


#: What each kind offers a browser as well.
_WITH_HTML = {kind: (*formats_of(kind), HTML) for kind in Kind}
_WHAT = {
    Kind.RESULTS: "SELECT and ASK results",
    Kind.GRAPH: "a graph (CONSTRUCT, DESCRIBE, a Graph Store graph)",
    Kind.DATASET: "the whole dataset",
}


def _names(offered: tuple[Format, ...]) -> str:
    return ", ".join(f"{f.aliases[0]} ({f.media_type})" for f in offered)


def _not_acceptable_message(what: str, offered: tuple[Format, ...], accept: str) -> str:
    return (
        f"none of the media types in 'Accept: {accept}' can carry {what}. "
        f"Ask for one of: {', '.join(f.media_type for f in offered)} "
        f"(or use the format parameter: {', '.join(f.aliases[0] for f in offered)})"
    )


MediaRange = tuple[str, str, float]


@lru_cache(maxsize=256)
def parse_accept(header: str) -> tuple[MediaRange, ...]:
    """``type/subtype;q=x`` items; parameters other than q do not change the choice."""
    ranges: list[MediaRange] = []
    for media, q in weighted(header):
        if "/" not in media:
            if media == "*":  # some old clients send a bare '*'
                media = "*/*"
            else:
                continue
        main, _, sub = media.partition("/")
        ranges.append((main, sub, q))
    return tuple(ranges)


def _quality(ranges: tuple[MediaRange, ...], media_type: str) -> tuple[int, float]:
    """The specificity and q of the most specific range that matches (RFC 9110 §12.5.1)."""
    main, _, sub = media_type.partition("/")
    best_specificity, q = -1, 0.0
    for r_main, r_sub, r_q in ranges:
        if r_main == main and r_sub == sub:
            specificity = 2
        elif r_main == main and r_sub == "*":
            specificity = 1
        elif r_main == "*" and r_sub == "*":
            specificity = 0
        else:
            continue
        if specificity > best_specificity:
            best_specificity, q = specificity, r_q
    return best_specificity, q
