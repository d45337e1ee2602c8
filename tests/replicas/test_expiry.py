"""nginx keeps an answer as long as its max-age says, then asks the replica again with the
answer's ETag: a 304 renews the entry without a body. (A cluster of its own: one replica
whose answers expire after a second.)"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
import requests

from catalogue.build import BuildResult
from tests.replicas.cluster_support import Cluster, start_cluster, stop_cluster
from tests.server.endpoint_support import eventually

DOCUMENT = "/2022/domain/05.ttl"


@pytest.fixture(scope="module")
def short_lived(build: BuildResult, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    root = tmp_path_factory.mktemp("expiry")
    started = start_cluster(build.unit, root, replicas=1, env={"CATALOGUE_MAX_AGE": "1"})
    yield started
    stop_cluster(started)


def replica_statuses(cluster: Cluster) -> list[int]:
    lines = cluster.replicas[0].access_log.read_text().splitlines()
    return [entry["status"] for entry in map(json.loads, lines) if entry["path"] == DOCUMENT]


def test_an_expired_answer_is_revalidated_with_its_etag(short_lived: Cluster) -> None:
    first = requests.get(short_lived.url + DOCUMENT, timeout=10)
    assert first.headers["Cache-Control"] == "public, max-age=1"
    assert first.headers["X-Cache-Status"] == "MISS"

    def revalidated() -> requests.Response | None:
        answer = requests.get(short_lived.url + DOCUMENT, timeout=10)
        assert answer.headers["X-Cache-Status"] in ("HIT", "REVALIDATED")
        return answer if answer.headers["X-Cache-Status"] == "REVALIDATED" else None

    # nginx counts ages in whole seconds: max-age=1 expires within two.
    again = eventually(revalidated, "an expired entry revalidated", timeout=5, interval=0.2)
    assert again.status_code == 200
    assert again.content == first.content
    assert again.headers["ETag"] == first.headers["ETag"]
    assert replica_statuses(short_lived) == [200, 304]  # the replica sent no body again
