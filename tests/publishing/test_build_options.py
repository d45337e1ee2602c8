"""Every build option reaches the build's settings, and means what its variable means.

The same shape as tests/server/test_serve_options.py: each option is given with a
value other than its default, through the command line and through its environment
variable, and the settings the build would run with are compared.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from catalogue import cli
from catalogue.settings import BuildSettings

#: option, variable, value, the settings field, what it must hold
OPTIONS = [
    (
        "--namespace",
        "CATALOGUE_NAMESPACE",
        "https://example.org/c/",
        "namespace",
        "https://example.org/c/",
    ),
    ("--build-dir", "CATALOGUE_BUILD_DIR", "/tmp/elsewhere", "output_dir", Path("/tmp/elsewhere")),
    ("--source", "CATALOGUE_SOURCE", "/tmp/text.txt", "source", Path("/tmp/text.txt")),
]
IDS = [option for option, *_ in OPTIONS]


def settings_of(argv: list[str], monkeypatch: pytest.MonkeyPatch) -> BuildSettings:
    seen: list[BuildSettings] = []
    monkeypatch.setattr(cli, "_build", lambda settings, console: seen.append(settings) or 0)
    assert cli.main(["build", *argv]) == 0
    return seen[0]


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(os.environ):
        if name.startswith("CATALOGUE_") or name == "SOURCE_DATE_EPOCH":
            monkeypatch.delenv(name)


@pytest.mark.parametrize("option, variable, value, field, expected", OPTIONS, ids=IDS)
def test_an_option_reaches_the_settings(
    option: str,
    variable: str,
    value: str,
    field: str,
    expected: object,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    settings = settings_of([option, value], monkeypatch)
    assert getattr(settings, field) == expected
    assert getattr(BuildSettings(), field) != expected  # the case tests a change


@pytest.mark.parametrize("option, variable, value, field, expected", OPTIONS, ids=IDS)
def test_its_environment_variable_means_the_same(
    option: str,
    variable: str,
    value: str,
    field: str,
    expected: object,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(variable, value)
    assert getattr(settings_of([], monkeypatch), field) == expected


@pytest.mark.parametrize("option, variable, value, field, expected", OPTIONS, ids=IDS)
def test_the_command_line_wins_over_the_environment(
    option: str,
    variable: str,
    value: str,
    field: str,
    expected: object,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(
        variable, value.replace("c/", "d/").replace("elsewhere", "other").replace("text", "other")
    )
    assert getattr(settings_of([option, value], monkeypatch), field) == expected


def test_every_build_option_has_a_case() -> None:
    assert {"namespace", "output_dir", "source"} == {field for *_, field, _ in OPTIONS}


def test_another_source_brings_its_own_checksum(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CATALOGUE_SOURCE", "/tmp/text.txt")
    assert settings_of([], monkeypatch).source_checksum == Path("/tmp/text.txt.sha256")


def test_source_date_epoch_fixes_the_build_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert settings_of([], monkeypatch).source_date_epoch == 1700000000
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "")  # set to nothing: as if unset
    assert settings_of([], monkeypatch).source_date_epoch is None


@pytest.mark.parametrize(
    "argv, variable, text, message",
    [
        (
            [],
            "SOURCE_DATE_EPOCH",
            "yesterday",
            "SOURCE_DATE_EPOCH='yesterday': expected a whole number",
        ),
        ([], "CATALOGUE_NAMESPACE", "https://example.org/c", "the namespace must end with '/'"),
        (["--namespace", "https://example.org/c"], None, None, "the namespace must end with '/'"),
    ],
)
def test_a_bad_value_is_an_error_that_names_it(
    argv: list[str],
    variable: str | None,
    text: str | None,
    message: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    if variable and text is not None:
        monkeypatch.setenv(variable, text)
    monkeypatch.setattr(cli, "_build", lambda settings, console: 0)
    assert cli.main(["build", *argv]) == 2
    assert message in capsys.readouterr().err
