"""SQLite storage through sqlite-utils: profiles, their offers and needs, what
was understood from their text, and an embedding cache keyed by model and text.

Every write is one transaction: a failed import leaves the database as it was.
The schema version is recorded in `meta` so later releases can migrate.

Erasure. Every table that holds data about a profile is named once, in
`PROFILE_TABLES`, with the columns that hold the profile's id; a table added
later (introductions, sessions, notifications) is added there, by its
migration. Deleting a profile (`Store.delete`) removes its rows from each of
them, and the cached embeddings of its texts that no other profile uses;
giving a profile all that is held about it (`Store.profile_data`, the right of
access) reads the same list. The other tables hold nothing about any one
profile (`meta`; `embeddings`, keyed by a text's hash, handled with the
profile's texts). tests/test_erasure.py fails when a table of the database is
in neither list, and scans every table of the file for a deleted id.
SQLite's `secure_delete` is on, so deleted rows are overwritten in the file,
not only unlinked.

The change log. `profile_changes` holds, for each stored profile, the
generation at which it was last added or replaced, so that another process
(or a saved index) showing an older generation takes in only those profiles
(`changed_since`). A deleted profile leaves no id behind: the trigger drops its
row from the log and records only that a deletion happened, and at which
generation (`meta.last_deletion`). A process whose view is older than that
learns that some profiles are gone (`deleted_since`) and finds which by
comparing its ids with the stored ones (`missing`). Keeping a hash of the id
instead would not forget it: ids are short and guessable, and a key kept in
the same file does not stop anyone holding the file from testing guesses.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import logging
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

import numpy as np
import sqlite_utils

from matcher.errors import ProfileNotFound, StorageError
from matcher.profiles import Exchange, Profile
from matcher.introductions import PROFILE_COLUMNS as INTRODUCTION_COLUMNS
from matcher.introductions import create_introduction_tables
from matcher.storage.sessions import create_sessions_table

log = logging.getLogger(__name__)

DEFAULT_DB_PATH = "matcher.db"  # Settings.db_path (MATCHER_DB) names another
SCHEMA_VERSION = 7
# What the scoring index needs of a profile's derivation, stored apart so
# start-up parses a little JSON per profile instead of all of it.
SCORING_KEYS = ("version", "language", "place", "effective", "text_hashes", "vector_of")


@dataclass(frozen=True)
class ProfileTable:
    """A table that holds data about profiles: the columns holding a profile's id (a row is
    about every profile it names), and the columns never given out (secrets, such as a key's hash)."""

    name: str
    id_columns: tuple[str, ...]
    private: tuple[str, ...] = ()


# Every table holding data about a profile; deletion and the right of access read this list.
# `profiles` comes last: the others may refer to it.
PROFILE_TABLES = [
    ProfileTable("offers", ("profile_id",)),
    ProfileTable("needs", ("profile_id",)),
    ProfileTable("profile_texts", ("profile_id",)),
    ProfileTable("profile_changes", ("profile_id",)),
    ProfileTable("sessions", ("profile_id",), private=("id_hash", "key_hash")),
    ProfileTable("introductions", INTRODUCTION_COLUMNS["introductions"]),
    ProfileTable("notifications", INTRODUCTION_COLUMNS["notifications"]),
    ProfileTable("profiles", ("id",), private=("owner_key_hash",)),
]
# Tables that hold nothing about any one profile: settings and counters; vectors keyed by a text's
# hash (a profile's are found through profile_texts, and deleted with it when no one else uses them).
OTHER_TABLES = ("meta", "embeddings")


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class StoredProfile:
    """A profile row as the engine needs it: the profile and what was derived from it."""

    profile: Profile
    derived: dict  # place, language, understood fields, embedding text hashes
    updated_at: str


class Store:
    """The matcher's database."""

    def __init__(self, path: str | Path | None = None):
        path = str(path if path is not None else DEFAULT_DB_PATH)
        self.path = path
        if path != ":memory:":
            parent = Path(path).expanduser().resolve().parent
            if not parent.is_dir():
                raise StorageError(f"folder {parent} for the database does not exist")
        # One connection, used by the service's reader threads at once (they never overlap a
        # write: service/shared_matcher.py holds a read-write lock), so not tied to one thread.
        self.db = sqlite_utils.Database(sqlite3.connect(path, check_same_thread=False))
        if path != ":memory:":
            self.db.conn.execute("PRAGMA journal_mode=WAL")
        self.db.conn.execute("PRAGMA busy_timeout=10000")
        self.db.conn.execute("PRAGMA foreign_keys=ON")
        # deleted rows are overwritten with zeros in the file, not only unlinked (erasure)
        self.db.conn.execute("PRAGMA secure_delete=ON")
        self.last_write: tuple[int, int] | None = None  # generations before and after the last write
        self._ensure_schema()

    # -- schema ----------------------------------------------------------
    def _ensure_schema(self) -> None:
        db = self.db
        with db.atomic():
            if "meta" not in db.table_names():
                db["meta"].create({"key": str, "value": str}, pk="key")
            version = self.schema_version()
            if version is None:
                self._create_v1()
                for step in range(2, SCHEMA_VERSION + 1):
                    getattr(self, f"_migrate_to_v{step}")()
                db["meta"].upsert({"key": "schema_version", "value": str(SCHEMA_VERSION)}, pk="key")
            elif version < SCHEMA_VERSION:
                for step in range(version + 1, SCHEMA_VERSION + 1):
                    getattr(self, f"_migrate_to_v{step}")()
                db["meta"].upsert({"key": "schema_version", "value": str(SCHEMA_VERSION)}, pk="key")
            elif version > SCHEMA_VERSION:
                raise StorageError(
                    f"database {self.path} has schema version {version}; this matcher knows "
                    f"up to {SCHEMA_VERSION}: upgrade matcher")
        if version is not None and version < 5:
            self._rewrite_file()

    def _rewrite_file(self) -> None:
        """VACUUM once, after the migration to v5: rows deleted before `secure_delete` was on may
        still sit in free pages of the file. Skipped, with a warning, when another connection
        keeps the database busy."""
        try:
            self.db.execute("vacuum")
        except sqlite3.OperationalError as error:
            log.warning("could not rewrite %s to clear rows deleted before (%s); run VACUUM on it", self.path, error)

    def schema_version(self) -> int | None:
        rows = list(self.db["meta"].rows_where("key = ?", ["schema_version"]))
        return int(rows[0]["value"]) if rows else None

    def _migrate_to_v2(self) -> None:
        """v2: a compact `scoring` column beside `derived`, filled from it."""
        self.db["profiles"].add_column("scoring", str)
        for profile_id, derived in list(self.db.execute("select id, derived from profiles")):
            self.db.execute("update profiles set scoring = ? where id = ?",
                            [scoring_json(json.loads(derived)), profile_id])

    def _migrate_to_v3(self) -> None:
        """v3: a generation counter in `meta` that triggers raise on every change to a profile,
        so a saved index can tell whether it still shows the database (see snapshot.py)."""
        self.db["meta"].upsert({"key": "generation", "value": "0"}, pk="key")
        for event in ("insert", "update", "delete"):
            self.db.execute(
                f"create trigger if not exists profiles_{event}_generation after {event} on profiles "
                "begin update meta set value = cast(value as integer) + 1 where key = 'generation'; end")

    def _migrate_to_v4(self) -> None:
        """v4: the generation at which each profile last changed (added, replaced or deleted), so
        a saved index older than the database takes in only the profiles changed since; and
        embeddings found by their text hash alone."""
        self.db.execute("create table if not exists profile_changes "
                        "(profile_id text primary key, generation integer not null)")
        self.db.execute("create index if not exists profile_changes_generation on profile_changes (generation)")
        # deleting a profile drops the embeddings of its texts, of every model: by hash alone,
        # which the (model, text_hash) key does not serve (a scan: 41 ms per delete at 100k)
        self.db.execute("create index if not exists embeddings_text_hash on embeddings (text_hash)")
        for event, row in (("insert", "new"), ("update", "new"), ("delete", "old")):
            self.db.execute(f"drop trigger if exists profiles_{event}_generation")
            self.db.execute(
                f"create trigger profiles_{event}_generation after {event} on profiles begin "
                "update meta set value = cast(value as integer) + 1 where key = 'generation'; "
                f"insert or replace into profile_changes values ({row}.id, "
                "(select cast(value as integer) from meta where key = 'generation')); end")
        # changes made before this version were not recorded: an index saved before is built again
        self.db["meta"].upsert({"key": "changes_since", "value": str(self.generation())}, pk="key")

    def _migrate_to_v5(self) -> None:
        """v5: a deleted profile leaves no id in the change log. The delete trigger drops the
        profile's row from `profile_changes` and notes only the generation of the deletion in
        `meta.last_deletion`; the ids of profiles deleted before are dropped from the log."""
        self.db.execute("drop trigger if exists profiles_delete_generation")
        self.db.execute(
            "create trigger profiles_delete_generation after delete on profiles begin "
            "update meta set value = cast(value as integer) + 1 where key = 'generation'; "
            "update meta set value = (select value from meta where key = 'generation') "
            "where key = 'last_deletion'; "
            "delete from profile_changes where profile_id = old.id; end")
        self.db.execute("delete from profile_changes where profile_id not in (select id from profiles)")
        # whether profiles were deleted before, and when, is not known: a view older than now looks
        self.db["meta"].upsert({"key": "last_deletion", "value": str(self.generation())}, pk="key")

    def _migrate_to_v6(self) -> None:
        """v6: the sessions of people signed in on the web pages (see sessions.py)."""
        create_sessions_table(self.db)

    def _migrate_to_v7(self) -> None:
        """v7: introductions between profiles and the outbox of notifications about them (see
        matcher/introductions.py)."""
        create_introduction_tables(self.db)

    def changed_since(self, generation: int) -> list[str] | None:
        """Ids of the stored profiles added or replaced after `generation`, or None when that is
        not known (a generation from before changes were recorded). Deleted profiles are not
        named: see `deleted_since`."""
        row = self.db.execute("select value from meta where key = 'changes_since'").fetchone()
        if row is None or generation < int(row[0]):
            return None
        return [profile_id for (profile_id,) in self.db.execute(
            "select profile_id from profile_changes where generation > ? order by profile_id", [generation])]

    def deleted_since(self, generation: int) -> bool:
        """Whether a profile was deleted after `generation` (which ones is not kept: `missing`
        tells which of the ids a caller holds are no longer stored)."""
        row = self.db.execute("select value from meta where key = 'last_deletion'").fetchone()
        return row is not None and int(row[0]) > generation

    def missing(self, profile_ids: Iterable[str]) -> list[str]:
        """The ids, of those given, of profiles not stored (in the order given)."""
        wanted = list(dict.fromkeys(profile_ids))
        stored: set[str] = set()
        for start in range(0, len(wanted), 500):
            chunk = wanted[start:start + 500]
            stored.update(profile_id for (profile_id,) in self.db.execute(
                f"select id from profiles where id in ({','.join('?' * len(chunk))})", chunk))
        return [profile_id for profile_id in wanted if profile_id not in stored]

    def generation(self) -> int:
        """A number that changes whenever a profile is added, changed or deleted."""
        row = self.db.execute("select value from meta where key = 'generation'").fetchone()
        return int(row[0])

    @contextlib.contextmanager
    def _writing(self) -> Iterator[None]:
        """One transaction of profile writes. It takes the write lock at once (BEGIN IMMEDIATE),
        so no other process writes between its start and its commit, and notes in `last_write`
        the generation before and after it: a caller whose index showed the first now shows the
        second."""
        connection = self.db.conn
        if connection.in_transaction:  # inside a caller's transaction: a part of it
            with self.db.atomic():
                before = self.generation()
                yield
                after = self.generation()
            self.last_write = (before, after)
            return
        connection.execute("BEGIN IMMEDIATE")
        try:
            before = self.generation()
            yield
            after = self.generation()
            connection.execute("COMMIT")
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise
        self.last_write = (before, after)

    def _create_v1(self) -> None:
        db = self.db
        db["profiles"].create({
            "id": str, "kind": str, "type": str, "name": str, "language": str,
            "municipality": str, "lat": float, "lon": float, "max_distance_km": float,
            "free_text_only": int, "data": str, "contact": str, "derived": str,
            "owner_key_hash": str, "created_at": str, "updated_at": str,
        }, pk="id", not_null={"kind", "name", "data", "derived"})
        db["profiles"].create_index(["kind"])
        for table in ("offers", "needs"):
            db[table].create({
                "profile_id": str, "position": int, "type": str, "start": str, "end": str,
                "amount_eur": float, "audiences": str, "note": str, "source": str,
            }, pk=("profile_id", "position"), foreign_keys=[("profile_id", "profiles", "id")])
            db[table].create_index(["type"])
        db["embeddings"].create({"model": str, "text_hash": str, "dim": int, "vector": bytes},
                                pk=("model", "text_hash"))
        # Which cached texts each profile uses, so deleting a profile can forget them.
        db["profile_texts"].create({"profile_id": str, "text_hash": str},
                                   pk=("profile_id", "text_hash"))
        db["profile_texts"].create_index(["text_hash"])

    # -- profiles ------------------------------------------------------------
    def count(self, kind: str | None = None) -> int:
        if kind:
            return self.db["profiles"].count_where("kind = ?", [kind])
        return self.db["profiles"].count

    def ids(self) -> set[str]:
        return {row[0] for row in self.db.conn.execute("select id from profiles")}

    def profile_types(self) -> dict[str, str | None]:
        """Each profile's finer kind (community_centre, company, ...), None where not given."""
        return {profile_id: kind for profile_id, kind in self.db.execute("select id, type from profiles")}

    def exists(self, profile_id: str) -> bool:
        return self.db.execute("select 1 from profiles where id = ?", [profile_id]).fetchone() is not None

    def get(self, profile_id: str) -> StoredProfile:
        rows = list(self.db.query("select * from profiles where id = ?", [profile_id]))
        if not rows:
            raise ProfileNotFound(profile_id)
        return _stored(rows[0])

    def iter_profiles(self, kind: str | None = None, query: str | None = None,
                      limit: int | None = None, offset: int = 0) -> Iterator[StoredProfile]:
        where, params = _filters(kind, query)
        sql = f"select * from profiles {where} order by id"
        if limit is not None:
            sql += " limit ? offset ?"
            params += [limit, offset]
        for row in self.db.query(sql, params):
            yield _stored(row)

    def index_rows(self, profile_ids: Iterable[str]) -> Iterator[tuple]:
        """(id, kind, type, name, max_distance_km, partners, free_text_only, derived) of the profiles
        asked (in no set order), straight from the columns: the index trusts what was validated
        when it was stored."""
        wanted = list(dict.fromkeys(profile_ids))
        for start in range(0, len(wanted), 500):
            chunk = wanted[start:start + 500]
            yield from self._index_rows_where(f"where id in ({','.join('?' * len(chunk))})", chunk)

    def index_row_pages(self, page_size: int = 5_000) -> Iterator[list[tuple]]:
        """`index_rows` of every profile, in pages of `page_size` in id order. Each page is read
        whole before it is given out, so the caller may write to the database between pages, and
        a million profiles never sit in memory at once."""
        last = ""
        while True:
            page = list(self._index_rows_where("where id > ? order by id limit ?", [last, page_size]))
            if not page:
                return
            yield page
            last = page[-1][0]

    def _index_rows_where(self, where: str, params: list) -> Iterator[tuple]:
        sql = f"select id, kind, type, name, max_distance_km, free_text_only, data, scoring from profiles {where}"
        for profile_id, kind, profile_type, name, max_km, free_text_only, data, scoring in self.db.execute(sql, params):
            partners = json.loads(data).get("partners", []) if '"partners"' in data else []
            yield profile_id, kind, profile_type, name, max_km, partners, bool(free_text_only), json.loads(scoring)

    def vectors_matrix(self, model: str, dim: int) -> tuple[dict[str, int], np.ndarray]:
        """Every cached vector of a model in one matrix, and the row of each text hash."""
        count = self.embedding_count(model)
        matrix = np.empty((count, dim), dtype=np.float32)
        rows: dict[str, int] = {}
        for position, (text_hashed, blob) in enumerate(self.db.execute(
                "select text_hash, vector from embeddings where model = ? and dim = ?", [model, dim])):
            if position >= count:
                break
            matrix[position] = np.frombuffer(blob, dtype=np.float32, count=dim)
            rows[text_hashed] = position
        return rows, matrix[:len(rows)]

    def count_where(self, kind: str | None = None, query: str | None = None) -> int:
        where, params = _filters(kind, query)
        return self.db.execute(f"select count(*) from profiles {where}", params).fetchone()[0]

    def owner_key_hash(self, profile_id: str) -> str | None:
        row = self.db.execute("select owner_key_hash from profiles where id = ?", [profile_id]).fetchone()
        if row is None:
            raise ProfileNotFound(profile_id)
        return row[0]

    def set_owner_key_hash(self, profile_id: str, key_hash: str) -> None:
        """Give a profile a new owner key (its sha256): the old key stops fitting at once, and
        every session opened with it ends, in the same transaction (raises ProfileNotFound)."""
        with self._writing():
            updated = self.db.execute("update profiles set owner_key_hash = ? where id = ?", [key_hash, profile_id])
            if updated.rowcount == 0:
                raise ProfileNotFound(profile_id)
            self.db.execute("delete from sessions where profile_id = ?", [profile_id])

    def save_profiles(self, items: Iterable[tuple[Profile, dict]],
                      owner_key_hash: str | None = None, keep_timestamps: bool = False) -> tuple[int, int]:
        """Store (profile, derived) pairs in one transaction; returns (added, replaced).

        `keep_timestamps` is for saving what was derived again from an unchanged profile."""
        added = replaced = 0
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        with self._writing():
            for profile, derived in items:
                existing = self.db.execute(
                    "select created_at, owner_key_hash, updated_at from profiles where id = ?",
                    [profile.id]).fetchone()
                if existing:
                    replaced += 1
                    self._delete_rows(profile.id)
                else:
                    added += 1
                place = derived.get("place") or {}
                row = {
                    "id": profile.id, "kind": profile.kind, "type": profile.type,
                    "name": profile.name, "language": derived.get("language"),
                    "municipality": place.get("municipality"),
                    "lat": place.get("lat"), "lon": place.get("lon"),
                    "max_distance_km": profile.max_distance_km,
                    "free_text_only": int(profile.is_free_text_only),
                    "data": json.dumps(profile.public(), ensure_ascii=False),
                    "contact": json.dumps(profile.contact.model_dump(mode="json", exclude_none=True),
                                          ensure_ascii=False) if profile.contact else None,
                    "derived": json.dumps(derived, ensure_ascii=False),
                    "scoring": scoring_json(derived),
                    "owner_key_hash": owner_key_hash or (existing[1] if existing else None),
                    "created_at": existing[0] if existing else now,
                    "updated_at": existing[2] if existing and keep_timestamps else now,
                }
                if existing:  # an UPDATE: a REPLACE would fire the delete trigger, logging a deletion
                    self.db["profiles"].update(profile.id, row)
                else:
                    self.db["profiles"].insert(row)
                self.db["profile_texts"].insert_all(
                    [{"profile_id": profile.id, "text_hash": h} for h in set(derived.get("text_hashes", []))],
                    ignore=True)
                understood = derived.get("understood") or {}
                self._insert_exchanges("offers", profile.id, profile.offers,
                                       understood.get("offers", []) if not profile.offers else [])
                self._insert_exchanges("needs", profile.id, profile.needs,
                                       understood.get("needs", []) if not profile.needs else [])
        return added, replaced

    def _insert_exchanges(self, table: str, profile_id: str, stated: list[Exchange],
                          understood: list[dict]) -> None:
        rows = []
        for source, items in (("stated", [e.model_dump(mode="json") for e in stated]),
                              ("understood", understood)):
            for item in items:
                period = item.get("period") or {}
                rows.append({
                    "profile_id": profile_id, "position": len(rows), "type": item["type"],
                    "start": period.get("start"), "end": period.get("end"),
                    "amount_eur": item.get("amount_eur"),
                    "audiences": json.dumps(item.get("audiences") or []),
                    "note": item.get("note"), "source": source,
                })
        if rows:
            self.db[table].insert_all(rows)

    def delete(self, profile_id: str) -> None:
        """Delete for good: the profile's rows in every table of PROFILE_TABLES, the embeddings
        of its texts that no other profile uses, and its id from the change log."""
        with self._writing():
            if self.db.execute("select 1 from profiles where id = ?", [profile_id]).fetchone() is None:
                raise ProfileNotFound(profile_id)
            hashes = [r[0] for r in self.db.execute(
                "select text_hash from profile_texts where profile_id = ?", [profile_id])]
            for table in PROFILE_TABLES:
                where = " or ".join(f"[{column}] = ?" for column in table.id_columns)
                self.db.execute(f"delete from [{table.name}] where {where}", [profile_id] * len(table.id_columns))
            for hashed in hashes:
                if not self.db.execute("select 1 from profile_texts where text_hash = ? limit 1",
                                       [hashed]).fetchone():
                    self.db.execute("delete from embeddings where text_hash = ?", [hashed])

    def profile_data(self, profile_id: str) -> dict[str, list[dict]]:
        """All that is held about a profile, table by table (PROFILE_TABLES, then the embeddings
        of its texts), as stored: JSON columns decoded, secrets (`private` columns) left out,
        vectors as lists of numbers. Raises ProfileNotFound."""
        if not self.exists(profile_id):
            raise ProfileNotFound(profile_id)
        held: dict[str, list[dict]] = {}
        for table in PROFILE_TABLES:
            where = " or ".join(f"[{column}] = ?" for column in table.id_columns)
            rows = self.db.query(f"select * from [{table.name}] where {where}", [profile_id] * len(table.id_columns))
            held[table.name] = [{column: _decoded(value) for column, value in row.items()
                                 if column not in table.private} for row in rows]
        held["embeddings"] = [
            {"model": model, "text_hash": hashed, "dim": dim,
             "vector": np.frombuffer(blob, dtype=np.float32, count=dim).tolist()}
            for model, hashed, dim, blob in self.db.execute(
                "select model, text_hash, dim, vector from embeddings where text_hash in "
                "(select text_hash from profile_texts where profile_id = ?) order by model, text_hash",
                [profile_id])]
        return held

    def _delete_rows(self, profile_id: str) -> None:
        self.db.execute("delete from offers where profile_id = ?", [profile_id])
        self.db.execute("delete from needs where profile_id = ?", [profile_id])
        self.db.execute("delete from profile_texts where profile_id = ?", [profile_id])

    def contact(self, profile_id: str) -> dict | None:
        row = self.db.execute("select contact from profiles where id = ?", [profile_id]).fetchone()
        if row is None:
            raise ProfileNotFound(profile_id)
        return json.loads(row[0]) if row[0] else None

    # -- embedding cache ---------------------------------------------------
    def cached_vectors(self, model: str, hashes: Iterable[str]) -> dict[str, np.ndarray]:
        wanted = list(dict.fromkeys(hashes))
        found: dict[str, np.ndarray] = {}
        for start in range(0, len(wanted), 500):
            chunk = wanted[start:start + 500]
            marks = ",".join("?" * len(chunk))
            for text_hashed, dim, blob in self.db.execute(
                    f"select text_hash, dim, vector from embeddings where model = ? and text_hash in ({marks})",
                    [model, *chunk]):
                found[text_hashed] = np.frombuffer(blob, dtype=np.float32, count=dim)
        return found

    def store_vectors(self, model: str, vectors: dict[str, np.ndarray]) -> None:
        with self.db.atomic():
            self.db["embeddings"].upsert_all(
                ({"model": model, "text_hash": h, "dim": int(v.shape[0]),
                  "vector": np.asarray(v, dtype=np.float32).tobytes()} for h, v in vectors.items()),
                pk=("model", "text_hash"))

    def embedding_count(self, model: str | None = None) -> int:
        if model:
            return self.db["embeddings"].count_where("model = ?", [model])
        return self.db["embeddings"].count

    def close(self) -> None:
        self.db.conn.close()


def scoring_json(derived: dict) -> str:
    """The part of a derivation the index uses (see SCORING_KEYS), as JSON."""
    return json.dumps({key: derived[key] for key in SCORING_KEYS if key in derived}, ensure_ascii=False)


def _filters(kind: str | None, query: str | None) -> tuple[str, list]:
    clauses, params = [], []
    if kind:
        clauses.append("kind = ?")
        params.append(kind)
    if query:
        clauses.append("(name like ? or data like ?)")
        params += [f"%{query}%", f"%{query}%"]
    return ("where " + " and ".join(clauses)) if clauses else "", params


def _decoded(value):
    """A stored value as given out: JSON text (an object or a list) decoded, other values as they are."""
    if isinstance(value, str) and value[:1] in ("{", "["):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def _stored(row: dict) -> StoredProfile:
    data = json.loads(row["data"])
    if row.get("contact"):
        data["contact"] = json.loads(row["contact"])
    return StoredProfile(profile=Profile.model_validate(data), derived=json.loads(row["derived"]),
                         updated_at=row["updated_at"])
