"""The console command: ``outsourcing-catalogue build | render | query | search | classify |
check | diff | publish | serve``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from importlib.metadata import entry_points
from pathlib import Path

from catalogue.console import Console
from catalogue.graph.curation import CurationError
from catalogue.settings import BuildSettings
from catalogue.source.errors import SourceError

#: The entry-point group of commands other packages add (see pyproject.toml).
COMMANDS_GROUP = "outsourcing_catalogue.commands"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="outsourcing-catalogue",
        description="China's Service Outsourcing Key Domains Catalogue (2022) as linked data.",
    )
    commands = parser.add_subparsers(dest="command", required=True)

    build = commands.add_parser("build", help="parse, validate, write dumps and the store")
    _build_options(build)
    build.add_argument("--quiet", "-q", action="store_true", help="print errors only")
    build.add_argument(
        "--source",
        type=Path,
        help="the official text (env CATALOGUE_SOURCE); its SHA-256 must be in SOURCE.sha256",
    )

    render = commands.add_parser("render", help="regenerate the catalogue's text from the store")
    _build_options(render)
    render.add_argument("--output", "-o", type=Path, help="write Markdown here (default stdout)")

    query = commands.add_parser("query", help="run a SPARQL query against the built store")
    _build_options(query)
    query.add_argument("query", help="a .rq file, or the query text itself")
    query.add_argument(
        "--format",
        default="text",
        choices=["text", "json", "csv", "tsv", "xml"],
        help="result format for SELECT/ASK (default: a text table)",
    )

    # --- search and classify: code in catalogue/search/ ---
    from catalogue.search.command import add_arguments as add_search_arguments

    for name, help_text in (
        ("search", "ranked search of the catalogue (names, codes, pinyin, notes)"),
        ("classify", "which key domain a business description belongs to, with evidence"),
    ):
        command = commands.add_parser(name, help=help_text)
        _build_options(command)
        add_search_arguments(command, name)
    # --- end of search and classify ---

    # --- check and diff: for ontology editors; code in catalogue/quality/, catalogue/diff/ ---
    from catalogue.diff.command import add_arguments as add_diff_arguments
    from catalogue.quality.command import add_arguments as add_check_arguments

    check = commands.add_parser("check", help="SKOS quality report (qSKOS checks and SHACL)")
    _build_options(check)
    add_check_arguments(check)
    diff = commands.add_parser("diff", help="what changed between two builds, as editors see it")
    _build_options(diff)
    add_diff_arguments(diff)
    # --- end of check and diff ---

    # --- publish: a build into a remote store; code in catalogue/remote/ ---
    from catalogue.remote.command import add_arguments as add_publish_arguments

    publish = commands.add_parser(
        "publish", help="load the current build into a remote SPARQL store and make it current"
    )
    _build_options(publish)
    add_publish_arguments(publish)
    # --- end of publish ---

    # Commands from other packages (``serve`` from server/): they register themselves
    # under the entry-point group, so this package never imports theirs.
    plugged: dict[str, Callable[[argparse.Namespace, BuildSettings], int]] = {
        entry.name: entry.load()(commands, _build_options)
        for entry in entry_points(group=COMMANDS_GROUP)
    }

    args = parser.parse_args(argv)
    try:
        settings = BuildSettings.from_environment(
            namespace=args.namespace,
            output_dir=args.build_dir,
            source=getattr(args, "source", None),
        )
    except ValueError as error:  # it names the option's value or the variable's
        print(f"error: {error}", file=sys.stderr)
        return 2
    try:
        if args.command == "build":
            return _build(settings, Console(quiet=args.quiet))
        if args.command == "render":
            return _render(settings, args.output)
        if args.command == "query":
            return _query(settings, args.query, args.format)
        if args.command in ("search", "classify"):
            from catalogue.search import command as search_command

            return search_command.run(settings, args)
        if args.command in ("check", "diff"):  # --- check and diff ---
            from catalogue.diff import command as diff_command
            from catalogue.quality import command as check_command

            if args.command == "check":
                return check_command.run(settings, args)
            return diff_command.run(settings, args)
        if args.command == "publish":
            from catalogue.remote import command as publish_command

            return publish_command.run(settings, args)
        if args.command in plugged:
            return plugged[args.command](args, settings)
    except (SourceError, CurationError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `… | head` closed the pipe: not an error
        sys.stderr.close()
        return 0
    return 1


def _build_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--namespace", help="IRI namespace (env CATALOGUE_NAMESPACE)")
    parser.add_argument(
        "--build-dir", type=Path, help="output folder (env CATALOGUE_BUILD_DIR; default ./build)"
    )


def _build(settings: BuildSettings, console: Console) -> int:
    from catalogue.build import InvalidGraph, run_build, summary
    from catalogue.quality.gate import QualityViolations, violation_lines
    from catalogue.validation import ShapesMissing

    try:
        result = run_build(settings, console)
    except ShapesMissing as error:
        console.error(f"error: {error}; nothing was published")
        return 1
    except InvalidGraph as error:
        console.error(f"error: {error}; nothing was published:")
        for violation in error.result.violations:
            console.error(f"  {violation}")
        return 1
    except QualityViolations as error:
        console.error(f"error: {error}; nothing was published:")
        for line in violation_lines(error.report):
            console.error(f"  {line}")
        return 1
    console.result(summary(result, console.elapsed()))
    return 0


def _render(settings: BuildSettings, output: Path | None) -> int:
    from catalogue.render import render_markdown
    from catalogue.store import open_read_only

    text = render_markdown(open_read_only(settings.store_dir), settings.namespace)
    if output:
        output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def _query(settings: BuildSettings, query: str, fmt: str) -> int:
    from catalogue.querying import print_results, run_query
    from catalogue.store import open_read_only

    path = Path(query)
    text = path.read_text(encoding="utf-8") if path.suffix == ".rq" and path.exists() else query
    results = run_query(open_read_only(settings.store_dir), text)
    print_results(results, fmt, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
