"""The engines' sandbox: a network namespace of their own, so no query can reach a host.

Oxigraph evaluates ``SERVICE <url>`` by fetching the URL, and pyoxigraph offers
no switch to turn that off. The endpoint refuses SERVICE when it reads a query
(``query_text.py``), but a check of the text is only as good as the reading: a
trick it misses would make the endpoint a proxy into our network and a port
scanner. So the guarantee is given one level down, by the operating system: an
engine process moves into a new network namespace before it loads any data.
There it has a loopback interface that is down and no other: every connect()
fails with "network is unreachable", whatever the query says and whatever host
it names. The engine needs no network: its data and its queries come over pipes.

``unshare(CLONE_NEWNET)`` needs CAP_SYS_ADMIN (root, or a container with it);
otherwise a user namespace is made first, which unprivileged processes may do
where the kernel allows it (most distributions do). Where neither works, the
engine refuses to start, and ``serve`` says so before it listens: running
without the sandbox takes ``--engine-network allow``, an explicit choice.
"""

from __future__ import annotations

import ctypes
import errno
import os
import socket

CLONE_NEWUSER = 0x10000000
CLONE_NEWNET = 0x40000000

#: An address no process here can reach once isolated (loopback is down, too).
_PROBE = ("127.0.0.1", 9)


class SandboxError(OSError):
    """The process could not be cut off from the network."""


def isolate_from_network() -> None:
    """Move this (single-threaded) process into a network namespace of its own, and
    prove it: a connection attempt must fail for want of a network."""
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.unshare(CLONE_NEWNET) != 0:
        first = ctypes.get_errno()
        # Without CAP_SYS_ADMIN: a user namespace first (the process must be single-threaded).
        if libc.unshare(CLONE_NEWUSER | CLONE_NEWNET) != 0:
            second = ctypes.get_errno()
            raise SandboxError(
                second,
                "the query engine could not be cut off from the network "
                f"(unshare: {os.strerror(first)}; with a user namespace: {os.strerror(second)}). "
                "Run as root, allow unprivileged user namespaces "
                "(sysctl kernel.unprivileged_userns_clone=1), or serve with "
                "--engine-network allow to run the engines without the sandbox",
            )
    _prove_isolated()


def _prove_isolated() -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.settimeout(1.0)
        try:
            probe.connect(_PROBE)
        except OSError as error:
            if error.errno in (errno.ENETUNREACH, errno.EHOSTUNREACH, errno.EADDRNOTAVAIL):
                return
            raise SandboxError(
                error.errno or 0,
                f"the query engine's sandbox is not sealed: connecting to {_PROBE} "
                f"failed with {error} instead of 'network is unreachable'",
            ) from None
    raise SandboxError(0, f"the query engine's sandbox is not sealed: it reached {_PROBE}")


def check() -> str | None:
    """Can an engine be sandboxed here? None if so, else why not (run in a child)."""
    import subprocess
    import sys

    code = "from server.store.sandbox import isolate_from_network as f; f()"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=30, check=False
    )
    if done.returncode == 0:
        return None
    lines = done.stderr.strip().splitlines()
    return lines[-1].split(": ", 1)[-1] if lines else f"exit status {done.returncode}"
