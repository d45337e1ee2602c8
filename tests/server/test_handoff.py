"""The threads the bridge runs the app on (server/http/front/handoff.py)."""

from __future__ import annotations

import asyncio
import threading
from typing import TypeVar

import pytest

from server.http.front.handoff import Threads
from tests.server.asgi_support import run

T = TypeVar("T")


def test_a_call_runs_off_the_loop_and_its_result_comes_back() -> None:
    threads = Threads(2, "test-handoff")

    async def main() -> tuple[str, str]:
        return await threads.run(lambda word: (word, threading.current_thread().name), "hello")

    word, thread = run(main())
    assert word == "hello"
    assert thread.startswith("test-handoff_")


def test_an_exception_is_raised_where_the_call_is_awaited() -> None:
    threads = Threads(1, "test-handoff")

    def fails() -> None:
        raise ValueError("from the app")

    async def main() -> None:
        await threads.run(fails)

    with pytest.raises(ValueError, match="from the app"):
        run(main())


def test_as_many_calls_run_at_once_as_there_are_threads() -> None:
    threads = Threads(3, "test-handoff")
    inside = threading.Barrier(3, timeout=5)  # broken unless three calls run together

    async def main() -> list[int]:
        return list(await asyncio.gather(*(threads.run(inside.wait) for _ in range(3))))

    assert sorted(run(main())) == [0, 1, 2]


def test_a_cancelled_wait_leaves_the_thread_serving() -> None:
    threads = Threads(1, "test-handoff")
    release = threading.Event()

    async def main() -> int:
        slow = asyncio.ensure_future(threads.run(release.wait, 5))
        await asyncio.sleep(0.01)
        slow.cancel()  # as a send deadline cancels the task awaiting it
        release.set()
        return await threads.run(lambda: 7)

    assert run(main()) == 7


def test_a_call_cancelled_while_it_waits_for_a_thread_never_runs() -> None:
    threads = Threads(1, "test-handoff")
    release = threading.Event()
    ran: list[int] = []

    async def main() -> int:
        busy = threads.run(release.wait, 5)  # the one thread, until released
        waiting = threads.run(_noted, ran, 1)  # in the backlog
        waiting.cancel()  # its client left: as the bridge cancels a gone request's task
        release.set()
        await busy
        return await threads.run(_noted, ran, 2)

    assert run(main()) == 2
    assert ran == [2]


def test_calls_one_after_another_keep_to_one_warm_thread() -> None:
    threads = Threads(4, "test-handoff")

    async def main() -> set[str]:
        return {await threads.run(lambda: threading.current_thread().name) for _ in range(20)}

    assert len(run(main())) == 1


def test_calls_beyond_the_threads_wait_and_all_run_in_order() -> None:
    threads = Threads(1, "test-handoff")
    ran: list[int] = []

    async def main() -> list[int]:
        return list(await asyncio.gather(*(threads.run(_noted, ran, n) for n in range(6))))

    assert run(main()) == list(range(6))
    assert ran == list(range(6))


def _noted(ran: list[int], n: int) -> int:
    ran.append(n)
    return n
