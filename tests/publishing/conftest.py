"""Builds made by ``build_graph.py`` as a user runs it, shared by the command-line and the
determinism tests (tests/publishing/test_command_line.py, test_determinism.py).

A build is a process of a few seconds. Each test used to make its own (six in all); now
three builds serve them, each with the settings two tests need, and they start together
as soon as the session knows that a collected test uses them (when collection ends), so
they run beside the tests that come first, on the core that pytest, one process, leaves
free.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from catalogue.settings import PROJECT_ROOT

#: A lower CPU priority than pytest's: the tests running meanwhile go first, the builds
#: take what is left (pyLODE's rendering, at 19, still less: tests/consumers/conftest.py).
BACKGROUND = ["nice", "-n", "10"]
#: Where the build of ``elsewhere_build`` puts its data IRIs.
ELSEWHERE = "http://localhost:8080/id/"
#: The time ``elsewhere_build`` is made at (SOURCE_DATE_EPOCH): 2023-11-14T22:13:20Z.
EPOCH = "1700000000"


@dataclass
class CommandBuild:
    """``build_graph.py`` running in a process of its own, into ``output``."""

    output: Path
    process: subprocess.Popen[bytes]
    _stdout: Path
    _stderr: Path

    def finished(self) -> subprocess.CompletedProcess[str]:
        """Its exit status and what it printed, once it has ended."""
        self.process.wait(timeout=300)
        return subprocess.CompletedProcess(
            self.process.args,
            self.process.returncode,
            self._stdout.read_text(encoding="utf-8"),
            self._stderr.read_text(encoding="utf-8"),
        )


#: Fixture name → (build_graph.py's arguments, environment). Hash seeds differ, so two
#: builds with the same settings show whether the output depends on the seed.
BUILDS: dict[str, tuple[list[str], dict[str, str]]] = {
    # as a user runs it: progress and a summary on the console
    "user_build": ([], {"PYTHONHASHSEED": "1"}),
    # the same settings under another hash seed, quiet
    "quiet_build": (["--quiet"], {"PYTHONHASHSEED": "2"}),
    # another namespace, at a fixed time
    "elsewhere_build": (
        ["--quiet", "--namespace", ELSEWHERE],
        {"PYTHONHASHSEED": "3", "SOURCE_DATE_EPOCH": EPOCH},
    ),
}

_STARTED = pytest.StashKey[dict[str, CommandBuild]]()
_FOLDER = pytest.StashKey[Path]()


def _start(config: pytest.Config, name: str) -> CommandBuild:
    started = config.stash.setdefault(_STARTED, {})
    if name not in started:
        if _FOLDER not in config.stash:
            config.stash[_FOLDER] = Path(tempfile.mkdtemp(prefix="command-builds-"))
        root = config.stash[_FOLDER]
        arguments, settings = BUILDS[name]
        output = root / name
        env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
        env.update({"CATALOGUE_BUILD_DIR": str(output), **settings})
        stdout, stderr = root / f"{name}.stdout", root / f"{name}.stderr"
        with stdout.open("wb") as out, stderr.open("wb") as err:
            process = subprocess.Popen(
                [*BACKGROUND, sys.executable, str(PROJECT_ROOT / "build_graph.py"), *arguments],
                cwd=PROJECT_ROOT,
                env=env,
                stdout=out,
                stderr=err,
            )
        started[name] = CommandBuild(output, process, stdout, stderr)
    return started[name]


def pytest_collection_finish(session: pytest.Session) -> None:
    if session.config.option.collectonly:
        return
    needed = {name for item in session.items for name in getattr(item, "fixturenames", ())}
    for name in BUILDS:
        if name in needed:
            _start(session.config, name)


def pytest_sessionfinish(session: pytest.Session) -> None:
    for build in session.config.stash.get(_STARTED, {}).values():
        if build.process.poll() is None:  # the session was cut short
            build.process.kill()
            build.process.wait()
    if _FOLDER in session.config.stash:
        shutil.rmtree(session.config.stash[_FOLDER], ignore_errors=True)


@pytest.fixture(scope="session")
def user_build(pytestconfig: pytest.Config) -> CommandBuild:
    return _start(pytestconfig, "user_build")


@pytest.fixture(scope="session")
def quiet_build(pytestconfig: pytest.Config) -> CommandBuild:
    return _start(pytestconfig, "quiet_build")


@pytest.fixture(scope="session")
def elsewhere_build(pytestconfig: pytest.Config) -> CommandBuild:
    return _start(pytestconfig, "elsewhere_build")
