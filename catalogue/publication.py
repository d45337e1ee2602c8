"""A build is published whole or not at all: one folder per build, one pointer swapped.

Every output of a build (the store, the dumps, the ontology's files and docs, the
quality report, the search index) is written into a staging folder,
``builds/.staging-<pid>-<token>``. Only when all of them are written is it renamed
``builds/<build id>`` and the one pointer, the link ``current``, replaced to name it:
rename(2) over the old link, so a reader finds the old build or the new one, never
a mix. A build that fails removes its staging folder and changes nothing.

A published folder is never written again, so a server can read a build's files
with ETags it computed once. The last ``keep`` builds stay, for the servers not yet
moved to the newest (SIGHUP); older ones are deleted after the swap, never before.

``store``, ``dumps``, ``ontology``, ``quality`` and ``search`` in the output folder
are fixed links through ``current``, for people and tools (``build/dumps/…``);
a server resolves the pointer once (``unit_of``) and reads that one folder.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

#: The folders of a build, each also reachable as ``<output>/<name>``.
OUTPUTS = ("store", "dumps", "ontology", "quality", "search")
BUILDS = "builds"
CURRENT = "current"
#: The build's description (id, namespace, source hash, time), read by the server.
INFO_FILE = "build.json"
STAGING_PREFIX = ".staging-"


@dataclass(frozen=True)
class BuildUnit:
    """The folder of one build: complete, and never written again once published."""

    root: Path

    @property
    def id(self) -> str:
        return self.root.name

    @property
    def output_dir(self) -> Path:
        """The folder that holds ``builds/`` and the links into the current build."""
        return self.root.parent.parent

    @property
    def store(self) -> Path:
        return self.root / "store"

    @property
    def dumps(self) -> Path:
        return self.root / "dumps"

    @property
    def ontology(self) -> Path:
        return self.root / "ontology"

    @property
    def quality(self) -> Path:
        return self.root / "quality"

    @property
    def search(self) -> Path:
        return self.root / "search"

    def info(self) -> dict[str, object]:
        info: dict[str, object] = json.loads((self.root / INFO_FILE).read_text(encoding="utf-8"))
        return info


def new_build_id(nquads: Path) -> str:
    """When the build was made, to the microsecond (so ids sort in publication order and
    two builds of the same data are two builds), and the first 8 hex digits of its
    N-Quads dump's SHA-256 (so one can see which builds hold the same data)."""
    digest = hashlib.sha256(nquads.read_bytes()).hexdigest()[:8]
    return f"{datetime.now(UTC):%Y%m%dT%H%M%S%fZ}-{digest}"


class Staging:
    """A build being written: ``with Staging(output) as unit: …; staging.publish(…)``.

    Leaving the block without publishing (an exception, a refused graph) removes the
    folder: a failed build leaves nothing behind.
    """

    def __init__(self, output_dir: Path) -> None:
        self.output_dir = output_dir
        self.builds = output_dir / BUILDS
        self.unit = BuildUnit(self.builds / f"{STAGING_PREFIX}{os.getpid()}-{secrets.token_hex(4)}")
        self.published: BuildUnit | None = None

    def __enter__(self) -> BuildUnit:
        self.builds.mkdir(parents=True, exist_ok=True)
        _remove_abandoned_staging(self.builds)
        self.unit.root.mkdir()
        return self.unit

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self.published is None:
            shutil.rmtree(self.unit.root, ignore_errors=True)

    def publish(self, build_id: str, info: dict[str, object], keep: int) -> BuildUnit:
        """Make the staged build ``builds/<build_id>`` and the current one; keep ``keep``."""
        if keep < 1:
            raise ValueError(f"at least the current build is kept, not {keep}")
        (self.unit.root / INFO_FILE).write_text(
            json.dumps({"build_id": build_id, **info}, indent=2, sort_keys=True) + "\n",
            encoding="utf-8",
        )
        unit = BuildUnit(self.builds / build_id)
        os.rename(self.unit.root, unit.root)  # fails rather than replace a published build
        self.published = unit
        _point(self.output_dir / CURRENT, Path(BUILDS) / build_id)
        for name in OUTPUTS:
            _fixed_link(self.output_dir / name, Path(CURRENT) / name)
        _remove_old_layout(self.output_dir)
        _prune(self.builds, keep, unit)
        return unit


def unit_of(path: Path) -> BuildUnit:
    """The build that ``path`` leads to, resolved once: the output folder, ``current``, a
    fixed link such as ``build/store``, a build's folder or its store. Every file of
    the build is then read from the folder returned, whatever the pointer says later."""
    target = path.resolve()
    for candidate in (target / CURRENT, target, target.parent):
        folder = candidate.resolve()
        if (folder / INFO_FILE).is_file():
            return BuildUnit(folder)
    raise FileNotFoundError(f"no published build at {path}: build it first (make build)")


def _point(link: Path, target: Path) -> None:
    """Replace ``link`` with one to ``target`` in one step (rename(2) of a new link)."""
    staging = link.with_name(f".{link.name}.{os.getpid()}.link")
    staging.unlink(missing_ok=True)
    staging.symlink_to(target)
    os.replace(staging, link)


def _fixed_link(link: Path, target: Path) -> None:
    if link.is_symlink() and Path(os.readlink(link)) == target:
        return
    if link.is_dir() and not link.is_symlink():
        # An output folder of the layout before builds were units: replaced once.
        shutil.rmtree(link)
    _point(link, target)


def _remove_old_layout(output: Path) -> None:
    """What the layout before build units left: ``store-<id>`` folders and their info."""
    for old in output.glob("store-*"):
        if old.is_dir():
            shutil.rmtree(old, ignore_errors=True)
        else:
            old.unlink(missing_ok=True)


def _prune(builds: Path, keep: int, current: BuildUnit) -> None:
    """Delete all but the newest ``keep`` builds (ids sort by time); never the current."""
    published = sorted(
        (p for p in builds.iterdir() if p.is_dir() and not p.name.startswith(".")),
        key=lambda p: p.name,
        reverse=True,
    )
    for old in published[keep:]:
        if old != current.root:
            shutil.rmtree(old, ignore_errors=True)


def _remove_abandoned_staging(builds: Path) -> None:
    """Staging folders of builds that were killed (their process is gone)."""
    for folder in builds.glob(STAGING_PREFIX + "*"):
        pid = folder.name.removeprefix(STAGING_PREFIX).split("-")[0]
        if pid.isdigit() and not _running(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: running
        return True
    return True
