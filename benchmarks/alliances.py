"""Alliances against two baselines on the demo data, and the time to propose
10 groups of 5 among 2,000 profiles.

    python benchmarks/alliances.py [--region "Brussels Capital Region"] [--size 5] [--count 8]

Part 1 imports data/demo/profiles.jsonl into a temporary database (embedder:
MATCHER_MODEL, default hashing) and proposes groups in the region. Every
group, ours and the baselines', is measured the same plain way: need coverage
(mean over members' needs of how well the best other member meets it,
scoring.need_met), thematic coherence (mean pair affinity), largest distance
between members, and whether every pair is within reach. Baselines, on the
same area, size and count:
- random: disjoint random groups (mean over 20 draws);
- pairwise greedy: every profile with needs seeds a group that grows by the
  candidate with the best mean `score_pair` with the members (within reach),
  disjoint groups taken best first by mean pair score.

Part 2 makes 2,000 synthetic profiles from the demo ones (new ids, points
jittered inside 9 km of Brussels, offers and needs shuffled between
profiles), imports them with the hashing embedder and times
`alliances_in_area(near="Brussel", radius_km=10, size=5, count=10)`.
"""
from __future__ import annotations

import argparse
import copy
import json
import math
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from matcher.alliances.groups import group_components_plainly
from matcher.alliances.proposals import alliances_in_area, profiles_in_area
from matcher.embedding import HashingEmbedder
from matcher.engine import Matcher
from matcher.places.areas import resolve_area
from matcher.profile_files import Record
from matcher.profiles import Profile
from matcher.ranking.scoring import pair_distance_km, score_pair, within_reach
from matcher.storage.store import Store

PROJECT = Path(__file__).resolve().parent.parent
DEMO = PROJECT / "data" / "demo" / "profiles.jsonl"
BRUSSELS = (50.8467, 4.3525)
SYNTHETIC_COUNT = 2000
SYNTHETIC_RADIUS_KM = 9.0
TIME_LIMIT_S = 5.0
RANDOM_DRAWS = 20


# -- measuring a group, the same way for every method ----------------------------------
def measure(members, weights) -> dict:
    components = group_components_plainly(members, weights)
    pairs = [(a, b) for position, a in enumerate(members) for b in members[position + 1:]]
    distances = [d for a, b in pairs if (d := pair_distance_km(a, b)) is not None]
    return {"coverage": components["need_coverage"], "coherence": components["coherence"],
            "max_km": max(distances) if distances else 0.0,
            "in_reach": all(within_reach(a, b, pair_distance_km(a, b)) for a, b in pairs)}


def summary(measured: list[dict]) -> dict:
    if not measured:
        return {"groups": 0, "coverage": math.nan, "coherence": math.nan, "max_km": math.nan, "in_reach": math.nan}
    return {"groups": len(measured), **{key: statistics.fmean(float(m[key]) for m in measured)
                                       for key in ("coverage", "coherence", "max_km", "in_reach")}}


# -- the baselines ----------------------------------------------------------------------
def random_groups(profiles, size: int, count: int, rng: random.Random) -> list[list]:
    shuffled = rng.sample(profiles, len(profiles))
    return [shuffled[i * size:(i + 1) * size] for i in range(min(count, len(profiles) // size))]


def pairwise_greedy_groups(profiles, size: int, count: int, weights) -> list[list]:
    """Groups grown by the best mean pair score with the members; disjoint, best first."""
    n = len(profiles)
    score = [[None] * n for _ in range(n)]
    for i, first in enumerate(profiles):
        for j, second in enumerate(profiles):
            if i != j:
                pair = score_pair(first, second, weights)
                score[i][j] = None if pair is None else pair.score

    def mutual(i, j):
        return None if score[i][j] is None else (score[i][j] + score[j][i]) / 2

    def grow(seed, used):
        group = [seed]
        while len(group) < size:
            best, best_value = None, -1.0
            for candidate in range(n):
                if candidate in used or candidate in group:
                    continue
                values = [mutual(member, candidate) for member in group]
                if any(v is None for v in values):
                    continue
                value = sum(values) / len(values)
                if value > best_value:
                    best, best_value = candidate, value
            if best is None:
                return None
            group.append(best)
        return group

    def value(group):
        pairs = [mutual(a, b) for k, a in enumerate(group) for b in group[k + 1:]]
        return sum(pairs) / len(pairs)

    used: set[int] = set()
    chosen = []
    seeds = [i for i, p in enumerate(profiles) if p.needs]
    while len(chosen) < count:
        grown = [g for seed in seeds if seed not in used and (g := grow(seed, used)) is not None]
        if not grown:
            break
        best = max(grown, key=value)
        chosen.append([profiles[i] for i in best])
        used |= set(best)
    return chosen


# -- part 1 ------------------------------------------------------------------------------
def compare_on_demo(region: str, size: int, count: int) -> None:
    model = os.environ.get("MATCHER_MODEL", "hashing")
    with tempfile.TemporaryDirectory() as folder:
        matcher = Matcher(Store(Path(folder) / "demo.db"), embedder=model)
        report = matcher.import_files([DEMO])
        assert not report.problems, report.problems[:3]
        weights = matcher.weights
        area = resolve_area(region=region)
        profiles = profiles_in_area(matcher, area)
        print(f"Demo data: {len(profiles)} profiles in {region}; groups of {size}, {count} asked; "
              f"embedder {matcher.embedder.name}\n")

        ours = alliances_in_area(matcher, region=region, size=size, count=count)
        our_groups = [matcher.prepared_many([m.id for m in alliance.members]) for alliance in ours.alliances]
        our_measures = [measure(group, weights) for group in our_groups]
        print(f"{'#':>2}  {'need coverage':>13}  {'coherence':>9}  {'largest km':>10}  members")
        for number, (group, measured) in enumerate(zip(our_groups, our_measures), start=1):
            print(f"{number:>2}  {measured['coverage']:>13.2f}  {measured['coherence']:>9.2f}  "
                  f"{measured['max_km']:>10.1f}  {', '.join(p.id for p in group)}")

        rng = random.Random(7)
        random_measures = [measure(group, weights) for _ in range(RANDOM_DRAWS)
                           for group in random_groups(profiles, size, count, rng)]
        started = time.perf_counter()
        greedy_measures = [measure(group, weights) for group in pairwise_greedy_groups(profiles, size, count, weights)]
        greedy_seconds = time.perf_counter() - started

        print(f"\n{'method':<22}{'groups':>7}{'need coverage':>15}{'coherence':>11}{'largest km':>12}"
              f"{'all in reach':>14}")
        rows = [("ours", summary(our_measures)), (f"random (x{RANDOM_DRAWS})", summary(random_measures)),
                ("pairwise greedy", summary(greedy_measures))]
        for name, row in rows:
            groups = row["groups"] if not name.startswith("random") else row["groups"] // RANDOM_DRAWS
            print(f"{name:<22}{groups:>7}{row['coverage']:>15.3f}{row['coherence']:>11.3f}{row['max_km']:>12.1f}"
                  f"{row['in_reach']:>14.0%}")
        ours_row, random_row, greedy_row = (row for _, row in rows)
        beats = ours_row["coverage"] > max(random_row["coverage"], greedy_row["coverage"])
        closer = ours_row["max_km"] <= min(random_row["max_km"], greedy_row["max_km"]) + 1e-9
        print(f"\nours beats both baselines on need coverage: {'yes' if beats else 'NO'}; "
              f"largest distance no worse than either: {'yes' if closer else 'NO'} "
              f"(pairwise greedy took {greedy_seconds:.1f} s)")


# -- part 2 ------------------------------------------------------------------------------
def synthetic_profiles(count: int, seed: int = 1) -> list[dict]:
    """Demo profiles resampled: new ids, points inside the area, offers and needs shuffled between profiles."""
    rng = random.Random(seed)
    demo = [json.loads(line) for line in DEMO.read_text(encoding="utf-8").splitlines() if line.strip()]
    offers = [o for p in demo for o in p.get("offers", [])]
    needs = [n for p in demo for n in p.get("needs", [])]
    made = []
    for number in range(count):
        base = copy.deepcopy(rng.choice(demo))
        item = {k: v for k, v in base.items() if k not in ("contact", "partners", "location")}
        item["id"] = f"syn-{number:05d}"
        item["name"] = f"{base['name']} {number}"
        distance = SYNTHETIC_RADIUS_KM * math.sqrt(rng.random())
        angle = rng.uniform(0, 2 * math.pi)
        item["location"] = {
            "lat": round(BRUSSELS[0] + distance * math.cos(angle) / 111.2, 6),
            "lon": round(BRUSSELS[1] + distance * math.sin(angle) / (111.2 * math.cos(math.radians(BRUSSELS[0]))), 6)}
        if base.get("offers") or base.get("needs"):
            item["offers"] = copy.deepcopy(rng.sample(offers, len(base.get("offers", []))))
            item["needs"] = copy.deepcopy(rng.sample(needs, len(base.get("needs", []))))
        if number and rng.random() < 0.1:
            item["partners"] = [f"syn-{rng.randrange(number):05d}"]
        made.append(item)
    return made


def time_large_area(size: int = 5, count: int = 10) -> None:
    with tempfile.TemporaryDirectory() as folder:
        matcher = Matcher(Store(Path(folder) / "synthetic.db"), embedder=HashingEmbedder())
        started = time.perf_counter()
        records = [Record(Profile.model_validate(p), "synthetic", f"[{i}]")
                   for i, p in enumerate(synthetic_profiles(SYNTHETIC_COUNT))]
        report = matcher.import_records(records)
        assert not report.problems, report.problems[:3]
        matcher.index  # noqa: B018 - built before timing, as in the service
        print(f"\n{SYNTHETIC_COUNT:,} synthetic profiles within {SYNTHETIC_RADIUS_KM:g} km of Brussels imported and "
              f"indexed in {time.perf_counter() - started:.1f} s (hashing embedder)")
        for theme in (None, "jongeren en dans in de stad"):
            started = time.perf_counter()
            result = alliances_in_area(matcher, near="Brussel", radius_km=10, size=size, count=count, theme=theme)
            seconds = time.perf_counter() - started
            coverage = statistics.fmean(a.need_coverage for a in result.alliances)
            verdict = "OK" if seconds < TIME_LIMIT_S else "TOO SLOW"
            print(f"{count} groups of {size} among {result.query['profiles_in_area']:,} profiles"
                  f"{' with theme ' + repr(theme) if theme else ''}: {seconds:.2f} s "
                  f"({verdict}, limit {TIME_LIMIT_S:g} s); {len(result.alliances)} groups, "
                  f"mean need coverage {coverage:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--region", default="Brussels Capital Region")
    parser.add_argument("--size", type=int, default=5)
    parser.add_argument("--count", type=int, default=8)
    args = parser.parse_args()
    compare_on_demo(args.region, args.size, args.count)
    time_large_area()


if __name__ == "__main__":
    sys.exit(main())
