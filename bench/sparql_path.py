"""The uncached SPARQL path in process: ``.venv/bin/python bench/sparql_path.py``.

Times, for each query of ``bench/run.py``'s EXTRA_QUERIES, in µs per query (best of
rounds):

- ``pyoxigraph``: the query evaluated and serialized in this process (the floor);
- ``engine``: the same through the isolated store (the pipe to an engine process and back);
- ``wsgi``: a GET /sparql through the whole WSGI stack (every layer of ``server/app.py``),
  the response cache defeated by a unique comment per request, as ``bench/run.py`` does.

``--profile NAME`` runs cProfile over the WSGI path of one query instead. Not a test:
numbers depend on what else runs on the machine.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import EXTRA_QUERIES, ensure_build, query_mix  # noqa: E402
from catalogue.publication import unit_of  # noqa: E402
from server.app import create_app, project_prefixes  # noqa: E402
from server.config import ServerConfig  # noqa: E402
from server.service import EXTENSION  # noqa: E402
from server.store.embedded import EmbeddedStore, snapshot  # noqa: E402
from server.store.interface import QueryRequest  # noqa: E402

FORMATS = {"application/sparql-results+json": "json", "text/turtle": "turtle"}


def per_call(run: Callable[[], object], rounds: int, calls: int) -> float:
    """The best over ``rounds`` of the mean µs of ``calls`` calls: the machine is shared,
    and the other processes only ever add time."""
    run()
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        for _ in range(calls):
            run()
        times.append((time.perf_counter() - started) / calls * 1e6)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--calls", type=int, default=300)
    parser.add_argument("--mix", action="store_true", help="the whole mix of bench/run.py")
    parser.add_argument("--profile", choices=sorted(query_mix()))
    args = parser.parse_args()

    store_dir = ensure_build().resolve()
    config = ServerConfig(store=store_dir, access_log="off", rate_limit=None, threads=8)
    app = create_app(config)
    data, info = snapshot(unit_of(store_dir))
    embedded = EmbeddedStore.from_nquads(data, info, project_prefixes())
    wsgi = app.wsgi_app
    counter = [0]

    def wsgi_call(text: str, accept: str) -> Callable[[], object]:
        path = quote(text, safe="")

        def call() -> object:
            counter[0] += 1
            environ = {
                "REQUEST_METHOD": "GET",
                "SCRIPT_NAME": "",
                "PATH_INFO": "/sparql",
                "QUERY_STRING": f"query={path}%0A%23%20{counter[0]}",
                "SERVER_NAME": "127.0.0.1",
                "SERVER_PORT": "8080",
                "SERVER_PROTOCOL": "HTTP/1.1",
                "REMOTE_ADDR": "127.0.0.1",
                "HTTP_HOST": "127.0.0.1:8080",
                "HTTP_ACCEPT": accept,
                "wsgi.url_scheme": "http",
                "wsgi.input": io.BytesIO(),
                "wsgi.errors": sys.stderr,
                "wsgi.multithread": True,
                "wsgi.multiprocess": True,
                "wsgi.run_once": False,
                "wsgi.version": (1, 0),
            }
            status: list[str] = []
            body = b"".join(wsgi(environ, lambda s, h, e=None: status.append(s)))  # type: ignore[misc]
            if not status[0].startswith("200"):
                raise SystemExit(f"{status[0]}: {body[:300]!r}")
            return body

        return call

    isolated = app.extensions[EXTENSION].store

    if args.profile:
        accept, text = query_mix()[args.profile]
        call = wsgi_call(text, accept)
        for _ in range(200):
            call()
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(2000):
            call()
        profiler.disable()
        stats = pstats.Stats(profiler)
        stats.sort_stats("tottime").print_stats(35)
        stats.sort_stats("cumulative").print_stats(50)
        return

    far = time.monotonic() + 3600  # no deadline: the watchdog must not act
    print(f"{'query':<30}{'pyoxigraph':>12}{'engine':>10}{'wsgi':>10}   µs per query")
    queries = query_mix() if args.mix else EXTRA_QUERIES
    for name, (accept, text) in queries.items():
        fmt = FORMATS[accept]
        request = QueryRequest(
            text,
            results_format=fmt if fmt == "json" else None,
            graph_format=fmt if fmt == "turtle" else None,
            base_iri="http://127.0.0.1:8080/sparql",
        )
        floor = per_call(lambda r=request: embedded.query(r, 0.0), args.rounds, args.calls)
        engine = per_call(lambda r=request: isolated.query(r, far), args.rounds, args.calls)
        whole = per_call(wsgi_call(text, accept), args.rounds, args.calls)
        print(f"{name:<30}{floor:>12.1f}{engine:>10.1f}{whole:>10.1f}", flush=True)
    isolated.close()


if __name__ == "__main__":
    main()
