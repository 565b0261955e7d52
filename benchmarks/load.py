"""Many people at once: throughput and latency of a real `matcher serve` under concurrent clients.

    python benchmarks/load.py --count 20000 [--clients 1,32] [--workers 1,2] [--seconds 20]

Generates COUNT synthetic profiles with the hashing embedder (benchmarks/synthetic.py; the
database is kept under the temp folder, so later runs reuse it), starts `matcher serve` on
loopback with each number of workers, and for each number of clients runs them for SECONDS,
each client one request after another, half `GET /profiles/{id}/matches` of a random profile
and half `POST /search` with a random request text (the rate limit off). It prints, per (workers, clients):
requests per second, p50 / p95 / p99 latency, and errors (any answer but 200, or a failed
connection). The one-client figure of the same run is the baseline: the speed-up column is
throughput over that of one client with one worker.

The clients are threads of this process, on the same machine as the server: on 2 cores they
take CPU the server could use, so these figures are a floor for a server on its own machine.
"""
from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

os.environ.setdefault("MATCHER_MODEL", "hashing")

import httpx  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ranking import ensure_database, free_port, percentiles  # noqa: E402

SEARCH_TEXTS = [
    "We zoeken een repetitieruimte in juli voor een dansvoorstelling met jongeren",
    "Nous cherchons une résidence de création en automne, avec un accompagnement technique",
    "Looking for a venue to show a photography exhibition about migration",
    "Gemeenschapscentrum zoekt een kunstenaar om met buurtbewoners te werken",
    "Compagnie de cirque cherche un lieu avec points d'accroche en août",
]


def start_server(db: Path, workers: int) -> tuple[subprocess.Popen, str]:
    port = free_port()
    command = [sys.executable, "-m", "matcher.cli", "serve", "--db", str(db), "--port", str(port)]
    if workers > 1:
        command += ["--workers", str(workers)]
    # no rate limit: this measures what the service can serve, not what one client is allowed
    environment = {**os.environ, "MATCHER_RATE_LIMIT": "off"}
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=environment)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"matcher serve --workers {workers} stopped: {server.stderr.read().decode()[-2000:]}")
        try:
            if httpx.get(f"{base}/health", timeout=5).status_code == 200:
                return server, base
        except httpx.TransportError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("server did not start in 10 minutes")


def run_clients(base: str, ids: list[str], clients: int, seconds: float) -> tuple[list[float], int]:
    """Each client sends requests one after another until the time is up: latencies, errors."""
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def client(number: int) -> None:
        rng = random.Random(number)
        mine, failed = [], 0
        with httpx.Client(base_url=base, timeout=60) as http:
            while time.monotonic() < deadline:
                began = time.perf_counter()
                try:
                    if rng.random() < 0.5:
                        response = http.get(f"/profiles/{rng.choice(ids)}/matches")
                    else:
                        response = http.post("/search", json={"text": rng.choice(SEARCH_TEXTS), "limit": 10})
                    ok = response.status_code == 200
                except httpx.TransportError:
                    ok = False
                if ok:
                    mine.append(time.perf_counter() - began)
                else:
                    failed += 1
        with lock:
            latencies.extend(mine)
            errors[0] += failed

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, errors[0]


def catch_up_check(db: Path, rounds: int = 20_000) -> None:
    """What a read pays to learn that nothing changed (Matcher.is_behind), beside the floor: the
    cheapest query SQLite answers on the same connection."""
    from matcher.engine import Matcher

    matcher = Matcher(str(db), embedder="hashing")
    matcher.index  # noqa: B018 - loaded, as in a running service
    connection = matcher.store.db.conn
    timings = {}
    for name, check in (("is_behind()", matcher.is_behind), ("floor: select 1", lambda: connection.execute(
            "select 1").fetchone())):
        began = time.perf_counter()
        for _ in range(rounds):
            check()
        timings[name] = (time.perf_counter() - began) / rounds * 1e6
    assert not matcher.is_behind()
    print("catch-up check when nothing changed: " + ", ".join(f"{name} {us:.1f} µs" for name, us in timings.items()))
    matcher.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=20_000)
    parser.add_argument("--clients", default="1,32", help="comma-separated numbers of concurrent clients")
    parser.add_argument("--workers", default="1,2", help="comma-separated numbers of server processes")
    parser.add_argument("--seconds", type=float, default=20.0, help="how long each run lasts")
    parser.add_argument("--db", type=Path, default=None)
    args = parser.parse_args()
    db = args.db or Path(tempfile.gettempdir()) / f"matcher-load-{args.count}.db"
    ensure_database(db, args.count)
    ids = [f"syn-{n:07d}" for n in range(args.count)]
    clients = [int(n) for n in args.clients.split(",")]
    workers_list = [int(n) for n in args.workers.split(",")]
    print(f"{args.count:,} profiles (hashing embedder), {os.cpu_count()} cores, {args.seconds:.0f} s per run")
    catch_up_check(db)
    print(f"{'workers':>7} {'clients':>7} {'req/s':>8} {'speed-up':>8}   latency{'':34} errors")
    baseline = None
    for workers in workers_list:
        server, base = start_server(db, workers)
        try:
            run_clients(base, ids, 2, 2.0)  # warm up: first queries load caches
            for count in clients:
                latencies, errors = run_clients(base, ids, count, args.seconds)
                throughput = len(latencies) / args.seconds
                baseline = baseline or throughput
                print(f"{workers:>7} {count:>7} {throughput:>8.1f} {throughput / baseline:>7.2f}x   "
                      f"{percentiles(latencies) if latencies else 'no answers':<41} {errors}", flush=True)
        finally:
            server.terminate()
            server.wait(timeout=60)


if __name__ == "__main__":
    main()
