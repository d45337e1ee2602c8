"""The messages between a worker and its engines survive the pipe whole, by field name."""

from __future__ import annotations

import pytest

from server.store import messages
from server.store.interface import BuildInfo, GraphRequest, QueryRequest
from server.store.messages import AnswerStart, Failure, Load

EXAMPLES = [
    QueryRequest("ASK {}", ("http://g/1",), (), False, "json", None, "http://h/sparql"),
    QueryRequest("SELECT * {}"),
    GraphRequest("turtle", "http://g/1", dataset=False),
    Load(
        b"<a> <b> <c> .\n",
        BuildInfo("id", 1.5, 1, ("http://g/1",), "http://ns/", "00"),
        {"ex": "http://e/"},
    ),
    AnswerStart("results", "json"),
    Failure("QuerySyntaxError", "error at 1:7"),
]


@pytest.mark.parametrize("message", EXAMPLES, ids=lambda m: type(m).__name__)
def test_a_message_survives_the_pipe(message: object) -> None:
    assert messages.decode(messages.encode(message), type(message)) == message


def test_a_message_of_another_kind_is_refused() -> None:
    with pytest.raises(TypeError, match="expected Load, got QueryRequest"):
        messages.decode(messages.encode(QueryRequest("ASK {}")), Load)
