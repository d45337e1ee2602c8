"""HTTP for every route: the WSGI layers (access log, CORS, rate limit, response cache,
compression), conditional requests, content negotiation, refusals, and ``front/``: what
stands between a socket and the app so that no idle or slow client can hold the server."""
