"""The static site: every document and data page rendered once per build, answered as Flask would.

Over a build of the fixture dataset, its site rendered the way a worker renders it
(``python -m server.static_site.render``, another process: another Python hash
seed, so an order that depends on it shows), every rendered answer is asked of
an app that answers from the static site over a store that refuses every query,
and of one that renders it per request: at another host than the rendering's,
plain, gzipped and brotli-compressed, GET, HEAD and a revalidation; status, headers and bytes must be
equal. Then a real ``serve`` renders a new build's site at its first start and
answers from it.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from catalogue.publication import unit_of
from server.app import create_app, project_prefixes
from server.config import ServerConfig
from server.static_site import site
from server.static_site.answers import STATIC_SITE
from server.static_site.site import MANIFEST, fingerprint, folder_of, load
from server.store.embedded import EmbeddedStore, snapshot
from server.store.interface import StoreError
from tests.server.endpoint_support import (
    FIXTURE_TRIG,
    NS,
    eventually,
    publish_fixture,
    render_static_site,
    start_server,
    stop_server,
)

#: Blank nodes, which an engine labels anew on every query, and a list (its order kept):
#: a document must still be the same bytes every time. And the dataset, whose documents
#: name this site's endpoint and dumps.
BLANK_NODES = f"""
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xkos: <http://rdf-vocabulary.ddialliance.org/xkos#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
<{NS}graph/curation> {{
  <{NS}2022> xkos:levels ( <{NS}2022/level/category> <{NS}2022/level/domain> ) .
  <{NS}2022/domain/01> owl:equivalentClass [ a owl:Restriction ;
      owl:onProperty skos:broader ; owl:hasValue <{NS}2022/category/ITO> ] ;
    skos:note [ skos:prefLabel "a note"@en ], [ skos:prefLabel "另一个"@zh ] .
}}
<{NS}graph/metadata> {{
  <{NS}dataset> a <http://rdfs.org/ns/void#Dataset> ;
    <http://rdfs.org/ns/void#sparqlEndpoint> <{NS}sparql> ;
    <http://rdfs.org/ns/void#dataDump> <{NS}dumps/catalogue.ttl> .
}}
"""
#: A document of the fixture dataset.
DOCUMENT = "/2022/domain/01.ttl"
#: Not the host the site was rendered at: the documents must carry this one.
OTHER_HOST = "http://catalogue.example:8123/"


class RefusingStore(EmbeddedStore):
    """A store that answers no query: what the static site answers needs none."""

    def query(self, request: object, deadline: float) -> object:  # type: ignore[override]
        raise StoreError("the static site asked the store")

    graph = query  # type: ignore[assignment]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, EmbeddedStore]:
    root = publish_fixture(tmp_path_factory.mktemp("static-site"), FIXTURE_TRIG + BLANK_NODES)
    render_static_site(root)
    data, info = snapshot(unit_of(root))
    return root, EmbeddedStore.from_nquads(data, info, project_prefixes())


def clients(root: Path, store: EmbeddedStore) -> tuple[FlaskClient, FlaskClient]:
    config = ServerConfig(
        store=root / "store", examples_dir=root / "queries", access_log="off", rate_limit=None
    )
    refusing = RefusingStore(store._store, store.info, store._prefixes)
    static = create_app(config, refusing).test_client()
    dynamic = create_app(replace(config, static_site=False), store).test_client()
    return static, dynamic


def test_every_static_answer_is_the_dynamic_one_byte_for_byte(rendered) -> None:
    root, store = rendered
    static, dynamic = clients(root, store)
    manifest = json.loads((folder_of(unit_of(root)) / MANIFEST).read_text(encoding="utf-8"))
    answers = manifest["answers"]
    kinds = {(a["kind"], a.get("format", "")) for a in answers.values()}
    # Every RDF format and the pages, in both languages.
    assert kinds >= {
        ("document", "turtle"),
        ("document", "ntriples"),
        ("document", "rdfxml"),
        ("document", "jsonld"),
        ("page", ""),
    }
    assert all(set(a["variants"]) == {"zh", "en"} for a in answers.values() if a["kind"] == "page")
    # The dataset's documents (not its page: it shows this site's URLs).
    assert {"/dataset.ttl", "/dataset.jsonld"} <= set(answers) and "/dataset.html" not in answers
    compared = 0
    for path, answer in answers.items():
        for language in answer["variants"]:
            for coding in ("", "gzip", "br"):
                headers = {"Accept-Language": language or "en", "Accept-Encoding": coding}
                for method in ("GET", "HEAD"):
                    ours = static.open(path, method=method, base_url=OTHER_HOST, headers=headers)
                    theirs = dynamic.open(path, method=method, base_url=OTHER_HOST, headers=headers)
                    assert ours.status_code == theirs.status_code == 200, path
                    assert sorted(ours.headers.items()) == sorted(theirs.headers.items()), path
                    assert ours.get_data() == theirs.get_data(), path
                    compared += 1
                revalidated = {**headers, "If-None-Match": ours.headers["ETag"]}
                ours = static.get(path, base_url=OTHER_HOST, headers=revalidated)
                theirs = dynamic.get(path, base_url=OTHER_HOST, headers=revalidated)
                assert ours.status_code == theirs.status_code == 304, path
                assert sorted(ours.headers.items()) == sorted(theirs.headers.items()), path
        if answer["kind"] == "document":
            document = static.get(path, base_url=OTHER_HOST).get_data()
            if path.startswith("/dataset."):  # this host's endpoint
                assert (OTHER_HOST + "sparql").encode() in document
                # At a host whose URLs sort after the data's IRIs too: the dynamic answer
                # is written at the render base as well, or its statements move.
                late = "https://zz.example/"
                ours = static.get(path, base_url=late)
                theirs = dynamic.get(path, base_url=late)
                assert ours.get_data() == theirs.get_data(), path
            else:  # its own URL, this host's
                assert (OTHER_HOST + path.lstrip("/")).encode() in document
            assert b".invalid" not in document
    assert compared == 6 * sum(len(a["variants"]) for a in answers.values())


def test_what_the_rendering_does_not_hold_is_rendered_per_request(rendered) -> None:
    """A language chosen in the URL (it sets a cookie), or a site under a prefix (links
    carry it), go on to Flask: here, over a store that answers nothing."""
    root, store = rendered
    static, _ = clients(root, store)
    manifest = json.loads((folder_of(unit_of(root)) / MANIFEST).read_text(encoding="utf-8"))
    page = next(path for path, a in manifest["answers"].items() if a["kind"] == "page")
    assert static.get(page, base_url=OTHER_HOST).status_code == 200
    refused = static.get(page + "?lang=zh", base_url=OTHER_HOST)
    assert refused.status_code >= 400 and b"the static site asked the store" in refused.data
    prefixed = static.get(page, base_url=OTHER_HOST + "catalogue")
    assert b"the static site asked the store" in prefixed.data


def test_a_worker_is_not_ready_for_its_build_while_it_renders_the_site(rendered) -> None:
    """Readiness (``/healthz?build=``) for a rolling rebuild waits for the static site:
    until then documents and pages are rendered per request, 50-100 times slower."""
    root, store = rendered
    config = ServerConfig(
        store=root / "store", examples_dir=root / "queries", access_log="off", rate_limit=None
    )
    app = create_app(config, store)
    ready = f"/healthz?build={store.info.build_id}"
    app.extensions[STATIC_SITE].rendering = True
    waiting = app.test_client().get(ready)
    assert waiting.status_code == 503
    assert waiting.json["status"] == "rendering its static site"
    assert app.test_client().get("/healthz").status_code == 200  # alive all the same
    app.extensions[STATIC_SITE].rendering = False
    assert app.test_client().get(ready).status_code == 200


def test_a_site_is_read_only_by_the_code_that_rendered_it(
    rendered, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another version of the server (a template, a serializer changed) renders its own:
    else it would answer the old rendering's bytes for as long as the build lives."""
    root, _ = rendered
    unit = unit_of(root)
    assert load(unit)
    monkeypatch.setattr(site, "renderer", lambda: "another-version")
    assert load(unit) is None and not site.is_rendered(unit)
    # The renderer is a digest of the package's files: one byte changes it.
    package = tmp_path / "package"
    (package / "templates").mkdir(parents=True)
    (package / "templates" / "page.html").write_text("<p>{{ label }}</p>")
    before = fingerprint(package, ("flask",))
    (package / "templates" / "page.html").write_text("<p>{{ label }}.</p>")
    assert fingerprint(package, ("flask",)) != before
    assert fingerprint(package, ("flask", "jinja2")) != fingerprint(package, ("flask",))


def test_serve_renders_a_new_builds_site_at_first_start_and_answers_from_it(
    tmp_path: Path,
) -> None:
    root = publish_fixture(tmp_path, FIXTURE_TRIG + BLANK_NODES)
    server = start_server(root, "static", {"CATALOGUE_RESPONSE_CACHE_BYTES": "0"})
    try:
        manifest_path = folder_of(unit_of(root)) / MANIFEST
        assert server.get(DOCUMENT).status_code == 200
        eventually(manifest_path.is_file, "the site", timeout=20)

        def answered_statically() -> bool:
            server.get(DOCUMENT)
            lines = server.access_log.read_text(encoding="utf-8").splitlines()
            return any(json.loads(line).get("cache") == "static" for line in lines)

        eventually(answered_statically, "an answer from the static site", timeout=20)
        ready = server.get(f"/healthz?build={unit_of(root).id}")
        assert ready.status_code == 200, ready.text
    finally:
        stop_server(server)
