"""The sessions table (matcher/storage/sessions.py) on a real SQLite database: what it keeps, and when a
session ends. The pages' use of it is tested through a real server in test_pages_safety.py."""
from __future__ import annotations

import pytest

from matcher.engine import Matcher
from matcher.errors import ProfileNotFound
from matcher.owner_keys import hash_key
from matcher.profiles import Profile
from matcher.storage.sessions import Sessions

from conftest import profile


class Clock:
    def __init__(self):
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def stocked(matcher):
    """One profile with an owner key."""
    matcher.save_profile(Profile.model_validate(profile("gc-noord", description="Een dansstudio.")),
                         owner_key_hash=hash_key("the-owner-key"))
    return matcher


def test_a_session_keeps_only_hashes_and_ends_on_time(stocked):
    """The table holds the id's hash, never the id; a session is found until it expires, and
    expired ones are cleared when another opens."""
    clock = Clock()
    sessions = Sessions(stocked.sessions.db, clock=clock)
    session_id = sessions.open("gc-noord", hash_key("the-owner-key"), lifetime_seconds=60)
    rows = sessions.db.execute("select * from sessions").fetchall()
    assert len(rows) == 1 and session_id not in str(rows) and "the-owner-key" not in str(rows)
    assert sessions.find(session_id).profile_id == "gc-noord"
    clock.now += 60
    assert sessions.find(session_id) is None
    sessions.open("gc-noord", hash_key("the-owner-key"), lifetime_seconds=60)
    assert sessions.count() == 1


def test_a_session_ends_when_its_key_is_rotated_or_its_profile_deleted(stocked):
    """Rotating the owner key ends the profile's sessions at once and the old key no longer fits;
    deleting the profile leaves none of its sessions behind."""
    sessions = stocked.sessions
    first = sessions.open("gc-noord", hash_key("the-owner-key"), lifetime_seconds=60)
    new_key = stocked.rotate_owner_key("gc-noord")
    assert sessions.find(first) is None and sessions.count("gc-noord") == 0
    assert not stocked.is_owner("gc-noord", "the-owner-key") and stocked.is_owner("gc-noord", new_key)
    second = sessions.open("gc-noord", hash_key(new_key), lifetime_seconds=60)
    assert sessions.find(second) is not None
    stocked.delete_profile("gc-noord")
    assert sessions.find(second) is None and sessions.count("gc-noord") == 0
    with pytest.raises(ProfileNotFound):
        stocked.rotate_owner_key("gc-noord")


def test_a_session_opened_with_another_key_is_never_found(stocked):
    """A session whose key is not the profile's (as after a replace with a new key) signs nobody in."""
    stale = stocked.sessions.open("gc-noord", hash_key("an-old-key"), lifetime_seconds=60)
    assert stocked.sessions.find(stale) is None


def test_admin_sessions_and_signing_out(stocked):
    """An admin session has no profile; ending a session makes its id useless."""
    admin = stocked.sessions.open(None, hash_key("the-admin-key-0123456789"), lifetime_seconds=60)
    assert stocked.sessions.find(admin).profile_id is None
    assert stocked.sessions.end(admin) and stocked.sessions.find(admin) is None
    assert not stocked.sessions.end(admin) and stocked.sessions.find("x" * 500) is None


def test_a_session_needs_a_lifetime(stocked):
    """A lifetime below one second is refused, naming the argument."""
    with pytest.raises(ValueError, match="'lifetime_seconds' parameter must be at least 1. Got 0 instead."):
        stocked.sessions.open("gc-noord", hash_key("the-owner-key"), lifetime_seconds=0)


def test_several_processes_share_the_sessions(tmp_path):
    """A session opened through one Matcher is found through another on the same database file."""
    path = tmp_path / "shared.db"
    first, second = Matcher(path, embedder="hashing"), Matcher(path, embedder="hashing")
    session_id = first.sessions.open(None, hash_key("the-admin-key-0123456789"), lifetime_seconds=60)
    assert second.sessions.find(session_id) is not None
    second.sessions.end(session_id)
    assert first.sessions.find(session_id) is None
    first.close()
    second.close()
