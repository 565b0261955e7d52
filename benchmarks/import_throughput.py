"""Import throughput with the real bundled model (profiles per second).

    python benchmarks/import_throughput.py [--count 1000]

Generates COUNT synthetic profiles (benchmarks/synthetic.py), imports them into
a fresh temporary database with the embedder of MATCHER_MODEL (default: the
bundled all-MiniLM-L6-v2), and prints the time of each stage and the rate.
Model loading is timed apart: it happens once per process.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from matcher.embedding import load_embedder
from matcher.engine import Matcher
from matcher.settings import Settings
from matcher.storage.store import Store

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import synthetic_profiles  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    source = folder / "profiles.jsonl"
    with open(source, "w", encoding="utf-8") as handle:
        for profile in synthetic_profiles(args.count, seed=11):
            handle.write(json.dumps(profile, ensure_ascii=False) + "\n")
    began = time.perf_counter()
    embedder = load_embedder(Settings.from_env().model)
    loaded = time.perf_counter() - began
    matcher = Matcher(Store(folder / "m.db"), embedder=embedder)
    began = time.perf_counter()
    report = matcher.import_files([source])
    elapsed = time.perf_counter() - began
    texts = matcher.store.embedding_count(embedder.name)
    print(f"model {embedder.name} loaded in {loaded:.1f} s")
    print(f"imported {report.added} profiles ({texts} distinct texts embedded) in {elapsed:.1f} s: "
          f"{report.added / elapsed:.0f} profiles/s")


if __name__ == "__main__":
    main()
