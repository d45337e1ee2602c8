"""Benchmark the endpoint against Oxigraph's own server: ``.venv/bin/python bench/run.py``.

Builds the graph if there is no store, then starts, on this machine:

- ours: ``outsourcing-catalogue serve`` as served by default (2 workers, 10 s
  timeout, access log on, response cache on), except a rate limit set so high
  that the limiter runs on every request but never refuses one, and a share of
  the engines per client above the thread count (wrk is one client: it waits
  for an engine as every client did before the share, instead of a 429);
- ``oxigraph serve`` in memory, loaded with build/dumps/catalogue.nq;
- ``oxigraph serve-read-only`` on a copy of the built store;

both Oxigraph servers with ``--union-default-graph``, as ours answers. Then it
runs each query of the mix, and the mix itself (round robin), at concurrency
1, 8 and 32 with ``wrk``, and prints requests/s, p50 and p99 for each, plus our
numbers with the response cache defeated (a unique comment per request), and
the in-process pyoxigraph time of an ASK to show what the Python layer adds.

Not a test: numbers depend on the machine and on what else runs on it.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import requests

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
NS = "https://w3id.org/service-outsourcing/"
SKOS = "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
RESULTS = "application/sparql-results+json"
TURTLE = "text/turtle"

EXTRA_QUERIES = {
    "ask": (RESULTS, "ASK { ?s ?p ?o }"),
    "concept-lookup": (RESULTS, f"SELECT ?p ?o WHERE {{ <{NS}2022/domain/05> ?p ?o }}"),
    "describe": (TURTLE, f"DESCRIBE <{NS}2022/domain/05>"),
    "scheme-construct": (
        TURTLE,
        SKOS + f"CONSTRUCT {{ ?c ?p ?o }} WHERE {{ ?c skos:inScheme <{NS}2022> ; ?p ?o }}",
    ),
}

LUA = """
local requests = {%(requests)s}
local unique = %(unique)s
local counter = 0
function setup(thread)
  thread:set("tid", tostring(math.random(1, 1000000000)))
end
function request()
  counter = counter + 1
  local r = requests[(counter %% #requests) + 1]
  local path = r[1]
  if unique then path = path .. "%%0A%%23%%20" .. tid .. "-" .. counter end
  return wrk.format("GET", path, {["Accept"] = r[2]})
end
"""


@dataclass
class Target:
    name: str
    url: str  # the query endpoint
    unique: bool = False  # defeat response caching with a unique comment per request


@dataclass
class Result:
    rps: float
    p50_us: float
    p99_us: float
    errors: int


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            requests.get(url, timeout=1)
            return
        except requests.ConnectionError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not come up")


def ensure_build() -> Path:
    store = ROOT / "build" / "store"
    if not store.exists():
        print("no build/store: building the graph first", flush=True)
        subprocess.run([sys.executable, str(ROOT / "build_graph.py"), "--quiet"], check=True)
    return store


def start_ours(workdir: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("CATALOGUE_")},
        "CATALOGUE_RATE_LIMIT": "100000000/second",
        "CATALOGUE_CLIENT_ENGINES": "1000",
        "CATALOGUE_ACCESS_LOG": str(workdir / "access.log"),
    }
    process = subprocess.Popen(
        [str(BIN / "outsourcing-catalogue"), "serve", "--port", str(port)],
        env=env,
        stdout=(workdir / "ours.log").open("wb"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    wait_until_up(url + "/healthz")
    for _ in range(20):  # both workers and their engines ready
        requests.get(url + "/healthz", timeout=5)
    return process, url + "/sparql"


def start_oxigraph(args: list[str], workdir: Path, name: str) -> tuple[subprocess.Popen, str]:
    port = free_port()
    process = subprocess.Popen(
        [str(BIN / "oxigraph"), *args, "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
        stdout=(workdir / f"{name}.log").open("wb"),
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    wait_until_up(url)
    return process, url


def stop(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGINT)
    try:
        process.wait(15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def query_mix() -> dict[str, tuple[str, str]]:
    mix = {}
    for path in sorted((ROOT / "queries").glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        form = re.search(r"^\s*(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", text, re.M | re.I)
        graph = form is not None and form.group(1).upper() in ("CONSTRUCT", "DESCRIBE")
        mix[path.stem] = (TURTLE if graph else RESULTS, text)
    mix.update(EXTRA_QUERIES)
    return mix


def wrk(target: Target, queries: list[tuple[str, str]], concurrency: int, seconds: int,
        workdir: Path) -> Result:  # fmt: skip
    base = target.url.split("/", 3)
    prefix = "/" + base[3] if len(base) > 3 else "/"
    items = ", ".join(
        '{"%s?query=%s", "%s"}' % (prefix, quote(text, safe=""), accept)  # noqa: UP031
        for accept, text in queries
    )
    script = workdir / "mix.lua"
    script.write_text(LUA % {"requests": items, "unique": "true" if target.unique else "false"})
    threads = min(concurrency, 2)
    output = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{concurrency}", f"-d{seconds}s", "--latency",
         "-s", str(script), "/".join(base[:3])],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    return Result(
        rps=float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        p50_us=_latency(output, "50%"),
        p99_us=_latency(output, "99%"),
        errors=int(m.group(1))
        if (m := re.search(r"Non-2xx or 3xx responses: (\d+)", output))
        else 0,
    )


def _latency(output: str, percentile: str) -> float:
    value, unit = re.search(rf"{percentile}\s+([\d.]+)(us|ms|s)\b", output).groups()
    return float(value) * {"us": 1, "ms": 1e3, "s": 1e6}[unit]


def in_process_ask(store_dump: Path) -> float:
    """Median µs of the ASK in this process: pyoxigraph in memory, serialized to JSON."""
    import pyoxigraph as ox

    store = ox.Store()
    store.bulk_load(path=str(store_dump), format=ox.RdfFormat.N_QUADS)
    samples = []
    for _ in range(20):
        started = time.perf_counter()
        for _ in range(1000):
            store.query("ASK { ?s ?p ?o }", use_default_graph_as_union=True).serialize(
                format=ox.QueryResultsFormat.JSON
            )
        samples.append((time.perf_counter() - started) / 1000 * 1e6)
    return statistics.median(samples)


def check_answers(targets: list[Target], mix: dict[str, tuple[str, str]]) -> None:
    """Every server answers every query with 200 before anything is timed."""
    for target in targets:
        for name, (accept, text) in mix.items():
            response = requests.get(
                target.url, params={"query": text}, headers={"Accept": accept}, timeout=30
            )
            if response.status_code != 200:
                raise SystemExit(f"{target.name} cannot answer {name}: {response.status_code}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=2, help="per run (default 2)")
    parser.add_argument("--concurrency", default="1,8,32")
    parser.add_argument("--mix-only", action="store_true", help="skip the per-query runs")
    parser.add_argument("--json", type=Path, help="also write the numbers here")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is needed: apt-get install wrk")
    levels = [int(c) for c in args.concurrency.split(",")]

    store = ensure_build().resolve()
    workdir = Path(tempfile.mkdtemp(prefix="catalogue-bench-"))
    copy = workdir / "store-copy"
    shutil.copytree(store, copy)
    dump = ROOT / "build" / "dumps" / "catalogue.nq"
    processes = []
    try:
        ours, ours_url = start_ours(workdir)
        processes.append(ours)
        memory, memory_url = start_oxigraph(["serve"], workdir, "oxigraph-memory")
        processes.append(memory)
        loaded = requests.post(
            memory_url + "/store",
            data=dump.read_bytes(),
            headers={"Content-Type": "application/n-quads"},
            timeout=60,
        )
        loaded.raise_for_status()
        read_only, read_only_url = start_oxigraph(
            ["serve-read-only", "--location", str(copy)], workdir, "oxigraph-read-only"
        )
        processes.append(read_only)
        targets = [
            Target("ours", ours_url),
            Target("ours (cache defeated)", ours_url, unique=True),
            Target("oxigraph serve (memory)", memory_url + "/query"),
            Target("oxigraph serve-read-only", read_only_url + "/query"),
        ]
        mix = query_mix()
        check_answers(targets, mix)
        print(f"query mix: {', '.join(mix)}; {args.seconds:g} s per run", flush=True)

        runs: dict[str, dict[str, dict[int, Result]]] = {}
        names = ([] if args.mix_only else [*mix]) + ["MIX"]
        for name in names:
            queries = [*mix.values()] if name == "MIX" else [mix[name]]
            for target in targets:
                for level in levels:
                    result = wrk(target, queries, level, args.seconds, workdir)
                    runs.setdefault(name, {}).setdefault(target.name, {})[level] = result
            _print_query(name, runs[name], levels)

        ask_in_process = in_process_ask(dump)
        _print_summary(runs, levels, ask_in_process)
        if args.json:
            args.json.write_text(
                json.dumps(
                    {
                        "in_process_ask_us": ask_in_process,
                        "runs": {
                            q: {t: {c: r.__dict__ for c, r in by.items()} for t, by in ts.items()}
                            for q, ts in runs.items()
                        },
                    },
                    indent=2,
                )
            )
    finally:
        for process in processes:
            stop(process)
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


def _print_query(name: str, by_target: dict[str, dict[int, Result]], levels: list[int]) -> None:
    print(f"\n{name}")
    print(f"  {'server':<28}" + "".join(f"{'c=' + str(c):>30}" for c in levels))
    print(f"  {'':<28}" + f"{'req/s    p50 µs    p99 µs':>30}" * len(levels))
    for target, by_level in by_target.items():
        cells = "".join(
            f"{r.rps:>10.0f}{r.p50_us:>10.0f}{r.p99_us:>10.0f}" + ("!" if r.errors else "")
            for r in (by_level[c] for c in levels)
        )
        print(f"  {target:<28}{cells}")
    if any(r.errors for by in by_target.values() for r in by.values()):
        print("  ! some answers were not 2xx/3xx: those numbers do not count")


def _print_summary(runs: dict, levels: list[int], ask_in_process: float) -> None:
    ours, defeated = runs["MIX"]["ours"], runs["MIX"]["ours (cache defeated)"]
    memory = runs["MIX"]["oxigraph serve (memory)"]
    read_only = runs["MIX"]["oxigraph serve-read-only"]
    print("\nratios of requests/s on the mix (ours ÷ peer)")
    for level in levels:
        print(
            f"  c={level:<3} cached: {ours[level].rps / memory[level].rps:5.2f}x memory, "
            f"{ours[level].rps / read_only[level].rps:5.2f}x read-only;   "
            f"cache defeated: {defeated[level].rps / memory[level].rps:5.2f}x memory, "
            f"{defeated[level].rps / read_only[level].rps:5.2f}x read-only"
        )
    if 32 in levels:
        print(
            f"p99 at c=32 on the mix: ours {ours[32].p99_us:.0f} µs "
            f"(cache defeated {defeated[32].p99_us:.0f} µs), "
            f"oxigraph serve {memory[32].p99_us:.0f} µs"
        )
    if "ask" in runs and 1 in levels:
        ask = runs["ask"]
        added = ask["ours (cache defeated)"][1].p50_us - ask_in_process
        peer = ask["oxigraph serve (memory)"][1].p50_us - ask_in_process
        print(
            f"ASK at c=1, cache defeated: p50 {ask['ours (cache defeated)'][1].p50_us:.0f} µs, "
            f"in-process pyoxigraph {ask_in_process:.1f} µs → our HTTP+Python layer adds "
            f"{added:.0f} µs (oxigraph serve's HTTP layer adds {peer:.0f} µs)"
        )


if __name__ == "__main__":
    sys.exit(main())
