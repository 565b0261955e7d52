"""Realistic synthetic profiles for benchmarks: the demo profiles resampled.

    python benchmarks/synthetic.py N OUT.jsonl [--seed 1]

Each synthetic profile copies a random demo profile's kind, type, fields and
description sentences (mixed with another profile's of the same language),
gets a new id, a municipality drawn by population across Belgium with a
jittered point, shifted periods and amounts, and partners among earlier ids.
"""
from __future__ import annotations

import argparse
import copy
import csv
import json
import random
import re
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
DEMO = PROJECT / "data" / "demo" / "profiles.jsonl"
MUNICIPALITIES = PROJECT / "data" / "geo" / "be_municipalities.csv"


def load_demo() -> list[dict]:
    return [json.loads(line) for line in DEMO.read_text(encoding="utf-8").splitlines() if line.strip()]


def load_places() -> tuple[list[dict], list[int]]:
    with open(MUNICIPALITIES, encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return rows, [int(r["population_2020"] or 1) for r in rows]


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", text or "") if s]


def synthetic_profiles(count: int, seed: int = 1):
    rng = random.Random(seed)
    demo = load_demo()
    by_language: dict[str, list[dict]] = {}
    for item in demo:
        by_language.setdefault((item.get("languages") or ["en"])[0], []).append(item)
    places, weights = load_places()
    for number in range(count):
        base = copy.deepcopy(rng.choice(demo))
        other = rng.choice(by_language.get((base.get("languages") or ["en"])[0], demo))
        profile = {key: value for key, value in base.items() if key not in ("partners", "contact", "location")}
        profile["id"] = f"syn-{number:07d}"
        profile["name"] = f"{base['name']} {number}"
        if base.get("description"):
            mixed = sentences(base["description"])[:3] + sentences(other.get("description", ""))[3:5]
            profile["description"] = " ".join(mixed)[:10_000]
        place = rng.choices(places, weights)[0]
        profile["location"] = {"lat": round(float(place["lat"]) + rng.uniform(-0.02, 0.02), 5),
                               "lon": round(float(place["lon"]) + rng.uniform(-0.03, 0.03), 5)}
        shift = rng.choice([0, 0, 0, 1, 2])
        for key in ("offers", "needs"):
            for item in profile.get(key, []):
                if "period" in item and shift:
                    for end in ("start", "end"):
                        year, rest = item["period"][end].split("-", 1)
                        item["period"][end] = f"{int(year) + shift}-{rest}".replace("-02-29", "-02-28")
                if "amount_eur" in item:
                    item["amount_eur"] = int(item["amount_eur"] * rng.uniform(0.5, 1.5))
        if number and rng.random() < 0.15:
            profile["partners"] = [f"syn-{rng.randrange(number):07d}" for _ in range(rng.randint(1, 3))]
        yield profile


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("out")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with open(args.out, "w", encoding="utf-8") as handle:
        for profile in synthetic_profiles(args.count, args.seed):
            handle.write(json.dumps(profile, ensure_ascii=False) + "\n")
    print(f"wrote {args.count} profiles to {args.out}")


if __name__ == "__main__":
    main()
