"""Clients that hold connections without finishing a request, for the slow-client tests.

(Not a conftest: test modules import these names. Named uniquely because
pytest puts this folder on sys.path.)
"""

from __future__ import annotations

import itertools
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit

_addresses = itertools.count(1)


def loopback_address() -> str:
    """A loopback address no other test client uses: each is a distinct client."""
    n = next(_addresses)
    return f"127.{100 + n // 62500 % 100}.{n // 250 % 250}.{n % 250 + 1}"


class Holders:
    """``count`` connections that each send ``opening`` and then nothing; a connection
    the server closes is opened again, as an attacker would."""

    def __init__(self, url: str, count: int, opening: bytes) -> None:
        parts = urlsplit(url)
        self.target = (parts.hostname or "127.0.0.1", parts.port or 80)
        self.count = count
        self.opening = opening
        self.sockets: list[socket.socket] = []
        self.reopened = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._hold, daemon=True)

    def _open(self) -> None:
        sock = socket.socket()
        sock.settimeout(5)
        try:
            sock.bind((loopback_address(), 0))
            sock.connect(self.target)
            if self.opening:
                sock.sendall(self.opening)
        except OSError:
            sock.close()
            return
        sock.setblocking(False)
        self.sockets.append(sock)

    def _hold(self) -> None:
        while not self._stop.is_set():
            for sock in list(self.sockets):  # drop (and so replace) what the server closed
                try:
                    if sock.recv(4096) == b"":
                        raise ConnectionResetError
                except BlockingIOError:
                    continue
                except OSError:
                    pass
                self.sockets.remove(sock)
                sock.close()
                self.reopened += 1
            while len(self.sockets) < self.count and not self._stop.is_set():
                self._open()
            self._stop.wait(0.1)

    def start(self, timeout: float = 60) -> None:
        self._thread.start()
        deadline = time.monotonic() + timeout
        while len(self.sockets) < self.count:
            assert time.monotonic() < deadline, f"only {len(self.sockets)} connections held"
            time.sleep(0.05)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()
        for sock in self.sockets:
            sock.close()


@contextmanager
def holding(url: str, count: int, opening: bytes = b"") -> Iterator[Holders]:
    holders = Holders(url, count, opening)
    try:
        holders.start()
        yield holders
    finally:
        holders.stop()


def raw_exchange(url: str, data: bytes, timeout: float) -> tuple[bytes, float]:
    """Send ``data`` on a new connection and read until the server closes it (or
    ``timeout``): what came back and after how many seconds."""
    parts = urlsplit(url)
    started = time.monotonic()
    received = b""
    with socket.create_connection(
        (parts.hostname, parts.port), timeout=timeout, source_address=(loopback_address(), 0)
    ) as sock:
        sock.sendall(data)
        try:
            while chunk := sock.recv(65536):
                received += chunk
        except TimeoutError:
            return received, float("inf")
        except ConnectionResetError:
            pass
    return received, time.monotonic() - started
