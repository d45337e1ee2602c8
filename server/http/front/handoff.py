"""The threads the bridge runs the WSGI app on, with one hand-off each way per call.

``loop.run_in_executor`` hands a call to a ``ThreadPoolExecutor`` (a work item on a
``queue.Queue``, a ``concurrent.futures.Future``) and back (that future's state copied
onto an asyncio future by a callback the loop runs, chained through both futures'
callbacks). Here a call is a tuple on a ``SimpleQueue`` (C, one lock) and its result
is set on the awaiting asyncio future by the one ``call_soon_threadsafe`` that wakes
the loop: less work under the GIL for every request.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Callable
from queue import SimpleQueue
from typing import Any, TypeVar

T = TypeVar("T")

#: A call for a thread: where its result goes, the callable, its arguments.
_Call = tuple[asyncio.AbstractEventLoop, "asyncio.Future[Any]", Callable[..., Any], tuple[Any, ...]]


class Threads:
    """``threads`` daemon threads that run calls handed to them from an event loop."""

    def __init__(self, threads: int, name: str) -> None:
        self._calls: SimpleQueue[_Call] = SimpleQueue()
        for n in range(threads):
            threading.Thread(target=self._serve, name=f"{name}_{n}", daemon=True).start()

    def run(self, function: Callable[..., T], *args: Any) -> asyncio.Future[T]:
        """``function(*args)`` on one of the threads; await the result on the loop."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[T] = loop.create_future()
        self._calls.put((loop, future, function, args))
        return future

    def _serve(self) -> None:
        while True:
            loop, future, function, args = self._calls.get()
            try:
                result = function(*args)
            except BaseException as error:  # raised where it is awaited, as an executor's
                outcome: tuple[Callable[..., None], object] = (_fail, error)
            else:
                outcome = (_succeed, result)
            with contextlib.suppress(RuntimeError):  # the loop closed: the worker is stopping
                loop.call_soon_threadsafe(outcome[0], future, outcome[1])


def _succeed(future: asyncio.Future[Any], result: object) -> None:
    if not future.done():  # its awaiting task may have been cancelled meanwhile
        future.set_result(result)


def _fail(future: asyncio.Future[Any], error: BaseException) -> None:
    if not future.done():
        future.set_exception(error)
