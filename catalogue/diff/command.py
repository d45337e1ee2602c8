"""``outsourcing-catalogue diff OLD NEW [--format text|json] [--changeset FILE]``.

OLD and NEW are builds (a build folder, or its dumps folder) or dump files
(.nq, .trig, .ttl, .nt, .rdf, .jsonld). Exit status: 0 when nothing changed,
1 when something did (as diff(1)), 2 when an input cannot be read.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from catalogue.settings import BuildSettings


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("old", type=Path, help="the earlier build folder or dump file")
    parser.add_argument("new", type=Path, help="the later build folder or dump file")
    parser.add_argument("--format", choices=["text", "json"], default="text")
    parser.add_argument(
        "--changeset",
        type=Path,
        help="also write the change set (Turtle, Talis Changeset vocabulary) to this file",
    )


def dump_of(path: Path) -> Path:
    """A build folder, its dumps folder, or a dump file → the dump file to read."""
    for candidate in (path / "dumps" / "catalogue.nq", path / "catalogue.nq", path):
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(f"{path}: no such dump, dumps folder or build folder")


def run(settings: BuildSettings, args: argparse.Namespace) -> int:
    from catalogue.diff.changes import compare
    from catalogue.diff.changeset import change_set
    from catalogue.diff.report import to_json, to_text
    from catalogue.dumps import read_dump

    try:
        old, new = dump_of(args.old), dump_of(args.new)
        diff = compare(read_dump(old)[0], read_dump(new)[0])
    except Exception as error:  # a missing file, or one rdflib cannot parse
        print(f"error: {error}", file=sys.stderr)
        return 2
    render = to_json if args.format == "json" else to_text
    sys.stdout.write(render(diff, str(old), str(new)).rstrip("\n") + "\n")
    if args.changeset:
        change_set(diff).serialize(args.changeset, format="turtle")
    return 1 if diff.changes or len(diff.added) or len(diff.removed) else 0
