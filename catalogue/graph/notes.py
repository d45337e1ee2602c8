"""XKOS explanatory notes: each note a resource, as the XKOS best practices ask.

A note carries its text (``xkos:plainText``), its language, a version, the date
it is valid from and whether it is official text or our translation.
"""

from __future__ import annotations

import datetime

from rdflib import Graph, Literal, URIRef

from catalogue.vocab import DCAT, DCTERMS, PROV, RDF, SCHEMA, SOC, XKOS, XSD

#: The language tag of the official text: Simplified Chinese (langMatches "zh" still holds).
OFFICIAL_LANGUAGE = "zh-Hans"


def add_note(
    graph: Graph,
    note: URIRef,
    text: str,
    language: str,
    valid_from: datetime.date,
    derived_from: URIRef | None,
    official: bool,
) -> URIRef:
    graph.add((note, RDF.type, XKOS.ExplanatoryNote))
    graph.add((note, XKOS.plainText, Literal(text, lang=language)))
    graph.add((note, DCTERMS.language, Literal(language, datatype=XSD.language)))
    graph.add((note, DCAT.version, Literal("1", datatype=XSD.int)))
    start = datetime.datetime.combine(valid_from, datetime.time())
    graph.add((note, SCHEMA.startDate, Literal(start.isoformat(), datatype=XSD.dateTime)))
    graph.add((note, SOC.official, Literal(official)))
    if derived_from is not None:
        graph.add((note, PROV.wasDerivedFrom, derived_from))
    return note
