"""The ontology as its documentation page presents it: the graph handed to pyLODE.

pyLODE documents whatever it is given, the way its profile reads it. Given
soc.ttl as it is, the page would be wrong in four ways, so this module
rewrites the graph first (soc.ttl itself is untouched):

* soc.ttl declares the external terms it uses (skos:Concept, dct:title, …) for
  OWL 2 DL parsers; pyLODE would document them as terms of this ontology.
  Only soc: terms are kept; links to the others still show their labels.
* pyLODE joins every rdfs:label into one title ("category服务外包类别") and every
  rdfs:comment and skos:definition into one description. Here the English
  label is the title, the English definition the description, the English
  comment (how the term is used) the scope note, and the Chinese wording one
  note, marked lang="zh-Hans".
* pyLODE shows neither owl:disjointWith, owl:FunctionalProperty (except as a
  second copy of the property) nor a datatype's facets; they become sentences
  in the scope note.
* the creator is an IRI; its English name comes from the catalogue's data.
"""

from __future__ import annotations

from html import escape

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import SDO
from rdflib.term import Node

from catalogue.graph.dataset import bind_prefixes
from catalogue.nodes import ordered
from catalogue.vocab import DCTERMS, ONTOLOGY_IRI, OWL, RDF, RDFS, SKOS, SOC, XSD

#: The kinds of entity pyLODE gives a section, plus datatypes (docs.py adds that section).
KINDS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
#: Axioms and annotations pyLODE renders as they are.
KEPT = (
    RDFS.isDefinedBy,
    RDFS.subClassOf,
    RDFS.subPropertyOf,
    RDFS.domain,
    RDFS.range,
    SKOS.example,
)
#: The ontology header, as pyLODE's metadata section lists it.
HEADER = (
    OWL.versionIRI,
    OWL.versionInfo,
    DCTERMS.creator,
    DCTERMS.license,
    DCTERMS.created,
    DCTERMS.modified,
    URIRef("http://purl.org/vocab/vann/preferredNamespacePrefix"),
    URIRef("http://purl.org/vocab/vann/preferredNamespaceUri"),
)
ENGLISH, CHINESE = "en", "zh"
#: HTML names the script, so that browsers pick Simplified Chinese glyphs; the data
#: tags its literals plain "zh" (see catalogue.graph.notes.OFFICIAL_LANGUAGE).
HTML_CHINESE = "zh-Hans"

# Prefixed names for the sentences, whichever prefixes the ontology graph happens to bind.
_NAMES = Graph()
bind_prefixes(_NAMES)


def soc_terms(ontology: Graph) -> list[URIRef]:
    """The ontology's own terms (classes, properties, datatypes), in the order soc.ttl has them.

    rdflib's in-memory store keeps the order of insertion, so a graph parsed from
    soc.ttl yields the levels in their order (category before key domain), which
    is the order the page should read in; the page keeps the order it is given.
    """
    terms = (
        s
        for kind in (*KINDS, RDFS.Datatype)
        for s in ontology.subjects(RDF.type, kind)
        if isinstance(s, URIRef) and str(s).startswith(str(SOC))
    )
    return list(dict.fromkeys(terms))


def documentation_graph(ontology: Graph, data: Graph) -> Graph:
    """``ontology`` (soc.ttl) rewritten for pyLODE; ``data`` names the agents it cites."""
    doc = Graph()
    bind_prefixes(doc)
    _header(doc, ontology, data)
    for term in soc_terms(ontology):
        _term(doc, ontology, term)
    return doc


def _header(doc: Graph, ontology: Graph, data: Graph) -> None:
    iri = URIRef(ONTOLOGY_IRI)
    doc.add((iri, RDF.type, OWL.Ontology))
    doc.add((iri, DCTERMS.title, Literal(_text(ontology, iri, DCTERMS.title, ENGLISH))))
    # Both languages as the description (pyLODE lists the metadata's notes before it).
    english = [_text(ontology, iri, p, ENGLISH) for p in (RDFS.comment, DCTERMS.description)]
    doc.add((iri, DCTERMS.description, Literal("\n\n".join(english))))
    title, *chinese = (
        _text(ontology, iri, p, CHINESE) for p in (DCTERMS.title, RDFS.comment, DCTERMS.description)
    )
    doc.add((iri, DCTERMS.description, _chinese_html(title, "", *chinese)))
    for prop in HEADER:
        for value in ordered(ontology.objects(iri, prop)):
            doc.add((iri, prop, value))
    for agent in ordered(ontology.objects(iri, DCTERMS.creator)):
        for name in data.objects(agent, SKOS.prefLabel):
            if isinstance(name, Literal) and name.language == ENGLISH:
                doc.add((agent, SDO.name, Literal(str(name))))


def _term(doc: Graph, ontology: Graph, term: URIRef) -> None:
    kinds = {k for k in ontology.objects(term, RDF.type) if k in (*KINDS, RDFS.Datatype)}
    for kind in kinds:
        doc.add((term, RDF.type, kind))
    for prop in KEPT:
        for value in ordered(ontology.objects(term, prop)):
            doc.add((term, prop, value))
            _copy_blank(doc, ontology, value)
    doc.add((term, DCTERMS.title, Literal(_text(ontology, term, RDFS.label, ENGLISH))))
    doc.add((term, DCTERMS.description, Literal(_text(ontology, term, SKOS.definition, ENGLISH))))
    usage = [_text(ontology, term, RDFS.comment, ENGLISH), *_axiom_sentences(ontology, term)]
    doc.add((term, SKOS.scopeNote, Literal("\n\n".join(usage))))
    label, definition, comment = (
        _text(ontology, term, p, CHINESE) for p in (RDFS.label, SKOS.definition, RDFS.comment)
    )
    doc.add((term, SKOS.note, _chinese_html(label, "：" + definition + comment)))


def _axiom_sentences(ontology: Graph, term: URIRef) -> list[str]:
    """What pyLODE would not show, said in words."""
    sentences = []
    if (term, RDF.type, OWL.FunctionalProperty) in ontology:
        sentences.append("Functional: a resource has at most one value.")
    disjoint = ordered(
        {o for o in ontology.objects(term, OWL.disjointWith)}
        | {s for s in ontology.subjects(OWL.disjointWith, term)}
    )
    if disjoint:
        names = ", ".join(f"`{_NAMES.qname(c)}`" for c in disjoint)
        sentences.append(f"Disjoint with {names}: nothing is both.")
    for datatype in ontology.objects(term, OWL.equivalentClass):
        base = ontology.value(datatype, OWL.onDatatype)
        if base is None:  # not a datatype restriction: nothing to say in words
            continue
        for facets in ontology.objects(datatype, OWL.withRestrictions):
            for facet in ontology.items(facets):
                for pattern in ontology.objects(facet, XSD.pattern):
                    sentences.append(
                        f"Lexical form: a `{_NAMES.qname(str(base))}` that matches the XML Schema "
                        f"pattern `{pattern}` (implicitly anchored)."
                    )
    return sentences


def _chinese_html(title: str, after_title: str, *paragraphs: str) -> Literal:
    """Chinese wording as an HTML block marked lang="zh-Hans" (so browsers pick Chinese glyphs).

    pyLODE renders a literal as Markdown, which passes an HTML block through as it is.
    """
    blocks = [f"<p><strong>{escape(title)}</strong>{escape(after_title)}</p>"]
    blocks += [f"<p>{escape(text)}</p>" for text in paragraphs]
    return Literal(f'<div lang="{HTML_CHINESE}">{"".join(blocks)}</div>', lang=CHINESE)


def _copy_blank(doc: Graph, ontology: Graph, node: Node) -> None:
    """The restriction behind a blank node, so pyLODE can render "notation only minted code"."""
    if isinstance(node, BNode):
        for p, o in ontology.predicate_objects(node):
            doc.add((node, p, o))
            _copy_blank(doc, ontology, o)


def _text(graph: Graph, subject: URIRef, prop: URIRef, language: str) -> str:
    texts = [
        str(o)
        for o in graph.objects(subject, prop)
        if isinstance(o, Literal) and o.language == language
    ]
    if len(texts) != 1:
        raise ValueError(f"{subject} needs exactly one {prop} in {language}, has {len(texts)}")
    return texts[0]
