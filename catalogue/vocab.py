"""The vocabularies the graph uses, with the prefixes every output binds."""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, VOID, XSD

from catalogue.settings import DEFAULT_NAMESPACE

#: DCAT 3 (rdflib ships DCAT 2, which lacks dcat:version).
DCAT = Namespace("http://www.w3.org/ns/dcat#")
XKOS = Namespace("http://rdf-vocabulary.ddialliance.org/xkos#")
ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("http://schema.org/")
#: schema.org as VocPub's profiles name it (https): they want a vocabulary's creator and
#: publisher to be an sdo:Organization with an sdo:name and an sdo:url. XKOS uses the
#: http form (schema:startDate), which stays ours everywhere else.
SDO = Namespace("https://schema.org/")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
SH = Namespace("http://www.w3.org/ns/shacl#")

#: The project's ontology. Fixed, like any published vocabulary: it does not
#: move with the data namespace a build is configured for.
ONTOLOGY_IRI = DEFAULT_NAMESPACE + "ontology"
SOC = Namespace(ONTOLOGY_IRI + "/")

PREFIXES: dict[str, Namespace] = {
    "rdf": Namespace(str(RDF)),
    "rdfs": Namespace(str(RDFS)),
    "owl": Namespace(str(OWL)),
    "xsd": Namespace(str(XSD)),
    "skos": Namespace(str(SKOS)),
    "xkos": XKOS,
    "dct": Namespace(str(DCTERMS)),
    "dcat": Namespace(str(DCAT)),
    "void": Namespace(str(VOID)),
    "prov": Namespace(str(PROV)),
    "org": ORG,
    "schema": SCHEMA,
    "sdo": SDO,
    "foaf": FOAF,
    "sd": SD,
    # Bound so that serialisers never invent ns1/ns2 in a random order.
    "spdx": Namespace("http://spdx.org/rdf/terms#"),
    "soc": SOC,
}

__all__ = [
    "DCAT",
    "DCTERMS",
    "FOAF",
    "ONTOLOGY_IRI",
    "ORG",
    "OWL",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "SCHEMA",
    "SD",
    "SDO",
    "SH",
    "SKOS",
    "SOC",
    "VOID",
    "XKOS",
    "XSD",
]
