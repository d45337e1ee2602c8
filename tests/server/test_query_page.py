"""The query page a browser gets: a working form without JavaScript, the examples, answers."""

from __future__ import annotations

import re

from endpoint_support import EXAMPLES, TRANSLATION, Server

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


def page(live: Server, **params: str) -> str:
    response = live.get(params=params, headers={"Accept": BROWSER})
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    return response.text


def test_page_has_a_form_and_the_examples(live: Server) -> None:
    response = live.get(headers={"Accept": BROWSER})
    assert response.status_code == 200
    html = response.text
    assert re.search(r'<form method="get" action="sparql">', html)
    assert '<textarea id="query" name="query"' in html
    for text in EXAMPLES.values():
        title = text.splitlines()[0].lstrip("# ")
        assert title in html
    assert "Content-Security-Policy" in response.headers


def test_page_needs_nothing_from_elsewhere(live: Server) -> None:
    html = page(live)
    # YASGUI and its starter are served from here (static/); nothing from another origin.
    assert not re.search(r'<script[^>]+src="(?:https?:)?//', html)
    assert not re.search(r'<link[^>]+href="https?:', html)
    assert not re.search(r'src="https?:', html)


def test_example_loads_into_the_form(live: Server) -> None:
    html = page(live, example="01-domains")
    assert "The key domains and their notations" in html
    assert "?domain skos:broader ?category" in html
    assert "No example named" in page(live, example="nope")


def test_select_answer_is_a_table(live: Server) -> None:
    html = page(live, query="SELECT ?c ?n WHERE { ?c skos:notation ?n } ORDER BY ?n")
    assert "Answer: 3 rows" in html
    assert "<th>?c</th>" in html and "<th>?n</th>" in html
    # IRIs link to their pages here, not to the namespace's host (which may not serve them).
    assert (
        'href="/2022/domain/01.html">https://w3id.org/service-outsourcing/2022/domain/01<' in html
    )


def test_ask_and_construct_answers(live: Server) -> None:
    assert "yes (true)" in page(live, query="ASK { ?s ?p ?o }")
    html = page(live, query="CONSTRUCT { ?c skos:broader ?p } WHERE { ?c skos:broader ?p }")
    assert "Answer (Turtle)" in html and "skos:broader" in html


def test_format_html_parameter_gives_the_page(live: Server) -> None:
    response = live.get(params={"query": "ASK {}", "format": "html"})
    assert response.headers["Content-Type"].startswith("text/html")


def test_errors_are_shown_with_the_query(live: Server) -> None:
    response = live.get(params={"query": "SELECT * WHERE { ?s ?p }"}, headers={"Accept": BROWSER})
    assert response.status_code == 400
    assert "400 Bad Request" in response.text
    assert "not valid SPARQL" in response.text
    assert "SELECT * WHERE { ?s ?p }" in response.text  # kept in the form to fix it


def test_root_leads_to_the_page(live: Server) -> None:
    response = live.get("/", allow_redirects=False)
    assert response.status_code == 303
    assert response.headers["Location"].endswith("sparql")


def test_the_form_as_a_browser_submits_it(live: Server) -> None:
    """Every field of the form, as sent: "all graphs" is an empty default-graph-uri."""
    html = page(
        live,
        query="SELECT ?l WHERE { ?c skos:prefLabel ?l }",
        format="html",
        **{"default-graph-uri": ""},
    )
    assert "Answer: 8 rows" in html
    english = page(
        live,
        query="SELECT ?l WHERE { ?c skos:prefLabel ?l }",
        format="html",
        **{"default-graph-uri": TRANSLATION},
    )
    assert "Answer: 4 rows" in english
    assert f'<option value="{TRANSLATION}" selected>' in english
