"""The current edition alone, in plain SKOS: for tools that want one scheme per file.

The full dumps hold two schemes (2022 and the abolished 2018 stub), the
ontology, the dataset's VoID/DCAT description and the XKOS note resources.
skosprovider_rdf refuses a file with two schemes, VocPub's profiles judge
every scheme in a file, and pyLODE's VocPub profile merges every title it
finds. This view keeps the 2022 scheme, its concepts and its issuers with
what a SKOS consumer reads: the SKOS properties (labels, notations, the
hierarchy, definitions and notes as text), the scheme's DCTERMS/PROV metadata
VocPub requires, the issuers as VocPub's agents, and on each concept two
non-SKOS statements: soc:mintedNotation, without which nothing would tell our
codes from official ones, and prov:wasDerivedFrom, the lines of the official
text it was read from (VocPub 2.3.4).
"""

from __future__ import annotations

from rdflib import Graph, Literal
from rdflib.term import Node

from catalogue.graph.dataset import BuiltDataset, bind_prefixes
from catalogue.graph.notes import OFFICIAL_LANGUAGE
from catalogue.vocab import DCTERMS, FOAF, ORG, PROV, RDF, SDO, SKOS, SOC

#: The file name in build/dumps/ (and its IRI under {ns}dumps/).
SKOS_DUMP = "catalogue-2022-skos.ttl"

#: What the scheme keeps besides SKOS: VocPub's metadata (2.1.5-2.1.7) and the source.
SCHEME_METADATA = {
    DCTERMS.title,
    DCTERMS.description,
    DCTERMS.issued,
    DCTERMS.created,
    DCTERMS.modified,
    DCTERMS.creator,
    DCTERMS.publisher,
    DCTERMS.language,
    DCTERMS.source,
    PROV.wasDerivedFrom,
}
#: Classes kept: SKOS's, and the issuers' (VocPub wants them schema:Organization).
TYPES = {SKOS.Concept, SKOS.ConceptScheme, SDO.Organization, ORG.Organization}
#: What concepts keep besides SKOS: the mark of our codes, and the source lines.
CONCEPT_EXTRAS = {SOC.mintedNotation, PROV.wasDerivedFrom}
#: What issuers keep besides SKOS: VocPub's agent requirements (2.4.2, 2.4.3).
ISSUER_EXTRAS = {SDO.name, SDO.url, FOAF.homepage}


def skos_only(built: BuiltDataset) -> Graph:
    data = built.union(exclude=("ontology", "metadata"))
    scheme = built.scheme
    concepts = {
        c for c in data.subjects(SKOS.inScheme, scheme) if (c, RDF.type, SKOS.Concept) in data
    }
    issuers = set(data.objects(scheme, DCTERMS.creator)) | set(
        data.objects(scheme, DCTERMS.publisher)
    )
    view = Graph()
    bind_prefixes(view)
    for subject, predicate, obj in data:
        if subject == scheme:
            keep = _skos(predicate) or predicate in SCHEME_METADATA
        elif subject in concepts:
            keep = _skos(predicate) or predicate in CONCEPT_EXTRAS
        elif subject in issuers:
            keep = _skos(predicate) or predicate in ISSUER_EXTRAS
        else:
            continue
        if predicate == RDF.type:
            keep = obj in TYPES
        if keep:
            view.add((subject, predicate, obj))
    for issuer in issuers:
        # VocPub wants one untagged sdo:name per agent (2.4.2): the official Chinese name.
        # Only here: in the full graph an untagged Chinese string would be a name in no
        # language beside the tagged labels.
        official = [
            n
            for n in data.objects(issuer, SKOS.prefLabel)
            if isinstance(n, Literal) and n.language == OFFICIAL_LANGUAGE
        ]
        view.add((issuer, SDO.name, Literal(str(official[0]))))
    return view


def _skos(predicate: Node) -> bool:
    return predicate == RDF.type or str(predicate).startswith(str(SKOS))
