"""A per-client limit on requests, in process: one token bucket per client.

`Rate.parse("60/minute")` allows a burst of 60 requests, then one more every
second. Buckets live in memory, so the limit is per process: enough for one
`matcher serve`, not for a fleet behind a load balancer.
"""
from __future__ import annotations

import math
import threading
import time
from typing import Callable

from matcher.settings import Rate  # parsed where the setting is checked

# Forget clients whose bucket is full again once this many are remembered.
MAX_REMEMBERED_CLIENTS = 10_000


class RateLimiter:
    """Token buckets by client key; thread-safe."""

    def __init__(self, rate: Rate, clock: Callable[[], float] = time.monotonic):
        self.rate = rate
        self._clock = clock
        self._refill_per_second = rate.count / rate.seconds
        self._buckets: dict[str, tuple[float, float]] = {}  # client -> (tokens, at)
        self._lock = threading.Lock()

    def acquire(self, client: str) -> float:
        """Take one token for `client`: 0.0 when allowed, else the seconds to wait."""
        with self._lock:
            now = self._clock()
            tokens, at = self._buckets.get(client, (float(self.rate.count), now))
            tokens = min(float(self.rate.count), tokens + (now - at) * self._refill_per_second)
            if tokens >= 1.0:
                self._buckets[client] = (tokens - 1.0, now)
                if len(self._buckets) > MAX_REMEMBERED_CLIENTS:
                    self._forget_full(now)
                return 0.0
            self._buckets[client] = (tokens, now)
            return (1.0 - tokens) / self._refill_per_second

    def _forget_full(self, now: float) -> None:
        full = [client for client, (tokens, at) in self._buckets.items()
                if tokens + (now - at) * self._refill_per_second >= self.rate.count]
        for client in full:
            del self._buckets[client]


def retry_after_header(wait_seconds: float) -> str:
    """Whole seconds, at least 1, as HTTP's Retry-After wants them."""
    return str(max(1, math.ceil(wait_seconds)))
