"""The endpoint's settings: one dataclass, read from ``CATALOGUE_*`` environment variables.

``serve`` turns its command-line options into these same variables before it
starts the worker processes, so a worker, a test and the command line all read
their settings one way: ``ServerConfig.from_environment()``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path

from catalogue import environment
from catalogue.environment import SettingError
from catalogue.remote.engines import AUTO, ENGINES
from catalogue.settings import PROJECT_ROOT, BuildSettings

_UNITS = {"s": 1.0, "second": 1.0, "m": 60.0, "minute": 60.0, "h": 3600.0, "hour": 3600.0}


@dataclass(frozen=True)
class RateLimit:
    """At most ``requests`` per ``period`` seconds per client, in bursts of up to ``burst``."""

    requests: int
    period: float
    burst: int

    @classmethod
    def parse(cls, text: str, burst: int | None = None) -> RateLimit | None:
        """``"100/second"``, ``"6000/minute"``, ``"20/5s"``; ``"off"`` for none."""
        text = text.strip().lower()
        if text in {"", "off", "none", "0"}:
            return None
        match = re.fullmatch(r"(\d+)\s*/\s*(\d*\.?\d*)\s*([a-z]+)", text)
        if not match or (match.group(3).rstrip("s") not in _UNITS and match.group(3) not in _UNITS):
            raise ValueError(f"a rate limit looks like '100/second' or '20/5s', not {text!r}")
        count, number, unit = match.groups()
        unit = unit if unit in _UNITS else unit.rstrip("s")
        period = float(number or 1) * _UNITS[unit]
        requests = int(count)
        if requests <= 0 or period <= 0:
            raise ValueError(f"a rate limit must allow some requests: {text!r}")
        return cls(requests, period, burst if burst is not None else requests)

    def __str__(self) -> str:
        return f"{self.requests} per {self.period:g} s (bursts of {self.burst})"


@dataclass(frozen=True)
class ServerConfig:
    host: str = "127.0.0.1"
    port: int = 8080
    #: Worker processes that answer HTTP (each with its own response cache).
    workers: int = 2
    #: Request threads per worker.
    threads: int = 8
    #: Query engine processes per worker: how many queries a worker evaluates at once.
    engines: int = 3
    #: Seconds a query may run (and its answer take to send) before it is stopped.
    query_timeout: float = 10.0
    #: Seconds a client has to send a request's head; also how long an idle
    #: connection (kept alive, or never used) stays open (``server/http/front``).
    header_timeout: float = 10.0
    #: Seconds a client has to send a request's body, once its head is read.
    body_timeout: float = 10.0
    #: Seconds one chunk of an answer may wait for the client to read it.
    send_timeout: float = 10.0
    #: Open connections per worker process (idle ones count): well above the threads,
    #: within the descriptor limit.
    max_connections: int = 4096
    #: The built store (``build/store``, a link into the current build): the server serves
    #: the published build that holds it, whole (catalogue/publication.py).
    store: Path = BuildSettings().store_dir
    #: Another SPARQL store's query endpoint to answer from instead of the embedded store:
    #: the build current there (``outsourcing-catalogue publish --to``), server/store/remote.py.
    store_url: str | None = None
    #: Its engine: auto (its Server header says), oxigraph, virtuoso or generic.
    store_engine: str = AUTO
    #: The URL the public reaches the service at, e.g. https://example.org/catalogue/;
    #: by default the request's own URL.
    public_url: str | None = None
    #: How many reverse proxies in front to believe X-Forwarded-* headers from.
    trusted_proxies: int = 0
    cors_origins: tuple[str, ...] = ("*",)
    max_url_bytes: int = 16 * 1024
    max_body_bytes: int = 1024 * 1024
    #: Largest request head the app reads (its header fields); granian's own buffer,
    #: above it, refuses larger ones without a body (server/http/front).
    max_header_bytes: int = 32 * 1024
    #: Deepest nesting of (), {} and [] a query may have; 0 turns the check off.
    max_nesting: int = 200
    rate_limit: RateLimit | None = RateLimit(100, 1.0, 200)
    #: Cache-Control max-age of answers, in seconds.
    max_age: int = 3600
    #: Bytes of answers each worker keeps to replay; 0 turns the response cache off.
    response_cache_bytes: int = 64 * 1024 * 1024
    #: Where the JSON access log goes: '-' for stderr, a file path, or 'off'.
    access_log: str = "-"
    examples_dir: Path = PROJECT_ROOT / "queries"
    #: The official text the build read: pages quote its lines (checked against
    #: the build's SHA-256 before a line is shown). Same variable as the build's.
    source: Path = BuildSettings().source
    #: Stack of the engine's query thread, in MiB: deep queries recurse in the parser.
    engine_stack_mib: int = 512
    #: Engines run in a network namespace of their own (store/sandbox.py): no query
    #: can reach another host. Off only by explicit choice, where namespaces are denied.
    engine_sandbox: bool = True
    #: Engines of a worker one client may hold at once; 0: all but one.
    client_engines: int = 0
    #: Answer documents and data pages from the build's static site (server/static_site),
    #: rendered into the build at a worker's first start; off: every answer is rendered.
    static_site: bool = True
    #: Shared memory that the workers' rate limiter counts in (made by ``serve``).
    rate_limit_file: Path | None = None

    @classmethod
    def from_environment(
        cls, environ: Mapping[str, str] | None = None, **overrides: object
    ) -> ServerConfig:
        env = os.environ if environ is None else environ
        variables = {f.name: _ENV_PREFIX + f.name.upper() for f in fields(cls)}
        del variables["rate_limit"]  # two variables, read below
        values = environment.read(cls, variables, env, {"cors_origins": _origins})
        if _ENV_PREFIX + "RATE_LIMIT" in env or _ENV_PREFIX + "RATE_BURST" in env:
            values["rate_limit"] = _rate_limit(env, cls.rate_limit)
        if "store" not in values and "CATALOGUE_BUILD_DIR" in env:
            values["store"] = Path(env["CATALOGUE_BUILD_DIR"]) / "store"
        # An override is meant as given, None included (``--rate-limit off``).
        values.update(overrides)
        config = replace(cls(), **values)
        config.check()
        return config

    def check(self) -> None:
        if self.workers < 1 or self.threads < 1 or self.engines < 1:
            raise ValueError("workers, threads and engines must each be at least 1")
        if self.client_engines < 0:
            raise ValueError("client engines must be 0 (all but one) or more")
        if self.query_timeout <= 0:
            raise ValueError("the query timeout must be positive")
        if min(self.header_timeout, self.body_timeout, self.send_timeout) <= 0:
            raise ValueError("the header, body and send timeouts must be positive")
        if self.header_timeout > 60:
            raise ValueError("the header timeout is at most 60 s (granian's limit)")
        if self.max_connections <= self.threads:
            raise ValueError("max_connections must be above threads: idle clients take them")
        if self.store_engine not in (AUTO, *ENGINES):
            known = ", ".join((AUTO, *ENGINES))
            raise ValueError(f"the store engine is one of {known}, not {self.store_engine!r}")
        if self.public_url and not re.match(r"https?://[^/]+", self.public_url):
            raise ValueError(f"the public URL must be an absolute http(s) URL: {self.public_url}")

    def to_environment(self) -> dict[str, str]:
        """The variables that give a worker process this configuration."""
        env: dict[str, str] = {}
        for name, value in asdict(self).items():
            if name == "rate_limit":
                env[_ENV_PREFIX + "RATE_LIMIT"] = _format_rate(self.rate_limit)
                if self.rate_limit:
                    env[_ENV_PREFIX + "RATE_BURST"] = str(self.rate_limit.burst)
            elif value is not None:
                text = ",".join(value) if isinstance(value, tuple) else str(value)
                env[_ENV_PREFIX + name.upper()] = text
        return env


_ENV_PREFIX = "CATALOGUE_"


def _format_rate(limit: RateLimit | None) -> str:
    return f"{limit.requests}/{limit.period:g}s" if limit else "off"


def _rate_limit(env: Mapping[str, str], default: RateLimit | None) -> RateLimit | None:
    text = env.get(_ENV_PREFIX + "RATE_LIMIT", _format_rate(default))
    burst_text = env.get(_ENV_PREFIX + "RATE_BURST")
    burst = None
    if burst_text:
        try:
            burst = environment.whole_number(burst_text)
        except ValueError as error:
            raise SettingError(_ENV_PREFIX + "RATE_BURST", burst_text, str(error)) from None
    try:
        return RateLimit.parse(text, burst)
    except ValueError as error:
        raise SettingError(_ENV_PREFIX + "RATE_LIMIT", text, str(error)) from None


def _origins(text: str) -> tuple[str, ...]:
    return tuple(o.strip().rstrip("/") for o in text.split(",") if o.strip()) or ("*",)
