"""Progress and summaries on the console; quiet on request."""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field


@dataclass
class Console:
    quiet: bool = False
    started: float = field(default_factory=time.perf_counter)

    def step(self, message: str) -> None:
        if not self.quiet:
            print(f"[{self.elapsed():6.2f}s] {message}", file=sys.stderr, flush=True)

    def result(self, message: str) -> None:
        """Always shown: the summary a user ran the command for."""
        if not self.quiet:
            print(message, flush=True)

    def error(self, message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    def elapsed(self) -> float:
        return time.perf_counter() - self.started
