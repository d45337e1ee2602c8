"""Run tests/ontology/OwlCheck.java: the OWL API (3.4) and HermiT, as shipped in owlready2's jar."""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import owlready2
import pytest

CHECKER = Path(__file__).with_name("OwlCheck.java")
HERMIT_JAR = Path(owlready2.__file__).parent / "hermit" / "HermiT.jar"


#: For a JVM that lives a second or two: the quick compiler only (C2's optimisation does
#: not pay back in so short a run; it about halves the CPU a check takes here).
JVM_OPTIONS = ["-XX:TieredStopAtLevel=1"]


def compile_owl_check(into: Path) -> Path:
    """OwlCheck.java compiled once (the single-file launcher compiles it on every run)."""
    javac = shutil.which("javac")
    assert javac, "the OWL 2 DL and consistency checks need a JDK (17 is installed here)"
    subprocess.run(
        [javac, "-cp", str(HERMIT_JAR), "-d", str(into), str(CHECKER)], check=True, timeout=300
    )
    return into


def run_owl_check(*files: Path, classes: Path, catalog: Path | None = None) -> dict[str, dict]:
    """What the OWL API and HermiT say of each file, keyed by file name."""
    java = shutil.which("java")
    assert java, "the OWL 2 DL and consistency checks need Java (17 is installed here)"
    command = [java, *JVM_OPTIONS, "-cp", f"{HERMIT_JAR}{os.pathsep}{classes}", CHECKER.stem]
    if catalog is not None:
        command += ["--catalog", str(catalog)]
    done = subprocess.run(
        [*command, *map(str, files)], capture_output=True, text=True, timeout=300, check=True
    )
    results = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    return {Path(r["file"]).name: r for r in results}


@pytest.fixture(scope="session")
def owl_dir(build) -> Path:  # type: ignore[no-untyped-def]
    return build.store.parent / "ontology"


@pytest.fixture(scope="session")
def owl_check(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., dict[str, dict]]:
    classes = compile_owl_check(tmp_path_factory.mktemp("owlcheck"))
    return functools.partial(run_owl_check, classes=classes)
