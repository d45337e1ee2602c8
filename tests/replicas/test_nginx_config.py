"""The files the rolling rebuild rewrites while nginx runs: what goes into them is checked."""

from __future__ import annotations

from pathlib import Path

import pytest

from deploy.nginx_config import TEMPLATES, render, write_build, write_replicas


def test_a_template_with_a_placeholder_left_unfilled_is_refused() -> None:
    template = (TEMPLATES / "catalogue.conf.in").read_text(encoding="utf-8")
    with pytest.raises(ValueError, match="CACHE_DIR"):
        render(template, {"LISTEN": "80", "STATE_DIR": "/x", "LOG_DIR": "/y"})


def test_a_drained_replica_is_marked_down_and_the_others_are_not(tmp_path: Path) -> None:
    write_replicas(tmp_path, ["127.0.0.1:8001", "127.0.0.1:8002"], down=["127.0.0.1:8002"])
    lines = (tmp_path / "replicas.conf").read_text().splitlines()
    assert [line.endswith(" down;") for line in lines] == [False, True]
    assert all(line.startswith("server 127.0.0.1:800") for line in lines)


@pytest.mark.parametrize("build_id", ['x"; }', "a b", "", "../current"])
def test_a_build_id_that_is_not_a_file_name_never_reaches_nginx(
    tmp_path: Path, build_id: str
) -> None:
    with pytest.raises(ValueError, match="not a build id"):
        write_build(tmp_path, build_id)
    assert not (tmp_path / "build.conf").exists()
