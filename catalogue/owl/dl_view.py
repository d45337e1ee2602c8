"""The catalogue's data as an OWL 2 DL ontology that imports ours: for reasoning over both.

The published data is SKOS, and two of its idioms are RDF, not OWL 2 DL:

* codes we mint are typed literals, ``"05.01"^^soc:MintedCode`` (SKOS
  Reference 6.5). A datatype defined in OWL has no lexical space (OWL 2
  Syntax 9.4): its literals are not OWL 2 DL, and HermiT rejects them. The
  view keeps each code's lexical form as an ``xsd:string``; soc.ttl's
  restriction (the notation of a business type is a soc:MintedCode) then lets
  the reasoner check every code against the datatype's pattern. Nothing is
  lost: which codes are minted follows from the class of the item.
* the levels are an RDF list (``xkos:levels``); rdf:first and rdf:rest are
  reserved vocabulary in OWL 2 DL. The view leaves the list out; each level
  keeps its xkos:depth, which says the same order.
* a note's text is also its ``rdf:value`` (the SKOS Primer's pattern, for
  SKOS tools); rdf:value is reserved vocabulary in OWL 2 DL too. The view
  leaves it out; the same text is the note's xkos:plainText.

Everything else is kept as it is. The terms of other vocabularies are
declared as those vocabularies or their use make them: SKOS's and DCTERMS's
documentation and label properties, and any property with a value outside the
OWL 2 datatype map (xsd:date, xsd:gYear), as annotation properties; a
property whose values are all IRIs as an object property; one whose values are
all literals of OWL 2 datatypes as a data property.
"""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from catalogue.graph.dataset import bind_prefixes
from catalogue.nodes import iris, ordered
from catalogue.vocab import DCTERMS, ONTOLOGY_IRI, OWL, RDF, RDFS, SKOS, SOC, XKOS, XSD

#: The view's file name in build/ontology/ (and its ontology IRI under {ns}dumps/).
VIEW_FILE = "catalogue-dl.owl"

#: Annotation properties whatever their values: documentation and labels.
ANNOTATION_PROPERTIES = {
    *(
        SKOS[name]
        for name in [
            "prefLabel",
            "altLabel",
            "hiddenLabel",
            "note",
            "definition",
            "scopeNote",
            "example",
            "historyNote",
            "editorialNote",
            "changeNote",
        ]
    ),
    *(
        XKOS[name]
        for name in ["coreContentNote", "additionalContentNote", "exclusionNote", "inclusionNote"]
    ),
}
#: DCTERMS gives no OWL kinds; OWL tools read its terms as annotation properties.
ANNOTATION_NAMESPACES = (str(DCTERMS), "http://purl.org/dc/elements/1.1/")

#: The OWL 2 datatype map (OWL 2 Syntax 4), plus rdf:langString for tagged literals.
OWL2_DATATYPES = {
    RDF.PlainLiteral,
    RDF.XMLLiteral,
    RDF.langString,
    RDFS.Literal,
    OWL.real,
    OWL.rational,
    *(
        XSD[name]
        for name in [
            "decimal",
            "integer",
            "nonNegativeInteger",
            "nonPositiveInteger",
            "positiveInteger",
            "negativeInteger",
            "long",
            "int",
            "short",
            "byte",
            "unsignedLong",
            "unsignedInt",
            "unsignedShort",
            "unsignedByte",
            "double",
            "float",
            "string",
            "normalizedString",
            "token",
            "language",
            "Name",
            "NCName",
            "NMTOKEN",
            "boolean",
            "hexBinary",
            "base64Binary",
            "anyURI",
            "dateTime",
            "dateTimeStamp",
        ]
    ),
}
KINDS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
#: Built-in vocabulary: OWL 2 forbids declaring it.
RESERVED = (str(RDF), str(RDFS), str(OWL), str(XSD))


def dl_view(data: Graph, ontology: Graph, namespace: str) -> Graph:
    """``data`` (the catalogue without its ontology graph) as OWL 2 DL, importing ``ontology``."""
    view = Graph()
    bind_prefixes(view)
    iri = URIRef(f"{namespace}dumps/{VIEW_FILE}")
    view.add((iri, RDF.type, OWL.Ontology))
    view.add((iri, OWL.imports, URIRef(ONTOLOGY_IRI)))
    view.add((iri, RDFS.comment, Literal(COMMENT, lang="en")))
    lists = _list_nodes(data)
    for s, p, o in data:
        if p in (XKOS.levels, RDF.value) or s in lists:
            continue
        if isinstance(o, Literal) and o.datatype == SOC.MintedCode:
            o = Literal(str(o), datatype=XSD.string)
        view.add((s, p, o))
    _declare(view, ontology)
    return view


COMMENT = (
    "The catalogue's data as an OWL 2 DL ontology, for reasoners: minted codes are plain "
    "xsd:string (the ontology restricts them to soc:MintedCode), the RDF list of levels "
    "is left out (each level keeps its xkos:depth), and so is rdf:value (each note keeps its "
    "text as xkos:plainText). The published data is in build/dumps/."
)


def _list_nodes(data: Graph) -> set[Node]:
    nodes: set[Node] = set()
    todo = list(data.objects(None, XKOS.levels))
    while todo:
        node = todo.pop()
        if isinstance(node, BNode) and node not in nodes:
            nodes.add(node)
            todo.extend(data.objects(node, RDF.rest))
    return nodes


def _declare(view: Graph, ontology: Graph) -> None:
    declared = {s for kind in (*KINDS, RDFS.Datatype) for s in ontology.subjects(RDF.type, kind)}
    for cls in ordered(set(view.objects(None, RDF.type))):
        if cls not in declared and not str(cls).startswith(RESERVED):
            view.add((cls, RDF.type, OWL.Class))
    # The data's named things are individuals, and say so: owlready2 lists an
    # ontology's individuals by this declaration (OWL 2 allows it to be implied,
    # but tools read what is declared).
    for thing, kind in sorted(set(view.subject_objects(RDF.type))):
        if isinstance(thing, URIRef) and not str(kind).startswith(RESERVED):
            view.add((thing, RDF.type, OWL.NamedIndividual))
    for prop in iris(set(view.predicates())):  # a predicate is an IRI
        if prop not in declared and not str(prop).startswith(RESERVED):
            view.add((prop, RDF.type, _kind(prop, list(view.objects(None, prop)))))


def _kind(prop: URIRef, values: list[Node]) -> URIRef:
    if prop in ANNOTATION_PROPERTIES or str(prop).startswith(ANNOTATION_NAMESPACES):
        return OWL.AnnotationProperty
    if all(isinstance(v, URIRef | BNode) for v in values):
        return OWL.ObjectProperty
    if all(
        isinstance(v, Literal) and (v.language or (v.datatype or XSD.string) in OWL2_DATATYPES)
        for v in values
    ):
        return OWL.DatatypeProperty
    return OWL.AnnotationProperty
