"""Erasure that forgets, and the right of access: a deleted profile leaves no trace in any table
of the database file nor in the index saved beside it; its owner (or the admin) can read all that
is held about it while it exists."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import httpx
import numpy as np
import pytest

from matcher.cli import main
from matcher.embedding import HashingEmbedder
from matcher.engine import Matcher
from matcher.profiles import Profile
from matcher.ranking.index import COMPACT_MIN_DEAD
from matcher.storage.snapshot import snapshot_path
from matcher.storage.store import OTHER_TABLES, PROFILE_TABLES, Store

from conftest import DEMO_PROFILES, REFERENCE_DATE, profile
from serving import running_server

ADMIN_KEY = "admin-key-for-the-tests-0123456789"
GONE = "erase-me-3f9c1a"  # an id found nowhere else, so any trace of it is a trace of this profile


def gone_profile(name: str = "Atelier Vergeten") -> dict:
    return profile(GONE, "artist", name=name,
                   description="Atelier Vergeten zoekt in juli een repetitieruimte voor dans met jongeren.",
                   disciplines=["dance"], audiences=["youth"], themes=["vergeten"],
                   location={"municipality": "Schaarbeek"}, contact={"email": "vergeten@example.org"},
                   offers=[{"type": "workshops"}],
                   needs=[{"type": "rehearsal_space", "period": {"start": "2027-07-01", "end": "2027-07-31"}}])


def traces_in_tables(db_path: Path, needle: str) -> list[str]:
    """`table.column` of every value, in every table of the file, that holds `needle` (text or bytes)."""
    found = []
    raw = needle.encode("utf-8")
    with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) as connection:
        tables = [name for (name,) in connection.execute("select name from sqlite_master where type = 'table'")]
        assert "profiles" in tables and "embeddings" in tables
        for table in tables:
            cursor = connection.execute(f"select * from [{table}]")
            columns = [description[0] for description in cursor.description]
            for row in cursor:
                for column, value in zip(columns, row):
                    if (isinstance(value, str) and needle in value) or (isinstance(value, bytes) and raw in value):
                        found.append(f"{table}.{column}")
    return found


def saved_index(db_path: Path) -> tuple[dict, np.ndarray, bytes]:
    """The saved index's details (ids...), its `alive` column, and the file's bytes."""
    path = snapshot_path(str(db_path))
    with np.load(path, allow_pickle=False) as saved:
        details = json.loads(saved["details"].tobytes().decode("utf-8"))
        alive = saved["profiles.alive"].copy()
    return details, alive, path.read_bytes()


def open_matcher(db_path: Path) -> Matcher:
    return Matcher(Store(db_path), embedder=HashingEmbedder(), reference_date=REFERENCE_DATE)


def test_every_table_is_emptied_by_deletion_or_holds_nothing_about_a_profile(tmp_path):
    """Each table of a new database is either in PROFILE_TABLES (deletion and export read it) or
    declared to hold nothing about any one profile: a table added without saying fails here."""
    store = Store(tmp_path / "m.db")
    registered = {table.name for table in PROFILE_TABLES}
    assert not registered & set(OTHER_TABLES)
    tables = {name for name in store.db.table_names() if not name.startswith("sqlite_")}  # SQLite's own
    assert tables == registered | set(OTHER_TABLES)
    for table in PROFILE_TABLES:
        columns = {column.name for column in store.db[table.name].columns}
        assert set(table.id_columns) <= columns and set(table.private) <= columns, table.name


def test_delete_and_restart_leave_no_trace_in_the_database_nor_the_saved_index(tmp_path):
    """Through a real `matcher serve`: a profile created, replaced, exported and deleted over HTTP,
    then the service restarted: its id is in no table and no column of the database file, not in
    the file's bytes, not in the saved index (whose rows shrank by one), and its texts' embeddings
    are gone; it is no longer served."""
    db_path = tmp_path / "served.db"
    open_matcher(db_path).import_files([DEMO_PROFILES])
    with running_server(db_path, tmp_path / "first.log", MATCHER_ADMIN_KEY=ADMIN_KEY) as url:
        with httpx.Client(base_url=url, timeout=30) as client:
            created = client.post("/profiles", json=gone_profile())
            assert created.status_code == 201
            owner = {"Authorization": f"Bearer {created.json()['owner_key']}"}
            for number in range(3):
                assert client.put(f"/profiles/{GONE}", json=gone_profile(f"Atelier Vergeten {number}"),
                                  headers=owner).status_code == 200
            introduced = "/introductions" in client.get("/openapi.json").json()["paths"]
            if introduced:
                # an introduction asked and accepted: its row and the notifications name both sides
                peer_key = client.post("/profiles", json=profile("erase-peer", name="Peer")).json()["owner_key"]
                asked = client.post("/introductions", json={"from": "erase-peer", "to": GONE, "message": "Hallo"},
                                    headers={"Authorization": f"Bearer {peer_key}"})
                assert asked.status_code == 201, asked.text
                assert client.post(f"/introductions/{asked.json()['id']}/accept", headers=owner).status_code == 200
            exported = client.get(f"/profiles/{GONE}/export", headers=owner).json()
            if introduced:  # the export holds them too
                assert exported["stored"]["introductions"] and exported["stored"]["notifications"]
    _, alive, _ = saved_index(db_path)
    rows_before = len(alive)
    assert traces_in_tables(db_path, GONE), "the profile was stored, in several tables"
    texts = {row["text_hash"] for row in exported["stored"]["profile_texts"]}
    assert texts and {row["text_hash"] for row in exported["stored"]["embeddings"]} == texts

    with running_server(db_path, tmp_path / "second.log", MATCHER_ADMIN_KEY=ADMIN_KEY) as url:
        with httpx.Client(base_url=url, timeout=30) as client:
            assert client.delete(f"/profiles/{GONE}", headers=owner).status_code == 204
    with running_server(db_path, tmp_path / "third.log", MATCHER_ADMIN_KEY=ADMIN_KEY) as url:
        with httpx.Client(base_url=url, timeout=30) as client:
            assert client.get(f"/profiles/{GONE}").status_code == 404
            assert GONE not in client.get("/profiles", params={"q": "Vergeten"}).text
            assert GONE not in client.post("/search", json={"text": "Atelier Vergeten dans jongeren"}).text

    assert traces_in_tables(db_path, GONE) == []
    assert traces_in_tables(db_path, "vergeten@example.org") == []
    with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) as connection:
        marks = ",".join("?" * len(texts))
        assert connection.execute(f"select count(*) from embeddings where text_hash in ({marks})",
                                  list(texts)).fetchone()[0] == 0
    assert GONE.encode("utf-8") not in db_path.read_bytes(), "deleted rows are overwritten, not only unlinked"
    details, alive, raw = saved_index(db_path)
    assert GONE not in details["ids"] and GONE.encode("utf-8") not in raw
    assert len(alive) == rows_before - 1 == len(details["ids"]) and alive.all()


def test_replacing_one_profile_again_and_again_keeps_the_index_bounded(tmp_path):
    """300 replaces of one profile among 12: the index in memory stays within COMPACT_MIN_DEAD rows
    of the live ones, and the saved file holds 12 rows."""
    db_path = tmp_path / "m.db"
    matcher = open_matcher(db_path)
    for number in range(11):
        matcher.save_profile(Profile.model_validate(profile(f"p{number}", name=f"Profile {number}")))
    matcher.index
    largest = 0
    for number in range(300):
        matcher.save_profile(Profile.model_validate(gone_profile(f"Atelier Vergeten {number}")))
        largest = max(largest, matcher.index.profiles.size)
    assert len(matcher.index) == 12 and largest <= 12 + COMPACT_MIN_DEAD
    assert matcher.save_index() is True
    details, alive, _ = saved_index(db_path)
    assert len(alive) == 12 and sorted(details["ids"]) == sorted(matcher.store.ids())


def test_export_holds_all_that_is_stored_about_the_profile(tmp_path):
    """The export has the profile with its contact, what was derived, its completeness with what to
    add, and its rows in every table of PROFILE_TABLES, with the vectors of its texts; no key hash."""
    matcher = open_matcher(tmp_path / "m.db")
    matcher.save_profile(Profile.model_validate(gone_profile()), owner_key_hash="0" * 64)
    exported = matcher.profile_export(GONE)
    assert exported["profile"]["contact"]["email"] == "vergeten@example.org"
    assert exported["derived"]["language"] == "nl" and exported["derived"]["place"]["municipality"] == "Schaarbeek"
    assert exported["completeness"]["to_add"] is not None
    stored = exported["stored"]
    assert set(stored) == {table.name for table in PROFILE_TABLES} | {"embeddings"}
    assert [row["type"] for row in stored["offers"]] == ["workshops"]
    assert [row["type"] for row in stored["needs"]] == ["rehearsal_space"]
    assert stored["profiles"][0]["contact"] == {"email": "vergeten@example.org"}
    assert "owner_key_hash" not in stored["profiles"][0] and "0" * 64 not in json.dumps(exported)
    assert all(len(row["vector"]) == row["dim"] == matcher.embedder.dim for row in stored["embeddings"])
    json.dumps(exported)  # all of it is JSON


def test_the_command_line_deletes_from_the_saved_index_and_exports_one_profile(tmp_path, capsys):
    """`matcher export --profile ID` prints the export; `matcher delete ID` removes the profile from
    every table and from the index file saved beside the database, though it never loaded it before."""
    db_path = tmp_path / "m.db"
    matcher = open_matcher(db_path)
    matcher.import_files([DEMO_PROFILES])
    matcher.save_profile(Profile.model_validate(gone_profile()))
    matcher.index  # built and saved with the profile in it
    matcher.close()
    assert GONE.encode("utf-8") in snapshot_path(str(db_path)).read_bytes()
    assert main(["export", "--db", str(db_path), "--profile", GONE]) == 0
    assert json.loads(capsys.readouterr().out)["profile"]["contact"]["email"] == "vergeten@example.org"
    assert main(["delete", "--db", str(db_path), GONE]) == 0
    assert capsys.readouterr().out == f"deleted {GONE}\n"
    assert traces_in_tables(db_path, GONE) == []
    details, alive, raw = saved_index(db_path)
    assert GONE.encode("utf-8") not in raw and len(alive) == 225
    assert main(["delete", "--db", str(db_path), GONE]) == 1
    assert f"no profile with id '{GONE}'" in capsys.readouterr().err


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("export")
    with running_server(folder / "served.db", folder / "serve.log", MATCHER_ADMIN_KEY=ADMIN_KEY) as url:
        yield url


def test_export_is_only_for_the_owner_and_the_admin(server):
    """GET /profiles/{id}/export: 401 without a key, 403 with another profile's key, 404 for an
    unknown profile; the owner and the admin get all of it, contact included, never cached."""
    with httpx.Client(base_url=server, timeout=30) as client:
        owner = {"Authorization": f"Bearer {client.post('/profiles', json=gone_profile()).json()['owner_key']}"}
        other = client.post("/profiles", json=profile("someone-else", name="Someone else")).json()["owner_key"]
        path = f"/profiles/{GONE}/export"
        refused = client.get(path)
        assert refused.status_code == 401 and refused.headers["WWW-Authenticate"] == "Bearer"
        assert client.get(path, headers={"Authorization": f"Bearer {other}"}).status_code == 403
        assert client.get("/profiles/nobody-here/export", headers=owner).status_code == 404
        for headers in (owner, {"Authorization": f"Bearer {ADMIN_KEY}"}):
            answer = client.get(path, headers=headers)
            assert answer.status_code == 200 and answer.headers["Cache-Control"] == "no-store"
            body = answer.json()
            assert body["profile"]["contact"]["email"] == "vergeten@example.org"
            assert body["stored"]["needs"][0]["type"] == "rehearsal_space"
            assert body["completeness"]["to_add"] is not None
