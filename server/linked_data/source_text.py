"""The official text the build read, for quoting its lines and serving it as ``text/plain``.

The build records the text's SHA-256 next to the store; a copy that does not
match is not quoted (it would put words in the catalogue's mouth), and pages
say the lines are unavailable instead.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

log = logging.getLogger(__name__)


class SourceText:
    def __init__(self, path: Path, expected_sha256: str | None) -> None:
        self.path = path
        self.data: bytes | None = None
        self.lines: list[str] = []
        try:
            data = path.read_bytes()
        except OSError:
            log.warning("the official text %s cannot be read: pages will not quote it", path)
            return
        digest = hashlib.sha256(data).hexdigest()
        if expected_sha256 and digest != expected_sha256:
            log.warning("%s is not the text the build read (SHA-256 %s): not quoted", path, digest)
            return
        self.data = data
        self.sha256 = digest
        self.lines = data.decode("utf-8").splitlines()

    @property
    def available(self) -> bool:
        return self.data is not None

    def excerpt(self, first: int, last: int) -> list[tuple[int, str]]:
        """Lines ``first``..``last`` (1-based, inclusive) with their numbers."""
        first = max(first, 1)
        return [(n, self.lines[n - 1]) for n in range(first, min(last, len(self.lines)) + 1)]
