"""The difference as RDF: the Talis Changeset vocabulary (http://purl.org/vocab/changeset/schema#).

One cs:ChangeSet per changed resource (the vocabulary's convention: every
statement added or removed has the cs:subjectOfChange as its subject), with
cs:changeReason giving the editor-level changes of that resource, and its
statements reified as rdf:Statement resources under cs:addition/cs:removal.
Applying a change set means removing its removals and adding its additions.
"""

from __future__ import annotations

import datetime
import hashlib

from rdflib import BNode, Graph, Literal, Namespace
from rdflib.term import Node

from catalogue.diff.changes import Diff
from catalogue.graph.dataset import bind_prefixes
from catalogue.vocab import RDF, XSD

CS = Namespace("http://purl.org/vocab/changeset/schema#")
CREATOR = "outsourcing-catalogue diff"


def change_set(diff: Diff, created: datetime.datetime | None = None) -> Graph:
    graph = Graph()
    bind_prefixes(graph)
    graph.bind("cs", CS)
    reasons: dict[str, list[str]] = {}
    for change in diff.changes:
        language = f" ({change.language})" if change.language else ""
        reasons.setdefault(change.concept, []).append(f"{change.kind}{language}: {change.detail}")
    subjects = sorted({s for g in (diff.added, diff.removed) for s in g.subjects()}, key=str)
    for subject in subjects:
        node = BNode(_label("changeset", subject))
        graph.add((node, RDF.type, CS.ChangeSet))
        graph.add((node, CS.subjectOfChange, subject))
        graph.add((node, CS.creatorName, Literal(CREATOR)))
        if created is not None:
            graph.add((node, CS.createdDate, Literal(created.isoformat(), datatype=XSD.dateTime)))
        owner = diff.owners.get(str(subject))
        explained = reasons.get(str(subject)) or [
            f"{r} (of <{owner}>)" for r in reasons.get(owner or "", []) if r.startswith("note")
        ]
        reason = "; ".join(explained) or "statements changed"
        graph.add((node, CS.changeReason, Literal(reason)))
        for prop, source in ((CS.addition, diff.added), (CS.removal, diff.removed)):
            for s, p, o in sorted(source.triples((subject, None, None))):
                statement = BNode(_label("statement", s, p, o))
                graph.add((node, prop, statement))
                graph.add((statement, RDF.type, RDF.Statement))
                graph.add((statement, RDF.subject, s))
                graph.add((statement, RDF.predicate, p))
                graph.add((statement, RDF.object, o))
    return graph


def _label(kind: str, *terms: Node) -> str:
    """A blank node label fixed by its content: two runs write the same change set."""
    digest = hashlib.sha256("\x1f".join(t.n3() for t in terms).encode("utf-8")).hexdigest()
    return f"{kind}{digest[:16]}"


_PARTS = (RDF.subject, RDF.predicate, RDF.object)


def apply(graph: Graph, changes: Graph) -> Graph:
    """``graph`` with the change sets applied: the inverse check of ``change_set``."""
    result = Graph()
    result += graph
    for prop, add in ((CS.removal, False), (CS.addition, True)):
        for statement in changes.objects(None, prop):
            s, p, o = (changes.value(statement, part) for part in _PARTS)
            # A part missing would be a wildcard to remove(): every matching triple would go.
            if s is None or p is None or o is None:
                raise ValueError(f"a change set statement without all its parts: {statement}")
            (result.add if add else result.remove)((s, p, o))
    return result
