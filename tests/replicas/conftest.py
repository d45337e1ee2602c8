"""The replicas' fixture: two real servers behind a real nginx, shared by the module's tests.

Starting them costs seconds, so one cluster serves the whole module, and its tests run
in the order they are written: caching on build A, the rolling rebuild to B, then a
replica killed (the last, as it leaves one replica).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from catalogue.build import BuildResult
from tests.replicas.cluster_support import Cluster, start_cluster, stop_cluster


@pytest.fixture(scope="module")
def cluster(build: BuildResult, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    started = start_cluster(build.unit, tmp_path_factory.mktemp("replicas"))
    yield started
    stop_cluster(started)
