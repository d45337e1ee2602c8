"""The ``publish`` command's options and what it prints."""

from __future__ import annotations

import argparse
import os
import sys
from typing import TextIO

from catalogue.publication import unit_of
from catalogue.remote.engines import AUTO, ENGINES
from catalogue.remote.http import StoreRefused
from catalogue.remote.publish import connect, publish
from catalogue.settings import BuildSettings

#: The password for ``--user``: from the environment, never the command line (which
#: every user of the machine can read in the process list).
PASSWORD_VARIABLE = "CATALOGUE_STORE_PASSWORD"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add = parser.add_argument
    add("--to", required=True, metavar="URL", help="the store's SPARQL query endpoint")
    add(
        "--engine",
        choices=[AUTO, *ENGINES],
        default=AUTO,
        help="the store's engine (default: asked of the endpoint's Server header)",
    )
    add("--update-url", help="its SPARQL update endpoint (default: the engine's layout)")
    add("--graph-store-url", help="its Graph Store endpoint (default: the engine's layout)")
    add("--keep", type=int, help="builds left in the store, the new one included (default 3)")
    add(
        "--user",
        help=f"user for the store's authenticated endpoints (password: ${PASSWORD_VARIABLE})",
    )


def run(settings: BuildSettings, args: argparse.Namespace, out: TextIO | None = None) -> int:
    out = out or sys.stdout  # looked up now: a caller may have redirected it
    try:
        unit = unit_of(settings.output_dir)
    except FileNotFoundError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    keep = args.keep if args.keep is not None else settings.keep_builds
    try:
        target = connect(
            args.to,
            args.engine,
            args.update_url,
            args.graph_store_url,
            args.user,
            os.environ.get(PASSWORD_VARIABLE),
        )
        published = publish(unit, target, keep, lambda line: print(f"  {line}", file=out))
    except (StoreRefused, ValueError, OSError) as error:  # OSError: a dump missing
        print(f"error: {error}; the store's current build is unchanged", file=sys.stderr)
        return 1
    record = published.record
    if published.already_current:
        print(f"build {record.build_id} is already the current one at {args.to}", file=out)
        return 0
    print(
        f"published build {record.build_id} to {args.to} ({target.engine.name}): "
        f"{record.quads} statements in {len(record.graphs)} graphs"
        + (f"; dropped {', '.join(published.dropped)}" if published.dropped else ""),
        file=out,
    )
    return 0
