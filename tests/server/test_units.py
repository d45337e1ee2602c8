"""The small pure parts: content negotiation, lexical query checks, settings, parameters."""

from __future__ import annotations

import pytest

from server.config import RateLimit, ServerConfig
from server.formats import Kind
from server.http.compression import choose_encoding
from server.http.conneg import NotAcceptable, UnknownFormat, choose, parse_accept
from server.http.errors import HttpError
from server.sparql.protocol import parse_params
from server.sparql.query_text import inspect

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


@pytest.mark.parametrize(
    "kind, accept, fmt, expected",
    [
        (Kind.RESULTS, None, None, "json"),
        (Kind.RESULTS, "*/*", None, "json"),
        (Kind.RESULTS, BROWSER, None, "html"),
        (Kind.RESULTS, "application/xml", None, "xml"),
        (Kind.GRAPH, "application/xml", None, "rdfxml"),
        (Kind.GRAPH, None, None, "turtle"),
        (Kind.GRAPH, "application/json", None, "jsonld"),
        (Kind.GRAPH, "text/plain", None, "ntriples"),
        (Kind.DATASET, None, None, "nquads"),
        (Kind.DATASET, "application/trig, application/n-quads;q=0.5", None, "trig"),
        (Kind.RESULTS, "text/csv;q=0.5, text/tab-separated-values;q=0.6", None, "tsv"),
        (Kind.RESULTS, "application/sparql-results+json;q=0, */*", None, "xml"),
        (Kind.RESULTS, "text/turtle", "csv", "csv"),  # the parameter wins
        (Kind.GRAPH, None, "XML", "rdfxml"),
        (Kind.GRAPH, None, "application/n-triples", "ntriples"),
    ],
)
def test_choose(kind: Kind, accept: str | None, fmt: str | None, expected: str) -> None:
    assert choose(kind, accept, fmt).name == expected


def test_choose_refuses_with_reasons() -> None:
    with pytest.raises(NotAcceptable, match="cannot carry SELECT and ASK results"):
        choose(Kind.RESULTS, None, "turtle")
    with pytest.raises(NotAcceptable, match="text/turtle"):
        choose(Kind.RESULTS, "text/turtle", None)
    with pytest.raises(UnknownFormat, match="yaml"):
        choose(Kind.RESULTS, None, "yaml")
    with pytest.raises(NotAcceptable):
        choose(Kind.DATASET, "text/turtle", None, html=False)


def test_parse_accept_tolerates_junk() -> None:
    assert parse_accept("text/csv;q=abc, garbage, *;q=0.2") == (
        ("text", "csv", 0.0),
        ("*", "*", 0.2),
    )


@pytest.mark.parametrize(
    "header, expected",
    [
        (None, ""),
        ("gzip", "gzip"),
        ("gzip, deflate, br", "br"),
        ("br;q=0.5, gzip", "gzip"),
        ("identity", ""),
        ("*", "br"),
        ("*, br;q=0", "gzip"),
    ],
)
def test_choose_encoding(header: str | None, expected: str) -> None:
    assert choose_encoding(header) == expected


def test_updates_are_recognised() -> None:
    for text in ("INSERT DATA {}", "delete where {}", "LOAD <x>", "CLEAR ALL", "DROP ALL"):
        assert inspect(text).is_update, text
    assert not inspect("SELECT * {}").is_update


def test_parse_params_strict_utf8_and_repeats() -> None:
    assert parse_params(b"a=1&a=2&b=%E4%B8%AD+x&&c", "the URL") == {
        "a": ["1", "2"],
        "b": ["中 x"],
        "c": [""],
    }
    with pytest.raises(HttpError) as error:
        parse_params(b"query=%E4%B8", "the URL")
    assert error.value.status == 400 and "UTF-8" in error.value.message


def test_rate_limit_syntax() -> None:
    assert RateLimit.parse("100/second") == RateLimit(100, 1.0, 100)
    assert RateLimit.parse("6000/minute", 50) == RateLimit(6000, 60.0, 50)
    assert RateLimit.parse("20/5s") == RateLimit(20, 5.0, 20)
    assert RateLimit.parse("off") is None
    with pytest.raises(ValueError):
        RateLimit.parse("lots")


def test_config_from_environment_round_trip() -> None:
    env = {
        "CATALOGUE_PORT": "9000",
        "CATALOGUE_QUERY_TIMEOUT": "2.5",
        "CATALOGUE_CORS_ORIGINS": "https://a.example, https://b.example/",
        "CATALOGUE_RATE_LIMIT": "off",
        "CATALOGUE_PUBLIC_URL": "https://data.example.org/",
    }
    config = ServerConfig.from_environment(env)
    assert config.port == 9000 and config.query_timeout == 2.5
    assert config.cors_origins == ("https://a.example", "https://b.example")
    assert config.rate_limit is None
    assert ServerConfig.from_environment(config.to_environment()) == config
    with pytest.raises(ValueError):
        ServerConfig.from_environment({"CATALOGUE_WORKERS": "0"})
    with pytest.raises(ValueError):
        ServerConfig.from_environment({"CATALOGUE_PUBLIC_URL": "example.org"})


def test_default_config_is_what_the_brief_promises() -> None:
    config = ServerConfig()
    assert (config.port, config.workers, config.query_timeout) == (8080, 2, 10.0)
    assert config.cors_origins == ("*",) and config.rate_limit is not None
