"""Several processes on one database, always current: a write through any `matcher serve` process
or the CLI is in every process's next answer, and a delete is gone from it. Real processes over
real HTTP, on one SQLite file."""
import os
import subprocess
import sys

import httpx
import pytest

from conftest import profile, write_jsonl
from serving import PROJECT, running_server

ADMIN_KEY = "following-admin-key-0123456789"
ADMIN = {"Authorization": f"Bearer {ADMIN_KEY}"}


def centre(id, municipality="Gent"):
    return profile(id, description=f"{id}: a community centre with dance and theatre for young people",
                   disciplines=["dance"], audiences=["youth"], location={"municipality": municipality},
                   offers=[{"type": "rehearsal_space"}])


def maker(id, municipality="Gent"):
    return profile(id, "artist", description=f"{id}: a dance company making work with teenagers",
                   disciplines=["dance"], audiences=["youth"], location={"municipality": municipality},
                   needs=[{"type": "rehearsal_space"}])


def suggested(client: httpx.Client, profile_id: str) -> list[str]:
    response = client.get(f"/profiles/{profile_id}/matches")
    assert response.status_code == 200, response.text
    return [match["id"] for match in response.json()["matches"]]


def found_by_search(client: httpx.Client) -> list[str]:
    response = client.post("/search", json={"text": "Wij zoeken een repetitieruimte voor dans", "near": "Gent",
                                            "radius_km": 30})
    assert response.status_code == 200, response.text
    return [match["id"] for match in response.json()["matches"]]


@pytest.fixture
def database(tmp_path):
    path = tmp_path / "shared.db"
    imported = subprocess.run([sys.executable, "-m", "matcher.cli", "import", "--db", str(path),
                               str(write_jsonl(tmp_path / "start.jsonl", [maker("maker-gent"), centre("gc-een")]))],
                              cwd=PROJECT, env={**os.environ, "MATCHER_MODEL": "hashing"},
                              capture_output=True, text=True)
    assert imported.returncode == 0, imported.stderr
    return path


def test_a_write_through_one_process_is_in_the_next_answer_of_another(database, tmp_path):
    with running_server(database, tmp_path / "a.log", MATCHER_ADMIN_KEY=ADMIN_KEY) as first, \
            running_server(database, tmp_path / "b.log", MATCHER_ADMIN_KEY=ADMIN_KEY) as second, \
            httpx.Client(base_url=first, timeout=30) as one, httpx.Client(base_url=second, timeout=30) as other:
        assert suggested(other, "maker-gent") == ["gc-een"]
        created = one.post("/profiles", json=centre("gc-twee"))
        assert created.status_code == 201
        assert sorted(suggested(other, "maker-gent")) == ["gc-een", "gc-twee"]
        assert "gc-twee" in found_by_search(other)
        replaced = one.put("/profiles/gc-twee", json=centre("gc-twee", "Antwerpen"), headers=ADMIN)
        assert replaced.status_code == 200
        assert "gc-twee" not in found_by_search(other)  # moved 50 km away: out of the 30 km asked
        assert one.delete("/profiles/gc-een", headers=ADMIN).status_code == 204
        assert "gc-een" not in suggested(other, "maker-gent")
        assert "gc-een" not in found_by_search(other)
        assert other.get("/health").json()["profiles"] == 2


def test_an_import_by_the_cli_while_serving_is_in_the_next_answer(database, tmp_path):
    with running_server(database, tmp_path / "serve.log") as url, httpx.Client(base_url=url, timeout=30) as client:
        assert suggested(client, "maker-gent") == ["gc-een"]
        imported = subprocess.run([sys.executable, "-m", "matcher.cli", "import", "--db", str(database),
                                   str(write_jsonl(tmp_path / "more.jsonl", [centre("gc-drie")]))],
                                  cwd=PROJECT, env={**os.environ, "MATCHER_MODEL": "hashing"},
                                  capture_output=True, text=True)
        assert imported.returncode == 0, imported.stderr
        assert sorted(suggested(client, "maker-gent")) == ["gc-drie", "gc-een"]
        deleted = subprocess.run([sys.executable, "-m", "matcher.cli", "delete", "--db", str(database), "gc-drie"],
                                 cwd=PROJECT, env={**os.environ, "MATCHER_MODEL": "hashing"},
                                 capture_output=True, text=True)
        assert deleted.returncode == 0, deleted.stderr
        assert suggested(client, "maker-gent") == ["gc-een"]


def test_workers_follow_each_other_and_share_the_rate_limit(database, tmp_path):
    """`--workers 2` (MATCHER_WORKERS): each new connection may land on either process; every answer
    holds the last write, and the limit on searches counts both processes' requests together."""
    with running_server(database, tmp_path / "workers.log", MATCHER_WORKERS="2", MATCHER_ADMIN_KEY=ADMIN_KEY,
                        MATCHER_RATE_LIMIT="8/minute") as url:
        with httpx.Client(base_url=url, timeout=30) as client:
            assert client.post("/profiles", json=centre("gc-vier"), headers=ADMIN).status_code == 201
        answers = []
        for _ in range(6):  # a new connection each time, so both workers answer
            with httpx.Client(base_url=url, timeout=30) as client:
                answers.append(sorted(suggested(client, "maker-gent")))
        assert answers == [["gc-een", "gc-vier"]] * 6
        statuses = []
        for _ in range(10):
            with httpx.Client(base_url=url, timeout=30) as client:
                statuses.append(client.post("/search", json={"text": "repetitieruimte"}).status_code)
        # the admin's POST is not counted: 8 searches pass, on either worker, then none (a limit per
        # process would have let up to 16 through)
        assert statuses == [200] * 8 + [429] * 2
    assert "2 worker processes" in (tmp_path / "workers.log").read_text()


def test_an_import_leaves_a_current_saved_index(tmp_path):
    """After `matcher import`, the index beside the database holds what was imported: the next start
    loads it (no build from the rows), and a second import brings it up to date again."""
    database = tmp_path / "m.db"
    for number, records in enumerate([[maker("maker-gent"), centre("gc-een")], [centre("gc-twee")]]):
        imported = subprocess.run([sys.executable, "-m", "matcher.cli", "import", "--db", str(database),
                                   str(write_jsonl(tmp_path / f"{number}.jsonl", records))],
                                  cwd=PROJECT, env={**os.environ, "MATCHER_MODEL": "hashing"},
                                  capture_output=True, text=True)
        assert imported.returncode == 0, imported.stderr
    from matcher.engine import Matcher
    from matcher.storage.snapshot import load_index, snapshot_path

    matcher = Matcher(database, embedder="hashing")
    saved = load_index(snapshot_path(str(database)), matcher._snapshot_tag("float32", 0), matcher.concepts,
                       matcher.weights)
    assert saved is not None
    index, generation = saved
    assert sorted(index.live_ids()) == ["gc-een", "gc-twee", "maker-gent"]
    assert generation == matcher.store.generation()
