"""``outsourcing-catalogue check [DUMP] [--format json] [--no-shacl]``: the quality report.

Exit status: 0 when no check finds a violation, 1 when one does, 2 when the
dump cannot be read.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from catalogue.settings import BuildSettings


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "dump",
        nargs="?",
        type=Path,
        help="an RDF dump to check (.nq, .trig, .ttl, .nt, .rdf, .jsonld); "
        "default: the build's dumps/catalogue.nq",
    )
    parser.add_argument("--format", choices=["text", "json"], default="text")
    parser.add_argument(
        "--no-shacl", action="store_true", help="skip the SHACL shapes (the slowest check)"
    )


def run(settings: BuildSettings, args: argparse.Namespace) -> int:
    from catalogue.quality.loading import load
    from catalogue.quality.report import run_checks, to_json, to_text

    path: Path = args.dump or settings.dumps_dir / "catalogue.nq"
    if not path.exists():
        print(f"error: {path} does not exist; build first, or name a dump", file=sys.stderr)
        return 2
    try:
        graph = load(path, settings.namespace, settings.ontology_dir)
    except Exception as error:  # rdflib raises many kinds; all mean "cannot read this"
        print(f"error: {path}: {error}", file=sys.stderr)
        return 2
    report = run_checks(graph, str(path), frozenset({"shacl"} if args.no_shacl else ()))
    sys.stdout.write(to_json(report) + "\n" if args.format == "json" else to_text(report))
    return 1 if report.violations else 0
