"""What one replica and nginx's cache serve per core: the numbers of docs/deployment.md.

``.venv/bin/python bench/capacity.py`` starts one replica of the current build (build/:
one worker, three engines, access log on) behind nginx from deploy/nginx, and runs
``wrk`` (8 connections, 10 s each) against: a concept document, a page, a repeated
SPARQL query and a SPARQL query no cache has seen, first straight at the replica, then
through nginx. Each run is measured in requests per second of wall time, and in requests
per CPU-second of the processes that answered (the replica with its engines, or nginx):
the second is the per-core figure, and holds on a machine others share, where wall-time
rates do not. The replica's own response cache is switched off for a second round, to
measure an answer made from scratch.

Not a test: the rates depend on the machine; the ratios are what carries over.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.processes import cpu_seconds, descendants  # noqa: E402
from catalogue.publication import BuildUnit, unit_of  # noqa: E402
from server.static_site.site import is_rendered  # noqa: E402
from tests.replicas.cluster_support import start_cluster, stop_cluster  # noqa: E402
from tests.server.endpoint_support import Server  # noqa: E402

DOCUMENT = "/2022/domain/05.ttl"
PAGE = "/2022/domain/05.html"
QUERY = (
    "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
    "SELECT ?d ?n WHERE { ?d skos:notation ?n } ORDER BY ?n"
)
#: wrk sends each request with a new comment in the query: no cache has its answer.
UNIQUE_QUERY_LUA = """
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", "/sparql?query=%s%%20%%23" .. counter .. "x" .. math.random(1000000000))
end
"""


@dataclass
class Run:
    target: str  # replica, replica (no response cache), nginx
    what: str
    requests_per_second: float
    requests_per_cpu_second: float
    bytes_per_answer: int
    p50_ms: float
    p99_ms: float
    non_2xx: int
    cache_hits: float  # share of nginx's answers from its cache (0 when nginx is not asked)


def wrk(url: str, seconds: int, script: Path | None) -> dict[str, float]:
    argv = ["wrk", "-t1", "-c8", f"-d{seconds}s", "--latency"]
    if script:
        argv += ["-s", str(script)]
    out = subprocess.run([*argv, url], capture_output=True, text=True, check=True).stdout
    number = r"([\d.]+)(us|ms|s)"
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}

    def ms(label: str) -> float:
        match = re.search(rf"{label}%\s+{number}", out)
        return round(float(match.group(1)) * scale[match.group(2)], 2) if match else -1.0

    total = re.search(r"(\d+) requests in [\d.]+\w+, ([\d.]+)(B|KB|MB|GB) read", out)
    assert total, out
    unit = {"B": 1, "KB": 1024, "MB": 1024**2, "GB": 1024**3}[total.group(3)]
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    rate = re.search(r"Requests/sec:\s+([\d.]+)", out)
    assert rate, out
    return {
        "requests": int(total.group(1)),
        "bytes": float(total.group(2)) * unit,
        "rate": float(rate.group(1)),
        "p50": ms("50"),
        "p99": ms("99"),
        "non_2xx": int(non_2xx.group(1)) if non_2xx else 0,
    }


def measure(
    target: str,
    base: str,
    processes: set[int],
    seconds: int,
    folder: Path,
    access_log: Callable[[], str] = str,
) -> list[Run]:
    """Each case run by wrk; ``processes`` are those whose CPU time the answers cost."""
    script = folder / "unique.lua"
    script.write_text(UNIQUE_QUERY_LUA % quote(QUERY))
    cases = [
        ("document", base + DOCUMENT, None),
        ("page", base + PAGE, None),
        ("sparql, repeated", f"{base}/sparql?query={quote(QUERY)}", None),
        ("sparql, unique", base, script),
    ]
    runs = []
    for what, url, lua in cases:
        before, logged = cpu_seconds(processes), len(access_log())
        result = wrk(url, seconds, lua)
        used = cpu_seconds(processes) - before
        runs.append(
            Run(
                target,
                what,
                result["rate"],
                round(result["requests"] / used, 1) if used else 0.0,
                int(result["bytes"] / max(1, result["requests"])),
                result["p50"],
                result["p99"],
                int(result["non_2xx"]),
                nginx_hits(access_log()[logged:]),
            )
        )
        print(runs[-1], flush=True)
    return runs


def nginx_hits(access_log: str) -> float:
    statuses = re.findall(r"cache=(\S+)", access_log)
    return round(statuses.count("HIT") / max(1, len(statuses)), 3)


def wait_for_static_site(unit: BuildUnit, timeout: float = 180) -> None:
    """Until the replica's first start has rendered the build's static site (documents
    and pages are measured as served, not as answered before it exists)."""
    deadline = time.monotonic() + timeout
    while not is_rendered(unit):
        if time.monotonic() > deadline:
            raise SystemExit(f"no static site for build {unit.id} after {timeout:.0f} s")
        time.sleep(0.2)
    time.sleep(1)  # each worker loads the site once it is there


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench/capacity.py", description=__doc__)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--build-dir", type=Path, default=ROOT / "build")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "capacity.json")
    args = parser.parse_args(argv)
    runs: list[Run] = []
    env = {"CATALOGUE_ENGINES": "3", "CATALOGUE_CLIENT_ENGINES": "1000"}
    rounds = [
        ("replica", env),
        ("replica, no response cache", {**env, "CATALOGUE_RESPONSE_CACHE_BYTES": "0"}),
    ]
    for name, settings in rounds:
        with tempfile.TemporaryDirectory(prefix="capacity-") as folder:
            cluster = start_cluster(unit_of(args.build_dir), Path(folder), 1, settings)
            try:
                wait_for_static_site(unit_of(cluster.output))
                replica: Server = cluster.replicas[0]
                runs += measure(
                    name, replica.url, descendants(replica.process.pid), args.seconds, Path(folder)
                )
                if name == "replica":  # the whole stack's CPU: nginx's and the replica's
                    stack = descendants(cluster.nginx.process.pid)
                    stack |= descendants(replica.process.pid)
                    log = cluster.nginx.access_log
                    runs += measure("nginx", cluster.url, stack, args.seconds, Path(folder), log)
            finally:
                stop_cluster(cluster)
    print(
        f"{'target':<28} {'what':<18} {'req/s':>8} {'req/CPU-s':>9} {'B/answer':>8} "
        f"{'p50 ms':>7} {'p99 ms':>7} {'non-2xx':>7}"
    )
    for r in runs:
        print(
            f"{r.target:<28} {r.what:<18} {r.requests_per_second:>8.0f} "
            f"{r.requests_per_cpu_second:>9.0f} {r.bytes_per_answer:>8} {r.p50_ms:>7} "
            f"{r.p99_ms:>7} {r.non_2xx:>7}"
        )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps([asdict(r) for r in runs], indent=2) + "\n", encoding="utf-8")
    print(f"written: {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
