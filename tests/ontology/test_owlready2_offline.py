"""owlready2 opens the OWL 2 DL view of the data offline, with the ontology it imports.

owlready2 ignores catalog-v001.xml: for an owl:imports it searches the folders of
its onto_path for a file named after the IRI's last segment, and only then
downloads the IRI (with no Accept header). The build writes that file
(build/ontology/ontology.owl); here the network is cut, so a download fails
the test instead of hiding behind a working connection.
"""

from __future__ import annotations

import shutil
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import owlready2
import pytest

from catalogue.owl.dl_view import VIEW_FILE
from catalogue.owl.files import OWLREADY_COPY
from catalogue.vocab import ONTOLOGY_IRI


class NoNetwork(AssertionError):
    pass


@pytest.fixture
def offline(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(url: object, *args: object, **kwargs: object) -> None:
        raise NoNetwork(f"owlready2 tried to download {getattr(url, 'full_url', url)}")

    monkeypatch.setattr(urllib.request, "urlopen", refuse)


@pytest.fixture
def onto_path(owl_dir: Path, tmp_path: Path) -> Iterator[Path]:
    """A copy of build/ontology/ as a user would download it, on owlready2's onto_path."""
    folder = tmp_path / "ontology"
    shutil.copytree(owl_dir, folder)
    owlready2.onto_path.insert(0, str(folder))
    yield folder
    owlready2.onto_path.remove(str(folder))


def test_the_view_and_its_import_load_offline(offline: None, onto_path: Path) -> None:
    world = owlready2.World()
    view = world.get_ontology((onto_path / VIEW_FILE).as_uri()).load()
    imported = [o.base_iri.rstrip("#/") for o in view.imported_ontologies]
    assert imported == [ONTOLOGY_IRI]
    soc = view.imported_ontologies[0]
    assert {c.name for c in soc.classes()} >= {"Category", "KeyDomain", "BusinessType"}
    domain = world.search_one(iri="https://w3id.org/service-outsourcing/2022/domain/05")
    assert domain is not None and soc.KeyDomain in domain.is_a


def test_without_the_copy_owlready2_would_go_online(offline: None, onto_path: Path) -> None:
    """The test above can fail: take the file away and the import needs the network."""
    (onto_path / OWLREADY_COPY).unlink()
    world = owlready2.World()
    with pytest.raises(Exception) as raised:
        world.get_ontology((onto_path / VIEW_FILE).as_uri()).load()
    assert isinstance(raised.value, NoNetwork) or "Cannot download" in str(raised.value)
