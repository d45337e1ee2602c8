"""The IRI scheme: the one place that decides what every minted IRI looks like.

Slash IRIs under one persistent namespace, edition in the path (INSEE style)::

    {ns}2022                              the 2022 edition (skos:ConceptScheme)
    {ns}2018                              the abolished 2018 edition
    {ns}2022/level/{name}                 XKOS levels: category, domain, business-type, ...
    {ns}2022/category/ITO                 a category (notation as printed)
    {ns}2022/domain/05                    a key domain (official number, two digits)
    {ns}2022/business-type/05.01          a business type (code minted by this project)
    {ns}2022/business-type/06.09.05       a business sub-type
    {concept}/note/{kind}[-{n}]/{lang}    an xkos:ExplanatoryNote (definition, exclusion-1, ...)
    {concept}/excluded-activity/{n}       an activity a domain's exclusion note names
    {ns}2022/source                       the official text as received
    {ns}2022/source#line=a,b              lines a+1..b of it (RFC 5147 fragment)
    {ns}organization/{key}                an issuing ministry (mofcom, miit, mof, gacc; the keys
                                          are curated, curation/organizations.ttl)
    {ns}document/{key}                    the announcement and the documents it cites
    {ns}graph/{name}                      a named graph (official, translation, ...)
    {ns}dataset                           the dataset (VoID/DCAT)
    {ns}dumps/{file}                      a downloadable dump

The namespace is a build setting; nothing here knows which host serves it.
The ontology's own terms are not data: they keep their one IRI whatever the
namespace (see ``catalogue.vocab.SOC``), like SKOS's do.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import URIRef


@dataclass(frozen=True)
class IriScheme:
    namespace: str

    def _iri(self, path: str) -> URIRef:
        return URIRef(self.namespace + path)

    # editions and their structure
    def edition(self, year: str) -> URIRef:
        return self._iri(year)

    def level(self, year: str, name: str) -> URIRef:
        return self._iri(f"{year}/level/{name}")

    def category(self, year: str, code: str) -> URIRef:
        return self._iri(f"{year}/category/{code}")

    def domain(self, year: str, number: str) -> URIRef:
        return self._iri(f"{year}/domain/{number}")

    def business_type(self, year: str, code: str) -> URIRef:
        return self._iri(f"{year}/business-type/{code}")

    # notes and what they name
    @staticmethod
    def note(concept: URIRef, kind: str, lang: str, index: int | None = None) -> URIRef:
        suffix = kind if index is None else f"{kind}-{index}"
        return URIRef(f"{concept}/note/{suffix}/{lang}")

    @staticmethod
    def excluded_activity(concept: URIRef, index: int) -> URIRef:
        return URIRef(f"{concept}/excluded-activity/{index}")

    # where things came from
    def source_text(self, year: str) -> URIRef:
        return self._iri(f"{year}/source")

    def source_lines(self, year: str, first: int, last: int) -> URIRef:
        """Lines first..last (1-based, inclusive), as an RFC 5147 ``line=`` fragment.

        RFC 5147 counts positions between lines from 0, so lines 36..40 are ``line=35,40``.
        """
        return URIRef(f"{self.source_text(year)}#line={first - 1},{last}")

    # agents and documents
    def document(self, key: str) -> URIRef:
        return self._iri(f"document/{key}")

    # the dataset and its parts
    def graph(self, name: str) -> URIRef:
        return self._iri(f"graph/{name}")

    def dataset(self) -> URIRef:
        return self._iri("dataset")

    def dump(self, filename: str) -> URIRef:
        return self._iri(f"dumps/{filename}")
