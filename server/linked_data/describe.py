"""The SPARQL that describes one resource: what its document holds, in every format.

A description is useful on its own, without a second request:

- the resource's own statements;
- the names (labels, notation, type) of everything it links to, and of what
  links to it (a level's members, a ministry's documents, a term's users);
- its place in the hierarchy: the broader chain up to the scheme, the narrower;
- its notes and the activities they exclude, whole, with the names of the
  concepts that cover those activities (``soc:coveredBy``);
- the lines of the source it came from (``soc:firstLine``/``soc:lastLine``), and
  for the source text, every excerpt and what was derived from it;
- blank nodes reachable from it (OWL restrictions, ``xkos:levels`` lists);
- the document itself: ``foaf:primaryTopic``, the dataset, the licence.

Skipped on purpose: ``skos:inScheme`` and ``rdf:type`` pointing *at* the resource
(every concept of a scheme, every instance of a class), which say more about
the others than about it.
"""

from __future__ import annotations

#: What is said about a neighbour: enough to name it and to place it.
NAMES = (
    "rdf:type",
    "skos:prefLabel",
    "rdfs:label",
    "dct:title",
    "skos:notation",
    "soc:firstLine",
    "soc:lastLine",
)
#: Properties whose objects are parts of the resource: described whole.
NOTES = (
    "skos:definition",
    "skos:scopeNote",
    "skos:note",
    "skos:historyNote",
    "skos:changeNote",
    "skos:editorialNote",
    "skos:example",
    "xkos:inclusionNote",
    "xkos:exclusionNote",
    "xkos:coreContentNote",
    "xkos:additionalContentNote",
    "soc:policyNote",
)
NOT_FROM = ("skos:inScheme", "rdf:type")
#: Deepest chain of blank nodes followed (OWL restrictions, RDF lists of levels).
BLANK_DEPTH = 5


def _names(subject: str) -> tuple[str, str]:
    """The template and the pattern naming ``subject`` (a variable like ``?o``)."""
    p, v = subject + "_np", subject + "_nv"
    # FILTER IN, not VALUES: Oxigraph joins a VALUES block after a full scan (0.5 ms vs 0.1).
    return f"{subject} {p} {v} .", f"{subject} {p} {v} . FILTER({p} IN ({', '.join(NAMES)}))"


def describe_query(iri: str, document: str | None = None, dataset: str | None = None) -> str:
    """A CONSTRUCT for ``iri``; ``document``, the URL of the document being made, and
    ``dataset``, the dataset's IRI, add the statements about the document."""
    notes = "|".join(NOTES)
    parts: list[tuple[str, str]] = []

    def add(template: str, pattern: str, named: str | None = None) -> None:
        """A branch, and one more for the names of ``named`` (a variable of the branch).

        Branches are a UNION, so a resource without names still comes along; and
        the IRI is written into each, not joined from outside (a VALUES around
        the union made Oxigraph evaluate each branch unbound: 40 ms, not 1).
        """
        parts.append((template, pattern))
        if named:
            name_template, name_pattern = _names(named)
            parts.append((name_template, f"{pattern} {name_pattern}"))

    add("?r ?p ?o .", "?r ?p ?o .", named="?o")
    add("?in ?inp ?r .", f"?in ?inp ?r . FILTER(?inp NOT IN ({', '.join(NOT_FROM)}))", named="?in")
    add(
        "?up ?upp ?upv .",
        "?r skos:broader+ ?up . ?up ?upp ?upv . "
        f"FILTER(?upp IN ({', '.join(NAMES)}, skos:broader, skos:topConceptOf))",
    )
    add(
        "?part ?partp ?parto .",
        f"?r ({notes})/soc:excludedActivity? ?part . ?part ?partp ?parto .",
        named="?parto",
    )
    derived_template, derived_pattern = _names("?derived")
    add(
        "?derived prov:wasDerivedFrom ?excerpt . " + derived_template,
        "?excerpt dct:isPartOf ?r . ?derived prov:wasDerivedFrom ?excerpt . " + derived_pattern,
    )
    for depth in range(1, BLANK_DEPTH + 1):
        # Blank nodes ``depth`` steps away, through blank nodes only.
        steps = " ".join(f"?b{n - 1} ?s{n} ?b{n} ." for n in range(1, depth + 1))
        blank = " && ".join(f"isBlank(?b{n})" for n in range(1, depth + 1))
        last = f"?b{depth}"
        add(
            f"{last} {last}p {last}o .",
            f"{steps.replace('?b0', '?r')} FILTER({blank}) {last} {last}p {last}o .",
            named=f"{last}o",
        )
    if document:
        values = f"<{document}> <{dataset}>" if dataset else f"<{document}> UNDEF"
        add(
            "?doc foaf:primaryTopic ?r ; void:inDataset ?dataset ; dct:license ?licence .",
            f"VALUES (?doc ?dataset) {{ ({values}) }} OPTIONAL {{ ?dataset dct:license ?licence }}",
        )
    subject = f"<{iri}>"
    template = "\n  ".join(dict.fromkeys(t.replace("?r ", subject + " ") for t, _ in parts))
    where = "\n  UNION ".join(f"{{ {p.replace('?r ', subject + ' ')} }}" for _, p in parts)
    return f"CONSTRUCT {{\n  {template}\n}}\nWHERE {{\n  {where}\n}}"
