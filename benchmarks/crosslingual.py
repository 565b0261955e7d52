"""Cross-lingual affinity: are a Dutch and a French description of the same
work as close as two English descriptions of it?

    python benchmarks/crosslingual.py [tests/data/parallel_profiles.jsonl]

Uses MATCHER_MODEL (default: the bundled all-MiniLM-L6-v2). Prints mean
affinity (ours: own words + concept vectors from English labels + shared disciplines
and themes) and plain model cosine on the text, per pair kind, and top-1
retrieval of each text's translation.
"""
import json
import sys
from pathlib import Path

from matcher.embedding import load_embedder
from matcher.evaluation import cross_lingual_affinity
from matcher.settings import Settings

PROJECT = Path(__file__).resolve().parent.parent


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else PROJECT / "tests" / "data" / "parallel_profiles.jsonl"
    works = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    embedder = load_embedder(Settings.from_env().model)
    report = cross_lingual_affinity(works, embedder)
    print(f"{report['works']} works, model {embedder.name}")
    print(f"{'pairs':<18}{'our affinity':>14}{'plain cosine':>14}")
    for name in report["affinity"]:
        print(f"{name:<18}{report['affinity'][name]:>14.3f}{report['cosine'][name]:>14.3f}")


if __name__ == "__main__":
    main()
