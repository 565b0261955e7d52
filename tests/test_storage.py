"""SQLite storage: schema version, one transaction per write, embedding cache, deletion for good."""
import numpy as np
import pytest

from matcher.profiles import Profile
from matcher.storage.store import SCHEMA_VERSION, ProfileNotFound, StorageError, Store, text_hash

from conftest import profile


def derived(*texts):
    return {"language": "en", "place": None, "understood": {}, "effective": {},
            "texts": {}, "text_hashes": [text_hash(t) for t in texts]}


def test_schema_version_recorded(tmp_path):
    """A new database records its schema version."""
    assert Store(tmp_path / "m.db").schema_version() == SCHEMA_VERSION


def test_newer_schema_is_refused(tmp_path):
    """A database from a newer matcher is refused, not damaged."""
    store = Store(tmp_path / "m.db")
    store.db["meta"].upsert({"key": "schema_version", "value": str(SCHEMA_VERSION + 1)}, pk="key")
    with pytest.raises(StorageError, match="upgrade matcher"):
        Store(tmp_path / "m.db")


def test_wal_mode(tmp_path):
    """The database runs in WAL mode so readers and a writer can work at once."""
    store = Store(tmp_path / "m.db")
    assert store.db.execute("pragma journal_mode").fetchone()[0] == "wal"


def test_save_replace_and_contact_kept_apart(tmp_path):
    """Saving twice replaces; contact is stored apart from the public data."""
    store = Store(tmp_path / "m.db")
    item = Profile.model_validate(profile("a", contact={"email": "a@example.org"},
                                          offers=[{"type": "residency"}]))
    assert store.save_profiles([(item, derived("x"))]) == (1, 0)
    assert store.save_profiles([(item, derived("x"))]) == (0, 1)
    row = store.db["profiles"].get("a")
    assert "example.org" not in row["data"] and "example.org" in row["contact"]
    assert store.get("a").profile == item
    assert store.db["offers"].count == 1


def test_failed_write_leaves_database_as_it_was(tmp_path):
    """If one profile of a batch cannot be written, none is."""
    store = Store(tmp_path / "m.db")
    good = Profile.model_validate(profile("good"))

    class Broken:
        id = "broken"

    with pytest.raises(Exception):
        store.save_profiles([(good, derived()), (Broken(), derived())])
    assert store.count() == 0


def test_embedding_cache_round_trip(tmp_path):
    """Vectors come back bit for bit, keyed by model and text."""
    store = Store(tmp_path / "m.db")
    vector = np.arange(4, dtype=np.float32)
    store.store_vectors("model-a", {"h1": vector})
    assert np.array_equal(store.cached_vectors("model-a", ["h1", "h2"])["h1"], vector)
    assert store.cached_vectors("model-b", ["h1"]) == {}


def test_delete_forgets_profile_rows_and_embeddings(tmp_path):
    """Deleting removes the row, its offers and needs, and embeddings no one else uses."""
    store = Store(tmp_path / "m.db")
    mine, shared = text_hash("mine"), text_hash("shared")
    store.store_vectors("m", {mine: np.ones(2, np.float32), shared: np.ones(2, np.float32)})
    store.save_profiles([(Profile.model_validate(profile("a", needs=[{"type": "residency"}])),
                          derived("mine", "shared")),
                         (Profile.model_validate(profile("b")), derived("shared"))])
    store.delete("a")
    assert store.ids() == {"b"}
    assert store.db["needs"].count == 0
    assert set(store.cached_vectors("m", [mine, shared])) == {shared}
    with pytest.raises(ProfileNotFound):
        store.delete("a")


def test_missing_folder_is_a_clear_error(tmp_path):
    """A database path in a folder that does not exist says so."""
    with pytest.raises(StorageError, match="does not exist"):
        Store(tmp_path / "nope" / "m.db")


def test_version_1_database_is_migrated(tmp_path):
    """A schema-1 database (no scoring column) is migrated on open, keeping every profile."""
    import json

    store = Store(tmp_path / "m.db")
    store.save_profiles([(Profile.model_validate(profile("a")), dict(derived("x"), effective={"disciplines": []}))])
    store.db["profiles"].transform(drop={"scoring"})
    store.db["meta"].upsert({"key": "schema_version", "value": "1"}, pk="key")
    store.close()
    again = Store(tmp_path / "m.db")
    assert again.schema_version() == SCHEMA_VERSION
    assert json.loads(again.db["profiles"].get("a")["scoring"])["effective"] == {"disciplines": []}
    before = again.generation()
    again.delete("a")
    assert again.generation() > before, "v3 counts changes to profiles"


def test_generation_changes_with_every_write_to_a_profile(tmp_path):
    """Adding, replacing and deleting a profile each change the generation a saved index is tagged with."""
    store = Store(tmp_path / "m.db")
    seen = [store.generation()]
    record = (Profile.model_validate(profile("a")), derived("x"))
    store.save_profiles([record])
    seen.append(store.generation())
    store.save_profiles([record])
    seen.append(store.generation())
    store.delete("a")
    seen.append(store.generation())
    assert len(set(seen)) == 4, seen
    assert Store(tmp_path / "m.db").generation() == seen[-1]


def test_changed_since_names_the_profiles_written_after_a_generation(tmp_path):
    """Added and replaced profiles are each named once, after the generation asked; a deletion is
    known to have happened after it, but the deleted id is not kept."""
    store = Store(tmp_path / "m.db")
    start = store.generation()
    store.save_profiles([(Profile.model_validate(profile(i)), derived("x")) for i in ("a", "b", "c")])
    middle = store.generation()
    assert not store.deleted_since(start)
    store.save_profiles([(Profile.model_validate(profile("b")), derived("y"))])
    store.delete("c")
    assert store.changed_since(start) == ["a", "b"]
    assert store.changed_since(middle) == ["b"]
    assert store.deleted_since(start) and store.deleted_since(middle)
    assert not store.deleted_since(store.generation())
    assert store.changed_since(store.generation()) == []
    assert store.missing(["a", "c", "b", "zz"]) == ["c", "zz"]
    assert store.db.execute("select count(*) from profile_changes where profile_id = 'c'").fetchone()[0] == 0


def test_a_replace_is_not_a_deletion(tmp_path):
    """Replacing a profile (INSERT OR REPLACE underneath) does not count as a deletion."""
    store = Store(tmp_path / "m.db")
    record = (Profile.model_validate(profile("a")), derived("x"))
    store.save_profiles([record])
    before = store.generation()
    store.save_profiles([record])
    assert store.changed_since(before) == ["a"] and not store.deleted_since(before)


def test_a_version_4_change_log_forgets_the_ids_it_kept_of_deleted_profiles(tmp_path):
    """Opening a v4 database drops the deleted ids its change log still held, and a view older
    than the migration is told that profiles may have been deleted."""
    store = Store(tmp_path / "m.db")
    store.save_profiles([(Profile.model_validate(profile(i)), derived("x")) for i in ("kept", "gone")])
    store._migrate_to_v4()  # the v4 trigger, which logs deleted ids
    store.db["meta"].upsert({"key": "schema_version", "value": "4"}, pk="key")
    store.db.execute("PRAGMA secure_delete=OFF")  # as before v5: a deleted row stays in a free page
    before = store.generation()
    store.delete("gone")
    assert store.db.execute("select profile_id from profile_changes where profile_id = 'gone'").fetchone()
    store.close()
    again = Store(tmp_path / "m.db")
    assert again.schema_version() == SCHEMA_VERSION
    logged = {row[0] for row in again.db.execute("select profile_id from profile_changes")}
    assert "gone" not in logged and "kept" in logged
    assert again.deleted_since(before)
    again.close()  # the last connection folds the write-ahead log into the file
    assert b"gone" not in (tmp_path / "m.db").read_bytes(), "the file was rewritten without the old rows"


def test_changes_from_before_version_4_are_unknown(tmp_path):
    """A version-3 database did not record which profiles changed: a generation from then gives
    None (the index is built from all rows), one from after the migration gives the changes."""
    store = Store(tmp_path / "m.db")
    for event in ("insert", "update", "delete"):
        store.db.execute(f"drop trigger profiles_{event}_generation")
    store.db.execute("drop table profile_changes")
    store.db.execute("delete from meta where key = 'changes_since'")
    store._migrate_to_v3()
    store.save_profiles([(Profile.model_validate(profile("a")), derived("x"))])
    store.db["meta"].upsert({"key": "schema_version", "value": "3"}, pk="key")
    old = store.generation()
    store.close()
    again = Store(tmp_path / "m.db")
    assert again.schema_version() == SCHEMA_VERSION
    assert again.changed_since(old - 1) is None
    assert again.changed_since(old) == []
    again.save_profiles([(Profile.model_validate(profile("b")), derived("x"))])
    assert again.changed_since(old) == ["b"]


def test_writes_inside_a_callers_transaction_are_part_of_it(tmp_path):
    """save_profiles and delete inside a transaction already open are rolled back with it."""
    store = Store(tmp_path / "m.db")
    store.save_profiles([(Profile.model_validate(profile("a")), derived("x"))])
    with pytest.raises(RuntimeError):
        with store.db.atomic():
            store.save_profiles([(Profile.model_validate(profile("b")), derived("x"))])
            store.delete("a")
            raise RuntimeError("the caller gives up")
    assert store.ids() == {"a"}
    store.save_profiles([(Profile.model_validate(profile("c")), derived("x"))])
    assert store.ids() == {"a", "c"}
