"""Notes of the classification, said twice: as text for SKOS tools, as XKOS note resources.

A SKOS tool (skosprovider, Skosmos, VocPub, pyLODE) reads ``skos:definition``,
``skos:scopeNote`` and ``skos:note`` as language-tagged text; the XKOS best
practices want each note as an ``xkos:ExplanatoryNote`` resource with its
text, language, version, start date. So each note is both: the literal under
the SKOS property, and the resource under an XKOS (or our) property that no
SKOS tool reads as text. The resource carries the same text as
``xkos:plainText`` and ``rdf:value`` (the SKOS Primer's "documentation as a
resource" pattern), its language, a version, the date it is valid from and
whether it is official text or our translation.
"""

from __future__ import annotations

import datetime

from rdflib import Graph, Literal, URIRef

from catalogue.vocab import DCAT, DCTERMS, PROV, RDF, SCHEMA, SKOS, SOC, XKOS, XSD

#: The language tag of the official Chinese text. Plain "zh", not "zh-Hans": Oxigraph
#: lower-cases tags ("zh-hans"), so lang(?l) = "zh-Hans" never matches over the store and
#: clients that compare tags exactly (Skosmos: lang IN ("zh", "en")) miss the Chinese. "zh"
#: survives every store and matches both lang(?l) = "zh" and langMatches(lang(?l), "zh").
#: The script (Simplified, zh-Hans) is stated once, as the dct:language of the source text.
OFFICIAL_LANGUAGE = "zh"
#: The script of the official text, as the source text's dct:language states it.
OFFICIAL_SCRIPT = "zh-Hans"

#: The property of each kind of note resource, and the SKOS property its text goes under.
#: xkos:coreContentNote for the definition and scope: skos:definition itself is the text.
#: Inclusions and exclusions keep the XKOS properties made for them; their text is a
#: skos:scopeNote (XKOS makes both sub-properties of it). Policy notes are ours; their
#: text is a skos:note, their super-property.
TEXT_PROPERTY: dict[URIRef, URIRef] = {
    XKOS.coreContentNote: SKOS.definition,
    XKOS.inclusionNote: SKOS.scopeNote,
    XKOS.exclusionNote: SKOS.scopeNote,
    SOC.policyNote: SKOS.note,
}


def add_note(
    graph: Graph,
    owner: URIRef,
    note_property: URIRef,
    note: URIRef,
    text: str,
    language: str,
    valid_from: datetime.date,
    derived_from: URIRef | None,
    official: bool,
) -> URIRef:
    """``owner`` gets the text under the SKOS property and the note resource under
    ``note_property``; the resource is described in full."""
    literal = Literal(text, lang=language)
    graph.add((owner, TEXT_PROPERTY[note_property], literal))
    graph.add((owner, note_property, note))
    graph.add((note, RDF.type, XKOS.ExplanatoryNote))
    graph.add((note, XKOS.plainText, literal))
    graph.add((note, RDF.value, literal))
    graph.add((note, DCTERMS.language, Literal(language, datatype=XSD.language)))
    graph.add((note, DCAT.version, Literal("1", datatype=XSD.int)))
    start = datetime.datetime.combine(valid_from, datetime.time())
    graph.add((note, SCHEMA.startDate, Literal(start.isoformat(), datatype=XSD.dateTime)))
    graph.add((note, SOC.official, Literal(official)))
    if derived_from is not None:
        graph.add((note, PROV.wasDerivedFrom, derived_from))
    return note
