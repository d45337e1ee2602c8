"""A resource's description as a page uses it: names in the reader's language, links,
notes grouped by language, excerpts with their lines, the hierarchy, every statement.

Built per request from the triples of ``linked_data.describe`` and the index;
templates read it and never touch RDF terms themselves.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import quote

import pyoxigraph as ox

from server.linked_data.addresses import Addresses, Site
from server.linked_data.documents import document_path
from server.linked_data.index import Entry, Index
from server.linked_data.source_text import SourceText
from server.linked_data.vocabulary import (
    DCT,
    FOAF,
    RDF,
    RDFS,
    SKOS,
    SOC,
    XKOS,
    XSD,
    canonical_language,
    curie,
)
from server.pages.i18n import TAGS, Language
from server.pages.term_names import class_name, property_name

Term = ox.NamedNode | ox.BlankNode | ox.Literal


@dataclass(frozen=True)
class Text:
    """A literal to show: its language tag goes into the element's ``lang`` attribute."""

    value: str
    tag: str = ""
    datatype: str | None = None

    @property
    def language(self) -> str:
        return self.tag.split("-")[0].lower()

    @property
    def lang(self) -> str:
        """The HTML ``lang``: the data tags Chinese plain "zh" (it survives every store);
        a page names the script, so that browsers pick Simplified Chinese glyphs."""
        return TAGS.get(self.tag, self.tag)

    @property
    def unofficial(self) -> bool:
        """English is always our translation: no official English text exists."""
        return self.language == "en"

    @property
    def datatype_name(self) -> str | None:
        if not self.datatype or self.datatype in (XSD + "string", RDF + "langString"):
            return None
        return curie(self.datatype) or self.datatype


@dataclass(frozen=True)
class Link:
    iri: str
    href: str
    name: Text | None
    other_name: Text | None = None
    notation: str | None = None
    local: bool = True
    kind: str = "resource"


@dataclass
class Value:
    """One object of a statement: a literal, a link, or a blank node shown inline."""

    text: Text | None = None
    link: Link | None = None
    nested: list[Statement] | None = None
    items: list[Value] | None = None  # an RDF list, in order


@dataclass
class Statement:
    property: Link
    property_name: str
    values: list[Value]


@dataclass
class Note:
    """One note of the catalogue in both languages (``…/note/inclusion-1/{zh,en}``)."""

    texts: list[Text]
    iris: list[str]
    activities: list[Activity] = field(default_factory=list)


@dataclass
class Activity:
    link: Link
    covered_by: list[Link]


@dataclass
class Excerpt:
    iri: str
    href: str
    first: int
    last: int
    lines: list[tuple[int, str]]


class Linker:
    """Names and links of resources, in the reader's language: all a list of links needs."""

    def __init__(self, index: Index, addresses: Addresses, site: Site, language: Language) -> None:
        self.index = index
        self.addresses = addresses
        self.site = site
        self.language = language

    def texts(self, predicate: str, subject: Term | None = None) -> list[Text]:
        return []

    def names(self, iri: str) -> tuple[Text | None, Text | None]:
        """The name in the reader's language and the name in the other language."""
        entry = self.index.get(iri)
        if entry is not None and entry.names:
            first = entry.name(self.language.code)
            second = (
                entry.name(self.language.other) if entry.has_name_in(self.language.other) else None
            )
            primary = Text(*first) if first else None
            secondary = Text(*second) if second and second != first else None
            return primary, secondary
        node = ox.NamedNode(iri)
        for predicate in (SKOS + "prefLabel", RDFS + "label", DCT + "title"):
            texts = self.texts(predicate, node)
            if texts:
                other = next((t for t in texts if t.language != texts[0].language), None)
                return texts[0], other
        return None, None

    def short_name(self, iri: str) -> Text | None:
        """An alternative name in the reader's language if there is one (the announcement's
        number rather than its full title), else the name."""
        entry = self.index.get(iri)
        if entry is not None:
            for text, tag in entry.alt_names:
                if tag.split("-")[0].lower() == self.language.code:
                    return Text(text, tag)
        return self.names(iri)[0]

    def href(self, iri: str) -> str:
        """Where a link to ``iri`` goes: our page about it, or the IRI itself if it is not ours."""
        base, _, fragment = iri.partition("#")
        path = self.addresses.path_of(self.index.canonical(base))
        if path is None:
            return iri
        target = path if self.index.served_directly(base) else document_path(path, "html")
        return self.site.link(quote(target, safe="/:@!$&'()*+,;=-._~")) + (
            "#" + fragment if fragment else ""
        )

    def link(self, iri: str) -> Link:
        name, other = self.names(iri)
        entry = self.index.get(iri)
        local = self.addresses.is_local(iri)
        if name is None and not local:
            known = class_name(iri, self.language.code)
            name = Text(known) if known else Text(curie(iri) or iri)
        return Link(
            iri,
            self.href(iri),
            name,
            other,
            entry.notation if entry else None,
            local,
            entry.kind if entry else "resource",
        )

    def links(self, iris: Iterable[str]) -> list[Link]:
        return [self.link(iri) for iri in self.index.sorted(iris)]


class View(Linker):
    def __init__(
        self,
        iri: str,
        triples: Iterable[ox.Triple],
        index: Index,
        addresses: Addresses,
        site: Site,
        language: Language,
        source: SourceText,
    ) -> None:
        super().__init__(index, addresses, site, language)
        self.iri = iri
        self.source = source
        self.out: dict[Term, dict[str, list[Term]]] = {}
        self.into: dict[Term, dict[str, list[Term]]] = {}
        for t in triples:
            if isinstance(t.subject, ox.Triple) or isinstance(t.object, ox.Triple):
                continue  # RDF-star: a quoted triple is no resource to show (the data has none)
            objects = self.out.setdefault(t.subject, {}).setdefault(t.predicate.value, [])
            if t.object not in objects:
                objects.append(t.object)
            self.into.setdefault(t.object, {}).setdefault(t.predicate.value, []).append(t.subject)
        self.node = ox.NamedNode(iri)
        self.entry: Entry | None = index.get(iri)

    # --- the graph --------------------------------------------------------------------

    def objects(self, predicate: str, subject: Term | None = None) -> list[Term]:
        return self.out.get(subject or self.node, {}).get(predicate, [])

    def subjects(self, predicate: str, obj: Term | None = None) -> list[Term]:
        return self.into.get(obj or self.node, {}).get(predicate, [])

    def has(self, predicate: str) -> bool:
        return bool(self.objects(predicate))

    def types(self) -> set[str]:
        return {t.value for t in self.objects(RDF + "type") if isinstance(t, ox.NamedNode)}

    # --- names and links --------------------------------------------------------------

    def texts(self, predicate: str, subject: Term | None = None) -> list[Text]:
        """Literals of ``predicate``, the reader's language first."""
        found = [_text(t) for t in self.objects(predicate, subject) if isinstance(t, ox.Literal)]
        return sorted(found, key=lambda t: (t.language != self.language.code, t.language))

    def text(self, predicate: str, subject: Term | None = None) -> Text | None:
        texts = self.texts(predicate, subject)
        return texts[0] if texts else None

    # --- hierarchy --------------------------------------------------------------------

    def breadcrumb(self) -> list[Link]:
        chain = self.index.ancestors(self.iri)
        scheme = self.entry.scheme if self.entry else None
        top = [scheme] if scheme and scheme != self.iri else []
        return [self.link(iri) for iri in [*top, *chain]]

    def children(self, iri: str | None = None) -> list[Link]:
        return [self.link(child) for child in self.index.children(iri or self.iri)]

    def level(self) -> Link | None:
        levels = [s for s in self.subjects(SKOS + "member") if isinstance(s, ox.NamedNode)]
        return self.link(levels[0].value) if levels else None

    # --- notes ------------------------------------------------------------------------

    def notes(self, predicate: str) -> list[Note]:
        """Notes of ``predicate`` grouped by note (both languages of ``…/inclusion-1/``),
        in the source's order, each text in the reader's language first."""
        groups: dict[str, Note] = {}
        for node in self.objects(predicate):
            if not isinstance(node, ox.NamedNode):
                continue
            key = node.value.rsplit("/", 1)[0]
            note = groups.setdefault(key, Note([], []))
            note.iris.append(node.value)
            note.texts.extend(self.texts(XKOS + "plainText", node))
            for activity in self.objects(SOC + "excludedActivity", node):
                covered = [c.value for c in self.objects(SOC + "coveredBy", activity)]
                note.activities.append(Activity(self.link(activity.value), self.links(covered)))
        for note in groups.values():
            note.texts.sort(key=lambda t: (t.language != self.language.code, t.language))
        return [groups[key] for key in sorted(groups, key=_natural)]

    def literal_notes(self, predicate: str) -> list[Text]:
        """Notes given as literals (the ontology's definitions, a history note)."""
        return self.texts(predicate)

    def covered_here(self) -> list[tuple[Link, list[Link]]]:
        """Activities other domains exclude that this one covers, with where they are excluded."""
        out = []
        for activity in self.subjects(SOC + "coveredBy"):
            if isinstance(activity, ox.NamedNode):
                owner = activity.value.split("/excluded-activity/")[0]
                out.append((self.link(activity.value), [self.link(owner)]))
        return out

    # --- where it came from -----------------------------------------------------------

    def excerpts(self, subject: Term | None = None) -> list[Excerpt]:
        found = []
        for node in self.objects("http://www.w3.org/ns/prov#wasDerivedFrom", subject):
            if not isinstance(node, ox.NamedNode) or "#line=" not in node.value:
                continue
            first = _integer(self.objects(SOC + "firstLine", node))
            last = _integer(self.objects(SOC + "lastLine", node))
            if first is None or last is None:
                continue
            lines = self.source.excerpt(first, last) if self.source.available else []
            found.append(Excerpt(node.value, self.href(node.value), first, last, lines))
        return sorted(found, key=lambda e: (e.first, e.last))

    def excerpts_bounds(self, iri: str) -> int | None:
        """The first line (1-based) of an excerpt of the description."""
        return _integer(self.objects(SOC + "firstLine", ox.NamedNode(iri)))

    # --- every statement --------------------------------------------------------------

    def statements(self, subject: Term | None = None, depth: int = 0) -> list[Statement]:
        subject = subject or self.node
        out = []
        for predicate, objects in self.out.get(subject, {}).items():
            values = [self.value(o, depth) for o in self._ordered(objects)]
            out.append(
                Statement(self.property_link(predicate), self.property_label(predicate), values)
            )
        return sorted(out, key=lambda s: (_PROPERTY_ORDER.get(s.property.iri, 9), s.property_name))

    def incoming(self) -> list[Statement]:
        out = []
        for predicate, subjects in self.into.get(self.node, {}).items():
            if predicate == FOAF + "primaryTopic":  # the document being made, not data
                continue
            iris = [s.value for s in subjects if isinstance(s, ox.NamedNode)]
            if not iris:
                continue
            values = [Value(link=link) for link in self.links(set(iris))]
            name = self.property_label(predicate, inverse=True)
            out.append(Statement(self.property_link(predicate), name, values))
        return sorted(out, key=lambda s: s.property_name)

    def value(self, term: Term, depth: int = 0) -> Value:
        if isinstance(term, ox.Literal):
            return Value(text=_text(term))
        if isinstance(term, ox.BlankNode):
            items = self._list(term)
            if items is not None:
                return Value(items=[self.value(item, depth + 1) for item in items])
            if depth < 6:
                return Value(nested=self.statements(term, depth + 1))
            return Value(text=Text("[…]"))
        # A note is its text: show it, with the link to the note itself.
        texts = self.texts(XKOS + "plainText", term)
        return Value(text=texts[0] if texts else None, link=self.link(term.value))

    def property_link(self, iri: str) -> Link:
        return Link(
            iri, self.href(iri), Text(curie(iri) or iri), local=self.addresses.is_local(iri)
        )

    def property_label(self, iri: str, inverse: bool = False) -> str:
        name = property_name(iri, self.language.code, inverse)
        if name:
            return name
        entry = self.index.get(iri)
        if entry is not None and entry.names and not inverse:
            found = entry.name(self.language.code)
            if found:
                return found[0]
        short = curie(iri) or iri
        return f"{short} ⁻¹" if inverse else short

    def _ordered(self, objects: list[Term]) -> list[Term]:
        iris = [o for o in objects if isinstance(o, ox.NamedNode)]
        others = [o for o in objects if not isinstance(o, ox.NamedNode)]
        by_iri = {o.value: o for o in iris}
        others.sort(
            key=lambda t: (
                isinstance(t, ox.Literal) and _text(t).language != self.language.code,
                str(t),
            )
        )
        return [by_iri[i] for i in self.index.sorted(by_iri)] + others

    def _list(self, node: ox.BlankNode) -> list[Term] | None:
        """The members of an RDF list starting at ``node``, or None if it is not one."""
        items: list[Term] = []
        seen = set()
        current: Term = node
        while isinstance(current, ox.BlankNode) and current not in seen:
            seen.add(current)
            first = self.objects(RDF + "first", current)
            rest = self.objects(RDF + "rest", current)
            if not first or not rest:
                return None
            items.append(first[0])
            current = rest[0]
        if current != ox.NamedNode(RDF + "nil"):
            return None
        return items


_PROPERTY_ORDER = {
    RDF + "type": 0,
    SKOS + "prefLabel": 1,
    SKOS + "altLabel": 2,
    SKOS + "notation": 3,
}


def _text(literal: ox.Literal) -> Text:
    return Text(literal.value, canonical_language(literal.language or ""), literal.datatype.value)


def _integer(terms: list[Term]) -> int | None:
    for term in terms:
        if isinstance(term, ox.Literal) and term.value.isdigit():
            return int(term.value)
    return None


def _natural(key: str) -> tuple[str, int]:
    """``inclusion-2`` before ``inclusion-10``."""
    head, _, number = key.rpartition("-")
    return (head, int(number)) if number.isdigit() else (key, 0)
