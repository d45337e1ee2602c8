"""Fixtures for the consumers' tests: our published files, the live site, the tools, the text.

Each test here runs a tool people already use on a SKOS vocabulary or on linked
data, unchanged, against what we publish: the dumps of the session's build
(``tests/conftest.py``) and the real server over it (``tests/site_fixtures.py``).
Tools whose pins clash with ours run from venvs of their own, made by
``make consumers`` (``make test`` depends on it); a missing tool fails its
tests, it never skips them.

What the tools show is compared with the official text itself
(``data/source/catalogue-2022.zh.txt``), read here with a regular expression
and not with the project's parser, so that a fault of the parser cannot hide.
"""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from catalogue.settings import PROJECT_ROOT

NS = "https://w3id.org/service-outsourcing/"
SCHEME_2022 = NS + "2022"
#: The one-scheme SKOS file, in build/dumps/ (issue 9: "a SKOS-only dump of the 2022 scheme").
SKOS_DUMP = "catalogue-2022-skos.ttl"
#: How long pyLODE's VocPub profile may take on the SKOS dump (about 40 s of one core here).
PYLODE_TIMEOUT = 300
#: The module that collects pyLODE's page: run last in the session (pytest_collection_modifyitems).
VOCPUB_TESTS = "test_vocpub_pylode.py"


# --- the official text --------------------------------------------------------------------


@dataclass(frozen=True)
class OfficialDomain:
    """A key domain as the announcement prints it, whitespace (the PDF's breaks) removed."""

    code: str  # "05": the heading's Chinese numeral, as the catalogue's notation
    label: str  # the heading: 电子商务平台服务
    definition: str  # 定义和范围
    business_types: tuple[str, ...]  # 主要业务类型, split at 、 (not inside （…）), 等 dropped


DIGITS = "一二三四五六七八九"


def chinese_numeral(n: int) -> str:
    """一 … 十, 十一 … 十九, 二十: how the catalogue numbers its domains."""
    tens, ones = divmod(n, 10)
    prefix = "" if tens == 0 else "十" if tens == 1 else DIGITS[tens - 1] + "十"
    return prefix + (DIGITS[ones - 1] if ones else "")


CODES = {chinese_numeral(n): f"{n:02d}" for n in range(1, 21)}
DOMAIN = re.compile(
    r"^(?P<numeral>[一二三四五六七八九十]+)、(?P<label>\S+)\s*\n"
    r"\s*定义和范围：(?P<definition>.+?)\n\s*主要业务类型：(?P<types>.+?)等。\s*$",
    re.MULTILINE | re.DOTALL,
)


def without_space(text: str) -> str:
    return re.sub(r"\s+", "", text)


def official_domains(source_text: str) -> dict[str, OfficialDomain]:
    domains = {}
    for match in DOMAIN.finditer(source_text):
        code = CODES[match["numeral"]]
        types = re.split(r"、(?![^（]*）)", without_space(match["types"]))
        domains[code] = OfficialDomain(
            code, match["label"], without_space(match["definition"]), tuple(types)
        )
    return domains


@pytest.fixture(scope="session")
def official(source_text: str) -> dict[str, OfficialDomain]:
    """The 20 domains of the official text, by code."""
    domains = official_domains(source_text)
    assert sorted(domains) == [f"{n:02d}" for n in range(1, 21)], "the source text changed shape"
    return domains


# --- what we publish ----------------------------------------------------------------------


@pytest.fixture(scope="session")
def skos_dump(dumps_dir: Path) -> Path:
    path = dumps_dir / SKOS_DUMP
    assert path.is_file(), (
        f"no SKOS-only dump {SKOS_DUMP} in the build's dumps: {sorted(p.name for p in dumps_dir.iterdir())}"
    )
    return path


# --- the tools ----------------------------------------------------------------------------


def consumer_program(venv: str, program: str) -> Path:
    """A program of a consumer's own venv (``.venv-<venv>``, made by ``make consumers``)."""
    path = PROJECT_ROOT / f".venv-{venv}" / "bin" / program
    assert path.is_file(), f"{path} is missing: run `make consumers` (`make test` does)"
    return path


def run(argv: list[str | Path], timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(arg) for arg in argv], capture_output=True, text=True, timeout=timeout, check=False
    )


@dataclass
class Rendering:
    """A consumer's output file, written by a process started early (see ``vocpub_html``)."""

    process: subprocess.Popen[bytes] | None
    output: Path
    log: Path
    problem: str | None = None  # why the process could not start

    def wait(self) -> str:
        """The file's text, once the process is done; fails with its log if it failed."""
        assert self.process is not None, self.problem
        try:
            self.process.wait(timeout=PYLODE_TIMEOUT)
        except subprocess.TimeoutExpired:
            self.process.kill()
            raise
        log = self.log.read_text(encoding="utf-8", errors="replace")
        assert self.process.returncode == 0, f"exit {self.process.returncode}:\n{log[-3000:]}"
        return self.output.read_text(encoding="utf-8")


@pytest.fixture(scope="session", autouse=True)
def vocpub_html(dumps_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Rendering]:
    """pyLODE's VocPub documentation of the SKOS dump, rendered in the background.

    pyLODE takes about 40 s of CPU on our 1,100 statements (for every link it
    labels, it copies its 19,000 statements of background ontologies into a new
    graph). So it starts with this folder's tests, which come first in the
    session, right after the session's build, at a low CPU priority (the tests
    running meanwhile go first), and its test runs last in the session
    (``pytest_collection_modifyitems`` below): the rest of the suite hides it.
    If it cannot start, only its own test fails.
    """
    folder = tmp_path_factory.mktemp("vocpub")
    output, log = folder / "catalogue-2022.html", folder / "pylode.log"
    try:
        pylode = consumer_program("pylode", "pylode")
        assert (dumps_dir / SKOS_DUMP).is_file(), f"no {SKOS_DUMP} in the build's dumps"
    except AssertionError as problem:
        yield Rendering(None, output, log, str(problem))
        return
    argv = [str(pylode), "-p", "vocpub", "-o", str(output), str(dumps_dir / SKOS_DUMP)]
    with log.open("wb") as sink:
        process = subprocess.Popen(argv, stdout=sink, stderr=subprocess.STDOUT)
    with contextlib.suppress(ProcessLookupError):  # it may have failed at once; wait() says
        os.setpriority(os.PRIO_PROCESS, process.pid, 10)
    yield Rendering(process, output, log)
    if process.poll() is None:
        process.kill()
        process.wait()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """This folder's tests first, so that pyLODE starts as soon as the session's build is
    made, and pyLODE's page collected by the session's last tests (see ``vocpub_html``).
    (Alphabetically, tests/api would come first and hold pyLODE back by its minute.)"""
    here = Path(__file__).parent
    last = [item for item in items if item.path.name == VOCPUB_TESTS]
    first = [item for item in items if item.path.parent == here and item not in last]
    rest = [item for item in items if item.path.parent != here]
    items[:] = first + rest + last
