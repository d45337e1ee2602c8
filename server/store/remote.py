"""Another SPARQL endpoint as the store, over the SPARQL 1.1 Protocol.

So the same app (its caching, limits, query page and logs) can front a
separate engine, e.g. ``oxigraph serve``: answers are passed through in the
remote's own serialization. A sketch with what a real deployment needs first:

- the union default graph is asked for with Oxigraph's ``union-default-graph``
  parameter (other engines have their own switch, or a configured union graph);
- the whole dataset comes from the Graph Store at ``…/store`` beside ``…/query``
  (Oxigraph's layout); single graphs are fetched with CONSTRUCT, which any
  engine answers;
- the deadline bounds our wait, not the remote's work: give the remote its own
  timeout (``oxigraph serve --timeout-s``);
- the data must not change while this server runs: ETags are made once, from
  the endpoint's URL and the time this server started.
"""

from __future__ import annotations

import hashlib
import http.client
import json
import time
from collections.abc import Iterator
from urllib.parse import urlencode, urlsplit

from server.formats import BY_NAME, Kind
from server.store.interface import (
    Answer,
    BuildInfo,
    FormatNotAcceptable,
    GraphRequest,
    QueryRequest,
    QuerySyntaxError,
    QueryTimeout,
    StoreError,
    StoreUnavailable,
)

CHUNK = 64 * 1024
IN_MEMORY = 4 * 1024 * 1024
_CONNECT_TIMEOUT = 5.0


class RemoteStore:
    def __init__(self, url: str, prefixes: dict[str, str]) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"the store URL must be an http(s) URL: {url}")
        self.url = url
        self._parts = parts
        self._prologue = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in prefixes.items())
        deadline = time.monotonic() + _CONNECT_TIMEOUT * 2
        count = self._select_one(
            "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", deadline
        )
        graphs = self._select_all("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }", deadline)
        started = time.time()
        self.info = BuildInfo(
            build_id=hashlib.sha256(f"{url}\x00{started}".encode()).hexdigest()[:16],
            last_modified=started,
            quads=int(count or 0),
            graphs=tuple(sorted(graphs)),
        )

    # --- the Store interface ---------------------------------------------------

    def query(self, request: QueryRequest, deadline: float) -> Answer:
        base = f"BASE <{request.base_iri}>\n" if request.base_iri else ""
        params: list[tuple[str, str]] = [("query", base + self._prologue + request.text)]
        if request.default_graphs is not None or request.named_graphs is not None:
            params += [("default-graph-uri", g) for g in request.default_graphs or ()]
            params += [("named-graph-uri", g) for g in request.named_graphs or ()]
        elif request.union_default:
            params.append(("union-default-graph", ""))
        accept = [
            BY_NAME[name].media_type + (";q=0.9" if i else "")
            for i, name in enumerate(n for n in (request.results_format, request.graph_format) if n)
        ]
        return self._post(params, ", ".join(accept), deadline, request)

    def graph(self, request: GraphRequest, deadline: float) -> Answer:
        fmt = BY_NAME[request.format]
        if request.dataset:
            path = self._parts.path.rsplit("/", 1)[0] + "/store"
            return self._fetch("GET", path, None, fmt.media_type, deadline, Kind.DATASET)
        where = f"GRAPH <{request.graph}> {{ ?s ?p ?o }}" if request.graph else "?s ?p ?o"
        text = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SELECT DISTINCT ?s ?p ?o WHERE {{ {where} }} }}"
        query = QueryRequest(text, results_format=None, graph_format=request.format)
        return self.query(query, deadline)

    def close(self) -> None:
        """Connections are opened per request; nothing is held."""

    # --- HTTP -------------------------------------------------------------------

    def _post(
        self, params: list[tuple[str, str]], accept: str, deadline: float, request: QueryRequest
    ) -> Answer:
        answer = self._fetch("POST", self._parts.path, urlencode(params), accept, deadline, None)
        if answer.format == request.results_format or answer.format == request.graph_format:
            return answer
        answer.close()
        raise FormatNotAcceptable(answer.kind)

    def _fetch(
        self,
        method: str,
        path: str,
        form: str | None,
        accept: str,
        deadline: float,
        kind: Kind | None,
    ) -> Answer:
        connection = self._connect(deadline)
        headers = {"Accept": accept}
        if form is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path or "/", body=form, headers=headers)
            response = connection.getresponse()
        except TimeoutError:
            connection.close()
            raise QueryTimeout("timeout") from None
        except OSError as error:
            connection.close()
            raise StoreUnavailable(f"{self.url}: {error}") from None
        if response.status != 200:
            message = response.read(4096).decode("utf-8", "replace").strip()
            connection.close()
            if response.status == 400:
                raise QuerySyntaxError(message)
            raise StoreError(f"the remote endpoint answered {response.status}: {message}")
        media_type = (response.getheader("Content-Type") or "").split(";")[0].strip().lower()
        fmt = next((f for f in BY_NAME.values() if media_type in f.media_types), None)
        if fmt is None:
            connection.close()
            raise StoreError(f"the remote endpoint answered in an unknown format: {media_type}")
        answer_kind = kind or (Kind.RESULTS if Kind.RESULTS in fmt.kinds else Kind.GRAPH)
        head: list[bytes] = []
        size = 0
        chunks = self._chunks(connection, response, deadline)
        for chunk in chunks:
            head.append(chunk)
            size += len(chunk)
            if size >= IN_MEMORY:
                return Answer(answer_kind, fmt.name, head, chunks)
        return Answer(answer_kind, fmt.name, head)

    def _connect(self, deadline: float) -> http.client.HTTPConnection:
        timeout = max(min(deadline - time.monotonic(), 3600.0), 0.001)
        host, port = self._parts.hostname or "", self._parts.port
        if self._parts.scheme == "https":
            return http.client.HTTPSConnection(host, port, timeout=timeout)
        return http.client.HTTPConnection(host, port, timeout=timeout)

    @staticmethod
    def _chunks(
        connection: http.client.HTTPConnection,
        response: http.client.HTTPResponse,
        deadline: float,
    ) -> Iterator[bytes]:
        try:
            while chunk := response.read(CHUNK):
                if time.monotonic() > deadline:
                    raise QueryTimeout("timeout")
                yield chunk
        except TimeoutError:
            raise QueryTimeout("timeout") from None
        finally:
            connection.close()

    def _select_one(self, text: str, deadline: float) -> str | None:
        values = self._select_all(text, deadline)
        return values[0] if values else None

    def _select_all(self, text: str, deadline: float) -> list[str]:
        answer = self.query(QueryRequest(text, union_default=False, graph_format=None), deadline)
        results = json.loads(answer.body())
        return [
            binding[name]["value"]
            for binding in results["results"]["bindings"]
            for name in results["head"]["vars"]
            if name in binding
        ]
