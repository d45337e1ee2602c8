"""A server's processes as /proc shows them: its tree, their CPU time and memory.

Shared by the benchmarks that measure a whole server (main process, workers, engines)
or nginx: ``run.py`` (memory at rest and peak), ``capacity.py`` (CPU seconds per
request) and ``soak.py`` (memory over time).
"""

from __future__ import annotations

import os
from pathlib import Path

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def descendants(pid: int) -> set[int]:
    """``pid`` and every process started under it, through each thread's children."""
    found, todo = {pid}, [pid]
    while todo:
        for task in Path(f"/proc/{todo.pop()}/task").glob("*"):
            try:
                children = {int(c) for c in (task / "children").read_text().split()}
            except OSError:
                continue
            todo.extend(children - found)
            found |= children
    return found


def cpu_seconds(pids: set[int]) -> float:
    """User and system time of these processes so far (those gone meanwhile count 0)."""
    ticks = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / CLOCK_TICKS


def pss_mib(pids: set[int]) -> float:
    """Proportional set size, summed: shared pages are split between their processes."""
    kib = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    kib += int(line.split()[1])
        except OSError:  # gone meanwhile
            continue
    return round(kib / 1024, 1)


def rss_bytes(pid: int) -> int:
    """The RSS of ``pid`` and its descendants, summed (pages shared after fork count once
    per process: an upper bound; ``pss_mib`` splits them)."""
    total = 0
    for process in descendants(pid):
        try:
            status = Path(f"/proc/{process}/status").read_text()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1]) * 1024
    return total
