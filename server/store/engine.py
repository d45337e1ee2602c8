"""An engine process: evaluates queries for one worker, one at a time.

Started by ``isolated.py`` as ``python -m server.store.engine STACK_MIB sandboxed``.
First it leaves the network (``sandbox.py``: a network namespace of its own, so
no SERVICE can reach a host); then it reads the data to serve from its parent,
then answers requests on stdin with frames on stdout until the pipe closes. It
may be killed at any moment (that is how a runaway query is stopped), so it
holds nothing that needs a clean exit.

Queries run on a thread with a large stack: the parser recurses once per
nesting level, and the default 8 MiB stack overflows (killing the process) at a
few thousand levels.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
import time

from server.store import channel, messages
from server.store.channel import DATA, END, ERROR, START, frame
from server.store.messages import AnswerStart, Failure, Load

#: Answers are sent in pieces of this size, so a large one streams.
CHUNK = 64 * 1024


class FrameSink:
    """A binary file for pyoxigraph's serializers that writes frames to the pipe.

    It holds the first CHUNK bytes back, so a small answer leaves in a single
    write together with its START and END frames.
    """

    def __init__(self, fd: int, kind: str, fmt: str) -> None:
        self._fd = fd
        self._start = frame(START, messages.encode(AnswerStart(kind, fmt)))
        self._buffer = bytearray()

    def write(self, data: bytes) -> int:
        self._buffer += data
        if len(self._buffer) >= CHUNK:
            self._flush()
        return len(data)

    def flush(self) -> None:
        """pyoxigraph flushes at the end; the last piece goes with END instead."""

    def _flush(self) -> None:
        channel.write_all(self._fd, self._start + frame(DATA, bytes(self._buffer)))
        self._start = b""
        self._buffer.clear()

    def finish(self) -> None:
        channel.write_all(self._fd, self._start + frame(DATA, bytes(self._buffer)) + frame(END))


def serve(in_fd: int, out_fd: int) -> None:
    from server.store.embedded import EmbeddedStore, _evaluating
    from server.store.interface import GraphRequest, QueryRequest, StoreError

    reader = channel.FrameReader(in_fd)
    try:
        kind, payload = reader.read()
    except channel.Closed:  # the worker stopped before this engine was needed
        return
    if kind != channel.LOAD:
        raise SystemExit(f"engine: expected the data first, got {kind!r}")
    load = messages.decode(payload, Load)
    store = EmbeddedStore.from_nquads(load.nquads, load.info, load.prefixes)
    del load, payload
    channel.write_all(out_fd, frame(channel.READY))
    while True:
        try:
            _, payload = reader.read()
        except channel.Closed:
            return
        # isinstance takes the union; mypy types ``expected`` as one class.
        request = messages.decode(payload, QueryRequest | GraphRequest)  # type: ignore[arg-type]
        try:
            if isinstance(request, QueryRequest):
                prepared = store.prepare(request)
            else:
                prepared = store.prepare_graph(request)
            sink = FrameSink(out_fd, prepared.kind.value, prepared.format)
            # FrameSink has the write() pyoxigraph calls, not all of IO[bytes].
            _evaluating(prepared.write, sink)  # type: ignore[arg-type]
            sink.finish()
        except StoreError as error:
            failure = Failure(type(error).__name__, str(error))
            channel.write_all(out_fd, frame(ERROR, messages.encode(failure)))


def _leave_the_network(out_fd: int) -> None:
    from server.store.sandbox import SandboxError, isolate_from_network

    try:
        isolate_from_network()
    except SandboxError as error:
        # Take the data the worker is sending, so it is not blocked writing, then say why.
        with contextlib.suppress(channel.Closed):
            channel.FrameReader(0).read()
        failure = Failure("StoreUnavailable", error.strerror or str(error))
        channel.write_all(out_fd, frame(ERROR, messages.encode(failure)))
        raise SystemExit(1) from None


def _exit_with_parent(parent: int) -> None:
    """Stop when the worker is gone, even in the middle of a runaway query."""
    while True:
        time.sleep(1.0)
        if os.getppid() != parent:
            os._exit(0)


def main() -> None:
    stack_mib = int(sys.argv[1]) if len(sys.argv) > 1 else 512
    sandboxed = (sys.argv[2] if len(sys.argv) > 2 else "sandboxed") == "sandboxed"
    # Ctrl-C reaches the whole process group; the worker decides when engines stop.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # The frames own stdout; anything else printed goes to stderr instead.
    out_fd = os.dup(1)
    os.dup2(2, 1)
    if sandboxed:
        _leave_the_network(out_fd)  # first, while this process has a single thread
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()
    threading.stack_size(stack_mib * 1024 * 1024)
    worker = threading.Thread(target=serve, args=(0, out_fd), name="engine")
    worker.start()
    worker.join()


if __name__ == "__main__":
    main()
