"""granian's settings for the front, and the descriptor limit they have to fit in."""

from __future__ import annotations

import resource

from server.config import ServerConfig

#: hyper's read buffer per connection, which a request head must fit in.
HEAD_BUFFER_BYTES = 80 * 1024

#: Descriptors a worker keeps for itself besides connections: the store, the log,
#: its engines' pipes, the listening socket.
RESERVED_DESCRIPTORS = 256


def raise_descriptor_limit() -> int:
    """Lift the soft limit on open files to the hard one (a process may), and return it;
    the workers inherit it."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard == resource.RLIM_INFINITY or soft < hard:
        target = hard if hard != resource.RLIM_INFINITY else max(soft, 65536)
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
            soft = target
        except (ValueError, OSError):
            pass
    return soft


def connections_per_worker(config: ServerConfig, descriptors: int) -> int:
    """``max_connections``, or fewer when the descriptor limit could not hold them: past
    it ``accept`` fails, which would refuse clients for a reason no one sees."""
    return max(config.threads + 1, min(config.max_connections, descriptors - RESERVED_DESCRIPTORS))


def granian_options(config: ServerConfig, connections: int) -> dict[str, object]:
    from granian.constants import HTTPModes, Interfaces
    from granian.http import HTTP1Settings

    return {
        "interface": Interfaces.ASGINL,  # the bridge (bridge.py); no lifespan events
        "http": HTTPModes.http1,
        "websockets": False,
        "workers": config.workers,
        # granian's semaphore is per connection, held while it is open, idle or not:
        # this is the connection limit, not request concurrency (the bridge's threads).
        "backpressure": connections,
        # Connections past the limit wait in the kernel's queue (capped by somaxconn).
        "backlog": max(1024, connections),
        # hyper's timer runs while a request head is awaited: new, slow and idle
        # (keep-alive) connections alike are closed past it.
        "http1_settings": HTTP1Settings(
            header_read_timeout=int(config.header_timeout * 1000),
            keep_alive=True,
            # A head must fit in this buffer: above the app's own limits (URL, header
            # fields), so the app refuses first, with a body; and small, since every
            # connection may fill one (400 KiB by default: 1.6 GiB for 4,096 slow heads).
            max_buffer_size=HEAD_BUFFER_BYTES,
        ),
        "respawn_failed_workers": True,
        "respawn_interval": 1.0,
        "workers_kill_timeout": int(config.query_timeout) + 5,
    }
