"""The search index of the session's real build, and its searcher and classifier."""

from __future__ import annotations

import pytest

from catalogue.build import BuildResult
from catalogue.search.classifier import Classifier
from catalogue.search.index_reader import SearchIndex
from catalogue.search.searcher import Searcher


@pytest.fixture(scope="session")
def index(build: BuildResult) -> SearchIndex:
    return SearchIndex(build.search_index)


@pytest.fixture(scope="session")
def searcher(index: SearchIndex) -> Searcher:
    return Searcher(index)


@pytest.fixture(scope="session")
def classifier(index: SearchIndex) -> Classifier:
    return Classifier(index)
