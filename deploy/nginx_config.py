"""nginx's configuration for the replicas: rendered from ``deploy/nginx/*.conf.in``.

Two small files change while nginx runs, and only the rolling rebuild writes them:
``replicas.conf`` (the upstream's servers, one marked ``down`` while it is drained) and
``build.conf`` (the build the cache is keyed on). Everything else is written once.

    python -m deploy.nginx_config --out /etc/nginx/catalogue --listen 80 \\
        --cache-dir /var/cache/nginx/catalogue --log-dir /var/log/nginx \\
        --replica 127.0.0.1:8001 --replica 127.0.0.1:8002 --build <id>
"""

from __future__ import annotations

import argparse
import getpass
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parent / "nginx"
#: Passive health: this many failed attempts within FAIL_TIMEOUT take a replica out for
#: FAIL_TIMEOUT seconds (nginx then tries it again with one request).
MAX_FAILS = 2
FAIL_TIMEOUT = 10
_PLACEHOLDER = re.compile(r"@([A-Z_]+)@")
#: A build id is a file name (catalogue/publication.py): it goes into nginx's syntax quoted.
_BUILD_ID = re.compile(r"[A-Za-z0-9._-]+")


def render(template: str, values: Mapping[str, str]) -> str:
    """``template`` with each ``@NAME@`` replaced; a placeholder without a value is an error
    (a half-rendered file would fail in nginx, later and less clearly)."""
    missing = sorted(set(_PLACEHOLDER.findall(template)) - set(values))
    if missing:
        raise ValueError(f"no value for {', '.join(missing)}")
    return _PLACEHOLDER.sub(lambda match: values[match.group(1)], template)


def write_config(
    prefix: Path,
    listen: str,
    replicas: Iterable[str],
    build_id: str,
    *,
    workers: str = "auto",
    user: str | None = None,
    installed_at: Path | None = None,
    cache_dir: Path | None = None,
    log_dir: Path | None = None,
    run_dir: Path | None = None,
) -> Path:
    """nginx.conf, catalogue.conf and the state files, written in ``prefix``; the path of
    nginx.conf, for ``nginx -c``. They name each other, the cache, the logs and the run
    folder (pid, temporary files) under ``installed_at`` (default: ``prefix``), where nginx
    will read them (a ConfigMap's mount, say); the folders are made here only when the
    files are used where they are written. Under Debian's nginx only catalogue.conf is
    used (docs/deployment.md)."""
    conf_dir = installed_at or prefix
    values = {
        "CONF_DIR": str(conf_dir),
        "STATE_DIR": str(conf_dir),
        "CACHE_DIR": str(cache_dir or conf_dir / "cache"),
        "LOG_DIR": str(log_dir or conf_dir / "logs"),
        "RUN_DIR": str(run_dir or conf_dir),
        "LISTEN": listen,
        "WORKERS": workers,
        "USER": user or getpass.getuser(),
    }
    if installed_at is None:
        for folder in ("CACHE_DIR", "LOG_DIR", "RUN_DIR"):
            Path(values[folder]).mkdir(parents=True, exist_ok=True)
        (Path(values["RUN_DIR"]) / "temp").mkdir(exist_ok=True)
    prefix.mkdir(parents=True, exist_ok=True)
    for name in ("catalogue.conf", "nginx.conf"):
        text = render((TEMPLATES / f"{name}.in").read_text(encoding="utf-8"), values)
        (prefix / name).write_text(text, encoding="utf-8")
    write_replicas(prefix, replicas)
    write_build(prefix, build_id)
    return prefix / "nginx.conf"


def write_replicas(state_dir: Path, replicas: Iterable[str], down: Iterable[str] = ()) -> None:
    """The upstream's servers; those in ``down`` get no new request (they are drained)."""
    drained = set(down)
    lines = [
        f"server {address} max_fails={MAX_FAILS} fail_timeout={FAIL_TIMEOUT}s"
        + (" down" if address in drained else "")
        + ";"
        for address in replicas
    ]
    _replace(state_dir / "replicas.conf", "\n".join(lines) + "\n")


def write_build(state_dir: Path, build_id: str) -> None:
    if not _BUILD_ID.fullmatch(build_id):
        raise ValueError(f"not a build id: {build_id!r}")
    _replace(
        state_dir / "build.conf",
        f'map "" $catalogue_build {{\n    default "{build_id}";\n}}\n',
    )


def _replace(path: Path, text: str) -> None:
    # Written aside and renamed: nginx reloading at that moment reads the old file or the
    # new one, never half of one.
    partial = path.with_name(path.name + ".new")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m deploy.nginx_config", description=__doc__)
    parser.add_argument("--out", type=Path, required=True, help="folder for the files")
    parser.add_argument("--listen", default="80", help="nginx's listen (default 80)")
    parser.add_argument("--replica", action="append", required=True, help="host:port")
    parser.add_argument("--build", required=True, help="the build the replicas serve")
    parser.add_argument("--workers", default="auto", help="nginx worker processes")
    parser.add_argument("--user", help="user nginx's workers run as (default: this one)")
    parser.add_argument(
        "--installed-at", type=Path, help="where nginx will read the files (default: OUT)"
    )
    parser.add_argument("--cache-dir", type=Path, help="the cache (default: in OUT)")
    parser.add_argument("--log-dir", type=Path, help="the logs (default: in OUT)")
    parser.add_argument("--run-dir", type=Path, help="pid and temporary files (default: OUT)")
    args = parser.parse_args(argv)
    conf = write_config(
        args.out,
        args.listen,
        args.replica,
        args.build,
        workers=args.workers,
        user=args.user,
        installed_at=args.installed_at,
        cache_dir=args.cache_dir,
        log_dir=args.log_dir,
        run_dir=args.run_dir,
    )
    print(conf)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
