"""Where queries are answered: the ``Store`` interface and its implementations.

- ``interface.py``: the Protocol, the requests and answers, the errors;
- ``embedded.py``: pyoxigraph in memory, loaded from the built store;
- ``isolated.py`` + ``engine.py`` + ``channel.py``: the same in engine
  processes, with the query timeout, crash containment and a fair share of
  the engines per client; ``sandbox.py``: the engines' network namespace;
- ``remote.py``: another SPARQL endpoint over HTTP.
"""

from __future__ import annotations

from catalogue.publication import BuildUnit
from server.config import ServerConfig
from server.store.interface import Store


def open_store(config: ServerConfig, prefixes: dict[str, str], build: BuildUnit | None) -> Store:
    """The store ``serve`` uses: a remote endpoint if one is configured, else isolated
    engines over ``build``, the published build this worker serves."""
    if config.store_url:
        from server.store.remote import RemoteStore

        return RemoteStore(config.store_url, prefixes)
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
