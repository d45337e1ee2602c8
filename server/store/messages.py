"""What a worker and its engines say to each other: typed messages, one codec.

Each frame's payload (``channel.py``) is one of these dataclasses, sent as its
class name and its fields by name (``marshal``: plain values only, fast, and
both ends are our own code). Adding a field to a request is one edit, in its
dataclass; nothing unpacks by position.
"""

from __future__ import annotations

import marshal
from dataclasses import dataclass, fields
from typing import Any, TypeVar

from server.store.interface import BuildInfo, GraphRequest, QueryRequest


@dataclass(frozen=True)
class Load:
    """worker → engine, once: the data to serve."""

    nquads: bytes
    info: BuildInfo
    prefixes: dict[str, str]


@dataclass(frozen=True)
class AnswerStart:
    """engine → worker: the kind and format of the answer whose pieces follow."""

    kind: str
    format: str


@dataclass(frozen=True)
class Failure:
    """engine → worker: no answer, and why (the StoreError class name, its message)."""

    error: str
    message: str


Message = Load | QueryRequest | GraphRequest | AnswerStart | Failure
_TYPES: dict[str, type] = {
    cls.__name__: cls for cls in (Load, QueryRequest, GraphRequest, AnswerStart, Failure, BuildInfo)
}
_FIELDS = {cls: tuple(f.name for f in fields(cls)) for cls in _TYPES.values()}

M = TypeVar("M")


def encode(message: object) -> bytes:
    return marshal.dumps(_plain(message))


def decode(payload: bytes, expected: type[M]) -> M:
    """The message in ``payload``; ``TypeError`` if it is not an ``expected``."""
    message = _typed(marshal.loads(payload))
    if not isinstance(message, expected):
        raise TypeError(f"expected {expected.__name__}, got {type(message).__name__}")
    return message


def _plain(value: Any) -> Any:
    cls = type(value)
    if cls in _FIELDS:
        return (cls.__name__, {name: _plain(getattr(value, name)) for name in _FIELDS[cls]})
    return value


def _typed(value: Any) -> Any:
    if isinstance(value, tuple) and len(value) == 2 and isinstance(value[1], dict):
        name, values = value
        if name in _TYPES:
            return _TYPES[name](**{key: _typed(item) for key, item in values.items()})
    return value
