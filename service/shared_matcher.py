"""The process's one Matcher, used by every request, one call at a time.

The Matcher holds a SQLite connection, which Python lets only the thread that
opened it use, and an in-memory index that a write changes in several steps.
So the Matcher is opened on one worker thread and every call runs on that
same thread, in turn: writes are never interleaved (nothing is lost), a read
never sees a half-updated index, and the event loop stays free while a call
runs. A call that is already running finishes even if its client goes away,
so a write is never left half done.
"""
from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from typing import Callable, TypeVar

from matcher.engine import Matcher

T = TypeVar("T")


class SharedMatcher:
    """A Matcher behind a single worker thread."""

    def __init__(self) -> None:
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="matcher")
        self._matcher: Matcher | None = None

    async def start(self, open_matcher: Callable[[], Matcher]) -> None:
        """Open the Matcher on the worker thread and build its index there."""
        def open_and_index() -> Matcher:
            matcher = open_matcher()
            matcher.index  # noqa: B018 - built now, from SQLite and the embedding cache, not on the first request
            return matcher

        self._matcher = await asyncio.wrap_future(self._executor.submit(open_and_index))

    async def call(self, function: Callable[..., T], *args, **kwargs) -> T:
        """`function(matcher, *args, **kwargs)` on the worker thread."""
        if self._matcher is None:
            raise RuntimeError("the matcher is not started")
        return await asyncio.wrap_future(self._executor.submit(function, self._matcher, *args, **kwargs))

    async def stop(self) -> None:
        """Save the index if writes changed it (the next start loads it instead of reading every
        row), close the database, on the matcher's thread; then end the thread."""
        matcher, self._matcher = self._matcher, None
        if matcher is not None:
            def save_and_close() -> None:
                try:
                    matcher.save_index()
                finally:
                    matcher.close()

            await asyncio.wrap_future(self._executor.submit(save_and_close))
        self._executor.shutdown(wait=True)
