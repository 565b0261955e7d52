"""A real `matcher serve` process on a free loopback port, spoken to over HTTP, with many clients at once."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from conftest import profile

ADMIN_KEY = "admin-key-for-the-tests-0123456789"
ADMIN = {"Authorization": f"Bearer {ADMIN_KEY}"}
START_TIMEOUT_S = 60


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_up(process: subprocess.Popen, url: str) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"matcher serve exited with {process.returncode}:\n{process.stdout.read()}")
        try:
            if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.1)
    raise AssertionError(f"matcher serve did not answer within {START_TIMEOUT_S} s")


def cli_has_serve() -> bool:
    from matcher.cli import build_parser

    try:
        build_parser().parse_args(["serve", "--port", "1"])
    except SystemExit:
        return False
    return True


def serve_command(db_path, port: int) -> list[str]:
    """`matcher serve`; until matcher/cli.py offers it, the same `service.server.serve` call it will make."""
    if cli_has_serve():
        return [sys.executable, "-m", "matcher.cli", "serve", "--db", str(db_path), "--host", "127.0.0.1",
                "--port", str(port)]
    return [sys.executable, "-c", "import sys; from service.server import serve; "
                                  "sys.exit(serve(sys.argv[1], host='127.0.0.1', port=int(sys.argv[2])))",
            str(db_path), str(port)]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`matcher serve --db ... --port FREEPORT` in a subprocess; stopped afterwards."""
    folder = tmp_path_factory.mktemp("serve")
    port = free_port()
    env = {**os.environ, "MATCHER_MODEL": "hashing", "MATCHER_ADMIN_KEY": ADMIN_KEY, "MATCHER_RATE_LIMIT": "off"}
    process = subprocess.Popen(serve_command(folder / "served.db", port), cwd=folder, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(process, url)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        process.stdout.close()


def test_matcher_serve_is_a_command():
    """`matcher serve` is wired into the CLI (the server fixture then starts the service through it)."""
    if not cli_has_serve():
        pytest.skip("matcher/cli.py has no `serve` subcommand yet; the server fixture calls service.server.serve")
    assert serve_command("x.db", 1)[2:4] == ["matcher.cli", "serve"]


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
