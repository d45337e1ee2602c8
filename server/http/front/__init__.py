"""The HTTP front: what stands between a socket and the WSGI app, so that no client
can hold the server by being idle or slow.

granian (Rust, hyper) parses HTTP. What it bounds, as read in its source (2.8)
and measured here:

- ``backpressure`` is a semaphore taken per *connection* when it is accepted and
  released when it closes, not per request: set to the thread count, 16 idle
  sockets held a two-worker server. It is the connection limit, so it is set
  far above the request concurrency, within the descriptor limit
  (``options.py``).
- ``http1_header_read_timeout`` (hyper's) starts when hyper waits for a
  request head: on a new connection, between the bytes of a slow head, and
  between keep-alive requests. It is the idle limit as well as the
  header-read limit.
- A request body has no timeout at all. Its WSGI interface calls the app as
  soon as the head is read, and ``wsgi.input.read`` blocks the app's thread in
  Rust until the bytes come: two clients that send half a body held both
  threads of a worker indefinitely.

So the app is served through granian's ASGI interface and ``bridge.py``: the
body is read on the event loop, under a deadline and a size limit, and only a
complete request is handed to one of the worker's threads; an answer is
written with a deadline per chunk, so a client that stops reading frees its
thread and its query engine too.
"""
