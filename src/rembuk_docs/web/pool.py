"""The bounded worker pool that renders documents off the event loop, each job with a time limit."""

from __future__ import annotations

import asyncio
import multiprocessing
from collections.abc import Callable
from concurrent.futures import Executor, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import partial
from typing import Any, TypeVar

T = TypeVar("T")

RENDER_TIMEOUT = 120.0
"""Seconds one render job may take. A whole pack of 100,000 attendees renders in about a minute on
one core; a job past this limit is stopped (its worker process ended) so it cannot hold a worker
for ever."""


class Busy(Exception):
    """Too many jobs are already waiting for a worker."""


class TimedOut(Exception):
    """The job took longer than the time limit and was stopped."""

    def __init__(self, seconds: float) -> None:
        super().__init__(seconds)
        self.seconds = seconds


class Interrupted(Exception):
    """The job's worker was ended because another job on it was stopped."""


class WorkerPool:
    """Jobs in ``workers`` worker processes (or ``make()``'s executor), at most ``waiting`` queued.

    Each worker process first runs ``initializer(*initargs)``. A job that runs past ``timeout`` seconds raises :class:`TimedOut`; its pool is replaced by a
    fresh one and the old one's processes are terminated, so the stuck job stops using a core.
    Jobs that shared the old pool raise :class:`Interrupted`. ``timeout=None`` sets no limit: for
    a pool of threads, which cannot be stopped, so replacing the pool would only add threads.
    """

    def __init__(
        self,
        workers: int,
        *,
        timeout: float | None = RENDER_TIMEOUT,
        waiting: int = 16,
        make: Callable[[], Executor] | None = None,
        initializer: Callable[..., object] | None = None,
        initargs: tuple[Any, ...] = (),
    ) -> None:
        self.workers = max(1, workers)
        self._initializer = initializer
        self._initargs = initargs
        self.timeout = timeout
        self._limit = waiting
        self._make = make or self._process_pool
        self._executor = self._make()
        self._slots = asyncio.Semaphore(self.workers)
        self._waiting = 0

    def _process_pool(self) -> Executor:
        context = multiprocessing.get_context("spawn")
        return ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=context,
            initializer=self._initializer,
            initargs=self._initargs,
        )

    async def run(self, function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """``function(*args, **kwargs)`` in a worker; raises Busy, TimedOut or Interrupted."""
        if self._waiting >= self._limit:
            raise Busy
        self._waiting += 1
        try:
            async with self._slots:
                executor = self._executor
                loop = asyncio.get_running_loop()
                job = loop.run_in_executor(executor, partial(function, *args, **kwargs))
                try:
                    return await asyncio.wait_for(job, self.timeout)
                except TimeoutError:
                    assert self.timeout is not None  # wait_for(job, None) never times out
                    self._replace(executor)
                    raise TimedOut(self.timeout) from None
                except BrokenProcessPool:
                    raise Interrupted from None
        finally:
            self._waiting -= 1

    def _replace(self, executor: Executor) -> None:
        """A fresh executor for the next jobs; the old one's processes are ended."""
        if executor is self._executor:
            self._executor = self._make()
        processes = getattr(executor, "_processes", None) or {}
        for process in list(processes.values()):
            process.terminate()
        executor.shutdown(wait=False, cancel_futures=True)

    def shutdown(self) -> None:
        """Stop the workers; queued jobs are cancelled."""
        self._executor.shutdown(wait=False, cancel_futures=True)
