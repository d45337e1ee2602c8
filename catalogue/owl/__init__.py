"""Files for OWL tools (Protégé, the OWL API, HermiT), written by the build into build/ontology/.

* ``files``: the ontology (ontology/soc.ttl) in Turtle, RDF/XML, OWL/XML,
  OWL Functional Syntax and JSON-LD, and the XML catalog Protégé reads.
* ``dl_view``: the catalogue's data as an OWL 2 DL ontology that imports the
  ontology, for reasoning over both (the published data is SKOS, which is
  RDF first: two of its idioms are not OWL 2 DL, see there).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from catalogue.dumps import sorted_graph
from catalogue.graph.dataset import BuiltDataset
from catalogue.owl.dl_view import VIEW_FILE, dl_view
from catalogue.owl.files import write_ontology_files


def publish_owl_files(built: BuiltDataset, ontology_dir: Path, directory: Path) -> dict[str, Path]:
    """Write the files into a staging folder, then swap it in (as the dumps are)."""
    staging = directory.with_name(directory.name + ".staging")
    shutil.rmtree(staging, ignore_errors=True)
    written = write_ontology_files(ontology_dir, staging)
    data = built.union(exclude=("ontology",))
    view = dl_view(data, built.graphs["ontology"], built.iris.namespace)
    (staging / VIEW_FILE).write_bytes(sorted_graph(view).serialize(format="xml", encoding="utf-8"))
    written[VIEW_FILE] = staging / VIEW_FILE
    shutil.rmtree(directory, ignore_errors=True)
    staging.rename(directory)
    return {name: directory / name for name in written}
