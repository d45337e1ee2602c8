"""Evaluate `classify`, time search and classify: ``.venv/bin/python bench/classify/evaluate.py``.

Reads ``cases.tsv`` beside this file and the search index of the last build
(``build/search/index.sqlite``; ``--build-dir`` for another). Reports:

- P@1: of the descriptions that belong to a key domain, the share whose first
  answer is in one of the expected domains (an abstention counts as wrong);
- P@3: the share with an expected domain among the first three distinct domains;
- abstention accuracy: of the descriptions that match no key domain, the share
  for which classify says "no key domain matches";
- p50 and p95 latency of search (the issue's queries and suggestion prefixes)
  and of classify (every case), in this process, through the WSGI app, and, with
  ``--url``, over HTTP to a running ``outsourcing-catalogue serve``.

``--failures`` lists what went wrong, ``--json`` prints the numbers for programs.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from catalogue.search.classifier import Classification, Classifier  # noqa: E402
from catalogue.search.index_reader import SearchIndex  # noqa: E402
from catalogue.search.searcher import Searcher  # noqa: E402

CASES = Path(__file__).with_name("cases.tsv")
SEARCH_QUERIES = [
    "网络安全", "人脸识别服务", "软件开发", "芯片设计", "AI", "renlian", "05", "6.9", "ITO",
    "cloud", "face recogniton", "網絡安全", "人", "人脸", "维修", "数据标注", "SaaS", "代运营",
]  # fmt: skip


def read_cases(path: Path = CASES) -> list[tuple[set[str], str, str]]:
    cases = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        expected, kind, text = line.split("\t")
        cases.append((set() if expected == "-" else set(expected.split(",")), kind, text))
    return cases


def domains_in_order(index: SearchIndex, answer: Classification) -> list[str]:
    seen: list[str] = []
    for result in answer.results:
        domain = result.concept.domain
        notation = index.concepts[domain].notation if domain else result.concept.notation
        if notation not in seen:
            seen.append(notation)
    return seen


def evaluate(index: SearchIndex) -> tuple[dict, list[str]]:
    classifier = Classifier(index)
    cases = read_cases()
    hits1 = hits3 = positives = abstained_right = negatives = false_abstentions = 0
    failures: list[str] = []
    for expected, _kind, text in cases:
        answer = classifier.classify(text)
        domains = domains_in_order(index, answer) if answer.matched else []
        if expected:
            positives += 1
            first = bool(domains) and domains[0] in expected
            hits1 += first
            hits3 += bool(set(domains[:3]) & expected)
            false_abstentions += not answer.matched
            if not first:
                failures.append(f"P@1 {','.join(sorted(expected))} ← {domains[:3]} {text}")
        else:
            negatives += 1
            abstained_right += not answer.matched
            if answer.matched:
                failures.append(f"ABST  - ← {domains[:3]} {text}")
    numbers = {
        "cases": len(cases),
        "positives": positives,
        "negatives": negatives,
        "p_at_1": round(hits1 / positives, 3),
        "p_at_3": round(hits3 / positives, 3),
        "abstention_accuracy": round(abstained_right / negatives, 3),
        "false_abstentions": false_abstentions,
    }
    return numbers, failures


def latencies(index: SearchIndex, build_dir: Path, url: str | None = None) -> dict:
    searcher, classifier = Searcher(index), Classifier(index)
    texts = [text for _, _, text in read_cases()]
    timings: dict[str, list[float]] = {"search": [], "classify": []}
    for _ in range(5):
        for query in SEARCH_QUERIES:
            start = time.perf_counter()
            searcher.search(query, limit=20)
            timings["search"].append(time.perf_counter() - start)
        for text in texts:
            start = time.perf_counter()
            classifier.classify(text)
            timings["classify"].append(time.perf_counter() - start)
    timings.update(_through_wsgi(build_dir, texts))
    if url:
        timings.update(over_http(url.rstrip("/"), texts))
    return {
        name: {
            "p50_ms": round(statistics.median(values) * 1000, 2),
            "p95_ms": round(statistics.quantiles(values, n=20)[18] * 1000, 2),
            "n": len(values),
        }
        for name, values in timings.items()
        if values
    }


def _through_wsgi(build_dir: Path, texts: list[str]) -> dict[str, list[float]]:
    """The same requests through the whole WSGI app (middleware, JSON), without a socket:
    what the server adds to the engine, minus the network."""
    try:
        from server.app import create_app
        from server.config import ServerConfig
    except ImportError:
        return {}
    config = ServerConfig(store=build_dir / "store", rate_limit=None, access_log="off")
    app = create_app(config)
    client = app.test_client()
    timings: dict[str, list[float]] = {"search (WSGI, JSON)": [], "classify (WSGI, JSON)": []}
    headers = {"Accept": "application/json"}
    # the first request of a worker opens the index: not what a typical query costs
    client.get("/search", query_string={"q": "warm-up"}, headers=headers)
    client.get("/classify", query_string={"text": "warm-up"}, headers=headers)
    for round_ in range(3):
        for query in SEARCH_QUERIES:
            start = time.perf_counter()
            # a new query string each round: the response cache must not answer
            client.get("/search", query_string={"q": query, "r": round_}, headers=headers)
            timings["search (WSGI, JSON)"].append(time.perf_counter() - start)
        for text in texts:
            start = time.perf_counter()
            client.get("/classify", query_string={"text": text, "r": round_}, headers=headers)
            timings["classify (WSGI, JSON)"].append(time.perf_counter() - start)
    return timings


def over_http(url: str, texts: list[str]) -> dict[str, list[float]]:
    """The same requests to a running server (``--url``), one keep-alive connection."""
    import requests

    session = requests.Session()
    headers = {"Accept": "application/json"}
    timings: dict[str, list[float]] = {"search (HTTP)": [], "classify (HTTP)": []}
    for round_ in range(3):
        for query in SEARCH_QUERIES:
            start = time.perf_counter()
            session.get(
                f"{url}/search", params={"q": query, "r": round_}, headers=headers
            ).raise_for_status()
            timings["search (HTTP)"].append(time.perf_counter() - start)
        for text in texts:
            start = time.perf_counter()
            session.get(
                f"{url}/classify", params={"text": text, "r": round_}, headers=headers
            ).raise_for_status()
            timings["classify (HTTP)"].append(time.perf_counter() - start)
    return timings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--build-dir", type=Path, default=ROOT / "build")
    parser.add_argument("--failures", action="store_true", help="list every miss")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--no-timing", action="store_true")
    parser.add_argument("--url", help="also time a running server, e.g. http://127.0.0.1:8080")
    args = parser.parse_args()
    index = SearchIndex.in_build(args.build_dir)
    numbers, failures = evaluate(index)
    if not args.no_timing:
        numbers["latency"] = latencies(index, args.build_dir, args.url)
    if args.json:
        print(json.dumps(numbers, indent=1))
    else:
        print(
            f"{numbers['cases']} cases ({numbers['positives']} in a key domain, "
            f"{numbers['negatives']} in none)\n"
            f"  P@1 {numbers['p_at_1']:.3f}   (target 0.90)\n"
            f"  P@3 {numbers['p_at_3']:.3f}   (target 0.97)\n"
            f"  abstention accuracy {numbers['abstention_accuracy']:.3f}   (target 0.90); "
            f"{numbers['false_abstentions']} descriptions of a domain abstained on"
        )
        for name, timing in numbers.get("latency", {}).items():
            print(
                f"  {name}: p50 {timing['p50_ms']} ms, p95 {timing['p95_ms']} ms "
                f"({timing['n']} runs)"
            )
    if args.failures:
        print("\n".join(failures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
