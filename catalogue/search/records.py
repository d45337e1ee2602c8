"""What the index holds, read from the graph by SPARQL: concepts, their labels and notes.

The queries work on both shapes of the data model: a note as an
``xkos:ExplanatoryNote`` resource whose text is ``xkos:plainText`` (today), or
as a language-tagged literal straight on the concept; Chinese tagged ``zh-Hans``
or ``zh`` (``langMatches``); a notation typed ``soc:MintedCode`` or a plain
string (``STR``). The level is the depth below the scheme, so it does not
depend on how levels are modelled either.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph
from pyoxigraph import Store

PREFIXES = """
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX xkos: <http://rdf-vocabulary.ddialliance.org/xkos#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX soc: <https://w3id.org/service-outsourcing/ontology/>
"""

LEVELS = ("category", "domain", "business-type", "business-subtype")

#: The notes searched and quoted as evidence, by the name the index gives them.
NOTE_PROPERTIES = {
    "definition": "skos:definition",
    "inclusionNote": "xkos:inclusionNote",
    "exclusionNote": "xkos:exclusionNote",
    "policyNote": "soc:policyNote",
}

CONCEPTS = (
    PREFIXES
    + """
SELECT ?concept (STR(?n) AS ?notation) ?broader (SAMPLE(?src) AS ?source) WHERE {
  ?concept a skos:Concept ; skos:notation ?n .
  OPTIONAL { ?concept skos:broader ?broader }
  OPTIONAL { ?concept prov:wasDerivedFrom ?src }
} GROUP BY ?concept ?n ?broader
"""
)

LABELS = (
    PREFIXES
    + """
SELECT ?concept ?property ?label WHERE {
  VALUES ?property { skos:prefLabel skos:altLabel skos:hiddenLabel }
  ?concept a skos:Concept ; ?property ?label .
}
"""
)

NOTES = (
    PREFIXES
    + """
SELECT ?concept ?property ?text ?source WHERE {
  VALUES ?property { NOTE_PROPERTIES }
  ?concept a skos:Concept ; ?property ?note .
  OPTIONAL { ?note xkos:plainText ?plain }
  BIND(COALESCE(?plain, IF(isLiteral(?note), ?note, ?none)) AS ?text)
  FILTER(BOUND(?text))
  OPTIONAL { ?note prov:wasDerivedFrom ?noteSource }
  OPTIONAL { ?concept prov:wasDerivedFrom ?conceptSource }
  BIND(COALESCE(?noteSource, ?conceptSource) AS ?source)
}
""".replace("NOTE_PROPERTIES", " ".join(NOTE_PROPERTIES.values()))
)

#: An excluded activity hangs off the exclusion note (today) or the concept itself.
EXCLUSIONS = (
    PREFIXES
    + """
SELECT DISTINCT ?concept ?activity ?label ?covered WHERE {
  ?concept a skos:Concept .
  { ?concept soc:excludedActivity ?activity }
  UNION { ?concept xkos:exclusionNote ?note . ?note soc:excludedActivity ?activity }
  ?activity skos:prefLabel ?label .
  OPTIONAL { ?activity soc:coveredBy ?covered }
}
"""
)


@dataclass(frozen=True)
class Text:
    """A label or note text of a concept: what it is, its language, where the text says it."""

    field: str  # prefLabel, altLabel, hiddenLabel, definition, inclusionNote, …
    language: str  # "zh" or "en" (primary subtag)
    text: str
    source: str | None = None  # the source lines' IRI (…/source#line=a,b); None for ours
    official: bool = True


@dataclass
class Exclusion:
    """An activity a concept's definition excludes, and where the catalogue covers it."""

    activity: str
    label: dict[str, str] = field(default_factory=dict)
    covered_by: list[str] = field(default_factory=list)


@dataclass
class Record:
    iri: str
    notation: str
    broader: str | None
    source: str | None
    level: str = ""
    texts: list[Text] = field(default_factory=list)
    exclusions: list[Exclusion] = field(default_factory=list)
    path: list[str] = field(default_factory=list)  # IRIs from the category down to this one

    def label(self, language: str) -> str:
        return next(
            (t.text for t in self.texts if t.field == "prefLabel" and t.language == language), ""
        )


def read_records(store: Store) -> list[Record]:
    """Every concept of the catalogue with its labels, notes, exclusions, path and level."""
    records: dict[str, Record] = {}
    for row in _select(store, CONCEPTS):
        iri = row["concept"]
        records[iri] = Record(iri, row["notation"], row.get("broader"), row.get("source"))
    for row in _select(store, LABELS):
        record = records.get(row["concept"])
        if record is None or not row.get("label@"):
            continue
        language = row["label@"].split("-")[0]
        prop = row["property"].rsplit("#", 1)[-1]
        # Curated labels (alt, hidden, English) are ours: not the official text.
        official = prop == "prefLabel" and language == "zh"
        text = Text(prop, language, row["label"], record.source if official else None, official)
        if text not in record.texts:
            record.texts.append(text)
    names = {f"{v.split(':')[0]}:{v.split(':')[1]}": k for k, v in NOTE_PROPERTIES.items()}
    for row in _select(store, NOTES):
        record = records.get(row["concept"])
        if record is None or not row.get("text@"):
            continue
        language = row["text@"].split("-")[0]
        prop = _curie(row["property"])
        official = language == "zh"
        source = row.get("source")
        if source and "#line=" not in source:  # a translation derives from its Chinese note
            source = record.source
        text = Text(names[prop], language, row["text"], source, official)
        if text not in record.texts:
            record.texts.append(text)
    activities: dict[tuple[str, str], Exclusion] = {}
    for row in _select(store, EXCLUSIONS):
        key = (row["concept"], row["activity"])
        exclusion = activities.setdefault(key, Exclusion(row["activity"]))
        if row.get("label@"):
            exclusion.label[row["label@"].split("-")[0]] = row["label"]
        covered = row.get("covered")
        if covered and covered not in exclusion.covered_by:
            exclusion.covered_by.append(covered)
    for (concept, _), exclusion in sorted(activities.items()):
        if concept in records:
            exclusion.covered_by.sort()
            records[concept].exclusions.append(exclusion)
    for record in records.values():
        record.path = _path(record, records)
        record.level = LEVELS[min(len(record.path), len(LEVELS)) - 1]
        record.texts.sort(key=lambda t: (_FIELD_ORDER.index(t.field), t.language != "zh", t.text))
    return sorted(records.values(), key=lambda r: _order_key(r.notation))


_FIELD_ORDER = ["prefLabel", "altLabel", "hiddenLabel", *NOTE_PROPERTIES]


def _path(record: Record, records: dict[str, Record]) -> list[str]:
    path, seen = [record.iri], {record.iri}
    current = record
    while current.broader and current.broader in records and current.broader not in seen:
        seen.add(current.broader)
        path.insert(0, current.broader)
        current = records[current.broader]
    return path


def _order_key(notation: str) -> tuple[tuple[int, int, str], ...]:
    """Codes sorted as numbers (06.9 before 06.10), categories (letters) first."""
    return tuple((0, int(p), "") if p.isdigit() else (-1, 0, p) for p in notation.split("."))


def _curie(iri: str) -> str:
    for prefix, namespace in (
        ("skos", "http://www.w3.org/2004/02/skos/core#"),
        ("xkos", "http://rdf-vocabulary.ddialliance.org/xkos#"),
        ("soc", "https://w3id.org/service-outsourcing/ontology/"),
    ):
        if iri.startswith(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri


def _select(store: Store, query: str) -> list[dict[str, str]]:
    """Rows as plain strings; a literal's language tag under ``name@`` (lower case)."""
    results = store.query(query, use_default_graph_as_union=True)
    if not isinstance(results, pyoxigraph.QuerySolutions):
        raise TypeError(f"not a SELECT: {query}")
    names = [variable.value for variable in results.variables]
    rows = []
    for solution in results:
        row: dict[str, str] = {}
        for name in names:
            term = solution[name]
            if term is None:
                continue
            row[name] = term.value
            language = getattr(term, "language", None)
            if language:
                row[name + "@"] = language.lower()
        rows.append(row)
    return rows
