"""The threads the bridge runs the WSGI app on, with one hand-off each way per call.

``loop.run_in_executor`` hands a call to a ``ThreadPoolExecutor`` (a work item on a
``queue.Queue``, a ``concurrent.futures.Future``) and back (that future's state copied
onto an asyncio future by a callback the loop runs, chained through both futures'
callbacks). Here a call is a tuple put in an idle thread's ``SimpleQueue`` (C, one
lock) and its result is set on the awaiting asyncio future by the one
``call_soon_threadsafe`` that wakes the loop: less work under the GIL per request.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections import deque
from collections.abc import Callable
from queue import SimpleQueue
from typing import Any, TypeVar

T = TypeVar("T")

#: A call for a thread: where its result goes, the callable, its arguments.
_Call = tuple[asyncio.AbstractEventLoop, "asyncio.Future[Any]", Callable[..., Any], tuple[Any, ...]]


class Threads:
    """``threads`` daemon threads that run calls handed to them from an event loop.

    A call goes to the thread that went idle last (each has an inbox of its own), as a
    ``ThreadPoolExecutor`` at low load keeps using one thread: a shared queue woke any
    of them, cache-cold, and an ASK at concurrency 1 took ~10 % longer (bench/). Calls
    that find no thread idle wait in a backlog, taken in order by the next thread free.
    """

    def __init__(self, threads: int, name: str) -> None:
        self._lock = threading.Lock()
        self._idle: list[SimpleQueue[_Call]] = []  # a stack: the last one idle first
        self._backlog: deque[_Call] = deque()
        for n in range(threads):
            inbox: SimpleQueue[_Call] = SimpleQueue()
            self._idle.append(inbox)
            threading.Thread(
                target=self._serve, args=(inbox,), name=f"{name}_{n}", daemon=True
            ).start()

    def run(self, function: Callable[..., T], *args: Any) -> asyncio.Future[T]:
        """``function(*args)`` on one of the threads; await the result on the loop."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[T] = loop.create_future()
        call: _Call = (loop, future, function, args)
        with self._lock:
            if not self._idle:
                self._backlog.append(call)
                return future
            inbox = self._idle.pop()
        inbox.put(call)
        return future

    def _serve(self, inbox: SimpleQueue[_Call]) -> None:
        while True:
            call: _Call | None = inbox.get()
            while call is not None:
                answer = _perform(call)
                with self._lock:  # the backlog first; idle only when it is empty
                    if self._backlog:
                        call = self._backlog.popleft()
                    else:
                        call = None
                        self._idle.append(inbox)
                # Idle (or busy with the next) before the loop sees the result: a call the
                # awaiting task hands over next finds this thread, warm, on top of the stack.
                if answer is not None:
                    answer()


#: Sets a call's outcome on its future, on the loop's thread.
_Answer = Callable[[], None]


def _perform(call: _Call) -> _Answer | None:
    """Run the call; what hands its outcome to the loop (None when it was not run)."""
    loop, future, function, args = call
    if future.cancelled():
        # Its client left while the call waited in the backlog (as an executor skips a
        # work item whose future was cancelled): no query is run for nobody. Reading the
        # state from this thread is one attribute read; a cancel racing it only means
        # the call runs, as it would have a moment earlier.
        return None
    try:
        result = function(*args)
    except BaseException as error:  # raised where it is awaited, as an executor's
        outcome: tuple[Callable[..., None], object] = (_fail, error)
    else:
        outcome = (_succeed, result)

    def answer() -> None:
        with contextlib.suppress(RuntimeError):  # the loop closed: the worker is stopping
            loop.call_soon_threadsafe(outcome[0], future, outcome[1])

    return answer


def _succeed(future: asyncio.Future[Any], result: object) -> None:
    if not future.done():  # its awaiting task may have been cancelled meanwhile
        future.set_result(result)


def _fail(future: asyncio.Future[Any], error: BaseException) -> None:
    if not future.done():
        future.set_exception(error)
