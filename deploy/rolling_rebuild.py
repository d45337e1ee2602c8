"""A rolling rebuild: the replicas behind nginx move to a new build one at a time.

For each replica in turn: drain it (marked ``down`` in nginx's upstream, nginx reloaded,
the old nginx workers' requests finished), move it to the new build (SIGHUP to its main
process, or a restart command), wait until it is ready on that build (its old workers
gone and ``/healthz?build=<id>`` answering 200), put it back. The others serve meanwhile,
so no request waits on a replica in between. When all serve the new build, the cache is
switched to it (``build.conf``): no answer of the old build is served from it after that.

    python -m deploy.rolling_rebuild --state /etc/nginx/catalogue --nginx-pid /run/nginx.pid \\
        --build <id> --replica 127.0.0.1:8001=<pid> --replica 127.0.0.1:8002=<pid>
"""

from __future__ import annotations

import argparse
import os
import shlex
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from deploy.nginx_config import write_build, write_replicas

#: How long one step may take before the roll stops (a replica that does not come back on
#: the new build stays out of the balancer: the others go on serving the old one).
STEP_TIMEOUT = 60.0


class RollFailed(RuntimeError):
    """A step did not finish in time; the message says which and what to look at."""


@dataclass(frozen=True)
class Replica:
    address: str  # host:port, as in nginx's upstream
    pid: int | None = None  # its main process, to signal; None when restarted by a command

    @classmethod
    def parse(cls, text: str) -> Replica:
        """``host:port`` or ``host:port=pid``."""
        address, _, pid = text.partition("=")
        return cls(address, int(pid) if pid else None)


def children(pid: int) -> set[int]:
    """The live child processes of ``pid`` (a granian main process's are its workers)."""
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found.update(int(child) for child in (task / "children").read_text().split())
        except OSError:  # the task ended while read
            continue
    return found


def wait_until(check: Callable[[], bool], what: str, timeout: float = STEP_TIMEOUT) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise RollFailed(f"not within {timeout:g} s: {what}")
        time.sleep(0.05)


def reload_nginx(pid_file: Path) -> None:
    """SIGHUP to nginx's master, then wait until its old workers have gone: they finish the
    requests they hold first, so a replica taken out is drained when this returns. A
    configuration nginx refuses keeps the old workers, and this times out saying so."""
    master = int(pid_file.read_text().split()[0])
    old = children(master)
    os.kill(master, signal.SIGHUP)
    wait_until(
        lambda: not (old & children(master)) and bool(children(master)),
        f"nginx (pid {master}) reloaded; if not, its error log says why (nginx -t)",
    )


def serves(address: str, build_id: str) -> bool:
    """Whether the replica answers its readiness check for ``build_id`` with 200."""
    url = f"http://{address}/healthz?build={build_id}"
    try:
        with urllib.request.urlopen(url, timeout=2) as answer:
            return bool(answer.status == 200)
    except (urllib.error.URLError, OSError):
        return False


def move(replica: Replica, build_id: str, restart: str | None) -> None:
    """The replica onto ``build_id``, returning once only workers on it are left."""
    pid = replica.pid
    if pid is not None:
        old = children(pid)
        os.kill(pid, signal.SIGHUP)  # granian starts new workers, then stops the old ones
        wait_until(
            lambda: not (old & children(pid)), f"the old workers of {replica.address} stopped"
        )
    elif restart:
        host, _, port = replica.address.rpartition(":")
        command = restart.format(address=replica.address, host=host, port=port)
        subprocess.run(shlex.split(command), check=True)
    else:
        raise RollFailed(f"{replica.address}: no pid to signal and no restart command")
    wait_until(
        lambda: serves(replica.address, build_id),
        f"{replica.address} answers /healthz?build={build_id}",
    )


def roll(
    state_dir: Path,
    nginx_pid: Path,
    replicas: Sequence[Replica],
    build_id: str,
    restart: str | None = None,
    log: Callable[[str], None] = lambda line: None,
) -> None:
    addresses = [replica.address for replica in replicas]
    for replica in replicas:
        started = time.monotonic()
        write_replicas(state_dir, addresses, down=[replica.address])
        reload_nginx(nginx_pid)
        drained = time.monotonic()
        move(replica, build_id, restart)
        moved = time.monotonic()
        write_replicas(state_dir, addresses)
        reload_nginx(nginx_pid)
        log(
            f"{replica.address}: drained in {drained - started:.2f} s, on {build_id} in "
            f"{moved - drained:.2f} s, back in {time.monotonic() - moved:.2f} s"
        )
    write_build(state_dir, build_id)
    reload_nginx(nginx_pid)
    log(f"the cache is keyed on {build_id}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m deploy.rolling_rebuild", description=__doc__)
    parser.add_argument("--state", type=Path, required=True, help="replicas.conf's folder")
    parser.add_argument("--nginx-pid", type=Path, required=True, help="nginx's pid file")
    parser.add_argument("--build", required=True, help="the build id to move to")
    parser.add_argument(
        "--replica", action="append", required=True, help="host:port=pid (or host:port)"
    )
    parser.add_argument(
        "--restart",
        help="command restarting a replica given without pid, e.g. "
        "'systemctl restart outsourcing-catalogue@{port}'",
    )
    args = parser.parse_args(argv)
    try:
        replicas = [Replica.parse(text) for text in args.replica]
        roll(args.state, args.nginx_pid, replicas, args.build, args.restart, print)
    except (RollFailed, ValueError, OSError, subprocess.CalledProcessError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
