"""The pipe between a worker and its engine processes: length-prefixed frames.

A frame is one kind byte, a 4-byte big-endian length and the payload; the
payloads are the typed messages of ``messages.py``.
Reading takes a deadline: that is where a runaway query's timeout is noticed.
"""

from __future__ import annotations

import os
import select
import struct
import time

HEADER = struct.Struct("!cI")

LOAD = b"L"  # worker → engine: the data to serve, once
READY = b"R"  # engine → worker: loaded
REQUEST = b"Q"  # worker → engine: a query or a graph request
START = b"H"  # engine → worker: the answer's kind and format
DATA = b"D"  # engine → worker: a piece of the serialized answer
END = b"E"  # engine → worker: the answer is complete
ERROR = b"X"  # engine → worker: (error class name, message) instead of an answer


def frame(kind: bytes, payload: bytes = b"") -> bytes:
    return HEADER.pack(kind, len(payload)) + payload


def write_all(fd: int, data: bytes | memoryview) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


class Deadline(Exception):
    """Nothing arrived before the deadline."""


class Closed(Exception):
    """The other end closed the pipe (an engine that died, a worker that left)."""


class FrameReader:
    READ_SIZE = 256 * 1024

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self._buffer = bytearray()
        self._poll = select.poll()
        self._poll.register(fd, select.POLLIN)

    def read(self, deadline: float | None = None) -> tuple[bytes, bytes]:
        buffer = self._buffer
        while True:
            if len(buffer) >= HEADER.size:
                kind, length = HEADER.unpack_from(buffer)
                end = HEADER.size + length
                if len(buffer) >= end:
                    payload = bytes(buffer[HEADER.size : end])
                    del buffer[:end]
                    return kind, payload
            if deadline is not None:
                remaining = deadline - time.monotonic()
                if remaining <= 0 or not self._poll.poll(remaining * 1000 + 1):
                    raise Deadline
            chunk = os.read(self.fd, self.READ_SIZE)
            if not chunk:
                raise Closed
            buffer += chunk
