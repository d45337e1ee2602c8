"""Run tests/ontology/OwlCheck.java: the OWL API (3.4) and HermiT, as shipped in owlready2's jar."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import owlready2
import pytest

CHECKER = Path(__file__).with_name("OwlCheck.java")
HERMIT_JAR = Path(owlready2.__file__).parent / "hermit" / "HermiT.jar"


def run_owl_check(*files: Path, catalog: Path | None = None) -> dict[str, dict]:
    """What the OWL API and HermiT say of each file, keyed by file name."""
    java = shutil.which("java")
    assert java, "the OWL 2 DL and consistency checks need Java (17 is installed here)"
    command = [java, "-cp", str(HERMIT_JAR), str(CHECKER)]
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
def owl_check() -> Callable[..., dict[str, dict]]:
    return run_owl_check
