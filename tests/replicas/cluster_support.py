"""Replicas behind a real nginx on this machine: what the replica tests and the soak share.

nginx runs from the repository's configuration (deploy/nginx), rendered for a temporary
folder and free ports; each replica is a real ``outsourcing-catalogue serve`` over one
build output (``current`` names the build), with one worker and one engine, to spare the
machine's two cores. The replicas believe one proxy (``--trusted-proxies 1``).
"""

from __future__ import annotations

import shutil
import signal
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import requests

from catalogue.publication import BuildUnit
from deploy.nginx_config import write_config
from deploy.rolling_rebuild import Replica, roll
from tests.server.endpoint_support import (
    Server,
    free_port,
    publish_copy,
    start_server,
    stop_server,
)

#: Builds are copies of the session's build: a copy costs milliseconds, a build seconds.
#: A copy differs in its id, which every answer's ETag and X-Build and every page's
#: footer carry: a mixed answer still shows.
KEEP = 2
#: Debian puts nginx in /usr/sbin, which a user's PATH may lack.
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
REPLICA_ENV = {
    "CATALOGUE_WORKERS": "1",
    "CATALOGUE_ENGINES": "1",
    "CATALOGUE_TRUSTED_PROXIES": "1",
    "CATALOGUE_QUERY_TIMEOUT": "10",
    # What is tested here is nginx and the rolls; a static site would make each new
    # build's replicas render it first (readiness waits for it: seconds per build), and
    # it has tests of its own (tests/linked_data/test_static_site.py).
    "CATALOGUE_STATIC_SITE": "off",
}


@dataclass
class Nginx:
    process: subprocess.Popen[bytes]
    prefix: Path
    url: str

    @property
    def pid_file(self) -> Path:
        return self.prefix / "nginx.pid"

    def access_log(self) -> str:
        return (self.prefix / "logs" / "catalogue-access.log").read_text(errors="replace")

    def error_log(self) -> str:
        return (self.prefix / "logs" / "error.log").read_text(errors="replace")


@dataclass
class Cluster:
    output: Path
    replicas: list[Server]
    nginx: Nginx
    rolls: list[str] = field(default_factory=list)  # what the rolling rebuilds logged

    @property
    def url(self) -> str:
        return self.nginx.url

    def roll_to(self, build: BuildUnit) -> None:
        """The rolling rebuild of deploy/, onto ``build`` (published, so each replica's
        SIGHUP finds it current)."""
        replicas = [
            Replica(server.url.removeprefix("http://"), server.process.pid)
            for server in self.replicas
        ]
        roll(self.nginx.prefix, self.nginx.pid_file, replicas, build.id, log=self.rolls.append)


def start_nginx(prefix: Path, replicas: list[str], build_id: str) -> Nginx:
    port = free_port()
    conf = write_config(prefix, f"127.0.0.1:{port}", replicas, build_id, workers="1")
    process = subprocess.Popen(
        [
            "nginx",
            "-p",
            str(prefix),
            "-c",
            str(conf),
            "-e",
            str(prefix / "logs" / "error.log"),
            "-g",
            "daemon off;",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    nginx = Nginx(process, prefix, f"http://127.0.0.1:{port}")
    deadline = time.monotonic() + 10
    while True:
        if process.poll() is not None:
            raise RuntimeError(
                f"nginx did not start: {process.stderr.read().decode() if process.stderr else ''}"
            )
        try:
            if requests.get(nginx.url + "/healthz", timeout=5).status_code == 200:
                return nginx
        except requests.ConnectionError:
            pass
        if time.monotonic() > deadline:
            stop_nginx(nginx)
            raise RuntimeError(f"nginx did not answer:\n{nginx.error_log()}")
        time.sleep(0.05)


def stop_nginx(nginx: Nginx) -> None:
    if nginx.process.poll() is None:
        nginx.process.send_signal(signal.SIGQUIT)  # graceful: requests in flight finish
        try:
            nginx.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            nginx.process.kill()
            nginx.process.wait()


def start_cluster(
    unit: BuildUnit, root: Path, replicas: int = 2, env: dict[str, str] | None = None
) -> Cluster:
    """``replicas`` servers over a copy of ``unit`` in ``root``/build, nginx in front."""
    output = root / "build"
    first = publish_copy(unit, output, KEEP)
    (output / "queries").symlink_to(Path(__file__).resolve().parents[2] / "queries")
    servers: list[Server | BaseException] = [RuntimeError("not started")] * replicas

    def start(number: int) -> None:  # side by side: each start waits for its engines
        try:
            servers[number] = start_server(
                output, f"replica{number}", {**REPLICA_ENV, **(env or {})}
            )
        except BaseException as error:  # reported below, once the others have started
            servers[number] = error

    threads = [threading.Thread(target=start, args=(n,)) for n in range(replicas)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    started = [server for server in servers if isinstance(server, Server)]
    if len(started) < replicas:
        for server in started:
            stop_server(server)
        raise next(error for error in servers if isinstance(error, BaseException))
    addresses = [server.url.removeprefix("http://") for server in started]
    try:
        nginx = start_nginx(root / "nginx", addresses, first.id)
    except BaseException:
        for server in started:
            stop_server(server)
        raise
    return Cluster(output, started, nginx)


def stop_cluster(cluster: Cluster) -> None:
    stop_nginx(cluster.nginx)
    for server in cluster.replicas:
        stop_server(server)
