"""The ontology in every syntax OWL tools read, and the catalog that resolves its IRI offline.

RDF/XML (Protégé's default), Turtle and JSON-LD are written by rdflib; OWL/XML
and OWL Functional Syntax by py-horned-owl, which reads the RDF/XML. Every
file holds the same axioms: tests/ontology loads each with the OWL API and
compares them.
"""

from __future__ import annotations

import shutil
import warnings
from pathlib import Path
from xml.sax.saxutils import quoteattr

import pyhornedowl
from rdflib import Graph
from rdflib.compare import to_canonical_graph

from catalogue.dumps import sort_xml_namespaces, sorted_graph
from catalogue.jsonld_context import jsonld_context
from catalogue.vocab import ONTOLOGY_IRI, OWL, RDF

ONTOLOGY_SOURCE = "soc.ttl"
#: The file a catalog maps the ontology's IRI and version IRI to.
RESOLVED = "soc.rdf"
CATALOG = "catalog-v001.xml"
#: The same RDF/XML under the name owlready2 looks for. It ignores the catalog: to
#: resolve an owl:imports of <…/ontology> it searches each folder of its onto_path
#: for "ontology", "ontology.rdf", "ontology.owl" … (the IRI's last segment), and
#: downloads the IRI only when none is there.
OWLREADY_COPY = ONTOLOGY_IRI.rsplit("/", 1)[-1] + ".owl"


def write_ontology_files(ontology_dir: Path, directory: Path) -> dict[str, Path]:
    """soc.{ttl,rdf,owx,ofn,jsonld}, catalog-v001.xml and ontology.owl in ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    source = ontology_dir / ONTOLOGY_SOURCE
    ontology = sorted_graph(to_canonical_graph(Graph().parse(source, format="turtle")))
    written = {"soc.ttl": directory / "soc.ttl"}
    shutil.copyfile(source, written["soc.ttl"])  # as edited, comments and all
    with warnings.catch_warnings():
        # pretty-xml warns about the blank nodes of lists it writes as collections
        warnings.filterwarnings("ignore", message="Assertions on rdflib.term.BNode")
        rdfxml = sort_xml_namespaces(ontology.serialize(format="pretty-xml", encoding="utf-8"))
    written["soc.rdf"] = _write(directory / "soc.rdf", rdfxml.decode("utf-8"))
    written[OWLREADY_COPY] = _write(directory / OWLREADY_COPY, rdfxml.decode("utf-8"))
    written["soc.jsonld"] = _write(
        directory / "soc.jsonld",
        ontology.serialize(format="json-ld", context=jsonld_context()["@context"]),
    )
    horned = pyhornedowl.open_ontology(str(written["soc.rdf"]), "rdf")
    # Full IRIs in OWL/XML: py-horned-owl 2.0 writes prefixed names into IRI="…"
    # attributes, where OWL/XML wants abbreviatedIRI="…" (the OWL API then reads
    # "xsd:string" as an IRI of scheme "xsd"). Functional syntax takes prefixes.
    written["soc.owx"] = _write(directory / "soc.owx", horned.save_to_string("owx"))
    for prefix, namespace in ontology.namespaces():
        if prefix and namespace_used(ontology, str(namespace)):
            horned.add_prefix_mapping(prefix, str(namespace))
    written["soc.ofn"] = _write(directory / "soc.ofn", horned.save_to_string("ofn"))
    written[CATALOG] = _write(directory / CATALOG, catalog(ontology_iris(ontology), RESOLVED))
    return written


def ontology_iris(graph: Graph) -> list[str]:
    """The IRIs an import of this ontology may name: its own and its version IRI."""
    ontology = next(iter(graph.subjects(RDF.type, OWL.Ontology)), None)
    if ontology is None or str(ontology) != ONTOLOGY_IRI:
        raise ValueError(f"{ONTOLOGY_SOURCE} does not describe the owl:Ontology {ONTOLOGY_IRI}")
    return [str(ontology), *(str(v) for v in graph.objects(ontology, OWL.versionIRI))]


def catalog(iris: list[str], filename: str) -> str:
    """An OASIS XML catalog in the form Protégé writes and reads (catalog-v001.xml)."""
    entries = "".join(
        f"    <uri name={quoteattr(iri)} uri={quoteattr(filename)}/>\n" for iri in iris
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
        '<catalog prefer="public" xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">\n'
        f"{entries}</catalog>\n"
    )


def namespace_used(graph: Graph, namespace: str) -> bool:
    return any(str(term).startswith(namespace) for triple in graph for term in triple)


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path
