"""The persistent Oxigraph store: bulk-loaded beside the current one, then swapped in.

``build/store`` is a symbolic link to ``build/store-<build id>``; replacing a
link is atomic, so a reader never finds a half-written store, and a failed
build leaves the previous store in place.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import shutil
from pathlib import Path

import pyoxigraph

BUILD_INFO_SUFFIX = ".json"
KEEP_PREVIOUS = 1


def build_id_of(nquads: Path) -> str:
    return hashlib.sha256(nquads.read_bytes()).hexdigest()[:16]


def build_store(nquads: Path, store_link: Path, info: dict[str, object]) -> Path:
    """Load ``nquads`` into a new store and make ``store_link`` point at it."""
    parent = store_link.parent
    parent.mkdir(parents=True, exist_ok=True)
    build_id = build_id_of(nquads)
    target = parent / f"store-{build_id}"
    if not target.exists():
        staging = parent / f".store-{build_id}.{os.getpid()}.tmp"
        shutil.rmtree(staging, ignore_errors=True)
        store = pyoxigraph.Store(str(staging))
        store.bulk_load(path=str(nquads), format=pyoxigraph.RdfFormat.N_QUADS)
        store.optimize()
        store.flush()
        del store
        gc.collect()  # closes RocksDB before the directory is renamed
        os.replace(staging, target)
    info_file = target.with_name(target.name + BUILD_INFO_SUFFIX)
    info_file.write_text(json.dumps({"build_id": build_id, **info}, indent=2, sort_keys=True))
    _point(store_link, target)
    _prune(parent, keep={target.name, store_link.name})
    return target


def _point(link: Path, target: Path) -> None:
    if link.exists() and not link.is_symlink():
        raise FileExistsError(f"{link} is not a link made by the build; move it away first")
    staging = link.with_name(f".{link.name}.{os.getpid()}.link")
    staging.unlink(missing_ok=True)
    staging.symlink_to(target.name)
    os.replace(staging, link)


def _prune(parent: Path, keep: set[str]) -> None:
    """Keep the current store and the one before it (a reader may still have it open)."""
    stores = sorted(
        (p for p in parent.glob("store-*") if p.is_dir() and p.name not in keep),
        key=lambda p: p.stat().st_mtime,
        reverse=True,
    )
    for old in stores[KEEP_PREVIOUS:]:
        shutil.rmtree(old, ignore_errors=True)
        old.with_name(old.name + BUILD_INFO_SUFFIX).unlink(missing_ok=True)


def read_build_info(store_link: Path) -> dict[str, object]:
    target = store_link.resolve()
    info: dict[str, object] = json.loads(
        target.with_name(target.name + BUILD_INFO_SUFFIX).read_text()
    )
    return info


def open_read_only(store_link: Path) -> pyoxigraph.Store:
    return pyoxigraph.Store.read_only(str(store_link.resolve()))
