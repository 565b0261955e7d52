"""Sessions of people signed in on the web pages, kept in the matcher's database.

A session is opened when someone signs in with an owner key (or the admin
key). The browser keeps only the session's id, a random
`secrets.token_urlsafe(32)`; the database keeps its sha256, the profile it is
for (none for the admin), the sha256 of the key it was opened with, and when
it expires. So the key itself never travels again after signing in, a stolen
database does not give out usable session ids, and several processes serving
one database share the same sessions.

A session ends when it is ended (signing out), when it expires, when its
profile is deleted (the table is in the store's PROFILE_TABLES), and when the
profile's owner key changes: `find` answers a profile's session only while
the profile's stored key hash is still the one the session was opened with,
and rotating a key deletes the profile's sessions in the same transaction.
The table is made by the store's migration to schema version 6.
"""
from __future__ import annotations

import hashlib
import secrets
import time
from dataclasses import dataclass
from typing import Callable

import sqlite_utils

SESSION_ID_BYTES = 32
MAX_SESSION_ID_CHARS = 128  # a longer cookie is not one of ours: not even hashed


@dataclass(frozen=True)
class Session:
    """An open session: whose it is and until when (seconds since the epoch)."""

    profile_id: str | None  # None: opened with the admin key
    key_hash: str  # sha256 of the key it was opened with
    expires_at: int


def session_hash(session_id: str) -> str:
    return hashlib.sha256(session_id.encode("utf-8")).hexdigest()


class Sessions:
    """The `sessions` table of a matcher database."""

    def __init__(self, db: sqlite_utils.Database, clock: Callable[[], float] = time.time):
        self.db = db
        self._clock = clock

    def open(self, profile_id: str | None, key_hash: str, lifetime_seconds: int) -> str:
        """A new session for `profile_id` (None for the admin), opened with the key whose sha256
        is `key_hash`; returns its id, which is not kept. Expired sessions are cleared meanwhile."""
        if lifetime_seconds < 1:
            raise ValueError(f"The 'lifetime_seconds' parameter must be at least 1. Got {lifetime_seconds} instead.")
        session_id = secrets.token_urlsafe(SESSION_ID_BYTES)
        now = int(self._clock())
        with self.db.atomic():
            self.db.execute("delete from sessions where expires_at <= ?", [now])
            self.db.execute("insert into sessions (id_hash, profile_id, key_hash, created_at, expires_at) "
                            "values (?, ?, ?, ?, ?)",
                            [session_hash(session_id), profile_id, key_hash, now, now + lifetime_seconds])
        return session_id

    def find(self, session_id: str | None) -> Session | None:
        """The open session with this id; None when there is none, it expired, its profile is gone
        or the profile's owner key is no longer the one it was opened with."""
        if not session_id or len(session_id) > MAX_SESSION_ID_CHARS:
            return None
        row = self.db.execute(
            "select s.profile_id, s.key_hash, s.expires_at, p.owner_key_hash from sessions s "
            "left join profiles p on p.id = s.profile_id where s.id_hash = ?", [session_hash(session_id)]).fetchone()
        if row is None:
            return None
        profile_id, key_hash, expires_at, owner_key_hash = row
        if expires_at <= self._clock():
            return None
        if profile_id is not None and (owner_key_hash is None or
                                       not secrets.compare_digest(owner_key_hash, key_hash)):
            return None
        return Session(profile_id, key_hash, expires_at)

    def end(self, session_id: str | None) -> bool:
        """End one session (signing out); True when there was one to end."""
        if not session_id or len(session_id) > MAX_SESSION_ID_CHARS:
            return False
        with self.db.atomic():
            cursor = self.db.execute("delete from sessions where id_hash = ?", [session_hash(session_id)])
        return cursor.rowcount > 0

    def end_all(self, profile_id: str) -> int:
        """End every session of a profile; how many there were."""
        with self.db.atomic():
            cursor = self.db.execute("delete from sessions where profile_id = ?", [profile_id])
        return cursor.rowcount

    def count(self, profile_id: str | None = None) -> int:
        """Open and expired sessions not yet cleared, of one profile or of all."""
        if profile_id is None:
            return self.db.execute("select count(*) from sessions").fetchone()[0]
        return self.db.execute("select count(*) from sessions where profile_id = ?", [profile_id]).fetchone()[0]


def create_sessions_table(db: sqlite_utils.Database) -> None:
    """The table, for the store's migration."""
    db.execute("create table if not exists sessions (id_hash text primary key, profile_id text, "
               "key_hash text not null, created_at integer not null, expires_at integer not null)")
    db.execute("create index if not exists sessions_profile_id on sessions (profile_id)")
    db.execute("create index if not exists sessions_expires_at on sessions (expires_at)")
