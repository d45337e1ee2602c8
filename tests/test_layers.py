"""The two layers stay two: the build package (catalogue/) never imports the server.

The server reads what the build made and may use its modules (settings, the
vocabulary); the build must run, be tested and be installed without the server.
Commands the server adds to ``outsourcing-catalogue`` (``serve``) plug in through
an entry point instead of an import.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def imported_modules(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
    return found


def test_the_build_package_never_imports_the_server() -> None:
    offenders = {
        str(path.relative_to(ROOT)): sorted(
            m for m in imported_modules(path) if m.split(".")[0] == "server"
        )
        for path in (ROOT / "catalogue").rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_serve_is_still_a_command(capsys) -> None:  # type: ignore[no-untyped-def]
    import pytest

    from catalogue.cli import main

    with pytest.raises(SystemExit) as exit_:
        main(["serve", "--help"])
    assert exit_.value.code == 0
    assert "--rate-limit" in capsys.readouterr().out
