"""Files for OWL tools (Protégé, the OWL API, HermiT), written by the build into build/ontology/.

* ``files``: the ontology (ontology/soc.ttl) in Turtle, RDF/XML, OWL/XML,
  OWL Functional Syntax and JSON-LD, and the XML catalog Protégé reads.
* ``dl_view``: the catalogue's data as an OWL 2 DL ontology that imports the
  ontology, for reasoning over both (the published data is SKOS, which is
  RDF first: two of its idioms are not OWL 2 DL, see there).
* ``docs``: docs/index.html, the ontology's documentation for people (pyLODE),
  with the model diagram ``diagram`` renders (docs/model.svg, committed).
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from catalogue.dumps import sorted_graph
from catalogue.graph.dataset import BuiltDataset
from catalogue.owl.dl_view import VIEW_FILE, dl_view
from catalogue.owl.docs import write_docs
from catalogue.owl.files import ONTOLOGY_SOURCE, write_ontology_files

#: The documentation's folder inside the ontology's.
DOCS = "docs"


def write_owl_files(
    built: BuiltDataset, ontology_dir: Path, directory: Path, diagram: Path
) -> dict[str, Path]:
    """Write the files into ``directory``, a folder of the build being staged.

    The keys are paths relative to ``directory``: "soc.rdf", "docs/index.html".
    """
    written = write_ontology_files(ontology_dir, directory)
    data = built.union(exclude=("ontology",))
    view = dl_view(data, built.graphs["ontology"], built.iris.namespace)
    (directory / VIEW_FILE).write_bytes(
        sorted_graph(view).serialize(format="xml", encoding="utf-8")
    )
    written[VIEW_FILE] = directory / VIEW_FILE
    # Parsed again, not the dataset's canonical copy: the page lists the terms
    # in the order soc.ttl gives them (see docs_graph.soc_terms).
    ontology = Graph().parse(ontology_dir / ONTOLOGY_SOURCE, format="turtle")
    for name, path in write_docs(ontology, data, directory / DOCS, diagram).items():
        written[f"{DOCS}/{name}"] = path
    return written
