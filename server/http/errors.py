"""Errors a client can act on: a status, a message a person understands, maybe headers.

Every refusal in the endpoint is an ``HttpError``; ``app.py`` turns them (and
werkzeug's own, and anything unexpected) into plain-text answers, and the
query page shows them next to the query for a browser.
"""

from __future__ import annotations

from http import HTTPStatus

#: The longest message a refusal carries: many quote what the client sent (an
#: Accept header, a parameter), and an answer must not grow with the request.
MAX_MESSAGE = 1000


class HttpError(Exception):
    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        if len(message) > MAX_MESSAGE:
            message = message[: MAX_MESSAGE - 1] + "…"
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}

    @property
    def status_line(self) -> str:  # shown by templates/query.html
        return f"{self.status} {HTTPStatus(self.status).phrase}"

    def body(self) -> bytes:
        return f"{HTTPStatus(self.status).phrase}: {self.message}\n".encode()


#: What a client is told of an error of ours (the log has the details).
UNEXPECTED = "an unexpected error; it has been logged. Please report it."

#: Parser messages list every token that could have come next, which can run
#: to kilobytes; the position and the first few alternatives are what helps.
MAX_PARSER_MESSAGE = 400


def shorten(message: str, limit: int = MAX_PARSER_MESSAGE) -> str:
    message = " ".join(message.split())
    return message if len(message) <= limit else message[: limit - 1] + "…"
