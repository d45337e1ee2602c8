"""The search index of the build being served, opened once per worker, and what a search
or a classification looks like to the site (links, paths, JSON)."""

from __future__ import annotations

import logging
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import current_app

from catalogue.search.analysis import HAN
from catalogue.search.classifier import Classifier
from catalogue.search.index_reader import Concept, SearchIndex
from catalogue.search.index_writer import build_search_index
from catalogue.search.searcher import Searcher, score_of
from catalogue.settings import DEFAULT_NAMESPACE
from server.linked_data.publication import Publication, current_publication
from server.service import Service, current_service
from server.store.interface import GraphRequest, on_the_servers_behalf

log = logging.getLogger(__name__)
_TEMPORARY: list[tempfile.TemporaryDirectory[str]] = []
EXTENSION = "search"
_LOCK = threading.Lock()

#: Resources of the linked-data index that search shows beside the concepts.
OTHER_KINDS = ("organization", "document", "scheme", "level", "activity")
#: The linked-data index's ranks (server/linked_data/index.py) as search tiers.
RANK_TO_TIER = {0: 0, 1: 1, 2: 2, 3: 3, 4: 4, 5: 6}


@dataclass
class SiteSearch:
    index: SearchIndex
    searcher: Searcher
    classifier: Classifier

    def concept(self, iri: str) -> Concept | None:
        return self.index.concepts.get(iri)

    def path(self, concept: Concept) -> list[Concept]:
        return [self.index.concepts[iri] for iri in concept.path]


def current_search() -> SiteSearch:
    """The index of the build served, opened at the first search (a worker that never
    searches never opens it)."""
    app = current_app
    found = app.extensions.get(EXTENSION)
    if found is None:
        with _LOCK:
            found = app.extensions.get(EXTENSION)
            if found is None:
                service = current_service()
                build = current_publication().build
                if build is None:
                    index = index_from_store(service)
                else:
                    index = SearchIndex.in_build(build.root)
                if index.build_id != service.info.build_id:
                    log.warning(
                        "the search index is from build %s, the store from %s: rebuild",
                        index.build_id,
                        service.info.build_id,
                    )
                found = SiteSearch(index, Searcher(index), Classifier(index))
                app.extensions[EXTENSION] = found
    return found


def index_from_store(service: Service) -> SearchIndex:
    """The index made again from the data the store serves, as the build makes it: for a
    remote store with no copy of the build's folder beside this server (about 0.4 s for
    this catalogue, once per worker). It lives in a temporary folder for the process."""
    info = service.info
    with on_the_servers_behalf():
        answer = service.store.graph(
            GraphRequest("nquads", dataset=True),
            time.monotonic() + service.config.query_timeout,
        )
    folder = tempfile.TemporaryDirectory(prefix="catalogue-search-")
    _TEMPORARY.append(folder)  # removed when the process exits
    nquads = Path(folder.name) / "catalogue.nq"
    nquads.write_bytes(b"".join(answer))
    directory = Path(folder.name) / "search"
    build_search_index(nquads, directory, info.build_id, info.namespace or DEFAULT_NAMESPACE)
    return SearchIndex.in_build(Path(folder.name))


@dataclass(frozen=True)
class Result:
    """A search hit for the page and the JSON: a concept's hit, or another resource's."""

    iri: str
    notation: str | None
    level: str
    label: dict[str, str]
    score: float
    highlight: str
    concept: Concept | None = None
    field: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "iri": self.iri,
            "notation": self.notation,
            "level": self.level,
            "label": self.label,
            "score": self.score,
            "highlight": self.highlight,
        }


def search(
    site: SiteSearch,
    publication: Publication,
    query: str,
    level: str | None,
    category: str | None,
    limit: int,
) -> list[Result]:
    if not query.strip():
        return []
    results = [
        Result(
            h.concept.iri,
            h.concept.notation,
            h.concept.level,
            h.concept.labels,
            h.score,
            h.highlight,
            h.concept,
            h.field,
        )
        for h in site.searcher.search(query, level=level, category=category, limit=limit)
    ]
    if level is None and category is None:
        results += _other_resources(publication, query)
        results.sort(key=lambda r: -r.score)
    return results[:limit]


def _other_resources(publication: Publication, query: str) -> list[Result]:
    found = []
    for match in publication.index.search(query, limit=20):
        entry = match.entry
        if entry.kind not in OTHER_KINDS or "#" in entry.iri:
            continue
        # A substring is a word only in Chinese: "ai" inside "maintenance" is not one.
        if match.rank > 3 and not (match.rank == 4 and HAN.search(query)):
            continue
        tier = RANK_TO_TIER.get(match.rank, 7)
        label = {language: (entry.name(language) or ("", ""))[0] for language in ("zh", "en")}
        score = score_of(tier, 1.0 if tier < 6 else 0.5, 0.0)
        found.append(
            Result(entry.iri, entry.notation, entry.kind, label, score, label["zh"] or label["en"])
        )
    return found
