"""``outsourcing-catalogue serve``: its options, and a clear refusal without a build."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "catalogue.cli", "serve", *args],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_serve_lists_its_options() -> None:
    help_text = run("--help").stdout
    for option in (
        "--host", "--port", "--workers", "--timeout", "--store", "--public-url",
        "--cors-origins", "--rate-limit", "--max-body-bytes", "--trusted-proxies",
    ):  # fmt: skip
        assert option in help_text


def test_serve_without_a_build_says_so(tmp_path: Path) -> None:
    result = run("--store", str(tmp_path / "nothing"), "--port", "1")
    assert result.returncode == 1
    assert "build it first" in result.stderr
