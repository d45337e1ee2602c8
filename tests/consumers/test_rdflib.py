"""rdflib, the commonest RDF consumer, reads what the site serves the way a user calls it.

``Dataset().parse(URL)`` with no format: rdflib sends its own ``Accept``,
follows redirects and picks its parser from the response's Content-Type. Every
dump the site lists is read so, and so is a concept's IRI. (That the local
files hold the same graph in every syntax is tests/publishing/test_dumps.py's.)
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import SKOS

from tests.consumers.conftest import NS, SKOS_DUMP, OfficialDomain

DOMAIN_05 = URIRef(NS + "2022/domain/05")
FULL_DUMPS = [
    "catalogue.ttl",
    "catalogue.nt",
    "catalogue.rdf",
    "catalogue.jsonld",
    "catalogue.nq",
    "catalogue.trig",
]


def read(url: str) -> Dataset:
    dataset = Dataset(default_union=True)
    dataset.parse(url)
    return dataset


def statements(dataset: Dataset) -> int:
    return len(set(dataset.triples((None, None, None))))


@pytest.fixture(scope="module")
def published(dumps_dir: Path) -> int:
    """How many distinct statements the build published (its N-Triples dump)."""
    return len(Graph().parse(dumps_dir / "catalogue.nt", format="nt"))


def test_the_downloads_are_the_files_read_here(dumps_dir: Path) -> None:
    listed = {line.split()[1] for line in (dumps_dir / "SHA256SUMS").read_text().splitlines()}
    assert listed - {"context.jsonld"} == {*FULL_DUMPS, SKOS_DUMP}


@pytest.mark.parametrize("name", [*FULL_DUMPS, SKOS_DUMP])
class TestEachDumpOverHttp:
    def test_rdflib_picks_the_parser_from_the_content_type(
        self, live_site: str, published: int, name: str
    ) -> None:
        dataset = read(f"{live_site}/dumps/{name}")
        if name == SKOS_DUMP:
            assert 0 < statements(dataset) < published
        else:
            assert statements(dataset) == published

    def test_chinese_is_tagged_zh_and_english_en(self, live_site: str, name: str) -> None:
        dataset = read(f"{live_site}/dumps/{name}")
        assert (DOMAIN_05, SKOS.prefLabel, Literal("电子商务平台服务", lang="zh")) in dataset
        tags = {o.language for o in dataset.objects() if isinstance(o, Literal) and o.language}
        assert tags == {"zh", "en"}


class TestDereferencingAnIri:
    def test_rdflib_follows_the_303_to_the_description(
        self, live_site: str, official: dict[str, OfficialDomain]
    ) -> None:
        graph = Graph().parse(f"{live_site}/2022/domain/05")
        definition = Literal(official["05"].definition, lang="zh")
        assert (DOMAIN_05, SKOS.definition, definition) in graph
        assert (DOMAIN_05, SKOS.broader, URIRef(NS + "2022/category/ITO")) in graph
