"""Where queries are answered: the ``Store`` interface and its implementations.

- ``interface.py``: the Protocol, the requests and answers, the errors;
- ``embedded.py``: pyoxigraph in memory, loaded from the built store;
- ``isolated.py`` + ``engine.py`` + ``channel.py``: the same in engine
  processes, with the query timeout, crash containment and a fair share of
  the engines per client; ``sandbox.py``: the engines' network namespace;
- ``remote.py`` (+ ``remote_query.py``, ``remote_answers.py``, ``remote_http.py``): the
  build current in another SPARQL store, over HTTP.
"""

from __future__ import annotations

from catalogue.publication import BUILDS, INFO_FILE, BuildUnit, unit_of
from server.config import ServerConfig
from server.store.interface import Store


def open_store(config: ServerConfig, prefixes: dict[str, str], build: BuildUnit | None) -> Store:
    """The store ``serve`` uses: a remote endpoint if one is configured, else isolated
    engines over ``build``, the published build this worker serves."""
    if config.store_url:
        from server.store.remote import RemoteStore

        return RemoteStore(config.store_url, prefixes, config.store_engine)
    from server.store.embedded import snapshot
    from server.store.isolated import IsolatedStore

    if build is None:
        raise FileNotFoundError(f"no published build at {config.store}: build it first")
    data, info = snapshot(build)
    return IsolatedStore(
        data,
        info,
        prefixes,
        config.engines,
        config.engine_stack_mib,
        client_share=config.client_engines,
        sandbox=config.engine_sandbox,
    )


def build_beside(config: ServerConfig, build_id: str) -> BuildUnit | None:
    """The files of build ``build_id`` (dumps, documentation, quality report, search
    index), if a copy of its folder is beside this server: in the ``builds/`` of the
    output folder ``config.store`` leads to. A remote store holds the data only."""
    try:
        output = unit_of(config.store).output_dir
    except FileNotFoundError:
        output = config.store.parent
    folder = output / BUILDS / build_id
    return BuildUnit(folder) if (folder / INFO_FILE).is_file() else None
