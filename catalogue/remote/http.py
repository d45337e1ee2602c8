"""The few HTTP requests publishing makes, with errors that name the URL and the status.

urllib alone (no server code, no extra dependency); credentials, when given, are
answered for both basic and digest challenges (Virtuoso's -auth endpoints use digest).
"""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass
from email.message import Message
from http.client import HTTPMessage
from typing import IO, Any
from urllib.parse import urlencode

#: Seconds one request may take: loading a graph of a few thousand triples takes well
#: under a second; a store that takes a minute is not going to finish.
TIMEOUT = 60.0


class StoreRefused(Exception):
    """The store answered with an error, or could not be reached; the message says which."""


@dataclass(frozen=True)
class Reply:
    status: int
    headers: Message
    body: bytes


class _BasicOnly(urllib.request.HTTPBasicAuthHandler):
    """Basic auth that leaves a Digest challenge to the digest handler (urllib's own raises
    on one: "does not support the following scheme: 'Digest'")."""

    def http_error_401(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: HTTPMessage,
    ) -> Any:  # typeshed: _UrlopenRet | None, _UrlopenRet being Any
        challenges = headers.get_all("WWW-Authenticate") or []
        if not any(str(c).strip().lower().startswith("basic") for c in challenges):
            return None
        return super().http_error_401(req, fp, code, msg, headers)


class Client:
    def __init__(self, user: str | None = None, password: str | None = None) -> None:
        handlers: list[urllib.request.BaseHandler] = []
        self._credentials = (user, password or "") if user is not None else None
        self._passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        if user is not None:
            handlers += [
                urllib.request.HTTPDigestAuthHandler(self._passwords),
                _BasicOnly(self._passwords),
            ]
        self._opener = urllib.request.build_opener(*handlers)

    def send(
        self,
        method: str,
        url: str,
        body: bytes | None = None,
        content_type: str | None = None,
        accept: str | None = None,
    ) -> Reply:
        headers = {}
        if content_type:
            headers["Content-Type"] = content_type
        if accept:
            headers["Accept"] = accept
        if self._credentials:
            # For this URL: the password manager matches by host and path, not by scheme.
            self._passwords.add_password(None, url, *self._credentials)
        request = urllib.request.Request(url, data=body, headers=headers, method=method)
        try:
            with self._opener.open(request, timeout=TIMEOUT) as response:
                return Reply(response.status, response.headers, response.read())
        except urllib.error.HTTPError as error:
            detail = error.read(2000).decode("utf-8", "replace").strip()
            detail = " ".join(detail.split())[:300]
            raise StoreRefused(
                f"{method} {url} was refused: {error.code} {error.reason}"
                + (f": {detail}" if detail else "")
            ) from None
        except urllib.error.URLError as error:
            raise StoreRefused(f"cannot reach {url}: {error.reason}") from None
        except (TimeoutError, OSError) as error:
            raise StoreRefused(f"cannot reach {url}: {error}") from None

    def select(self, query_url: str, query: str) -> bytes:
        body = urlencode({"query": query}).encode()
        reply = self.send(
            "POST",
            query_url,
            body,
            "application/x-www-form-urlencoded",
            "application/sparql-results+json",
        )
        return reply.body

    def update(self, update_url: str, update: str) -> None:
        body = urlencode({"update": update}).encode()
        self.send("POST", update_url, body, "application/x-www-form-urlencoded")
