"""A real `matcher serve` process on a free loopback port, spoken to over HTTP, with many clients at once."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from conftest import profile
from serving import running_server

ADMIN_KEY = "admin-key-for-the-tests-0123456789"
ADMIN = {"Authorization": f"Bearer {ADMIN_KEY}"}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`matcher serve --db ... --port FREEPORT` in a subprocess; stopped afterwards."""
    folder = tmp_path_factory.mktemp("serve")
    with running_server(folder / "served.db", folder / "serve.log", MATCHER_ADMIN_KEY=ADMIN_KEY) as url:
        yield url


def place(id, kind="organisation", municipality="Gent"):
    return profile(id, kind, description=f"{id}: dance and theatre with young people",
                   disciplines=["dance"], audiences=["youth"], location={"municipality": municipality},
                   contact={"email": f"{id}@example.org"})


def test_serve_over_http(server):
    """The served app creates, reads, matches and deletes over real HTTP."""
    with httpx.Client(base_url=server, timeout=10) as client:
        assert client.get("/health").json()["status"] == "ok"
        created = client.post("/profiles", json=place("http-centre"))
        assert created.status_code == 201
        key = created.json()["owner_key"]
        assert client.post("/profiles", json=place("http-company", "artist")).status_code == 201
        assert client.get("/profiles/http-centre").json()["contact"] is None
        matches = client.get("/profiles/http-centre/matches").json()["matches"]
        assert [m["id"] for m in matches] == ["http-company"]
        assert client.delete("/profiles/http-centre", headers={"Authorization": f"Bearer {key}"}).status_code == 204
        assert client.get("/profiles/http-centre").status_code == 404
        assert client.delete("/profiles/http-company", headers=ADMIN).status_code == 204
        assert client.post("/search", content=b"x" * 1_100_000,
                           headers={"Content-Type": "application/json"}).status_code == 413


def test_concurrent_clients_lose_nothing(server):
    """Many clients creating, replacing, reading and matching at once: every write is kept, no error."""
    workers, per_worker = 8, 6
    places = ["Gent", "Brussel", "Antwerpen", "Leuven"]

    def work(worker: int) -> list[int]:
        statuses = []
        with httpx.Client(base_url=server, timeout=30) as client:
            for n in range(per_worker):
                profile_id = f"w{worker}-p{n}"
                body = place(profile_id, "artist" if n % 2 else "organisation", places[n % len(places)])
                created = client.post("/profiles", json=body)
                statuses.append(created.status_code)
                key = created.json()["owner_key"]
                body["name"] = f"{profile_id} renamed"
                statuses.append(client.put(f"/profiles/{profile_id}", json=body,
                                           headers={"Authorization": f"Bearer {key}"}).status_code)
                statuses.append(client.get(f"/profiles/{profile_id}/matches").status_code)
                statuses.append(client.get("/profiles", params={"limit": 5}).status_code)
                statuses.append(client.post("/search", json={"text": "dance with young people"}).status_code)
        return statuses

    with ThreadPoolExecutor(max_workers=workers) as pool:
        statuses = [status for result in pool.map(work, range(workers)) for status in result]
    assert set(statuses) <= {200, 201}, sorted(set(statuses))
    with httpx.Client(base_url=server, timeout=10) as client:
        listed = client.get("/profiles", params={"limit": 100, "q": "renamed"}).json()
        assert listed["total"] == workers * per_worker
        assert {item["name"] for item in listed["items"]} == {
            f"w{w}-p{n} renamed" for w in range(workers) for n in range(per_worker)}
        assert client.get("/health").json()["profiles"] == workers * per_worker
        matched = {m["id"] for m in client.get("/profiles/w0-p0/matches", params={"limit": 100}).json()["matches"]}
        assert {f"w{w}-p1" for w in range(workers)} <= matched


def test_long_search_page_over_real_http(server):
    """10,001 accented characters in the search page's URL (about 60 KB) reach the page, which names the limit."""
    response = httpx.get(f"{server}/ui/search", params={"text": "é" * 10_001, "lang": "en"}, timeout=30)
    assert response.status_code == 422
    assert "At most 10,000 characters." in response.text
