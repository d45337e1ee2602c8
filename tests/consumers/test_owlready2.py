"""owlready2 opens the OWL files of build/ontology/ as downloaded, with no network.

A user saves the folder, puts it on ``owlready2.onto_path`` and loads
``catalogue-dl.owl`` (the OWL 2 DL view of the data). owlready2 ignores
catalog-v001.xml and downloads an ``owl:imports`` it cannot find in its
onto_path, so the network is cut at the socket here: any download attempt
fails the test instead of passing quietly on a machine that is online.
"""

from __future__ import annotations

import shutil
import socket
from collections.abc import Iterator
from pathlib import Path

import owlready2
import pytest

from tests.consumers.conftest import NS

ONTOLOGY = NS + "ontology"
#: soc class → its individuals in the view: the catalogue's four levels.
LEVELS = {"Category": 3, "KeyDomain": 20, "BusinessType": 90, "BusinessSubtype": 6}


class NetworkUsed(AssertionError):
    pass


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise NetworkUsed(f"owlready2 went online: {args!r:.200}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


@pytest.fixture
def downloaded(site_build: Path, tmp_path: Path) -> Iterator[Path]:
    """build/ontology/ copied as a user would save it, that folder alone on onto_path."""
    folder = tmp_path / "ontology"
    shutil.copytree(site_build / "ontology", folder, ignore=shutil.ignore_patterns("docs"))
    saved = list(owlready2.onto_path)
    owlready2.onto_path[:] = [str(folder)]
    yield folder
    owlready2.onto_path[:] = saved


@pytest.fixture
def world(no_network: None, downloaded: Path) -> owlready2.World:
    world = owlready2.World()
    world.get_ontology((downloaded / "catalogue-dl.owl").as_uri()).load()
    return world


def soc(world: owlready2.World) -> owlready2.Ontology:
    found = world.get_ontology(ONTOLOGY + "/")
    assert found.loaded or world.get_ontology(ONTOLOGY).loaded, list(world.ontologies)
    return found if found.loaded else world.get_ontology(ONTOLOGY)


def view(world: owlready2.World) -> owlready2.Ontology:
    return next(o for o in world.ontologies.values() if o.imported_ontologies)


class TestOpeningTheDlViewOffline:
    def test_it_loads_with_its_import_from_the_folder(self, world: owlready2.World) -> None:
        imported = [o.base_iri.rstrip("#/") for o in view(world).imported_ontologies]
        assert imported == [ONTOLOGY]

    def test_the_ontology_classes_are_there(self, world: owlready2.World) -> None:
        names = {c.name for c in soc(world).classes()}
        assert set(LEVELS) <= names, names

    @pytest.mark.parametrize(("level", "count"), LEVELS.items())
    def test_each_level_has_its_individuals(
        self, world: owlready2.World, level: str, count: int
    ) -> None:
        cls = getattr(soc(world), level)
        assert len(list(cls.instances(world=world))) == count

    def test_the_view_lists_every_concept_among_its_individuals(
        self, world: owlready2.World
    ) -> None:
        """``Ontology.individuals()``, owlready2's way to list the data, finds what is
        declared ``owl:NamedIndividual``: an undeclared concept is not listed."""
        listed = {i.iri for i in view(world).individuals()}
        concepts = {
            i.iri for level in LEVELS for i in getattr(soc(world), level).instances(world=world)
        }
        assert len(concepts) == sum(LEVELS.values())
        assert concepts <= listed, f"{len(concepts - listed)} concepts not listed"

    def test_a_domain_reads_with_its_labels_in_both_languages(self, world: owlready2.World) -> None:
        domain = world.search_one(iri=NS + "2022/domain/05")
        assert domain is not None
        labels = {(str(label), getattr(label, "lang", "")) for label in domain.prefLabel}
        assert labels == {("电子商务平台服务", "zh"), ("E-commerce platform services", "en")}


def test_without_the_imported_file_owlready2_goes_online(
    no_network: None, downloaded: Path
) -> None:
    """What the cut guards against: with only the view in the folder, owlready2 fetches
    the import from the web (and here it cannot)."""
    for path in downloaded.iterdir():
        if path.name != "catalogue-dl.owl":
            path.unlink()
    with pytest.raises(Exception) as raised:
        owlready2.World().get_ontology((downloaded / "catalogue-dl.owl").as_uri()).load()
    assert isinstance(raised.value, NetworkUsed) or "download" in str(raised.value).lower()
