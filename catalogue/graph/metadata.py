"""The dataset's description: VoID and DCAT, its named graphs, its dumps, its build."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef

from catalogue.iris import IriScheme
from catalogue.vocab import (
    DCAT,
    DCTERMS,
    ONTOLOGY_IRI,
    PREFIXES,
    PROV,
    RDF,
    SD,
    SOC,
    VOID,
    XSD,
)

LICENSE = URIRef("https://creativecommons.org/licenses/by/4.0/")
PROJECT = "organization/project"

#: What each named graph holds, and whether its statements are the official text's.
GRAPHS: dict[str, tuple[bool, str]] = {
    "official": (
        True,
        "What the official text of the catalogue and its announcement states: "
        "the Chinese labels and texts, the hierarchy, the issuing ministries.",
    ),
    "translation": (False, "English labels and texts: our translation, not an official one."),
    "curation": (
        False,
        "Our modelling: XKOS levels, the codes we mint for business types, "
        "cross-links from exclusions to the concepts that cover them, details "
        "of the ministries.",
    ),
    "ontology": (
        False,
        "The project's ontology: the few classes and properties that SKOS, "
        "XKOS, DCTERMS, PROV and ORG lack.",
    ),
    "metadata": (False, "This description of the dataset (VoID, DCAT)."),
}


@dataclass(frozen=True)
class DumpFile:
    filename: str
    media_type: str
    named_graphs: bool  # N-Quads and TriG keep the named graphs; the others hold their union
    #: Not the whole dataset but a view of it (catalogue/graph/skos_only.py): a DCAT
    #: distribution with its own description, not a VoID data dump of the dataset.
    view_of: str | None = None


def describe_dataset(
    graph: Graph,
    iris: IriScheme,
    scheme: URIRef,
    triple_counts: dict[str, int],
    union_count: int,
    dumps: list[DumpFile],
    built_at: datetime.datetime | None,
) -> None:
    ds = iris.dataset()
    ns = iris.namespace
    g = graph
    for kind in (VOID.Dataset, DCAT.Dataset):
        g.add((ds, RDF.type, kind))
    g.add(
        (
            ds,
            DCTERMS.title,
            Literal(
                "Guiding Catalogue of Key Development Areas of the Service Outsourcing Industry "
                "(2022) as linked data",
                lang="en",
            ),
        )
    )
    g.add(
        (
            ds,
            DCTERMS.description,
            Literal(
                "The 2022 catalogue of MOFCOM, MIIT, MOF and GACC (Announcement 2022 No. 15) as a "
                "SKOS/XKOS concept scheme with the official Chinese text and an unofficial English "
                "translation.",
                lang="en",
            ),
        )
    )
    g.add((ds, DCTERMS.publisher, URIRef(ns + PROJECT)))
    g.add((ds, DCTERMS.license, LICENSE))
    g.add((ds, DCTERMS.source, iris.source_text(scheme.rsplit("/", 1)[-1])))
    g.add((ds, VOID.uriSpace, Literal(ns)))
    g.add((ds, VOID.rootResource, scheme))
    g.add((ds, VOID.sparqlEndpoint, URIRef(ns + "sparql")))
    g.add((ds, DCAT.keyword, Literal("service outsourcing", lang="en")))
    g.add((ds, VOID.triples, Literal(union_count, datatype=XSD.integer)))
    for prefix in ("skos", "xkos", "dct", "prov", "org", "dcat", "void", "schema"):
        g.add((ds, VOID.vocabulary, URIRef(str(PREFIXES[prefix]))))
    g.add((ds, VOID.vocabulary, URIRef(ONTOLOGY_IRI + "/")))
    if built_at is not None:
        g.add((ds, DCTERMS.modified, Literal(built_at.isoformat(), datatype=XSD.dateTime)))

    for name, (official, description) in GRAPHS.items():
        named = iris.graph(name)
        g.add((ds, VOID.subset, named))
        g.add((named, RDF.type, VOID.Dataset))
        g.add((named, RDF.type, SD.NamedGraph))
        g.add((named, SD.name, named))
        g.add((named, DCTERMS.title, Literal(f"{name} graph", lang="en")))
        g.add((named, DCTERMS.description, Literal(description, lang="en")))
        g.add((named, SOC.official, Literal(official)))
        if name in triple_counts:
            g.add((named, VOID.triples, Literal(triple_counts[name], datatype=XSD.integer)))
    g.add((iris.graph("official"), PROV.wasDerivedFrom, iris.source_text("2022")))

    for dump in dumps:
        file = iris.dump(dump.filename)
        if dump.view_of is None:
            g.add((ds, VOID.dataDump, file))
        else:
            g.add((file, DCTERMS.description, Literal(dump.view_of, lang="en")))
            g.add((file, DCTERMS.conformsTo, URIRef(str(PREFIXES["skos"]))))
        g.add((ds, DCAT.distribution, file))
        g.add((file, RDF.type, DCAT.Distribution))
        g.add((file, DCAT.downloadURL, file))
        g.add(
            (
                file,
                DCAT.mediaType,
                URIRef("https://www.iana.org/assignments/media-types/" + dump.media_type),
            )
        )
        g.add((file, DCTERMS.title, Literal(dump.filename)))
