"""The official graph: what the text of the announcement and the catalogue states.

Every Chinese literal here is a string the parser read from the source. Each
concept and note cites the source lines it came from (``prov:wasDerivedFrom``
a ``soc:SourceExcerpt``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef

from catalogue.graph.notes import OFFICIAL_LANGUAGE, OFFICIAL_SCRIPT, add_note
from catalogue.iris import IriScheme
from catalogue.source.reading import Span
from catalogue.source.structure import BusinessType, Catalogue, Domain
from catalogue.vocab import DCTERMS, FOAF, OWL, PROV, RDF, SCHEMA, SKOS, SOC, XKOS, XSD

SPDX = "http://spdx.org/rdf/terms#"


def zh(text: str) -> Literal:
    return Literal(text, lang=OFFICIAL_LANGUAGE)


@dataclass
class OfficialGraphBuilder:
    catalogue: Catalogue
    iris: IriScheme
    graph: Graph
    #: IRIs of the ministries and cited documents by their position in the text;
    #: the keys in the IRIs are ours (curation/), the order is the text's.
    ministry_iris: dict[int, URIRef]
    cited_iris: dict[int, URIRef]
    #: Codes this project mints for business types, kept apart from the official graph.
    minted_codes: dict[URIRef, str] = field(default_factory=dict)
    level_members: dict[str, list[URIRef]] = field(default_factory=dict)

    @property
    def year(self) -> str:
        return self.catalogue.year

    @property
    def scheme(self) -> URIRef:
        return self.iris.edition(self.year)

    def build(self) -> Graph:
        self.add_source_text()
        self.add_announcement()
        self.add_scheme()
        self.add_predecessor()
        for category in self.catalogue.categories:
            self.add_category(category.code, category.name)
        for domain in self.catalogue.domains:
            self.add_domain(domain)
        return self.graph

    # -- provenance --------------------------------------------------------

    def excerpt(self, span: Span) -> URIRef:
        """The source lines ``span`` as a resource a query can filter on."""
        excerpt = self.iris.source_lines(self.year, span.first, span.last)
        g = self.graph
        g.add((excerpt, RDF.type, SOC.SourceExcerpt))
        g.add((excerpt, SOC.firstLine, Literal(span.first, datatype=XSD.positiveInteger)))
        g.add((excerpt, SOC.lastLine, Literal(span.last, datatype=XSD.positiveInteger)))
        g.add((excerpt, DCTERMS.isPartOf, self.iris.source_text(self.year)))
        return excerpt

    def add_source_text(self) -> None:
        g, source = self.graph, self.iris.source_text(self.year)
        g.add((source, RDF.type, FOAF.Document))
        g.add((source, RDF.type, PROV.Entity))
        g.add((source, DCTERMS.format, Literal("text/plain; charset=utf-8")))
        # The script is a fact about the document; the literals carry the plain "zh" tag
        # (see catalogue.graph.notes.OFFICIAL_LANGUAGE for why).
        g.add((source, DCTERMS.language, Literal(OFFICIAL_SCRIPT, datatype=XSD.language)))
        g.add((source, URIRef(SPDX + "checksum"), checksum := URIRef(f"{source}#sha256")))
        g.add((checksum, RDF.type, URIRef(SPDX + "Checksum")))
        g.add((checksum, URIRef(SPDX + "algorithm"), URIRef(SPDX + "checksumAlgorithm_sha256")))
        g.add((checksum, URIRef(SPDX + "checksumValue"), Literal(self.catalogue.source_sha256)))
        g.add((source, DCTERMS.source, self.announcement_iri))

    # -- the announcement --------------------------------------------------

    @property
    def announcement_iri(self) -> URIRef:
        year, _, number = self.catalogue.announcement.number.removeprefix("公告").partition("年第")
        return self.iris.document(f"announcement-{year}-{number.removesuffix('号')}")

    def ministry_iri(self, position: int) -> URIRef:
        return self.ministry_iris[position]

    def cited_iri(self, position: int) -> URIRef:
        return self.cited_iris[position]

    def add_announcement(self) -> None:
        a = self.catalogue.announcement
        g, doc = self.graph, self.announcement_iri
        g.add((doc, RDF.type, FOAF.Document))
        g.add((doc, DCTERMS.identifier, zh(a.number)))
        g.add((doc, DCTERMS.issued, Literal(a.issued.isoformat(), datatype=XSD.date)))
        g.add((doc, DCTERMS.description, zh(a.preamble)))
        g.add((doc, PROV.wasDerivedFrom, self.excerpt(a.span)))
        for ministry in a.ministries:
            org = self.ministry_iri(ministry.position)
            g.add((doc, DCTERMS.publisher, org))
            g.add((org, SKOS.prefLabel, zh(ministry.full_name)))
            g.add((org, SKOS.altLabel, zh(ministry.short_name)))
            g.add((org, SOC.position, Literal(ministry.position, datatype=XSD.positiveInteger)))
        for position, cited in enumerate(a.cited, start=1):
            ref = self.cited_iri(position)
            g.add((doc, DCTERMS.references, ref))
            g.add((ref, RDF.type, FOAF.Document))
            g.add((ref, SKOS.prefLabel, zh(cited.title)))
            g.add((ref, SOC.position, Literal(position, datatype=XSD.positiveInteger)))
            if cited.number:
                g.add((ref, DCTERMS.identifier, zh(cited.number)))
            g.add((ref, PROV.wasDerivedFrom, self.excerpt(cited.span)))

    # -- the editions ------------------------------------------------------

    def add_scheme(self) -> None:
        c, g, scheme = self.catalogue, self.graph, self.scheme
        a = c.announcement
        g.add((scheme, RDF.type, SKOS.ConceptScheme))
        g.add((scheme, SKOS.prefLabel, zh(f"{c.title}（{c.edition}）")))
        g.add((scheme, SKOS.altLabel, zh(c.title)))
        g.add((scheme, SKOS.notation, Literal(c.year)))
        g.add((scheme, DCTERMS.title, zh(c.title)))
        g.add((scheme, SCHEMA.version, zh(c.edition)))
        g.add((scheme, DCTERMS.issued, Literal(a.issued.isoformat(), datatype=XSD.date)))
        g.add((scheme, SCHEMA.startDate, Literal(a.issued.isoformat(), datatype=XSD.date)))
        g.add((scheme, DCTERMS.description, zh(c.overview)))
        # The overview is what the text says the catalogue is: SKOS tools and VocPub read a
        # scheme's definition from skos:definition.
        g.add((scheme, SKOS.definition, zh(c.overview)))
        # The edition was made and last changed on the day it was issued: the text knows
        # no amendment. (When we rebuilt the data is the dataset's dct:modified.)
        g.add((scheme, DCTERMS.created, Literal(a.issued.isoformat(), datatype=XSD.date)))
        g.add((scheme, DCTERMS.modified, Literal(a.issued.isoformat(), datatype=XSD.date)))
        g.add((scheme, DCTERMS.source, self.announcement_iri))
        g.add((scheme, DCTERMS.language, Literal(OFFICIAL_LANGUAGE, datatype=XSD.language)))
        g.add((scheme, PROV.wasDerivedFrom, self.excerpt(c.title_span + c.overview_span)))
        for ministry in a.ministries:
            g.add((scheme, DCTERMS.creator, self.ministry_iri(ministry.position)))
            g.add((scheme, DCTERMS.publisher, self.ministry_iri(ministry.position)))

    def add_predecessor(self) -> None:
        """The abolished edition: only what the text says (its year, its title, abolished)."""
        p = self.catalogue.announcement.predecessor
        g, old = self.graph, self.iris.edition(p.year)
        issued = self.catalogue.announcement.issued.isoformat()
        g.add((old, RDF.type, SKOS.ConceptScheme))
        g.add((old, SKOS.prefLabel, zh(p.title)))
        g.add((old, SKOS.notation, Literal(p.year)))
        g.add((old, DCTERMS.issued, Literal(p.year, datatype=XSD.gYear)))
        g.add((old, OWL.deprecated, Literal(True)))
        g.add((old, SCHEMA.endDate, Literal(issued, datatype=XSD.date)))
        g.add((old, DCTERMS.isReplacedBy, self.scheme))
        g.add((old, PROV.wasInvalidatedBy, self.announcement_iri))
        g.add((old, SKOS.historyNote, zh(p.abolition)))
        g.add((old, PROV.wasDerivedFrom, self.excerpt(p.span)))
        for link in (XKOS.supersedes, XKOS.follows, DCTERMS.replaces, PROV.wasRevisionOf):
            g.add((self.scheme, link, old))

    # -- the concepts ------------------------------------------------------

    def add_concept(
        self, concept: URIRef, kind: URIRef, label: str, span: Span, level: str
    ) -> None:
        self.level_members.setdefault(level, []).append(concept)
        g = self.graph
        g.add((concept, RDF.type, SKOS.Concept))
        g.add((concept, RDF.type, kind))
        g.add((concept, SKOS.inScheme, self.scheme))
        g.add((concept, SKOS.prefLabel, zh(label)))
        g.add((concept, PROV.wasDerivedFrom, self.excerpt(span)))

    def link(self, broader: URIRef, narrower: URIRef) -> None:
        self.graph.add((narrower, SKOS.broader, broader))
        self.graph.add((broader, SKOS.narrower, narrower))

    def add_category(self, code: str, name: str) -> None:
        concept = self.iris.category(self.year, code)
        self.add_concept(concept, SOC.Category, name, self.catalogue.overview_span, "category")
        self.graph.add((concept, SKOS.notation, Literal(code)))
        self.graph.add((concept, SKOS.topConceptOf, self.scheme))
        self.graph.add((self.scheme, SKOS.hasTopConcept, concept))

    def add_domain(self, domain: Domain) -> None:
        g = self.graph
        concept = self.iris.domain(self.year, domain.code)
        self.add_concept(concept, SOC.KeyDomain, domain.name, domain.span, "domain")
        g.add((concept, SKOS.notation, Literal(domain.code)))
        g.add((concept, SOC.nonExhaustive, Literal(domain.business_types_open)))
        self.link(self.iris.category(self.year, domain.category_code), concept)

        definition_source = self.excerpt(domain.definition_span)
        self.note(concept, XKOS.coreContentNote, "definition", None, domain.definition, domain)
        for index, text in enumerate(domain.inclusions, start=1):
            self.note(concept, XKOS.inclusionNote, "inclusion", index, text, domain)
        for index, text in enumerate(domain.policies, start=1):
            self.note(concept, SOC.policyNote, "policy", index, text, domain)
        activity_index = 0
        for index, clause in enumerate(domain.exclusions, start=1):
            note = self.note(concept, XKOS.exclusionNote, "exclusion", index, clause.text, domain)
            for activity in clause.activities:
                activity_index += 1
                excluded = self.iris.excluded_activity(concept, activity_index)
                g.add((note, SOC.excludedActivity, excluded))
                g.add((excluded, RDF.type, SOC.ExcludedActivity))
                g.add((excluded, SKOS.prefLabel, zh(activity)))
                g.add(
                    (excluded, SOC.position, Literal(activity_index, datatype=XSD.positiveInteger))
                )
                g.add((excluded, PROV.wasDerivedFrom, definition_source))

        for business_type in domain.business_types:
            code = f"{domain.code}.{business_type.position:02d}"
            self.add_business_type(concept, code, business_type, "business-type")

    def note(
        self, concept: URIRef, prop: URIRef, kind: str, index: int | None, text: str, domain: Domain
    ) -> URIRef:
        return add_note(
            self.graph,
            concept,
            prop,
            self.iris.note(concept, kind, OFFICIAL_LANGUAGE, index),
            text,
            OFFICIAL_LANGUAGE,
            self.catalogue.announcement.issued,
            self.excerpt(domain.definition_span),
            official=True,
        )

    def add_business_type(
        self, parent: URIRef, code: str, business_type: BusinessType, level: str
    ) -> None:
        concept = self.iris.business_type(self.year, code)
        kind = SOC.BusinessType if level == "business-type" else SOC.BusinessSubtype
        self.add_concept(concept, kind, business_type.name, business_type.span, level)
        self.minted_codes[concept] = code
        self.link(parent, concept)
        position = Literal(business_type.position, datatype=XSD.positiveInteger)
        self.graph.add((concept, SOC.position, position))
        if business_type.conjunction:
            self.graph.add((concept, SOC.listConjunction, Literal(business_type.conjunction)))
        if business_type.subtypes:
            self.graph.add((concept, SOC.nonExhaustive, Literal(business_type.subtypes_open)))
        for subtype in business_type.subtypes:
            subcode = f"{code}.{subtype.position:02d}"
            self.add_business_type(concept, subcode, subtype, "business-subtype")
