"""A per-client limit on requests, shared by every process serving one database.

`Rate.parse("60/minute")` allows a burst of 60 requests, then one more every second: one token
bucket per client. The buckets live in a small SQLite file beside the database
(`<database>.limits`), so that `matcher serve --workers 4` holds the same limit as one process:
a client cannot get four times the allowance by landing on four workers. The file is not the
database: a bucket changes on every limited request, and it is written without waiting for the
disk (`synchronous=OFF`; after a crash a bucket is at worst full again). Clients are stored as a
hash of what identifies them (an address, a profile id tried at sign-in), and a bucket is dropped
once it is full again, so the file forgets a client within one window. Without a database file
(`:memory:`) the buckets are in memory, for this process.
"""
from __future__ import annotations

import hashlib
import math
import sqlite3
import threading
import time
from typing import Callable

from matcher.settings import Rate  # parsed where the setting is checked

# Drop the buckets that are full again after this many acquisitions (a full bucket says nothing).
FORGET_EVERY = 500


def limits_path(database_path: str) -> str:
    """Where the buckets of a database's limits live: beside it, or in memory for `:memory:`."""
    return ":memory:" if database_path == ":memory:" else f"{database_path}.limits"


class RateLimiter:
    """Token buckets by client, in SQLite; thread-safe, and process-safe on a file."""

    def __init__(self, rate: Rate, path: str = ":memory:", name: str = "requests",
                 clock: Callable[[], float] = time.time):
        self.rate = rate
        self.name = name  # several limits share a file, each with its own buckets
        self._clock = clock  # wall-clock time: processes compare their times through the file
        self._refill_per_second = rate.count / rate.seconds
        self._lock = threading.Lock()
        self._acquired = 0
        self._path = path
        self._connection: sqlite3.Connection | None = None  # opened at the first request it limits

    @property
    def _db(self) -> sqlite3.Connection:
        if self._connection is None:
            self._connection = sqlite3.connect(self._path, check_same_thread=False, isolation_level=None,
                                               timeout=10)
            if self._path != ":memory:":
                self._connection.execute("PRAGMA journal_mode=WAL")
            self._connection.execute("PRAGMA synchronous=OFF")
            self._connection.execute("create table if not exists buckets (name text, client text, tokens real, "
                                     "at real, primary key (name, client))")
        return self._connection

    def acquire(self, client: str) -> float:
        """Take one token for `client`: 0.0 when allowed, else the seconds to wait."""
        hashed = hashlib.sha256(client.encode("utf-8")).hexdigest()
        with self._lock:
            now = self._clock()
            self._db.execute("BEGIN IMMEDIATE")  # read and write the bucket with no other process between
            try:
                row = self._db.execute("select tokens, at from buckets where name = ? and client = ?",
                                       [self.name, hashed]).fetchone()
                tokens, at = row if row is not None else (float(self.rate.count), now)
                tokens = min(float(self.rate.count), tokens + max(0.0, now - at) * self._refill_per_second)
                allowed = tokens >= 1.0
                self._db.execute("insert or replace into buckets values (?, ?, ?, ?)",
                                 [self.name, hashed, tokens - 1.0 if allowed else tokens, now])
                self._acquired += 1
                if self._acquired % FORGET_EVERY == 0:
                    self._forget_full(now)
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
        return 0.0 if allowed else (1.0 - tokens) / self._refill_per_second

    def _forget_full(self, now: float) -> None:
        """Drop the buckets that have filled up again: they would allow the full burst anyway."""
        self._db.execute("delete from buckets where name = ? and tokens + (? - at) * ? >= ?",
                         [self.name, now, self._refill_per_second, float(self.rate.count)])

    def remembered(self) -> int:
        """How many clients have a bucket that is not full (for tests and the curious)."""
        with self._lock:
            return self._db.execute("select count(*) from buckets where name = ?", [self.name]).fetchone()[0]


def retry_after_header(wait_seconds: float) -> str:
    """Whole seconds, at least 1, as HTTP's Retry-After wants them."""
    return str(max(1, math.ceil(wait_seconds)))
