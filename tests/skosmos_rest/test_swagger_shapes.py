"""Every Skosmos method served here answers in the shape Skosmos' swagger.json documents."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema_rs
import pytest
from flask.testing import FlaskClient

SWAGGER = json.loads((Path(__file__).parent / "skosmos-swagger.json").read_text())
V = "/rest/v1/catalogue-2022"
NS = "https://w3id.org/service-outsourcing/2022/"
FACE = NS + "business-type/06.09.05"
RECOGNITION = NS + "business-type/06.09"


def schema(definition: str) -> jsonschema_rs.Draft4Validator:
    return jsonschema_rs.Draft4Validator(
        {"$ref": f"#/definitions/{definition}", "definitions": SWAGGER["definitions"]}
    )


# (our path and query, Skosmos' path in swagger.json, the definition of its 200 answer,
#  the key of an object indexed by URI where the controller answers one instead of an array)
CASES = [
    ("/rest/v1/vocabularies?lang=en", "/vocabularies", "VocabularyList", None),
    ("/rest/v1/types?lang=en", "/types", "TypeList", None),
    (f"/rest/v1/label?uri={FACE}&lang=en", "/label", "LabelsAndUri", None),
    ("/rest/v1/search?query=face*&lang=en", "/search", "SearchResults", None),
    (f"{V}/?lang=en", "/{vocid}/", "VocabularyInfo", None),
    (f"{V}/types?lang=zh", "/{vocid}/types", "TypeList", None),
    (f"{V}/topConcepts?lang=en", "/{vocid}/topConcepts", "TopConcepts", None),
    (f"{V}/search?query=人脸*", "/{vocid}/search", "SearchResults", None),
    (f"{V}/lookup?label=Face recognition&lang=en", "/{vocid}/lookup", "LookupResults", None),
    (f"{V}/label?uri={FACE}", "/{vocid}/label", "LabelsAndUri", None),
    (f"{V}/broader?uri={FACE}&lang=en", "/{vocid}/broader", "BroaderResult", None),
    (f"{V}/narrower?uri={RECOGNITION}&lang=en", "/{vocid}/narrower", "NarrowerResult", None),
    (f"{V}/related?uri={FACE}", "/{vocid}/related", "RelatedResult", None),
    (f"{V}/children?uri={RECOGNITION}&lang=en", "/{vocid}/children", "ChildrenResult", None),
    (f"{V}/groups?lang=en", "/{vocid}/groups", "GroupResult", None),
    (
        f"{V}/broaderTransitive?uri={FACE}",
        "/{vocid}/broaderTransitive",
        "BroaderTransitiveResult",
        "broaderTransitive",
    ),
    (
        f"{V}/narrowerTransitive?uri={RECOGNITION}",
        "/{vocid}/narrowerTransitive",
        "NarrowerTransitiveResult",
        "narrowerTransitive",
    ),
    (f"{V}/hierarchy?uri={FACE}&lang=en", "/{vocid}/hierarchy", "Hierarchy", "broaderTransitive"),
]


@pytest.mark.parametrize(("path", "skosmos_path", "definition", "indexed"), CASES)
def test_answers_have_skosmos_shape(
    site: FlaskClient, path: str, skosmos_path: str, definition: str, indexed: str | None
) -> None:
    documented = SWAGGER["paths"][skosmos_path]["get"]["responses"]["200"]["schema"]["$ref"]
    assert documented.endswith("/" + definition)
    response = site.get(path)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert "@context" in body
    if indexed:
        # The controller's answer: {uri: entry}; swagger.json says [entry]. Clients read
        # the controller's, so that is what is served; each entry has the documented shape.
        assert isinstance(body[indexed], dict)
        assert all(uri == entry["uri"] for uri, entry in body[indexed].items())
        body = {**body, indexed: list(body[indexed].values())}
    errors = [error.message for error in schema(definition).iter_errors(body)]
    assert not errors, errors


# (path, status, Skosmos' message)
@pytest.mark.parametrize(
    ("path", "status", "message"),
    [
        ("/rest/v1/vocabularies", 400, "400 Bad Request : lang parameter missing"),
        (f"{V}/label", 400, "400 Bad Request : uri parameter missing"),
        (
            f"{V}/label?uri={NS}nothing",
            404,
            f"404 Not Found : Could not find concept <{NS}nothing>",
        ),
        (f"{V}/search", 400, "400 Bad Request : query parameter missing"),
        (f"{V}/search?query=x&maxhits=0", 400, "400 Bad Request : maxhits parameter is invalid"),
        (f"{V}/lookup", 400, "400 Bad Request : label parameter missing"),
        (
            f"{V}/lookup?label=no such label",
            404,
            "404 Not Found : Could not find label 'no such label'",
        ),
        ("/rest/v1/yso/topConcepts", 404, "404 Not Found : Vocabulary id 'yso' not found."),
    ],
)
def test_refusals_are_skosmos_plain_text(
    site: FlaskClient, path: str, status: int, message: str
) -> None:
    response = site.get(path)
    assert response.status_code == status
    assert response.mimetype == "text/plain"
    assert response.get_data(as_text=True) == message


# (search parameters, the notations found, in order)
@pytest.mark.parametrize(
    ("query", "notations"),
    [
        ({"query": "人脸识别"}, ["06.09.05"]),
        ({"query": "face recognition", "lang": "en"}, ["06.09.05"]),
        ({"query": "face recognition", "lang": "zh"}, []),
        ({"query": "facial*", "lang": "en"}, ["06.09.05"]),  # an alternative label
        ({"query": "人脸*", "parent": NS + "domain/06"}, ["06.09.05"]),
        ({"query": "人脸*", "parent": NS + "domain/01"}, []),
        ({"query": "*", "type": "soc:Category"}, ["ITO", "BPO", "KPO"]),
        ({"query": "*", "type": "soc:Category", "maxhits": "1", "offset": "1"}, ["BPO"]),
    ],
)
def test_search_matches_labels_as_skosmos_does(
    site: FlaskClient, query: dict, notations: list[str]
) -> None:
    results = site.get(f"{V}/search", query_string=query).get_json()["results"]
    assert [r["notation"] for r in results] == notations


def test_a_label_in_another_language_is_marked_as_skosmos_marks_it(site: FlaskClient) -> None:
    body = site.get(f"{V}/broader", query_string={"uri": FACE, "lang": "fi"}).get_json()
    assert body["broader"][0]["prefLabel"] == "自动识别服务 (zh)"


# (data parameters, where they lead)
@pytest.mark.parametrize(
    ("query", "location"),
    [
        ({"uri": FACE, "format": "application/rdf+xml"}, "/2022/business-type/06.09.05.rdf"),
        ({"uri": FACE, "format": "text/turtle"}, "/2022/business-type/06.09.05.ttl"),
        ({"format": "text/turtle"}, "/dumps/catalogue-2022-skos.ttl"),
    ],
)
def test_data_leads_to_the_rdf(site: FlaskClient, query: dict, location: str) -> None:
    response = site.get(f"{V}/data", query_string=query)
    assert response.status_code == 303
    assert response.headers["Location"] == "http://localhost" + location
    assert site.get(location).status_code == 200
