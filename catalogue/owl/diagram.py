"""The model diagram: docs/model.dot, rendered by Graphviz into the committed docs/model.svg.

The SVG is committed so that neither a reader nor the build needs Graphviz. It
carries the SHA-256 of the .dot it was rendered from, so a test can tell, with
or without Graphviz, whether someone edited the .dot and forgot to render it.

    .venv/bin/python -m catalogue.owl.diagram           # render docs/model.svg
    .venv/bin/python -m catalogue.owl.diagram --check   # exit 1 if it is stale
"""

from __future__ import annotations

import argparse
import hashlib
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from catalogue.settings import BuildSettings

SVG_FILE = BuildSettings().diagram
DOT_SOURCE = SVG_FILE.with_suffix(".dot")
_STAMP = re.compile(r"<!-- rendered from model\.dot, sha256 ([0-9a-f]{64}) -->")
_SVG = "{http://www.w3.org/2000/svg}"


class GraphvizMissing(RuntimeError):
    pass


def source_digest(dot_source: Path = DOT_SOURCE) -> str:
    return hashlib.sha256(dot_source.read_bytes()).hexdigest()


def render_svg(dot_source: Path = DOT_SOURCE) -> str:
    """The SVG that Graphviz's ``dot`` draws from ``dot_source``, stamped with its digest."""
    dot = shutil.which("dot")
    if dot is None:
        raise GraphvizMissing("rendering the diagram needs Graphviz's `dot` (apt install graphviz)")
    svg = subprocess.run(
        [dot, "-Tsvg", str(dot_source)], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    stamp = f"<!-- rendered from model.dot, sha256 {source_digest(dot_source)} -->"
    # After the XML declaration, which must stay first.
    declaration, _, rest = svg.partition("\n")
    return f"{declaration}\n{stamp}\n{rest}"


def stamped_digest(svg: str) -> str | None:
    """The digest of the .dot an SVG says it was rendered from, if it says so."""
    match = _STAMP.search(svg)
    return match.group(1) if match else None


def drawn_text(svg: str) -> list[str]:
    """Every text the SVG draws and every node and edge it names, in document order.

    This is what a reader sees; coordinates are left out because another
    Graphviz version lays the same .dot out slightly differently.
    """
    root = ET.fromstring(svg)
    return [
        (element.text or "").strip()
        for element in root.iter()
        if element.tag in (f"{_SVG}text", f"{_SVG}title")
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if model.svg is stale")
    args = parser.parse_args(argv)
    if args.check:
        stale = stamped_digest(SVG_FILE.read_text(encoding="utf-8")) != source_digest()
        if stale:
            print(f"{SVG_FILE} is stale: run python -m catalogue.owl.diagram", file=sys.stderr)
        return 1 if stale else 0
    SVG_FILE.write_text(render_svg(), encoding="utf-8")
    print(f"wrote {SVG_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
