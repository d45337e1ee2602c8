"""Build the catalogue's knowledge graph: ``python build_graph.py [--namespace NS] [--quiet]``.

The same as ``outsourcing-catalogue build``; see catalogue/build.py for the steps.
"""

import sys

from catalogue.cli import main

if __name__ == "__main__":
    sys.exit(main(["build", *sys.argv[1:]]))
