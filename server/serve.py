"""``outsourcing-catalogue serve``: the endpoint under granian, a production WSGI server.

granian (Rust) parses HTTP and keeps connections alive; each of its worker
processes runs the Flask app on a pool of threads (``server.wsgi``). Measured
here, it answers a trivial WSGI app at ~40,000 requests/s on two cores where
gunicorn's threaded workers manage ~8,500: the HTTP layer was most of the cost.

Every option can also be set as a ``CATALOGUE_*`` environment variable (see
``config.py``); a command-line option wins over the environment.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path

from catalogue.remote.engines import AUTO, ENGINES
from catalogue.settings import BuildSettings
from server.config import ServerConfig
from server.skosmos_rest.vocabulary import VOCID

#: option → ServerConfig field, for the options whose names differ.
_FIELDS = {"timeout": "query_timeout"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    d = ServerConfig()
    add = parser.add_argument
    add("--host", help=f"address to listen on (env CATALOGUE_HOST; default {d.host})")
    add("--port", type=int, help=f"port (env CATALOGUE_PORT; default {d.port})")
    add(
        "--workers", type=int, help=f"worker processes (env CATALOGUE_WORKERS; default {d.workers})"
    )
    add("--threads", type=int, help=f"request threads per worker (default {d.threads})")
    add("--engines", type=int, help=f"query engine processes per worker (default {d.engines})")
    add(
        "--timeout",
        type=float,
        help=f"seconds a query may run (env CATALOGUE_QUERY_TIMEOUT; default {d.query_timeout:g})",
    )
    add("--store", type=Path, help="the built store (env CATALOGUE_STORE; default build/store)")
    add(
        "--store-url",
        help="answer from the build published to this SPARQL store (env CATALOGUE_STORE_URL)",
    )
    add(
        "--store-engine",
        choices=(AUTO, *ENGINES),
        help="the store's engine (env CATALOGUE_STORE_ENGINE; default auto: its Server header)",
    )
    add(
        "--public-url", help="the URL the public reaches this service at (env CATALOGUE_PUBLIC_URL)"
    )
    add(
        "--trusted-proxies",
        type=int,
        help="reverse proxies whose X-Forwarded-* headers to believe (default 0)",
    )
    add("--cors-origins", help="comma-separated origins allowed to read answers (default *)")
    add("--max-url-bytes", type=int, help=f"longest URL (default {d.max_url_bytes})")
    add("--max-body-bytes", type=int, help=f"largest POST body (default {d.max_body_bytes})")
    add("--max-nesting", type=int, help=f"deepest bracket nesting (default {d.max_nesting})")
    add(
        "--max-header-bytes",
        type=int,
        help=f"largest request header fields (default {d.max_header_bytes})",
    )
    add(
        "--header-timeout",
        type=float,
        help=f"seconds to send a request head; also the idle limit (default {d.header_timeout:g})",
    )
    add("--body-timeout", type=float, help=f"seconds to send a body (default {d.body_timeout:g})")
    add(
        "--send-timeout",
        type=float,
        help=f"seconds a chunk of an answer may wait to be read (default {d.send_timeout:g})",
    )
    add(
        "--max-connections",
        type=int,
        help=f"open connections per worker, idle ones too (default {d.max_connections})",
    )
    add(
        "--rate-limit",
        help=f"per client, e.g. 100/second, 6000/minute, off (default {d.rate_limit})",
    )
    add("--rate-burst", type=int, help="requests a client may send at once")
    add(
        "--engine-sandbox",
        choices=("on", "off"),
        help="run query engines in a network namespace of their own (default on)",
    )
    add(
        "--client-engines",
        type=int,
        help="query engines of a worker one client may hold at once (default: all but one)",
    )
    add(
        "--static-site",
        choices=("on", "off"),
        help="answer documents and data pages from the build's static site (default on)",
    )
    add("--max-age", type=int, help=f"Cache-Control max-age in seconds (default {d.max_age})")
    add("--response-cache-bytes", type=int, help="bytes of answers cached per worker; 0: off")
    add("--access-log", help="'-' (stderr, default), a file, or 'off'")
    add("--examples-dir", type=Path, help="folder of example queries (default queries/)")


def command(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    build_options: Callable[[argparse.ArgumentParser], None],
) -> Callable[[argparse.Namespace, BuildSettings], int]:
    """``outsourcing-catalogue serve``, plugged into the console command from here (the
    entry point in pyproject.toml), so the build package does not import the server."""
    serve_parser = commands.add_parser(
        "serve", help="run the SPARQL 1.1 endpoint over the built store"
    )
    build_options(serve_parser)
    add_arguments(serve_parser)
    return lambda args, settings: run_from_arguments(args, settings.store_dir)


def run_from_arguments(args: argparse.Namespace, default_store: Path) -> int:
    """Options become the ``CATALOGUE_*`` variables they stand for, over the environment,
    and are parsed once, by ``ServerConfig.from_environment``: an option and its
    variable cannot mean two things (``--rate-limit off`` was once ignored)."""
    environ = dict(os.environ)
    for name, value in vars(args).items():
        if value is None:
            continue
        field = _FIELDS.get(name, name)
        if field in ServerConfig.__dataclass_fields__ or field == "rate_burst":
            environ["CATALOGUE_" + field.upper()] = str(value)
    if "CATALOGUE_STORE" not in environ and "CATALOGUE_BUILD_DIR" not in environ:
        environ["CATALOGUE_STORE"] = str(default_store)
    try:
        config = ServerConfig.from_environment(environ)
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return serve(config)


def serve(config: ServerConfig) -> int:
    from granian import Granian

    from server.http.front.options import (
        connections_per_worker,
        granian_options,
        raise_descriptor_limit,
    )
    from server.http.ratelimit import create_table

    info = _check_store(config)
    if info is None:
        return 1
    if not config.store_url and config.engine_sandbox:
        from server.store.sandbox import check

        why = check()
        if why is not None:
            print(f"error: {why}", file=sys.stderr)
            return 1
    connections = connections_per_worker(config, raise_descriptor_limit())
    table = create_table() if config.rate_limit else None
    os.environ.update(config.to_environment())
    if table:
        os.environ["CATALOGUE_RATE_LIMIT_FILE"] = str(table)
    print(_banner(config, info, connections), flush=True)
    try:
        Granian(
            "server.asgi:create_asgi_app",
            factory=True,
            address=config.host,
            port=config.port,
            # The options are typed per key by granian; a dict of them is typed as one.
            **granian_options(config, connections),  # type: ignore[arg-type]
        ).serve()
    finally:
        if table:
            table.unlink(missing_ok=True)
    return 0


def _check_store(config: ServerConfig) -> object | None:
    if config.store_url:
        from server.app import project_prefixes
        from server.store.interface import StoreError
        from server.store.remote import RemoteStore

        try:
            remote = RemoteStore(config.store_url, project_prefixes(), config.store_engine)
        except (StoreError, ValueError) as error:
            print(f"error: the store at {config.store_url}: {error}", file=sys.stderr)
            return None
        info = remote.info
        return (
            f"build {info.build_id} ({info.quads:,} statements in {len(info.graphs)} named "
            f"graphs) from the {remote.engine.name} store {config.store_url}"
        )
    from catalogue.publication import unit_of
    from server.store.embedded import snapshot

    try:
        build = unit_of(config.store)
        _, info = snapshot(build)
    except (FileNotFoundError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return None
    return (
        f"build {info.build_id} ({info.quads:,} statements in {len(info.graphs)} named graphs, "
        f"from {build.root})"
    )


def _banner(config: ServerConfig, source: object, connections: int) -> str:
    host = f"[{config.host}]" if ":" in config.host else config.host
    base = f"http://{host}:{config.port}"
    public = config.public_url or "(each request's own URL)"
    cache = config.response_cache_bytes // (1024 * 1024)
    log = {"-": "stderr", "off": "off"}.get(config.access_log, config.access_log)
    return "\n".join(
        [
            "服务外包产业重点发展领域指导目录（2022年版） — SPARQL 1.1 endpoint and linked data",
            f"  serving      {source}",
            f"  pages        {base}/  (every IRI resolves: 303 to its page or its RDF)",
            f"  VoID         {base}/.well-known/void",
            f"  SPARQL       {base}/sparql  (query page in a browser; service description on GET)",
            f"  Graph Store  {base}/rdf-graph-store",
            f"  health       {base}/healthz",
            f"  JSON API     {base}/api/v1/  (OpenAPI: /api/v1/openapi.json; docs: /api/v1/docs)",
            f"  Skosmos REST {base}/rest/v1/  (vocabulary {VOCID})",
            f"  public URL   {public}",
            f"  workers      {config.workers} × {config.threads} threads, "
            f"{config.engines} query engines each; queries stop after {config.query_timeout:g} s",
            f"  engines      {_engine_note(config)}",
            f"  limits       rate {config.rate_limit or 'off'} per client; URL "
            f"{config.max_url_bytes} B; body {config.max_body_bytes} B; nesting "
            f"{config.max_nesting or 'unchecked'}",
            f"  HTTP         CORS {','.join(config.cors_origins)}; Cache-Control max-age "
            f"{config.max_age}; response cache {cache} MiB per worker",
            f"  clients      {connections} connections per worker; head within "
            f"{config.header_timeout:g} s (idle too), body within {config.body_timeout:g} s",
            f"  access log   {log} (JSON lines)",
            "  a new build is served whole after SIGHUP to the main process (or a restart)",
        ]
    )


def _engine_note(config: ServerConfig) -> str:
    share = config.client_engines or max(1, config.engines - 1)
    network = "no network (a namespace of their own)" if config.engine_sandbox else "NOT sandboxed"
    return f"{network}; one client holds at most {share} of a worker's {config.engines}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m server", description=__doc__)
    add_arguments(parser)
    args = parser.parse_args(argv)
    return run_from_arguments(args, BuildSettings.from_environment().store_dir)
