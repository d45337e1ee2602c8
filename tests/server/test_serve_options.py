"""Every ``serve`` option reaches the configuration, and means what its variable means.

``--rate-limit off`` was once ignored (the banner still said 100 per 1 s): each
option is given here with a value other than its default, through the command
line and through its environment variable, and the configuration the server
would run with is compared.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from server import serve as serve_command
from server.config import RateLimit, ServerConfig

#: option, value, the configuration field, what it must hold
OPTIONS = [
    ("--host", "0.0.0.0", "host", "0.0.0.0"),
    ("--port", "9999", "port", 9999),
    ("--workers", "3", "workers", 3),
    ("--threads", "4", "threads", 4),
    ("--engines", "5", "engines", 5),
    ("--timeout", "2.5", "query_timeout", 2.5),
    ("--store", "/tmp/elsewhere/store", "store", Path("/tmp/elsewhere/store")),
    ("--store-url", "http://127.0.0.1:7878/query", "store_url", "http://127.0.0.1:7878/query"),
    ("--store-engine", "virtuoso", "store_engine", "virtuoso"),
    ("--public-url", "https://example.org/c/", "public_url", "https://example.org/c/"),
    ("--trusted-proxies", "2", "trusted_proxies", 2),
    (
        "--cors-origins",
        "https://a.example, https://b.example/",
        "cors_origins",
        ("https://a.example", "https://b.example"),
    ),
    ("--max-url-bytes", "4096", "max_url_bytes", 4096),
    ("--max-body-bytes", "2048", "max_body_bytes", 2048),
    ("--max-nesting", "50", "max_nesting", 50),
    ("--rate-limit", "off", "rate_limit", None),
    ("--rate-limit", "20/5s", "rate_limit", RateLimit(20, 5.0, 20)),
    ("--rate-burst", "7", "rate_limit", RateLimit(100, 1.0, 7)),
    ("--engine-sandbox", "off", "engine_sandbox", False),
    ("--static-site", "off", "static_site", False),
    ("--client-engines", "1", "client_engines", 1),
    ("--header-timeout", "5", "header_timeout", 5.0),
    ("--body-timeout", "4", "body_timeout", 4.0),
    ("--send-timeout", "3", "send_timeout", 3.0),
    ("--max-connections", "512", "max_connections", 512),
    ("--max-header-bytes", "8192", "max_header_bytes", 8192),
    ("--max-age", "60", "max_age", 60),
    ("--response-cache-bytes", "0", "response_cache_bytes", 0),
    ("--access-log", "off", "access_log", "off"),
    ("--examples-dir", "/tmp/examples", "examples_dir", Path("/tmp/examples")),
]


def configuration_of(argv: list[str], monkeypatch: pytest.MonkeyPatch) -> ServerConfig:
    seen: list[ServerConfig] = []
    monkeypatch.setattr(serve_command, "serve", lambda config: seen.append(config) or 0)
    parser = argparse.ArgumentParser()
    serve_command.add_arguments(parser)
    assert serve_command.run_from_arguments(parser.parse_args(argv), Path("build/store")) == 0
    return seen[0]


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    for name in list(os.environ):
        if name.startswith("CATALOGUE_"):
            monkeypatch.delenv(name)


@pytest.mark.parametrize(
    "option, value, field, expected", OPTIONS, ids=[f"{o} {v}" for o, v, *_ in OPTIONS]
)
def test_an_option_reaches_the_configuration(
    option: str, value: str, field: str, expected: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = configuration_of([option, value], monkeypatch)
    assert getattr(config, field) == expected
    assert getattr(ServerConfig(), field) != expected  # the case tests a change


@pytest.mark.parametrize(
    "option, value, field, expected", OPTIONS, ids=[f"{o} {v}" for o, v, *_ in OPTIONS]
)
def test_its_environment_variable_means_the_same(
    option: str, value: str, field: str, expected: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    variable = (
        "CATALOGUE_"
        + {"timeout": "query_timeout"}.get(option[2:], option[2:]).replace("-", "_").upper()
    )
    monkeypatch.setenv(variable, value)
    assert getattr(configuration_of([], monkeypatch), field) == expected


def test_every_option_has_a_case() -> None:
    parser = argparse.ArgumentParser()
    serve_command.add_arguments(parser)
    options = {a.option_strings[0] for a in parser._actions if a.option_strings} - {"-h"}
    assert options == {option for option, *_ in OPTIONS}


def test_the_command_line_wins_over_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CATALOGUE_RATE_LIMIT", "5/second")
    assert configuration_of(["--rate-limit", "off"], monkeypatch).rate_limit is None


@pytest.mark.parametrize(
    "argv, message",
    [
        (["--rate-limit", "lots"], "a rate limit looks like '100/second'"),
        (["--public-url", "example.org"], "the public URL must be an absolute http(s) URL"),
        (["--engine-sandbox", "maybe"], None),  # argparse refuses it (exit status 2)
    ],
)
def test_a_bad_value_is_an_error_that_names_it(
    argv: list[str],
    message: str | None,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(serve_command, "serve", lambda config: 0)
    parser = argparse.ArgumentParser()
    serve_command.add_arguments(parser)
    if message is None:
        with pytest.raises(SystemExit) as exit_:
            parser.parse_args(argv)
        assert exit_.value.code == 2
        return
    assert serve_command.run_from_arguments(parser.parse_args(argv), Path("build/store")) == 2
    assert message in capsys.readouterr().err


@pytest.mark.parametrize(
    "variable, text, message",
    [
        ("CATALOGUE_PORT", "eighty", "CATALOGUE_PORT='eighty': expected a whole number"),
        ("CATALOGUE_QUERY_TIMEOUT", "soon", "CATALOGUE_QUERY_TIMEOUT='soon': expected a number"),
        (
            "CATALOGUE_ENGINE_SANDBOX",
            "maybe",
            "CATALOGUE_ENGINE_SANDBOX='maybe': expected on or off",
        ),
        ("CATALOGUE_RATE_BURST", "many", "CATALOGUE_RATE_BURST='many': expected a whole number"),
        ("CATALOGUE_RATE_LIMIT", "lots", "CATALOGUE_RATE_LIMIT='lots': a rate limit looks like"),
    ],
)
def test_a_bad_variable_is_an_error_that_names_it_and_its_value(
    variable: str,
    text: str,
    message: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv(variable, text)
    monkeypatch.setattr(serve_command, "serve", lambda config: 0)
    parser = argparse.ArgumentParser()
    serve_command.add_arguments(parser)
    assert serve_command.run_from_arguments(parser.parse_args([]), Path("build/store")) == 2
    assert message in capsys.readouterr().err
