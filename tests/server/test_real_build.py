"""The real catalogue, built by the real pipeline, served by the real server."""

from __future__ import annotations

from pathlib import Path

import pytest
from endpoint_support import Server, parse_body

from catalogue.settings import PROJECT_ROOT

QUERIES = sorted((PROJECT_ROOT / "queries").glob("*.rq"))


@pytest.fixture(scope="module")
def catalogue_server(live_site_server: Server) -> Server:
    """The session's real server over the real build (tests/site_fixtures.py)."""
    return live_site_server


def test_the_catalogue_has_its_twenty_domains(catalogue_server: Server) -> None:
    query = (
        "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { "
        "?d skos:notation ?code ; skos:broader ?category . ?category skos:topConceptOf ?scheme }"
    )
    rows = catalogue_server.get(params={"query": query}).json()["results"]["bindings"]
    assert rows[0]["n"]["value"] == "20"


@pytest.mark.parametrize("path", QUERIES, ids=[p.stem for p in QUERIES])
def test_every_competency_query_is_answered(catalogue_server: Server, path: Path) -> None:
    response = catalogue_server.post(
        data=path.read_bytes(), headers={"Content-Type": "application/sparql-query"}
    )
    assert response.status_code == 200, response.text
    parse_body(response.headers["Content-Type"], response.content)


def test_the_page_lists_the_competency_queries(catalogue_server: Server) -> None:
    html = catalogue_server.get(headers={"Accept": "text/html"}).text
    for path in QUERIES:
        assert f"{path.stem}.rq" in html
