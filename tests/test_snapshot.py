"""The index saved beside the database: a restart loads it instead of reading every
row, and never shows a database other than the one on disk."""
from __future__ import annotations

import datetime as dt
import logging

import pytest

from matcher.embedding import HashingEmbedder
from matcher.engine import Matcher
from matcher.profile_files import read_profiles
from matcher.storage.snapshot import snapshot_path
from matcher.storage.store import Store

from conftest import DEMO_PROFILES, REFERENCE_DATE, profile, write_jsonl


class CountingStore(Store):
    """A real Store that counts how often the index was built from its rows."""

    rows_read = 0

    def index_row_pages(self, page_size=5_000):
        CountingStore.rows_read += 1
        return super().index_row_pages(page_size)


def open_matcher(path, text_precision: str = "auto") -> Matcher:
    return Matcher(CountingStore(path), embedder=HashingEmbedder(), reference_date=REFERENCE_DATE,
                   text_precision=text_precision)


def ranked(matcher: Matcher, ids) -> dict:
    return {i: [(m.id, round(m.score, 6)) for m in matcher.match(i, limit=10).matches] for i in ids}


def test_restart_loads_the_saved_index_and_ranks_the_same(tmp_path):
    """The first start builds from the rows and saves; the next one loads the file, with the same results."""
    path = tmp_path / "m.db"
    first = open_matcher(path)
    assert first.import_files([DEMO_PROFILES]).added == 225
    CountingStore.rows_read = 0
    ids = sorted(first.store.ids())[:40]
    built = ranked(first, ids)
    assert CountingStore.rows_read == 1 and snapshot_path(str(path)).is_file()
    restarted = open_matcher(path)
    assert ranked(restarted, ids) == built
    assert CountingStore.rows_read == 1, "the restart read the snapshot, not the rows"
    assert restarted.search("dans residentie in de zomer", near="Brussel").matches


def test_changes_made_elsewhere_are_taken_into_the_saved_index(tmp_path):
    """A profile added, replaced or deleted by another process after the save is seen at the
    next start, which reads only those profiles' rows and ranks as a build from all rows."""
    path = tmp_path / "m.db"
    first = open_matcher(path)
    first.import_files([DEMO_PROFILES])
    first.index  # built and saved
    other = open_matcher(path)
    newcomer = write_jsonl(tmp_path / "new.jsonl", [profile("new-dance-studio", name="New dance studio",
                                                            disciplines=["dance"])])
    other.import_files([newcomer])
    ids = sorted(first.store.ids())
    gone, replaced = ids[0], ids[1]
    other.delete_profile(gone)
    changed = profile(replaced, name="Replaced", disciplines=["dance"], description="Dansstudio voor jongeren in de zomer")
    other.import_files([write_jsonl(tmp_path / "changed.jsonl", [changed])])
    CountingStore.rows_read = 0
    restarted = open_matcher(path)
    assert "new-dance-studio" in restarted.index and gone not in restarted.index
    assert len(restarted.index) == 225 and CountingStore.rows_read == 0
    asked = ["new-dance-studio", replaced, *ids[2:30]]
    taken_in = ranked(restarted, asked)
    snapshot_path(str(path)).unlink()
    assert ranked(open_matcher(path), asked) == taken_in
    assert CountingStore.rows_read == 1


def test_a_saved_index_holds_no_trace_of_deleted_or_replaced_profiles(tmp_path):
    """The file saved after a delete and replaces holds one live row per stored profile: the
    deleted id is nowhere in it, and replaces add no rows."""
    import json

    import numpy as np

    path = tmp_path / "m.db"
    first = open_matcher(path)
    first.import_files([DEMO_PROFILES])
    first.index  # built and saved
    ids = sorted(first.store.ids())
    demo_text = DEMO_PROFILES.read_text(encoding="utf-8")
    gone = next(i for i in ids if demo_text.count(f'"{i}"') == 1)  # no other profile names it as a partner
    first.delete_profile(gone)
    replaced = next(i for i in ids if i != gone)
    for number in range(3):
        first.import_files([write_jsonl(tmp_path / "changed.jsonl", [profile(replaced, name=f"Replaced {number}")])])
    assert first.save_index() is True
    saved_file = snapshot_path(str(path))
    with np.load(saved_file, allow_pickle=False) as saved:
        details = json.loads(saved["details"].tobytes().decode("utf-8"))
        alive = saved["profiles.alive"]
    assert len(alive) == 224 and alive.all()
    assert sorted(details["ids"]) == sorted(first.store.ids())
    assert gone.encode("utf-8") not in saved_file.read_bytes()
    restarted = open_matcher(path)
    assert gone not in restarted.index and len(restarted.index) == 224


def test_a_damaged_snapshot_is_rebuilt_from_the_database(tmp_path):
    """A truncated or foreign file where the snapshot should be is ignored and replaced."""
    path = tmp_path / "m.db"
    first = open_matcher(path)
    first.import_files([DEMO_PROFILES])
    ids = sorted(first.store.ids())[:10]
    built = ranked(first, ids)
    saved = snapshot_path(str(path))
    saved.write_bytes(saved.read_bytes()[:1000])
    assert ranked(open_matcher(path), ids) == built
    assert ranked(open_matcher(path), ids) == built  # and the rebuilt one was saved whole


def test_writes_after_loading_keep_the_loaded_index_current(tmp_path):
    """A profile saved into a matcher that loaded its index from the file is matched at once."""
    path = tmp_path / "m.db"
    open_matcher(path).import_files([DEMO_PROFILES])
    open_matcher(path).index  # save
    loaded = open_matcher(path)
    loaded.index
    records, problems = read_profiles(write_jsonl(tmp_path / "new.jsonl", [profile(
        "zomer-dans", name="Zomer dans", disciplines=["dance"], description="Dansgezelschap zoekt repetitieruimte")]))
    loaded.import_records(records, problems)
    assert "zomer-dans" in loaded.index
    assert loaded.match("zomer-dans").matches


def test_int8_index_scores_the_shortlist_with_the_stored_vectors(tmp_path):
    """MATCHER_TEXT_PRECISION=int8: the suggestions' scores are the exact pair scores, and a
    snapshot saved with one precision is not loaded with the other."""
    from matcher.ranking.scoring import score_pair

    path = tmp_path / "m.db"
    open_matcher(path).import_files([DEMO_PROFILES])
    exact = open_matcher(path)
    ids = sorted(exact.store.ids())[:15]
    small = open_matcher(path, text_precision="int8")
    assert small.index.text_precision == "int8"
    compared = 0
    for profile_id in ids:
        asker = exact.prepared(profile_id)
        for suggestion in small.match(profile_id).matches:
            assert suggestion.score == score_pair(asker, exact.prepared(suggestion.id), exact.weights).score
            compared += 1
    assert compared >= 100, "the check ran over the suggestions of 15 profiles"
    assert open_matcher(path, text_precision="float32").index.text_precision == "float32"


def test_the_index_built_page_by_page_ranks_as_one_built_at_once(tmp_path, monkeypatch):
    """Built from the rows a page at a time (a million profiles never sit in memory at once),
    with stale derivations and vectors to embed again on several pages, the index ranks as the
    one built from a single page, and the database is brought up to date."""
    import json

    from matcher import engine

    path = tmp_path / "m.db"
    first = open_matcher(path)
    first.import_files([DEMO_PROFILES])
    ids = sorted(first.store.ids())
    expected = ranked(first, ids[:40])
    store = first.store
    for profile_id in ids[::20]:  # on different pages of 7
        row = store.db["profiles"].get(profile_id)
        store.db["profiles"].update(profile_id, {"scoring": json.dumps(dict(json.loads(row["scoring"]),
                                                                            version="0:old"))})
    gone = [json.loads(store.db["profiles"].get(i)["scoring"])["vector_of"]["description"] for i in ids[5::30]]
    store.db.execute(f"delete from embeddings where text_hash in ({','.join('?' * len(gone))})", gone)
    store.db.conn.commit()
    snapshot_path(str(path)).unlink()
    monkeypatch.setattr(engine, "INDEX_PAGE_SIZE", 7)
    CountingStore.rows_read = 0
    paged = open_matcher(path)
    assert len(paged.index) == 225 and CountingStore.rows_read == 1
    assert ranked(paged, ids[:40]) == expected
    versions = {json.loads(scoring)["version"] for (scoring,) in store.db.execute("select scoring from profiles")}
    assert versions == {engine.derivation_version()}
    assert store.cached_vectors(paged.embedder.name, gone).keys() == set(gone)


def test_auto_precision_holds_int8_vectors_from_the_threshold(tmp_path, monkeypatch):
    """MATCHER_TEXT_PRECISION=auto (the default) holds float32 text vectors below the threshold
    of stored profiles and int8 from it; the setting float32 or int8 wins over the count."""
    from matcher import engine

    path = tmp_path / "m.db"
    open_matcher(path).import_files([DEMO_PROFILES])
    assert open_matcher(path).index.text_precision == "float32"
    monkeypatch.setattr(engine, "INT8_FROM_PROFILES", 225)
    assert open_matcher(path).index.text_precision == "int8"
    assert open_matcher(path, text_precision="float32").index.text_precision == "float32"
    with pytest.raises(engine.MatcherError, match="text_precision: 'half'"):
        open_matcher(path, text_precision="half")


def test_the_environment_reaches_the_matcher_through_settings(tmp_path):
    """MATCHER_TEXT_PRECISION, MATCHER_REFERENCE_DATE, MATCHER_MODEL and MATCHER_DB, read once into
    Settings, give the matcher they describe; a bad value names its variable."""
    from matcher.settings import Settings, SettingsError

    environ = {"MATCHER_TEXT_PRECISION": "int8", "MATCHER_REFERENCE_DATE": "2027-03-01",
               "MATCHER_MODEL": "hashing", "MATCHER_DB": str(tmp_path / "env.db")}
    matcher = Matcher.from_settings(Settings.from_env(environ))
    assert (matcher.text_precision, matcher.reference_date) == ("int8", dt.date(2027, 3, 1))
    assert matcher.embedder.name.startswith("hashing") and matcher.store.path == str(tmp_path / "env.db")
    assert Settings.from_env(environ, db_path="other.db").db_path == "other.db", "an option wins"
    with pytest.raises(SettingsError, match="MATCHER_TEXT_PRECISION: "):
        Settings.from_env({"MATCHER_TEXT_PRECISION": "half"})
    with pytest.raises(SettingsError, match="MATCHER_REFERENCE_DATE: '1 March' is not a date"):
        Settings.from_env({"MATCHER_REFERENCE_DATE": "1 March"})


def test_own_writes_are_saved_with_the_index_and_others_taken_in_at_the_next_start(tmp_path):
    """save_index after this matcher's own writes: the next start loads the file and sees them,
    and takes in what another process wrote meanwhile, though the saved index lacked it."""
    path = tmp_path / "m.db"
    first = open_matcher(path)
    first.import_files([DEMO_PROFILES])
    first.index  # built and saved
    assert first.save_index() is False, "nothing changed since the save"
    first.import_files([write_jsonl(tmp_path / "new.jsonl", [profile("zomer-dans", name="Zomer dans")])])
    first.delete_profile(sorted(first.store.ids())[0])
    assert first.save_index() is True
    CountingStore.rows_read = 0
    restarted = open_matcher(path)
    assert "zomer-dans" in restarted.index and len(restarted.index) == 225
    assert CountingStore.rows_read == 0

    other = open_matcher(path)  # writes first: restarted's index never holds its profile
    other.import_files([write_jsonl(tmp_path / "other.jsonl", [profile("ander-atelier", name="Ander atelier")])])
    restarted.import_files([write_jsonl(tmp_path / "own.jsonl", [profile("eigen-atelier", name="Eigen atelier")])])
    assert "ander-atelier" not in restarted.index
    assert restarted.save_index() is True
    assert restarted.save_index() is False, "saved already"
    last = open_matcher(path)
    assert {"eigen-atelier", "ander-atelier"} <= set(last.index.live_ids())
    assert CountingStore.rows_read == 0, "the changed profiles were taken into the saved index"


def test_a_stopped_service_leaves_its_index_saved_with_its_writes(tmp_path):
    """The service saves the index when it stops: the next start reads no rows and matches the new profile."""
    from fastapi.testclient import TestClient

    from service.server import create_app
    from service.settings import Settings

    path = tmp_path / "served.db"
    open_matcher(path).import_files([DEMO_PROFILES])
    settings = Settings(db_path=str(path), model="hashing", admin_key="admin-key-0123456789-0123456789", rate_limit="off")
    new = profile("zomer-dans", name="Zomer dans", description="Dansgezelschap zoekt een repetitieruimte")
    with TestClient(create_app(settings)) as client:
        assert client.post("/profiles", json=new).status_code == 201
    CountingStore.rows_read = 0
    restarted = open_matcher(path)
    assert "zomer-dans" in restarted.index and CountingStore.rows_read == 0
    assert restarted.match("zomer-dans").matches


def test_a_long_build_from_the_rows_says_so(tmp_path, monkeypatch, caplog):
    """Where no progress bar shows (a service log), a build from many rows is announced in the log."""
    from matcher import engine

    path = tmp_path / "m.db"
    open_matcher(path).import_files([DEMO_PROFILES])
    snapshot_path(str(path)).unlink(missing_ok=True)
    monkeypatch.setattr(engine, "ANNOUNCED_BUILD", 225)
    with caplog.at_level(logging.INFO, logger="matcher"):
        open_matcher(path).index
        assert "building the index from 225 stored profiles" in caplog.text
        caplog.clear()
        open_matcher(path).index  # loaded from the file: nothing to say
        assert caplog.text == ""
