"""The one error a damaged or unexpected source raises: it names the file and line."""

from __future__ import annotations

from pathlib import Path


class SourceError(Exception):
    """The official text is not what the parser expects.

    The message reads like a compiler's: ``path:line: what was expected, what was found``.
    """

    def __init__(self, path: Path | str, line: int | None, message: str) -> None:
        self.path = Path(path)
        self.line = line
        self.message = message
        where = f"{self.path}:{line}" if line is not None else str(self.path)
        super().__init__(f"{where}: {message}")
