"""The namespaces the server reads, as plain strings (the store hands back strings),
and the two helpers every view needs: prefixed names and language tags in their BCP 47 case."""

from __future__ import annotations

from functools import lru_cache

from catalogue.vocab import PREFIXES

RDF = str(PREFIXES["rdf"])
RDFS = str(PREFIXES["rdfs"])
OWL = str(PREFIXES["owl"])
XSD = str(PREFIXES["xsd"])
SKOS = str(PREFIXES["skos"])
XKOS = str(PREFIXES["xkos"])
DCT = str(PREFIXES["dct"])
DCAT = str(PREFIXES["dcat"])
VOID = str(PREFIXES["void"])
PROV = str(PREFIXES["prov"])
ORG = str(PREFIXES["org"])
SCHEMA = str(PREFIXES["schema"])
FOAF = str(PREFIXES["foaf"])
SD = str(PREFIXES["sd"])
SOC = str(PREFIXES["soc"])
SKOSMOS = "http://purl.org/net/skosmos#"
VANN = "http://purl.org/vocab/vann/"

#: Longest namespace first, so that ``soc:`` wins over a shorter one it extends.
_BY_LENGTH = sorted(
    ((str(ns), prefix) for prefix, ns in PREFIXES.items()), key=lambda p: -len(p[0])
)


@lru_cache(maxsize=4096)
def curie(iri: str) -> str | None:
    """``skos:prefLabel`` for the SKOS IRI; None when no prefix fits."""
    for namespace, prefix in _BY_LENGTH:
        if iri.startswith(namespace):
            local = iri[len(namespace) :]
            if local and all(c.isalnum() or c in "_-." for c in local):
                return f"{prefix}:{local}"
    return None


@lru_cache(maxsize=256)
def canonical_language(tag: str) -> str:
    """BCP 47's conventional case: Oxigraph lower-cases tags (``zh-hans``), pages and
    documents show them as written (``zh-Hans``). Tags compare case-insensitively anyway."""
    parts = tag.split("-")
    out = [parts[0].lower()]
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            out.append(part.title())  # script
        elif len(part) == 2 and part.isalpha():
            out.append(part.upper())  # region
        else:
            out.append(part.lower())
    return "-".join(out) if tag else ""
