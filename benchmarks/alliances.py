"""Alliances on the demo data, area by area, against random groups; and the time
to propose 10 groups of 5 among 2,000 synthetic profiles.

    python benchmarks/alliances.py [--size 5] [--count 5] [--theme "jongeren en dans"] [--profiles FILE]
                                   [--no-timing]

Part 1 imports data/demo/profiles.jsonl (or FILE: data/alliances_heldout/profiles.jsonl is a set
written apart from the alliance code, to measure on) into a temporary database (embedder:
MATCHER_MODEL, default hashing) and, for Brussels, Mechelen, Leuven, Gent
(each 20 km around the town, Brussels the region) and Limburg, proposes
groups twice: without a theme and with `--theme`. Every group is measured
the same plain way (`scoring.need_met`), against random groups of the same
size drawn from the same area's profiles in the same run (RANDOM_DRAWS per
group, seeded):

- needs met: the share of members' stated needs that another member of the
  group meets at `met_threshold` or better;
- idle: members that meet no other member's need and have none of their own
  met (must be 0);
- theme: with the theme, the share of members that match it
  (`proposals.matches_theme`: its themes, disciplines or audiences).

Part 2 makes 2,000 profiles with benchmarks/synthetic.py (across Belgium,
weighted by population), imports them with the hashing embedder, and times
`alliances_in_area(size=5, count=10)` everywhere and around Brussels, with
and without a theme (limit: 5 s each).
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from matcher.alliances.groups import gives_or_gets_plainly
from matcher.alliances.proposals import alliances_in_area, matches_theme, profiles_in_area, theme_keys, theme_profile
from matcher.embedding import HashingEmbedder
from matcher.engine import Matcher
from matcher.places.areas import resolve_area
from matcher.profile_files import Record
from matcher.profiles import Profile
from matcher.ranking.scoring import need_met
from matcher.storage.store import Store

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import synthetic_profiles  # noqa: E402

PROJECT = Path(__file__).resolve().parent.parent
DEMO = PROJECT / "data" / "demo" / "profiles.jsonl"
AREAS = {"Brussels": {"region": "Brussels Capital Region"},
         "Mechelen": {"near": "Mechelen", "radius_km": 20},
         "Leuven": {"near": "Leuven", "radius_km": 20},
         "Gent": {"near": "Gent", "radius_km": 20},
         "Limburg": {"region": "Limburg"}}
SYNTHETIC_COUNT = 2000
TIME_LIMIT_S = 5.0
RANDOM_DRAWS = 50


def needs_met(members, weights) -> tuple[int, int]:
    """How many of the members' needs another member meets at the threshold, of how many."""
    threshold = weights.alliances.met_threshold
    met = total = 0
    for member in members:
        for need in member.needs:
            total += 1
            met += any(need_met(need, member, other, weights).score >= threshold
                       for other in members if other is not member)
    return met, total


def share(pairs) -> float:
    met, total = map(sum, zip(*pairs)) if pairs else (0, 0)
    return met / total if total else float("nan")


def idle_members(members, weights) -> int:
    return sum(not gives_or_gets_plainly(m, [o for o in members if o is not m], weights) for m in members)


def compare_in_areas(size: int, count: int, theme: str, path: Path = DEMO) -> None:
    model = os.environ.get("MATCHER_MODEL", "hashing")
    with tempfile.TemporaryDirectory() as folder:
        matcher = Matcher(Store(Path(folder) / "areas.db"), embedder=model)
        report = matcher.import_files([path])
        assert not report.problems, report.problems[:3]
        weights = matcher.weights
        keys = theme_keys(theme_profile(matcher, theme))
        print(f"{path.relative_to(PROJECT) if path.is_relative_to(PROJECT) else path}, groups of {size}, {count} "
              f"asked, embedder {matcher.embedder.name}; "
              f"random: {RANDOM_DRAWS} groups of the same size from the same area per group\n")
        print(f"{'area':<10}{'theme':>7}{'profiles':>9}{'groups':>7}{'members':>8}{'needs met':>10}"
              f"{'random':>8}{'gain':>7}{'idle':>6}{'on theme':>9}{'random':>8}")
        gains, idle_total = [], 0
        for name, area in AREAS.items():
            profiles = profiles_in_area(matcher, resolve_area(**area))
            for asked in (None, theme):
                result = alliances_in_area(matcher, size=size, count=count, theme=asked, **area)
                groups = [matcher.prepared_many([m.id for m in a.members]) for a in result.alliances]
                rng = random.Random(7)
                drawn = [rng.sample(profiles, len(group)) for group in groups for _ in range(RANDOM_DRAWS)]
                ours, chance = share([needs_met(g, weights) for g in groups]), share(
                    [needs_met(g, weights) for g in drawn])
                idle = sum(idle_members(g, weights) for g in groups)
                idle_total += idle
                members = sum(len(g) for g in groups)
                on_theme = random_on_theme = ""
                if asked:
                    on_theme = f"{sum(matches_theme(m, keys) for g in groups for m in g) / members:.2f}" if members \
                        else "-"
                    random_on_theme = f"{sum(matches_theme(m, keys) for m in profiles) / len(profiles):.2f}" \
                        if profiles else "-"
                if groups:
                    gains.append(ours - chance)
                print(f"{name:<10}{'yes' if asked else 'no':>7}{len(profiles):>9}{len(groups):>7}{members:>8}"
                      f"{ours:>10.2f}{chance:>8.2f}{ours - chance:>+7.2f}{idle:>6}{on_theme:>9}{random_on_theme:>8}")
        print(f"\nidle members in all areas: {idle_total} ({'OK' if idle_total == 0 else 'NOT 0'}); "
              f"mean gain in needs met over random groups: {statistics.fmean(gains):+.2f}")
        print(f"theme: {theme!r}, read as {', '.join(sorted(key for _, key in keys))}; 'on theme' is the share of "
              f"members matching it, 'random' the share of the area's profiles that do")


def time_large_area(size: int = 5, count: int = 10, theme: str = "jongeren en dans") -> None:
    with tempfile.TemporaryDirectory() as folder:
        matcher = Matcher(Store(Path(folder) / "synthetic.db"), embedder=HashingEmbedder())
        started = time.perf_counter()
        records = [Record(Profile.model_validate(p), "synthetic", f"[{i}]")
                   for i, p in enumerate(synthetic_profiles(SYNTHETIC_COUNT, seed=5))]
        report = matcher.import_records(records)
        assert not report.problems, report.problems[:3]
        matcher.index  # noqa: B018 - built before timing, as in the service
        print(f"\n{SYNTHETIC_COUNT:,} synthetic profiles (benchmarks/synthetic.py) imported and indexed in "
              f"{time.perf_counter() - started:.1f} s (hashing embedder)")
        for area in ({}, {"near": "Brussel", "radius_km": 30}):
            for asked in (None, theme):
                started = time.perf_counter()
                result = alliances_in_area(matcher, size=size, count=count, theme=asked, **area)
                seconds = time.perf_counter() - started
                groups = [matcher.prepared_many([m.id for m in a.members]) for a in result.alliances]
                idle = sum(idle_members(g, matcher.weights) for g in groups)
                verdict = "OK" if seconds < TIME_LIMIT_S else "TOO SLOW"
                print(f"{count} groups of {size} among {result.query['profiles_in_area']:,} profiles "
                      f"({result.query['area']}{', theme ' + repr(asked) if asked else ''}): {seconds:.2f} s "
                      f"({verdict}, limit {TIME_LIMIT_S:g} s); {len(result.alliances)} groups, "
                      f"needs met {share([needs_met(g, matcher.weights) for g in groups]):.2f}, idle {idle}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=5)
    parser.add_argument("--count", type=int, default=5)
    parser.add_argument("--theme", default="jongeren en dans")
    parser.add_argument("--profiles", type=Path, default=DEMO, help="the profiles to propose groups among")
    parser.add_argument("--no-timing", action="store_true", help="leave out the 2,000 synthetic profiles")
    args = parser.parse_args()
    compare_in_areas(args.size, args.count, args.theme, args.profiles.resolve())
    if not args.no_timing:
        time_large_area()


if __name__ == "__main__":
    sys.exit(main())
