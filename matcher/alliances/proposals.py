"""Alliances as a coordinator asks for them and sees them: the entry points (an area, a size, a
count, a theme), checked at the boundary, and the result shape (members, ties, open needs,
reasons). The search itself is in `groups.py`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Mapping, Sequence

import numpy as np

from matcher.alliances.groups import IMPROVEMENT, Pool, find_groups, group_score, is_big, most_relevant
from matcher.alliances.reasons import (LANGUAGES, TEXTS, alliance_reasons, brings_and_receives, count_notes,
                                       is_real_theme, shared_theme_keys, size_note, theme_key_labels, theme_labels)
from matcher.engine import InvalidRequest
from matcher.places.areas import Area, resolve_area
from matcher.ranking.scoring import affinity, are_partners, need_met, pair_distance_km, within_reach
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
    """Who helps whom: `giver` meets a need of `taker` with an offer of `type` (or its audiences);
    `new` is False when the two already work together (partners, or an accepted introduction)."""

    giver: str
    taker: str
    type: str
    need: str
    score: float
    new: bool = True

    def as_dict(self) -> dict:
        return {"from": self.giver, "to": self.taker, "type": self.type, "need": self.need,
                "score": round(self.score, 4), "new": self.new}


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
    theme_members: int | None = None  # members that match the asked theme (None without a theme)

    @property
    def new_ties(self) -> int:
        """Pairs of members the group ties that do not work together yet; existing partners and
        accepted introductions may be in the group but are not counted."""
        return len({frozenset((e.giver, e.taker)) for e in self.edges if e.new})

    @property
    def existing_ties(self) -> int:
        return len({frozenset((e.giver, e.taker)) for e in self.edges if not e.new})

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
            "theme_members": self.theme_members,
            "new_ties": self.new_ties,
            "existing_ties": self.existing_ties,
            "edges": [e.as_dict() for e in self.edges],
            "open_needs": [o.as_dict() for o in self.open_needs],
            "reasons": self.reasons,
        }


@dataclass
class AllianceResult:
    """The request as understood, and the proposed alliances, best first."""

    query: dict
    alliances: list[Alliance] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # why fewer groups than asked, in the request's language

    def as_dict(self) -> dict:
        return {"query": self.query, "alliances": [a.as_dict() for a in self.alliances], "notes": self.notes}


def describe(pool: Pool, group: Sequence[int], language: str, theme: Prepared | None = None,
             size: int | None = None) -> Alliance:
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
    # a member that gives or gets inside the group (the search sees to it) but met no need best, and
    # has none of its own met: it is named beside the best giver of the need it meets best
    served = {taker.id for _, taker, _ in helps} | {giver.id for giver, _, _ in helps}
    for j, giver in zip(group, members):
        if giver.id in served:
            continue
        rows = [(row, i) for i in group if i != j for row in pool.rows_of[i]]
        if not rows:
            continue
        row, i = max(rows, key=lambda item: pool.pairs.need_met[item[0], j])
        met = need_met(pool.pairs.needs[row], pool.profiles[i], giver, weights)
        if met.score >= threshold:
            helps.append((giver, pool.profiles[i], met))
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
    theme_members = None
    if theme is not None and (keys := theme_keys(theme)):
        theme_members = sum(matches_theme(member, keys) for member in members)
    return Alliance(
        theme_members=theme_members,
        members=listed, score=group_score(components, weights), components=components,
        edges=[Edge(giver.id, taker.id, met.offer.type if met.offer else "audience_reach", met.need.type, met.score,
                    not are_partners(giver, taker))
               for giver, taker, met in helps],
        shared_themes=theme_labels(shared, language),
        open_needs=[OpenNeed(member.id, need.type, score) for member, need, score in open_needs],
        max_distance_km=max_km,
        reasons=alliance_reasons(members, helps, [(m, n) for m, n, _ in open_needs], shared, max_km, language)
        + size_note(len(members), size or len(members), language)
        + ([] if theme_members is None else
           [TEXTS[language]["theme_members"].format(n=theme_members, k=len(members))]),
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


THEME_SECTIONS = ("themes", "disciplines", "audiences")


def theme_keys(theme: Prepared) -> frozenset[tuple[str, str]]:
    """What an asked theme is about, as (section, key) of the lexicon: its themes (places left out:
    "Brussel" is where, not what), disciplines and audiences, read in nl, fr or en alike."""
    return frozenset({("themes", key) for key in theme.themes if is_real_theme(key)}
                     | {("disciplines", key) for key in theme.disciplines}
                     | {("audiences", key) for key in theme.audiences})


def matches_theme(profile: Prepared, keys: frozenset[tuple[str, str]]) -> bool:
    """Whether a profile holds one of the theme's themes, disciplines or audiences."""
    return any(key in getattr(profile, section) for section, key in keys)


def propose_alliances(profiles: Sequence[Prepared], size: int = 5, count: int = 5, theme: Prepared | None = None,
                      language: str = "en", types: Mapping[str, str | None] | None = None,
                      weights: Weights | None = None, max_groups_per_profile: int = 1,
                      pinned: Sequence[str] = (), excluded: Sequence[str] = (), skip: int = 0) -> list[Alliance]:
    """Up to `count` alliances of `size` among `profiles`, best first (fewer when the profiles do not
    allow more). `types` gives profiles' finer kinds (community_centre, ...) where known; `pinned`
    profiles are in every group, `excluded` ones in none, and the first `skip` proposals are left out."""
    return propose(profiles, size, count, theme, language, types, weights, max_groups_per_profile,
                   pinned=pinned, excluded=excluded, skip=skip)[0]


def propose(profiles: Sequence[Prepared], size: int = 5, count: int = 5, theme: Prepared | None = None,
            language: str = "en", types: Mapping[str, str | None] | None = None, weights: Weights | None = None,
            max_groups_per_profile: int = 1, centre: tuple[float, float, float] | None = None,
            pinned: Sequence[str] = (), excluded: Sequence[str] = (),
            skip: int = 0) -> tuple[list[Alliance], list[str]]:
    """`propose_alliances`, with the notes that say why the answer is what it is. With a theme, the
    groups are drawn among the profiles that match it (`matches_theme`) first; when these allow fewer
    groups than asked, the others are drawn from the rest, and a note says that too few match. With
    a `centre` (lat, lon, radius_km of a place asked), the profiles of the place come first.
    `pinned` profiles are in every group, `excluded` ones in none; `skip` leaves out the first
    proposals (the next proposal after those seen)."""
    check_whole_number(size, "size", MIN_SIZE, MAX_SIZE)
    check_whole_number(count, "count", 1, MAX_COUNT)
    check_whole_number(max_groups_per_profile, "max_groups_per_profile", 1, MAX_COUNT)
    check_whole_number(skip, "skip", 0, MAX_COUNT)
    check_language(language)
    weights = weights or load_weights()
    pinned, excluded = check_ids(pinned, "pinned"), check_ids(excluded, "excluded")
    if len(pinned) > size:
        raise InvalidRequest("pinned", f"{len(pinned)} members pinned; at most the group size ({size})")
    by_id = {p.id: p for p in profiles}
    for profile_id in pinned:
        if profile_id not in by_id:
            raise InvalidRequest("pinned", f"{profile_id!r} is not among the profiles of the area")
        if profile_id in excluded:
            raise InvalidRequest("excluded", f"{profile_id!r} is pinned too; a member is pinned or excluded")
    check_pinned_fit([by_id[i] for i in pinned], weights, types)
    profiles = sorted((p for p in profiles if p.id not in excluded), key=lambda p: p.id)
    wanted_total = count + skip

    def search(among: list[Prepared], wanted: int) -> list[Alliance]:
        among = sorted({p.id: p for p in [*among, *(by_id[i] for i in pinned)]}.values(), key=lambda p: p.id)
        if len(among) < min(MIN_SIZE, size):
            return []
        theme_fit = None if theme is None else np.array([affinity(theme, p, weights) for p in among])
        chosen = set(most_relevant(among, weights.alliances.pool_limit, weights, theme_fit))
        chosen |= {position for position, p in enumerate(among) if p.id in pinned}
        members = [among[i] for i in sorted(chosen)]
        pool = Pool(members, weights, theme, types, centre)
        pinned_at = [position for position, p in enumerate(members) if p.id in pinned]
        groups = find_groups(pool, size, wanted, max_groups_per_profile, pinned_at)
        return [describe(pool, group, language, theme, size) for group in groups]

    keys = frozenset() if theme is None else theme_keys(theme)
    if theme is None or not keys:
        notes = [] if theme is None else [TEXTS[language]["theme_unknown"]]
        return search(profiles, wanted_total)[skip:], notes
    matching = [p for p in profiles if matches_theme(p, keys)]
    alliances = search(matching, wanted_total)
    notes = []
    if len(alliances) < wanted_total:
        notes.append(TEXTS[language]["theme_few"].format(n=len(matching), keys=theme_key_labels(keys, language)))
        used = {member.id for alliance in alliances for member in alliance.members} - set(pinned)
        alliances += search([p for p in profiles if p.id not in used], wanted_total - len(alliances))
    return alliances[skip:], notes


def check_ids(ids: Sequence[str] | None, name: str) -> list[str]:
    """A list of profile ids, each once."""
    if ids is None:
        return []
    if isinstance(ids, str) or not all(isinstance(i, str) and i for i in ids):
        raise InvalidRequest(name, f"must be a list of profile ids; got {ids!r}")
    return list(dict.fromkeys(ids))


def check_pinned_fit(pinned: Sequence[Prepared], weights: Weights, types: Mapping[str, str | None] | None) -> None:
    """Pinned members must be able to share a group: within each other's reach, few enough big ones."""
    for position, first in enumerate(pinned):
        for second in pinned[position + 1:]:
            if not within_reach(first, second, pair_distance_km(first, second)):
                raise InvalidRequest("pinned", f"{first.id!r} and {second.id!r} are not within each other's reach")
    big = [p.id for p in pinned if is_big(p, (types or {}).get(p.id))]
    if len(big) > weights.alliances.max_big_members:
        raise InvalidRequest("pinned", f"{', '.join(map(repr, big))} are big members (centres, venues); "
                                       f"a group holds at most {weights.alliances.max_big_members}")


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
                      max_groups_per_profile: int = 1, pinned: Sequence[str] | None = None,
                      excluded: Sequence[str] | None = None, skip: int = 0) -> AllianceResult:
    """Proposed alliances among the stored profiles of an area (a place and radius, municipalities,
    a region or province, or everywhere), optionally around a theme in nl, fr or en; `pinned`
    profiles in every group, `excluded` ones in none, the first `skip` proposals left out."""
    check_whole_number(size, "size", MIN_SIZE, MAX_SIZE)
    check_whole_number(count, "count", 1, MAX_COUNT)
    check_whole_number(skip, "skip", 0, MAX_COUNT)
    check_language(language)
    pinned, excluded = check_ids(pinned, "pinned"), check_ids(excluded, "excluded")
    for name, ids in (("pinned", pinned), ("excluded", excluded)):
        for profile_id in ids:
            if profile_id not in matcher.index:
                raise InvalidRequest(name, f"unknown profile {profile_id!r}")
    area = resolve_area(near, radius_km, municipalities, region)
    asked = theme_profile(matcher, theme)
    profiles = profiles_in_area(matcher, area)
    outside = [profile_id for profile_id in pinned if profile_id not in {p.id for p in profiles}]
    if outside:
        raise InvalidRequest("pinned", f"{outside[0]!r} is not in the area ({area.label})")
    centre = None if area.centre is None else (area.centre[0], area.centre[1], area.radius_km)
    alliances, notes = propose(profiles, size, count, asked, language, profile_types(matcher), matcher.weights,
                               max_groups_per_profile, centre, pinned, excluded, skip)
    query = {"area": area.label, "near": near, "radius_km": area.radius_km, "municipalities": municipalities,
             "region": region, "size": size, "count": count, "theme": theme, "language": language,
             "pinned": pinned, "excluded": excluded, "skip": skip,
             "profiles_in_area": len(profiles)}
    return AllianceResult(query, alliances, notes + count_notes(len(alliances), count, size, language, skip))


__all__ = ["Alliance", "AllianceResult", "Edge", "Member", "OpenNeed", "alliances_in_area", "propose",
           "propose_alliances"]
