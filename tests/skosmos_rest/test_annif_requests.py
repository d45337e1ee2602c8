"""The requests Annif sends to a Skosmos, answered as Annif reads them.

NatLibFi/Annif has no Skosmos backend (annif/backend and annif/vocab load SKOS
files); its one Skosmos client is the web UI of ai.finto.fi
(``ai.finto.fi/static/js/annif.js``), which labels each suggested subject with
``GET {api}/rest/v1/label?uri=…&lang=…`` (since Annif commit 70a35fc8; before it
the vocabulary's own ``/rest/v1/yso/label``) and reads ``.prefLabel`` of the
answer, in the UI's language. Replayed here, as the browser sends them, against
the real server, with CORS as a page on another origin needs it.
"""

from __future__ import annotations

import pytest
import requests

NS = "https://w3id.org/service-outsourcing/2022/"
ORIGIN = "https://ai.example.org"


# (the path Annif's UI requests, the subject's URI, the UI language, the label it shows)
@pytest.mark.parametrize(
    ("path", "uri", "lang", "label"),
    [
        ("/rest/v1/label", NS + "business-type/06.09.05", "zh", "人脸识别"),
        ("/rest/v1/label", NS + "business-type/06.09.05", "en", "Face recognition"),
        (
            "/rest/v1/label",
            NS + "domain/06",
            "en",
            "New-generation information technology development and application services",
        ),
        ("/rest/v1/label", NS + "category/KPO", "zh", "知识流程外包"),
        (
            "/rest/v1/catalogue-2022/label",
            NS + "business-type/06.09",
            "en",
            "Automatic recognition services",
        ),
    ],
)
def test_annif_ui_labels_a_subject(
    live_site: str, path: str, uri: str, lang: str, label: str
) -> None:
    # annif.js builds the URL by concatenation: "…/label?uri=" + uri + "&lang=" + lang
    response = requests.get(
        f"{live_site}{path}?uri={uri}&lang={lang}", headers={"Origin": ORIGIN}, timeout=10
    )
    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] in ("*", ORIGIN)
    assert response.json()["prefLabel"] == label


def test_a_subject_from_another_vocabulary_is_a_404_annif_can_report(live_site: str) -> None:
    # annif.js alerts on a failed request (commit ec1fa31e) rather than showing undefined
    response = requests.get(
        f"{live_site}/rest/v1/label?uri=http://www.yso.fi/onto/yso/p7160&lang=en", timeout=10
    )
    assert response.status_code == 404
