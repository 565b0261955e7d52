"""Alliances as a coordinator asks for them and sees them: the entry points (an area, a size, a
count, a theme), checked at the boundary, and the result shape (members, ties, open needs,
reasons). The search itself is in `groups.py`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Mapping, Sequence

import numpy as np

from matcher.alliances.groups import IMPROVEMENT, Pool, find_groups, group_score, most_relevant
from matcher.alliances.reasons import LANGUAGES, alliance_reasons, brings_and_receives, shared_theme_keys, theme_labels
from matcher.engine import InvalidRequest
from matcher.places.areas import Area, resolve_area
from matcher.ranking.scoring import affinity, need_met, pair_distance_km
from matcher.ranking.weights import Weights, load_weights
from matcher.understanding.lexicon import lexicon
from matcher.understanding.preparation import Prepared

if TYPE_CHECKING:
    from matcher.engine import Matcher

MIN_SIZE, MAX_SIZE = 3, 8
MAX_COUNT = 20
MAX_THEME_CHARS = 1000

# -- the result shape --------------------------------------------------------
@dataclass
class Member:
    """A member of an alliance, with what it brings to others and receives from them."""

    id: str
    name: str
    kind: str
    municipality: str | None
    brings: list[str]
    receives: list[str]

    def as_dict(self) -> dict:
        return {"id": self.id, "name": self.name, "kind": self.kind, "municipality": self.municipality,
                "brings": self.brings, "receives": self.receives}


@dataclass
class Edge:
    """Who helps whom: `giver` meets a need of `taker` with an offer of `type` (or its audiences)."""

    giver: str
    taker: str
    type: str
    need: str
    score: float

    def as_dict(self) -> dict:
        return {"from": self.giver, "to": self.taker, "type": self.type, "need": self.need,
                "score": round(self.score, 4)}


@dataclass
class OpenNeed:
    """A member's need that no other member meets well enough; `met` is the best partial score."""

    member: str
    type: str
    met: float

    def as_dict(self) -> dict:
        return {"member": self.member, "type": self.type, "met": round(self.met, 4)}


@dataclass
class Alliance:
    """A proposed group: its members, score and components, ties, shared themes and open needs."""

    members: list[Member]
    score: float
    components: dict[str, float]
    edges: list[Edge]
    shared_themes: list[str]
    open_needs: list[OpenNeed]
    max_distance_km: float | None
    reasons: list[str]
    language: str = "en"

    @property
    def need_coverage(self) -> float:
        return self.components["need_coverage"]

    @property
    def coherence(self) -> float:
        return self.components["coherence"]

    def as_dict(self) -> dict:
        return {
            "members": [m.as_dict() for m in self.members],
            "score": round(self.score, 4),
            "need_coverage": round(self.need_coverage, 4),
            "coherence": round(self.coherence, 4),
            "components": {name: round(value, 4) for name, value in self.components.items()},
            "max_distance_km": None if self.max_distance_km is None else round(self.max_distance_km, 1),
            "shared_themes": self.shared_themes,
            "edges": [e.as_dict() for e in self.edges],
            "open_needs": [o.as_dict() for o in self.open_needs],
            "reasons": self.reasons,
        }


@dataclass
class AllianceResult:
    """The request as understood, and the proposed alliances, best first."""

    query: dict
    alliances: list[Alliance] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"query": self.query, "alliances": [a.as_dict() for a in self.alliances]}


def describe(pool: Pool, group: Sequence[int], language: str, theme: Prepared | None = None) -> Alliance:
    """An alliance from a group of pool members: who meets which need (each need by the member that
    meets it best; among equals, the one that brings least so far), what stays open, and the
    sentences that say so."""
    weights = pool.weights
    threshold = weights.alliances.met_threshold
    members = [pool.profiles[i] for i in group]
    helps, open_needs = [], []
    gives = dict.fromkeys(group, 0)
    for i, member in zip(group, members):
        for row in pool.rows_of[i]:
            scores = {j: pool.pairs.need_met[row, j] for j in group if j != i}
            best = max(scores.values())
            # among the members that meet it best, the one that brings least so far
            giver_index = min((j for j, score in scores.items() if score >= best - IMPROVEMENT), key=gives.get)
            giver = pool.profiles[giver_index]
            met = need_met(pool.pairs.needs[row], member, giver, weights)
            if met.score >= threshold:
                helps.append((giver, member, met))
                gives[giver_index] += 1
            else:
                open_needs.append((member, met.need, met.score))
    asked_themes = frozenset() if theme is None else theme.themes
    shared = shared_theme_keys(members, asked_themes)
    distances = [d for position, a in enumerate(members) for b in members[position + 1:]
                 if (d := pair_distance_km(a, b)) is not None]
    max_km = max(distances) if distances else None
    listed = []
    for member in members:
        brings, receives = brings_and_receives(member, helps, language)
        listed.append(Member(member.id, member.name, member.kind, member.municipality, brings, receives))
    components = pool.components(group)
    return Alliance(
        members=listed, score=group_score(components, weights), components=components,
        edges=[Edge(giver.id, taker.id, met.offer.type if met.offer else "audience_reach", met.need.type, met.score)
               for giver, taker, met in helps],
        shared_themes=theme_labels(shared, language),
        open_needs=[OpenNeed(member.id, need.type, score) for member, need, score in open_needs],
        max_distance_km=max_km,
        reasons=alliance_reasons(members, helps, [(m, n) for m, n, _ in open_needs], shared, max_km, language),
        language=language)


# -- the entry points ----------------------------------------------------------
def check_whole_number(value, name: str, low: int, high: int) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise InvalidRequest(name, f"must be a whole number from {low} to {high}; got {value!r}")
    return value


def check_language(language: str) -> str:
    if language not in LANGUAGES:
        raise InvalidRequest("language", f"must be one of 'nl', 'fr', 'en'; got {language!r}")
    return language


def propose_alliances(profiles: Sequence[Prepared], size: int = 5, count: int = 5, theme: Prepared | None = None,
                      language: str = "en", types: Mapping[str, str | None] | None = None,
                      weights: Weights | None = None, max_groups_per_profile: int = 1) -> list[Alliance]:
    """Up to `count` alliances of `size` among `profiles`, best first (fewer when the profiles do not
    allow more). `types` gives profiles' finer kinds (community_centre, ...) where known."""
    check_whole_number(size, "size", MIN_SIZE, MAX_SIZE)
    check_whole_number(count, "count", 1, MAX_COUNT)
    check_whole_number(max_groups_per_profile, "max_groups_per_profile", 1, MAX_COUNT)
    check_language(language)
    weights = weights or load_weights()
    profiles = sorted(profiles, key=lambda p: p.id)
    theme_fit = None if theme is None else np.array([affinity(theme, p, weights) for p in profiles])
    chosen = most_relevant(profiles, weights.alliances.pool_limit, weights, theme_fit)
    pool = Pool([profiles[i] for i in chosen], weights, theme, types)
    groups = find_groups(pool, size, count, max_groups_per_profile)
    return [describe(pool, group, language, theme) for group in groups]


def theme_profile(matcher: "Matcher", theme: str | None) -> Prepared | None:
    """The theme as a query profile, embedded with the matcher's embedder; its theme keys from the lexicon."""
    if theme is None or not theme.strip():
        return None
    if len(theme) > MAX_THEME_CHARS:
        raise InvalidRequest("theme", f"is {len(theme):,} characters; at most {MAX_THEME_CHARS:,} allowed")
    prepared = matcher.query_profile(theme)
    prepared.themes = prepared.themes | frozenset(lexicon().concepts(theme, "themes"))
    return prepared


def profile_types(matcher: "Matcher") -> dict[str, str | None]:
    """Each stored profile's finer kind (community_centre, company, ...), None where not given."""
    return matcher.store.profile_types()


def profiles_in_area(matcher: "Matcher", area: Area) -> list[Prepared]:
    """The stored profiles in an area: the index narrows them down, `area.contains` decides."""
    index = matcher.index
    if area.centre is not None:
        ids = index.ids_within(area.centre[0], area.centre[1], area.radius_km + 0.01)
    elif area.municipalities is not None:
        ids = index.ids_in_municipalities(area.municipalities)
    else:
        ids = index.live_ids()
    return [profile for profile in matcher.prepared_many(sorted(ids)) if area.contains(profile)]


def alliances_in_area(matcher: "Matcher", near: str | None = None, radius_km: float | None = None,
                      municipalities: Sequence[str] | None = None, region: str | None = None,
                      size: int = 5, count: int = 5, theme: str | None = None, language: str = "en",
                      max_groups_per_profile: int = 1) -> AllianceResult:
    """Proposed alliances among the stored profiles of an area (a place and radius, municipalities,
    a region or province, or everywhere), optionally around a theme in nl, fr or en."""
    check_whole_number(size, "size", MIN_SIZE, MAX_SIZE)
    check_whole_number(count, "count", 1, MAX_COUNT)
    check_language(language)
    area = resolve_area(near, radius_km, municipalities, region)
    asked = theme_profile(matcher, theme)
    profiles = profiles_in_area(matcher, area)
    alliances = propose_alliances(profiles, size, count, asked, language, profile_types(matcher), matcher.weights,
                                  max_groups_per_profile)
    query = {"area": area.label, "near": near, "radius_km": area.radius_km, "municipalities": municipalities,
             "region": region, "size": size, "count": count, "theme": theme, "language": language,
             "profiles_in_area": len(profiles)}
    return AllianceResult(query, alliances)


__all__ = ["Alliance", "AllianceResult", "Edge", "Member", "OpenNeed", "alliances_in_area", "propose_alliances"]
