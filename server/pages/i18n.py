"""The reader's language: ``?lang=`` (remembered in a cookie), else the cookie, else
Accept-Language, else English (what a client that states no preference most likely reads).

Chinese is the catalogue's official language; English is our unofficial
translation. Whatever the page's language, every piece of data carries its own
``lang`` attribute, so ``zh-Hans`` text is marked as such on an English page.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from http.cookies import SimpleCookie
from wsgiref.types import WSGIEnvironment

from server.http.qvalues import weighted

LANGUAGES = ("zh", "en")
DEFAULT = "en"
#: The BCP 47 tag of each interface language, as pages write it.
TAGS = {"zh": "zh-Hans", "en": "en"}
COOKIE = "lang"
COOKIE_MAX_AGE = 365 * 24 * 3600


@dataclass(frozen=True)
class Language:
    code: str  # "zh" or "en"
    #: Where the choice came from: "param", "cookie", "header" or "default".
    source: str

    @property
    def tag(self) -> str:
        return TAGS[self.code]

    @property
    def other(self) -> str:
        return "en" if self.code == "zh" else "zh"


def choose(param: str | None, cookie: str | None, accept_language: str | None) -> Language:
    if param and _primary(param) in LANGUAGES:
        return Language(_primary(param), "param")
    if cookie and _primary(cookie) in LANGUAGES:
        return Language(_primary(cookie), "cookie")
    preferred = from_accept_language(accept_language or "")
    if preferred:
        return Language(preferred, "header")
    return Language(DEFAULT, "default")


def _primary(tag: str) -> str:
    return tag.strip().split("-")[0].split("_")[0].lower()


@lru_cache(maxsize=256)
def from_accept_language(header: str) -> str | None:
    """The first of our languages in the client's order of preference (q, then order)."""
    best, best_q = None, 0.0
    for tag, q in weighted(header):
        code = _primary(tag)
        if code in LANGUAGES and q > best_q:
            best, best_q = code, q
    return best


def cookie_value(environ: WSGIEnvironment) -> str | None:
    header = environ.get("HTTP_COOKIE")
    if not header or COOKIE not in header:
        return None
    cookie: SimpleCookie = SimpleCookie()
    try:
        cookie.load(header)
    except Exception:  # a malformed Cookie header is the client's problem, not a 500
        return None
    morsel = cookie.get(COOKIE)
    return morsel.value if morsel else None


def language_of(environ: WSGIEnvironment, param: str | None) -> Language:
    return choose(param, cookie_value(environ), environ.get("HTTP_ACCEPT_LANGUAGE"))


#: Paths whose answers never depend on the reader's language (RDF documents, files).
_LANGUAGE_FREE = (".ttl", ".nt", ".rdf", ".jsonld", ".owx", ".ofn", ".txt", ".json", ".xml")


def cache_variant(environ: WSGIEnvironment) -> str:
    """The part of the response cache's key that pages vary on: the chosen language
    (the ``lang`` parameter is in the query string, which is in the key already)."""
    return language_variant(environ, None)


def language_variant(environ: WSGIEnvironment, param: str | None) -> str:
    """The language of the answer to this request; "" where answers have none."""
    path = environ.get("PATH_INFO", "")
    if path.endswith(_LANGUAGE_FREE) or path.startswith(
        ("/dumps/", "/static/", "/rdf-graph-store")
    ):
        return ""
    return choose(param, cookie_value(environ), environ.get("HTTP_ACCEPT_LANGUAGE")).code
