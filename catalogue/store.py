"""The Oxigraph store of a build, bulk-loaded into the build's staging folder.

It is published with the rest of the build (catalogue/publication.py): readers
open it through ``build/store``, a link into the current build.
"""

from __future__ import annotations

import gc
from pathlib import Path

import pyoxigraph


def build_store(nquads: Path, directory: Path) -> Path:
    """Load ``nquads`` into a new store at ``directory``, closed when this returns."""
    store = pyoxigraph.Store(str(directory))
    store.bulk_load(path=str(nquads), format=pyoxigraph.RdfFormat.N_QUADS)
    store.optimize()
    store.flush()
    del store
    gc.collect()  # closes RocksDB: the folder is renamed when the build is published
    return directory


def open_read_only(store_link: Path) -> pyoxigraph.Store:
    return pyoxigraph.Store.read_only(str(store_link.resolve()))
