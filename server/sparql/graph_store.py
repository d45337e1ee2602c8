"""``/rdf-graph-store``: the SPARQL 1.1 Graph Store HTTP Protocol, read-only (GET and HEAD).

- ``?graph=IRI`` → that named graph (404 if the dataset has no such graph);
- ``?default`` → the default graph, which here is the union of the named graphs;
- neither → the whole dataset with its named graphs (N-Quads or TriG).

PUT, POST and DELETE get 405: the data changes only with a new build.
"""

from __future__ import annotations

from flask import Blueprint, Response, request

from server.formats import Kind
from server.http import conneg
from server.http.compression import choose_encoding
from server.http.conditional import conditional_response
from server.http.errors import HttpError
from server.service import current_service
from server.sparql.answers import answer_response, deadline
from server.sparql.protocol import url_params
from server.store.interface import GraphRequest

bp = Blueprint("graph_store", __name__)


# Read-only: other methods get werkzeug's 405, whose Allow is read from this route (app.py).
@bp.route("/rdf-graph-store", methods=["GET"])
def graph_store() -> Response:
    service = current_service()
    environ = request.environ
    params = url_params(environ, service.config)
    graphs = [g for g in params.get("graph", []) if g]
    default = "default" in params
    if graphs and default:
        raise HttpError(400, "ask for ?graph=IRI or for ?default, not both")
    if len(graphs) > 1:
        raise HttpError(400, "ask for one graph at a time")
    graph = graphs[0] if graphs else None
    if graph is not None and graph not in service.info.graphs:
        listed = ", ".join(f"<{g}>" for g in service.info.graphs)
        raise HttpError(404, f"there is no graph <{graph}> here; the named graphs are: {listed}")

    kind = Kind.GRAPH if graph or default else Kind.DATASET
    formats = params.get("format") or params.get("output") or []
    try:
        fmt = conneg.choose(
            kind, environ.get("HTTP_ACCEPT"), formats[0] if formats else None, html=False
        )
    except conneg.NotAcceptable as error:  # answered by app.py; a hint for the likely mistake
        if kind is Kind.DATASET:
            error.add_note("for one graph, add ?default or ?graph=IRI")
        raise

    encoding = choose_encoding(environ.get("HTTP_ACCEPT_ENCODING"))
    etag = service.etag("graph", graph or "", "default" if default else "", fmt.name, encoding)

    def respond() -> Response:
        # A store refusal is answered by the app's handler (its status: 503, 429, 504).
        answer = service.store.graph(
            GraphRequest(fmt.name, graph, dataset=kind is Kind.DATASET),
            deadline(environ, service),
        )
        return answer_response(environ, service, answer)

    return conditional_response(etag, respond)
