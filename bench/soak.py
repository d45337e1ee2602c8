"""A bounded soak: replicas behind nginx, a steady mix of requests, per-minute samples.

``.venv/bin/python bench/soak.py`` (or ``make soak``) starts two replicas of the current
build (build/, one worker and one engine each) behind nginx from deploy/nginx, exactly as
tests/replicas does, and sends a steady, moderate rate for 10 minutes over loopback:
SPARQL (repeated queries the cache holds, and unique ones it cannot), concept documents
in several formats, pages, and search. Each minute it samples the memory (PSS, so pages
shared between a server and its workers count once) of every server process and of nginx,
and the p50/p99 latency, errors and cache hits of that minute's requests. It prints a
table and writes JSON. The claim to check: memory and latency flat over time.

Not a test, and not a benchmark of the maximum rate: numbers depend on what else runs.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import requests

# The cluster is started by the same code as the tests' (tests/replicas/cluster_support).
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.processes import descendants, pss_mib  # noqa: E402
from catalogue.publication import unit_of  # noqa: E402
from tests.replicas.cluster_support import Cluster, start_cluster, stop_cluster  # noqa: E402
from tests.server.endpoint_support import session_from  # noqa: E402

CONCEPTS = (
    "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
    "SELECT ?c WHERE { ?c a skos:Concept } ORDER BY ?c"
)
REPEATED_QUERIES = [
    CONCEPTS,
    "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
    "SELECT ?d ?n WHERE { ?d skos:notation ?n } ORDER BY ?n",
    "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
    'SELECT ?c ?l WHERE { ?c skos:prefLabel ?l FILTER(CONTAINS(?l, "数据")) }',
]
SEARCHES = ["人脸识别", "软件", "数据", "design", "cloud", "物流", "ruanjian", "金融"]
FORMATS = ["html", "ttl", "jsonld", "rdf"]


@dataclass
class Answer:
    kind: str
    done: float
    seconds: float
    status: int  # 0: no answer (connection error)
    cache: str
    size: int


@dataclass
class Minute:
    minute: int
    requests: int
    errors: int
    p50_ms: float
    p99_ms: float
    hit_ratio: float
    kib_per_answer: float
    replicas_mib: float
    nginx_mib: float


class Mix:
    """What one request asks for, drawn at random with fixed weights."""

    def __init__(self, concepts: list[str], seed: int) -> None:
        self.paths = [c.removeprefix("https://w3id.org/service-outsourcing") for c in concepts]
        self.random = random.Random(seed)
        self.counter = 0

    def next(self) -> tuple[str, str, dict[str, str]]:
        r = self.random.random()
        if r < 0.35:
            path = self.random.choice(self.paths)
            return "document", f"{path}.{self.random.choice(FORMATS[1:])}", {}
        if r < 0.60:
            return "page", f"{self.random.choice(self.paths)}.html", {}
        if r < 0.75:
            return "sparql", "/sparql", {"query": self.random.choice(REPEATED_QUERIES)}
        if r < 0.85:  # a query no cache has seen: the engines work every time
            self.counter += 1
            query = f"{self.random.choice(REPEATED_QUERIES)} # soak {self.counter}"
            return "sparql-uncached", "/sparql", {"query": query}
        return "search", "/search", {"q": self.random.choice(SEARCHES), "format": "json"}


def client(
    cluster: Cluster,
    number: int,
    mix: Mix,
    interval: float,
    start: float,
    end: float,
    answers: list[Answer],
) -> None:
    """Sends one request every ``interval`` seconds, on a schedule: a slow answer does not
    slow the rate down (the next one goes out at its time, or at once when late)."""
    session = session_from(f"127.0.1.{number + 1}")  # a distinct client per thread
    due = start + interval * random.Random(number).random()
    while due < end:
        time.sleep(max(0.0, due - time.monotonic()))
        kind, path, params = mix.next()
        sent = time.monotonic()
        try:
            response = session.get(cluster.url + path, params=params, timeout=30)
            status, cache, size = (
                response.status_code,
                response.headers.get("X-Cache-Status", ""),
                len(response.content),
            )
        except requests.RequestException:
            status, cache, size = 0, "", 0
        done = time.monotonic()
        answers.append(Answer(kind, done, done - sent, status, cache, size))
        due += interval


def percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def summarise(number: int, answers: list[Answer], cluster: Cluster) -> Minute:
    seconds = [a.seconds for a in answers]
    cached = [a for a in answers if a.status == 200 and a.cache]
    replicas = set().union(*(descendants(s.process.pid) for s in cluster.replicas))
    return Minute(
        minute=number,
        requests=len(answers),
        errors=sum(a.status != 200 for a in answers),
        p50_ms=round(statistics.median(seconds) * 1000, 1) if seconds else 0.0,
        p99_ms=round(percentile(seconds, 0.99) * 1000, 1),
        hit_ratio=round(sum(a.cache == "HIT" for a in cached) / max(1, len(cached)), 3),
        kib_per_answer=round(sum(a.size for a in answers) / max(1, len(answers)) / 1024, 1),
        replicas_mib=pss_mib(replicas),
        nginx_mib=pss_mib(descendants(cluster.nginx.process.pid)),
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench/soak.py", description=__doc__)
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--sample", type=float, default=60.0, help="seconds per sample")
    parser.add_argument("--rate", type=float, default=40.0, help="requests per second in all")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--replicas", type=int, default=2)
    parser.add_argument("--build-dir", type=Path, default=ROOT / "build")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "soak.json")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="soak-") as folder:
        cluster = start_cluster(unit_of(args.build_dir), Path(folder), args.replicas)
        try:
            concepts = requests.get(
                cluster.url + "/sparql",
                params={"query": CONCEPTS},
                headers={"Accept": "application/sparql-results+json"},
                timeout=30,
            ).json()["results"]["bindings"]
            mix = Mix([row["c"]["value"] for row in concepts], seed=14)
            minutes = run(cluster, mix, args)
        finally:
            stop_cluster(cluster)

    print(
        f"{'min':>4} {'requests':>8} {'errors':>6} {'p50 ms':>7} {'p99 ms':>7} "
        f"{'hits':>5} {'KiB/ans':>7} {'replicas MiB':>12} {'nginx MiB':>9}"
    )
    for m in minutes:
        print(
            f"{m.minute:>4} {m.requests:>8} {m.errors:>6} {m.p50_ms:>7} {m.p99_ms:>7} "
            f"{m.hit_ratio:>5} {m.kib_per_answer:>7} {m.replicas_mib:>12} {m.nginx_mib:>9}"
        )
    report = {
        "settings": {k: str(v) for k, v in vars(args).items()},
        "concepts": len(mix.paths),
        "minutes": [asdict(m) for m in minutes],
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"written: {args.out}")
    return 1 if any(m.errors for m in minutes) else 0


def run(cluster: Cluster, mix: Mix, args: argparse.Namespace) -> list[Minute]:
    answers: list[Answer] = []
    start = time.monotonic()
    end = start + args.minutes * 60
    interval = args.clients / args.rate
    threads = [
        threading.Thread(target=client, args=(cluster, n, mix, interval, start, end, answers))
        for n in range(args.clients)
    ]
    for thread in threads:
        thread.start()
    minutes: list[Minute] = []
    boundary = start
    while boundary + args.sample <= end + 0.001:
        boundary += args.sample
        time.sleep(max(0.0, boundary - time.monotonic()))
        window = [a for a in list(answers) if boundary - args.sample <= a.done < boundary]
        minutes.append(summarise(len(minutes) + 1, window, cluster))
        print(minutes[-1], flush=True)
    for thread in threads:
        thread.join()
    return minutes


if __name__ == "__main__":
    raise SystemExit(main())
