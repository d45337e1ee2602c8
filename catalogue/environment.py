"""Settings from environment variables, parsed by the type of the dataclass field they set.

The build's settings and the server's are frozen dataclasses; this reads both, so a
variable means one thing wherever it is read (``CATALOGUE_SOURCE`` is in each). The
field's type hint picks the parser, so a new setting is one annotated field; a field
whose text needs more than its type says (a list, a rate) brings its own parser.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable, Mapping
from dataclasses import fields
from pathlib import Path
from typing import Any

Parser = Callable[[str], object]


class SettingError(ValueError):
    """A variable whose text its setting cannot take; the message names both."""

    def __init__(self, variable: str, text: str, why: str) -> None:
        super().__init__(f"{variable}={text!r}: {why}")


def switch(text: str) -> bool:
    value = text.strip().lower()
    if value in {"on", "yes", "true", "1"}:
        return True
    if value in {"off", "no", "false", "0"}:
        return False
    raise ValueError(f"expected on or off, not {text!r}")


def whole_number(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise ValueError("expected a whole number") from None


def number(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise ValueError("expected a number") from None


_BY_TYPE: dict[object, Parser] = {
    str: str,
    int: whole_number,
    float: number,
    bool: switch,
    Path: Path,
}


def parser_for(hint: object) -> Parser:
    """``X | None`` reads an empty text as None (a variable set to nothing unsets it)."""
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        options = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        if len(options) == 1:
            inner = parser_for(options[0])
            return lambda text: inner(text) if text.strip() else None
    if hint in _BY_TYPE:
        return _BY_TYPE[hint]
    raise TypeError(f"no parser for a setting of type {hint}: give the field one")


def read(
    settings: type,
    variables: Mapping[str, str],
    environ: Mapping[str, str],
    parsers: Mapping[str, Parser] | None = None,
) -> dict[str, Any]:
    """The values that ``environ`` gives the fields of ``settings`` named in ``variables``
    (field → variable), parsed by ``parsers`` where given, else by the field's type."""
    hints = typing.get_type_hints(settings)
    known = {f.name for f in fields(settings)}
    values: dict[str, Any] = {}
    for name, variable in variables.items():
        if name not in known:
            raise TypeError(f"{settings.__name__} has no setting {name!r}")
        if variable not in environ:
            continue
        text = environ[variable]
        parse = (parsers or {}).get(name) or parser_for(hints[name])
        try:
            values[name] = parse(text)
        except ValueError as error:
            raise SettingError(variable, text, str(error)) from None
    return values
