"""The process's one Matcher, shared by every request: reads at once, writes one at a time.

A read (a match, a search, a profile page) runs beside other reads on a small pool of threads:
most of its time is numpy over the index, which releases the GIL, so two cores serve two reads.
A write (a profile saved or deleted, an introduction answered) waits until the reads running
have finished and runs alone, so a read never sees a half-applied write and writes are never
interleaved. Before a read, the Matcher takes in what other processes (another worker, the CLI)
wrote to the database since its index was current; catching up changes the index, so it is a
write here too. A call that is already running finishes even if its client goes away, so a
write is never left half done.

The Matcher's SQLite connection is shared by the threads (`check_same_thread=False`): SQLite
serialises the use of one connection, and the lock keeps reads out of a write's transaction.
"""
from __future__ import annotations

import asyncio
import threading
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import Callable, Iterator, TypeVar

from matcher.engine import Matcher

T = TypeVar("T")
READER_THREADS = 4  # more than the 2 cores: a read also waits on SQLite and on the client


class ReadWriteLock:
    """Many readers or one writer. A waiting writer keeps new readers out, so a stream of reads
    cannot hold a write off for ever."""

    def __init__(self) -> None:
        self._condition = threading.Condition()
        self._readers = 0
        self._writing = False
        self._writers_waiting = 0

    @contextmanager
    def reading(self) -> Iterator[None]:
        with self._condition:
            self._condition.wait_for(lambda: not self._writing and not self._writers_waiting)
            self._readers += 1
        try:
            yield
        finally:
            with self._condition:
                self._readers -= 1
                if not self._readers:
                    self._condition.notify_all()

    @contextmanager
    def writing(self) -> Iterator[None]:
        with self._condition:
            self._writers_waiting += 1
            self._condition.wait_for(lambda: not self._writing and not self._readers)
            self._writers_waiting -= 1
            self._writing = True
        try:
            yield
        finally:
            with self._condition:
                self._writing = False
                self._condition.notify_all()


class SharedMatcher:
    """A Matcher behind a read-write lock and a pool of threads."""

    def __init__(self, threads: int = READER_THREADS) -> None:
        self._executor = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="matcher")
        self._lock = ReadWriteLock()
        self._matcher: Matcher | None = None

    async def start(self, open_matcher: Callable[[], Matcher]) -> None:
        """Open the Matcher and build its index, before the first request."""
        def open_and_index() -> Matcher:
            matcher = open_matcher()
            matcher.follows_database = False  # caught up here, under the write lock (see read)
            matcher.index  # noqa: B018 - built now, from SQLite and the embedding cache, not on the first request
            return matcher

        self._matcher = await asyncio.wrap_future(self._executor.submit(open_and_index))

    def _started(self) -> Matcher:
        if self._matcher is None:
            raise RuntimeError("the matcher is not started")
        return self._matcher

    async def call(self, function: Callable[..., T], *args, **kwargs) -> T:
        """`function(matcher, *args, **kwargs)` alone: for anything that writes."""
        matcher = self._started()

        def alone() -> T:
            with self._lock.writing():
                return function(matcher, *args, **kwargs)

        return await asyncio.wrap_future(self._executor.submit(alone))

    async def read(self, function: Callable[..., T], *args, **kwargs) -> T:
        """`function(matcher, *args, **kwargs)` beside other reads, once the index holds every
        write made to the database before it began (by this process or any other)."""
        matcher = self._started()

        def beside_others() -> T:
            if matcher.is_behind():
                with self._lock.writing():
                    matcher.catch_up()
            with self._lock.reading():
                return function(matcher, *args, **kwargs)

        return await asyncio.wrap_future(self._executor.submit(beside_others))

    async def stop(self) -> None:
        """Save the index if writes changed it (the next start loads it instead of reading every
        row), close the database; then end the threads."""
        matcher, self._matcher = self._matcher, None
        if matcher is not None:
            def save_and_close() -> None:
                with self._lock.writing():
                    try:
                        matcher.save_index()
                    finally:
                        matcher.close()

            await asyncio.wrap_future(self._executor.submit(save_and_close))
        self._executor.shutdown(wait=True)
