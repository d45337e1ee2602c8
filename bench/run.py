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

Then the site: each RDF document of one concept, its page, the tree, a search
page, and every document of every resource round robin (a crawler), on ours
cached (as served) and uncached (a second server, ``--response-cache-bytes 0``),
beside ``oxigraph serve`` answering DESCRIBE of the same concept, with the
ratios. The static site is rendered before the servers start. The memory of
each of our servers (RSS of the main process, its workers and engines) is
sampled at rest and throughout the runs (peak).

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
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

import requests

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT))

from bench.processes import rss_bytes  # noqa: E402

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


def start_ours(workdir: Path, *options: str, name: str = "ours") -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("CATALOGUE_")},
        "CATALOGUE_RATE_LIMIT": "100000000/second",
        "CATALOGUE_CLIENT_ENGINES": "1000",
        "CATALOGUE_ACCESS_LOG": str(workdir / f"{name}-access.log"),
    }
    process = subprocess.Popen(
        [str(BIN / "outsourcing-catalogue"), "serve", "--port", str(port), *options],
        env=env,
        stdout=(workdir / f"{name}.log").open("wb"),
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
    paths = [(f"{prefix}?query={quote(text, safe='')}", accept) for accept, text in queries]
    return wrk_paths("/".join(base[:3]), paths, concurrency, seconds, workdir, target.unique)


def wrk_paths(origin: str, paths: list[tuple[str, str]], concurrency: int, seconds: int,
              workdir: Path, unique: bool = False) -> Result:  # fmt: skip
    """``wrk`` at ``origin``, GETting ``paths`` (path, Accept) round robin."""
    items = ", ".join('{"%s", "%s"}' % (path, accept) for path, accept in paths)  # noqa: UP031
    script = workdir / "mix.lua"
    script.write_text(LUA % {"requests": items, "unique": "true" if unique else "false"})
    threads = min(concurrency, 2)
    output = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{concurrency}", f"-d{seconds}s", "--latency",
         "-s", str(script), origin],
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


#: The site's requests: one concept's documents and page, the tree, a search page.
CONCEPT_PATH = "/2022/domain/05"
SITE_REQUESTS = {
    **{
        f"document .{ext}": [(f"{CONCEPT_PATH}.{ext}", "*/*")]
        for ext in ("ttl", "nt", "rdf", "jsonld")
    },
    "concept page": [(f"{CONCEPT_PATH}.html", "text/html")],
    "the tree": [("/2022.html", "text/html")],
    "search page": [("/search?q=" + quote("电子商务"), "text/html")],
}
#: What the issue's targets compare with (uncached ÷ DESCRIBE of the same concept).
SITE_TARGETS = {"document": 0.25, "concept page": 0.12, "the tree": 0.12, "search page": 0.12}
DESCRIBE = "oxigraph serve DESCRIBE"


def crawl_paths(origin: str) -> list[tuple[str, str]]:
    """Every resource's four RDF documents, from the sitemap: what a crawler walks, each
    asked once per round, so a response cache holds little of it."""
    sitemap = requests.get(origin + "/sitemap.xml", timeout=30).text
    pages = [urlsplit(loc).path for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap)]
    return [
        (page.removesuffix(".html") + "." + ext, "*/*")
        for page in pages
        if page.endswith(".html")
        for ext in ("ttl", "nt", "rdf", "jsonld")
    ]


class MemoryWatch(threading.Thread):
    """The peak of ``rss_bytes`` for each server, sampled every quarter second."""

    def __init__(self, servers: dict[str, int]) -> None:
        super().__init__(daemon=True)
        self.servers = servers
        self.peak = dict.fromkeys(servers, 0)
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.wait(0.25):
            for name, pid in self.servers.items():
                self.peak[name] = max(self.peak[name], rss_bytes(pid))


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
    parser.add_argument("--no-site", action="store_true", help="skip the site's requests")
    parser.add_argument("--site-only", action="store_true", help="only the site's requests")
    parser.add_argument("--json", type=Path, help="also write the numbers here")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is needed: apt-get install wrk")
    levels = [int(c) for c in args.concurrency.split(",")]

    store = ensure_build().resolve()
    if not args.no_site:
        from catalogue.publication import unit_of
        from server.static_site.render import ensure_rendered

        # What a server does at its first start on a build, done before any is timed.
        ensure_rendered(unit_of(store))
    workdir = Path(tempfile.mkdtemp(prefix="catalogue-bench-"))
    copy = workdir / "store-copy"
    shutil.copytree(store, copy)
    dump = ROOT / "build" / "dumps" / "catalogue.nq"
    processes = []
    try:
        ours, ours_url = start_ours(workdir)
        processes.append(ours)
        servers = {"ours": ours.pid}
        if not args.no_site:
            uncached, uncached_url = start_ours(
                workdir, "--response-cache-bytes", "0", name="ours-uncached"
            )
            processes.append(uncached)
            servers["ours, uncached"] = uncached.pid
        at_rest = {name: rss_bytes(pid) for name, pid in servers.items()}
        watch = MemoryWatch(servers)
        watch.start()
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
        names = [] if args.site_only else ([] if args.mix_only else [*mix]) + ["MIX"]
        for name in names:
            queries = [*mix.values()] if name == "MIX" else [mix[name]]
            for target in targets:
                for level in levels:
                    result = wrk(target, queries, level, args.seconds, workdir)
                    runs.setdefault(name, {}).setdefault(target.name, {})[level] = result
            _print_query(name, runs[name], levels)

        site: dict[str, dict[str, dict[int, Result]]] = {}
        if not args.no_site:
            origins = {
                "ours": ours_url.removesuffix("/sparql"),
                "ours, uncached": uncached_url.removesuffix("/sparql"),
            }
            describe = [(f"/query?query={quote(f'DESCRIBE <{NS}{CONCEPT_PATH[1:]}>')}", TURTLE)]
            requests_ = {**SITE_REQUESTS, "crawl (every document)": crawl_paths(origins["ours"])}
            reference = requests.get(memory_url + describe[0][0], headers={"Accept": TURTLE})
            document = requests.get(origins["ours"] + CONCEPT_PATH + ".ttl")
            print(
                f"\nthe reference: DESCRIBE <{NS}{CONCEPT_PATH[1:]}> by oxigraph serve, "
                f"{len(reference.content):,} bytes of Turtle (ours: {len(document.content):,}, "
                "with its neighbours' names, notes and hierarchy)",
                flush=True,
            )
            for level in levels:
                result = wrk_paths(memory_url, describe, level, args.seconds, workdir)
                site.setdefault(DESCRIBE, {}).setdefault("oxigraph serve (memory)", {})[level] = (
                    result
                )
            for name, paths in requests_.items():
                for server, origin in origins.items():
                    for level in levels:
                        result = wrk_paths(origin, paths, level, args.seconds, workdir)
                        site.setdefault(name, {}).setdefault(server, {})[level] = result
                _print_query(name, site[name], levels)
            _print_query(DESCRIBE, site[DESCRIBE], levels)
        watch.stopped.set()
        watch.join()

        ask_in_process = in_process_ask(dump) if runs else 0.0
        if runs:
            _print_summary(runs, levels, ask_in_process)
        if site:
            _print_site_summary(site, levels)
        _print_memory(at_rest, watch.peak)
        if args.json:
            args.json.write_text(
                json.dumps(
                    {
                        "in_process_ask_us": ask_in_process,
                        "runs": _plain(runs),
                        "site": _plain(site),
                        "memory": {"at_rest": at_rest, "peak": watch.peak},
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


def _plain(runs: dict[str, dict[str, dict[int, Result]]]) -> dict:
    return {
        q: {t: {c: r.__dict__ for c, r in by.items()} for t, by in ts.items()}
        for q, ts in runs.items()
    }


def _print_site_summary(site: dict[str, dict[str, dict[int, Result]]], levels: list[int]) -> None:
    """Cached and uncached side by side, each ÷ DESCRIBE of the same concept (the issue's
    reference), with the target the uncached ratio is held to."""
    describe = site[DESCRIBE]["oxigraph serve (memory)"]
    print("\nthe site: requests/s, ours cached and uncached, ÷ oxigraph serve DESCRIBE")
    for level in levels:
        reference = describe[level].rps
        print(f"  c={level}: oxigraph serve DESCRIBE of the same concept {reference:,.0f} req/s")
        for name, by_server in site.items():
            if name == DESCRIBE:
                continue
            cached, uncached = by_server["ours"][level], by_server["ours, uncached"][level]
            target = next((t for k, t in SITE_TARGETS.items() if name.startswith(k)), None)
            verdict = ""
            if target is not None:
                met = uncached.rps / reference >= target
                verdict = f"  target ≥ {target:.2f}x: {'met' if met else 'NOT met'}"
            print(
                f"    {name:<24} cached {cached.rps:>8,.0f} ({cached.rps / reference:5.2f}x)"
                f"   uncached {uncached.rps:>8,.0f} ({uncached.rps / reference:5.2f}x){verdict}"
                + ("  !errors" if cached.errors or uncached.errors else "")
            )


def _print_memory(at_rest: dict[str, int], peak: dict[str, int]) -> None:
    print("\nserver memory, RSS of the main process, workers and engines summed (MiB)")
    for name in at_rest:
        print(
            f"  {name:<16} at rest {at_rest[name] / 2**20:7.1f}   "
            f"peak {max(peak[name], at_rest[name]) / 2**20:7.1f}"
        )


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
