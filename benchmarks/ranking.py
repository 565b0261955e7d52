"""Ranking speed and memory at scale, with the brute-force floor beside it.

    python benchmarks/ranking.py --count 100000 [--db /tmp/bench-100k.db] [--queries 200] [--no-http]

Generates COUNT synthetic profiles (benchmarks/synthetic.py) and imports them
with MATCHER_MODEL=hashing into DB (kept, so later runs reuse it), then prints:
- start-up: time to open the database and build the index from the rows (no
  re-embedding), then to load the index saved beside the database, then to load
  it after 1% of the profiles (at most 1,000) were replaced by another matcher;
- memory (RSS) of this process with the index loaded, per profile;
- in-process ranking of random profiles (Matcher.match, limit 10): p50, p95, p99;
- the floor, on the same embeddings: plain numpy cosine top-10, no other scoring;
  and our time as a ratio to it;
- over HTTP against a real `matcher serve` on loopback (GET /profiles/{id}/matches):
  p50, p95, p99, the server's start-up time, and its memory (RSS) per profile.
"""
from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

os.environ.setdefault("MATCHER_MODEL", "hashing")

from matcher.engine import Matcher  # noqa: E402
from matcher.settings import Settings  # noqa: E402
from matcher.storage.snapshot import snapshot_path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import synthetic_profiles  # noqa: E402


def open_matcher(path: Path) -> Matcher:
    """The matcher over PATH as the MATCHER_* variables describe it (model, text precision)."""
    return Matcher.from_settings(Settings.from_env(db_path=str(path)))


def percentiles(samples: list[float]) -> str:
    ordered = sorted(samples)
    pick = lambda q: ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000  # noqa: E731
    return f"p50 {pick(0.50):7.2f} ms   p95 {pick(0.95):7.2f} ms   p99 {pick(0.99):7.2f} ms"


def ensure_database(path: Path, count: int, chunk: int = 20_000) -> None:
    """Generate and import COUNT synthetic profiles, CHUNK at a time (a million at once
    would not fit in memory as Profile objects)."""
    if path.exists():
        return
    import json

    matcher = open_matcher(path)
    started = time.perf_counter()
    added = 0
    profiles = synthetic_profiles(count)
    while added < count:
        with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as handle:
            for _, profile in zip(range(min(chunk, count - added)), profiles):
                handle.write(json.dumps(profile, ensure_ascii=False) + "\n")
        report = matcher.import_files([handle.name])
        os.unlink(handle.name)
        if report.problems:
            raise SystemExit(f"synthetic profiles refused: {report.problems[:3]}")
        added += report.added
        elapsed = time.perf_counter() - started
        print(f"imported {added:,} of {count:,} in {elapsed:.0f} s ({added / elapsed:.0f}/s, hashing embedder)",
              flush=True)
    began = time.perf_counter()
    matcher.save_current_index()  # as `matcher import` does, so the first start loads it
    print(f"index saved beside the database after the import in {time.perf_counter() - began:.1f} s", flush=True)
    matcher.store.close()


def replace_profiles(path: Path, count: int) -> None:
    """Store the first COUNT synthetic profiles again, unchanged, through another Matcher: the
    database records them as changed, its content stays the same."""
    import json

    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as handle:
        for _, profile in zip(range(count), synthetic_profiles(count)):
            handle.write(json.dumps(profile, ensure_ascii=False) + "\n")
    other = open_matcher(path)
    report = other.import_files([handle.name])
    other.store.close()
    os.unlink(handle.name)
    if report.replaced != count:
        raise SystemExit(f"expected to replace {count} profiles, replaced {report.replaced}: {report.problems[:3]}")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--db", type=Path)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--no-http", action="store_true")
    parser.add_argument("--keep-snapshot", action="store_true", help="do not time a start-up from the rows")
    args = parser.parse_args()
    db = args.db or Path(tempfile.gettempdir()) / f"matcher-bench-{args.count}.db"
    ensure_database(db, args.count)

    saved = snapshot_path(str(db))
    if saved.exists() and not args.keep_snapshot:
        saved.unlink()  # time the start-up from the rows first
    changed = min(1_000, args.count // 100)
    for source in ("the rows", "the saved index", f"the saved index + {changed:,} profiles replaced elsewhere"):
        if source.endswith("elsewhere"):
            replace_profiles(db, changed)
        started = time.perf_counter()
        matcher = open_matcher(db)
        index = matcher.index
        startup = time.perf_counter() - started
        print(f"in-process start-up from {source} (open + index, no embedding): {startup:.2f} s", flush=True)
    ids = list(index.row_of)
    memory = rss_mb(os.getpid())
    print(f"{len(ids):,} profiles in {db}; in-process memory {memory:.0f} MB RSS "
          f"({memory * 1024 / len(ids):.2f} KB per profile)")

    rng = random.Random(7)
    sample = [rng.choice(ids) for _ in range(args.queries)]
    if index.text_precision == "float32":
        vectors, exact_of = index.profiles["text"], index.text_vector
    else:  # the floor runs on the exact float32 embeddings
        rows_of_hash, matrix = matcher.store.vectors_matrix(matcher.embedder.name, matcher.embedder.dim)
        hashes = [matcher.store.get(i).derived["vector_of"]["description"] for i in sample]
        vectors, exact_of = matrix, dict(zip(sample, (matrix[rows_of_hash[h]] for h in hashes))).get
    # Ours and the floor take turns, query by query: the machine's slow spells (other tenants,
    # memory management) fall on both, and the ratio compares like with like.
    ours, floor = [], []
    for profile_id in sample:
        began = time.perf_counter()
        matcher.match(profile_id, limit=10)
        ours.append(time.perf_counter() - began)
        query = exact_of(profile_id)
        began = time.perf_counter()
        similarities = vectors @ query
        top = np.argpartition(-similarities, 10)[:10]
        top[np.argsort(-similarities[top])]
        floor.append(time.perf_counter() - began)
    print(f"in-process ranking ({index.text_precision} text vectors) {percentiles(ours)}")
    print(f"brute-force cosine top-10 {percentiles(floor)}")
    print(f"ratio to the floor: p50 {statistics.median(ours) / statistics.median(floor):.1f}x, "
          f"p95 {sorted(ours)[int(0.95 * len(ours))] / sorted(floor)[int(0.95 * len(floor))]:.1f}x")

    if args.no_http:
        return
    import httpx

    port = free_port()
    env = dict(os.environ, MATCHER_RATE_LIMIT="off")
    began = time.perf_counter()
    server = subprocess.Popen([sys.executable, "-m", "matcher.cli", "serve", "--db", str(db), "--port", str(port)],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
            while True:
                try:
                    if client.get("/health").status_code == 200:
                        break
                except httpx.TransportError:
                    time.sleep(0.05)
                if time.perf_counter() - began > 600:
                    raise SystemExit("server did not start in 10 minutes")
            server_startup = time.perf_counter() - began
            client.get(f"/profiles/{sample[0]}/matches")
            over_http = []
            for profile_id in sample:
                t0 = time.perf_counter()
                response = client.get(f"/profiles/{profile_id}/matches", params={"limit": 10})
                over_http.append(time.perf_counter() - t0)
                response.raise_for_status()
        memory = rss_mb(server.pid)
        print(f"HTTP GET matches        {percentiles(over_http)}")
        print(f"server start-up (process start to /health): {server_startup:.2f} s")
        print(f"server memory: {memory:.0f} MB RSS, {memory * 1024 / len(ids):.2f} KB per profile")
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
