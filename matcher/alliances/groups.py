"""The group search: small groups in an area that together have what each member lacks.

A coordinator asks for `count` groups of `size` members in an area,
optionally around a theme. The search is meant to be explained, so it is a
plain greedy search over one score:

1. Pool. The profiles in the area, at most `pool_limit` of them: the most
   relevant to the theme and to each other's needs (how well the area meets
   a profile's needs, or how many of the area's needs it meets). Beyond a few
   hundred profiles a larger pool only adds near-copies of the groups found.
2. Pair matrices for the pool (`pairwise.py`): who meets which need and how
   well (exactly `scoring.need_met`), affinity, distance, reach, partners.
3. Growth. Every pool member with needs seeds a group, which grows one member
   at a time by the candidate that raises the group score most, among those
   within reach of every member, within the cap on big members, and that
   give to or get from a member (every member not yet giving or getting
   inside the group must be served by, or serve, the newcomer): so every
   member of a group gives or gets, always. A group that cannot grow that
   way stops smaller (at least `MIN_MEMBERS`), or is not proposed.
4. Choice. The best group is taken, improved by swapping a member in or out
   while that raises its score, and its members are then used up; a group
   that lost a member to it is grown again without them. Until `count`.

The group score (`group_score`) is the weighted mean of its components,
weights in models/weights.json under "alliances":

- need_coverage: mean over the members' needs of how well the best other
  member meets it; an audience_reach need is met by a member whose
  audiences include those asked, as for pairs;
- coherence: mean affinity of member pairs; theme: mean affinity of the
  members to the asked theme (only with a theme);
- mix: how many of the roles space, makers, audiences and money are present;
- involvement: share of members who give or get at least one need met
  (always 1 in a proposed group: see Growth);
- proximity: mean distance score of member pairs; every pair must also be
  within both sides' max_distance_km;
- novelty: share of member pairs that are not partners yet;
- centre: with a place and radius, how close the members are to the place
  (1 at the place, 0 at the edge of the radius; `centre_closeness`), so the
  place's own profiles come first (weight `CENTRE_WEIGHT`).

Opportunity is spread two ways. No profile is in more than one proposed group
(`max_groups_per_profile`, 1 by default): the centre that could host every
group hosts one. And a group holds at most `max_big_members` big members
(cultural and community centres, venues), so every group gets its own and
the other seats go to companies, artists, youth and social organisations,
schools. A cap is a rule a coordinator can check at a glance, where a
penalty on popular profiles would shift scores in ways nobody can see.
"""
from __future__ import annotations

import heapq
from typing import Mapping, Sequence

import numpy as np

from matcher.places.gazetteer import distance_km
from matcher.ranking.pairwise import need_matrix, pairwise
from matcher.ranking.scoring import affinity, are_partners, distance_score, need_met, pair_distance_km, within_reach
from matcher.ranking.weights import Weights, load_weights
from matcher.understanding.preparation import Prepared

ROLES = ("space", "makers", "audiences", "money")
SPACE_TYPES = frozenset({"rehearsal_space", "performance_venue", "exhibition_space", "residency"})
AUDIENCE_TYPES = frozenset({"audience_reach", "school_network", "audience_mediation", "workshops"})
MAKING_TYPES = frozenset({"artistic_collaboration"})  # an organisation that offers this makes work too
BIG_TYPES = frozenset({"cultural_centre", "community_centre", "venue"})
ROOMS = frozenset({"rehearsal_space", "performance_venue", "exhibition_space"})
# Meeting this many of the area's needs makes a profile fully relevant as a giver.
NEEDS_MET_FOR_FULL_RELEVANCE = 3
IMPROVEMENT = 1e-9
MIN_MEMBERS = 3
# The weight of the centre component beside those of models/weights.json (alliances.score): on the demo
# data, 0.15 (the theme's) still left Leuven's groups to Overijse and Vilvoorde; at 0.5 each group around
# Mechelen or Leuven holds the town's own profiles, at no cost in needs met.
CENTRE_WEIGHT = 0.5



# -- the members -------------------------------------------------------------
def roles_of(profile: Prepared) -> frozenset[str]:
    """What a profile brings to a group: space, makers (artists, or who offers to make work together),
    audiences, money."""
    offered = {offer.type for offer in profile.offers}
    roles = set()
    if offered & SPACE_TYPES:
        roles.add("space")
    if profile.kind == "artist" or offered & MAKING_TYPES:
        roles.add("makers")
    if offered & AUDIENCE_TYPES or profile.kind == "organisation" and profile.audiences and not profile.offers:
        roles.add("audiences")
    if "coproduction_budget" in offered:
        roles.add("money")
    return frozenset(roles)


def is_big(profile: Prepared, profile_type: str | None = None) -> bool:
    """A cultural or community centre or a venue: by its type; without one, an organisation offering a room."""
    if profile.kind != "organisation":
        return False
    if profile_type is not None:
        return profile_type in BIG_TYPES
    return any(offer.type in ROOMS for offer in profile.offers)


def role_mix(roles_present, size: int):
    """Roles present out of as many as a group of this size can hold (all four from four members on)."""
    most = min(len(ROLES), size)
    return np.minimum(roles_present, most) / most


# -- the score ---------------------------------------------------------------
def group_score(components: Mapping[str, float], weights: Weights | None = None) -> float:
    """The group score: weighted mean of the components present (weights.alliances.score);
    the components may be numbers, or numpy arrays scoring many groups at once."""
    settings = {**(weights or load_weights()).alliances.score.as_dict(), "centre": CENTRE_WEIGHT}
    used = [(settings[name], value) for name, value in components.items() if value is not None]
    total = sum(w for w, _ in used)
    return sum(w * v for w, v in used) / total if total else 0.0


def centre_closeness(profile: Prepared, centre: tuple[float, float, float]) -> float:
    """How close a profile's own place is to an area's place: 1 at it, falling to 0 at the radius
    (`centre` is lat, lon, radius_km); 0 without a place. A profile from elsewhere that serves the
    area is in it, but not of it."""
    lat, lon, radius_km = centre
    if profile.lat is None or profile.lon is None or radius_km <= 0:
        return 0.0
    return max(0.0, 1.0 - distance_km(lat, lon, profile.lat, profile.lon) / radius_km)


def group_components_plainly(members: Sequence[Prepared], weights: Weights | None = None,
                             theme: Prepared | None = None,
                             centre: tuple[float, float, float] | None = None) -> dict[str, float]:
    """The components of a group, straight from the scoring functions (the reference for `Pool`)."""
    weights = weights or load_weights()
    threshold = weights.alliances.met_threshold
    best: list[float] = []
    involved = set()
    for member in members:
        for need in member.needs:
            scores = {other.id: need_met(need, member, other, weights).score
                      for other in members if other is not member}
            best.append(max(scores.values()))
            for other_id, score in scores.items():
                if score >= threshold:
                    involved |= {member.id, other_id}
    pairs = [(a, b) for position, a in enumerate(members) for b in members[position + 1:]]
    roles = set().union(*(roles_of(m) for m in members))
    components = {
        "need_coverage": sum(best) / len(best) if best else 0.0,
        "coherence": sum(affinity(a, b, weights) for a, b in pairs) / len(pairs),
        "mix": role_mix(len(roles), len(members)),
        "involvement": len(involved) / len(members),
        "proximity": sum(distance_score(pair_distance_km(a, b), weights) for a, b in pairs) / len(pairs),
        "novelty": 1.0 - sum(are_partners(a, b) for a, b in pairs) / len(pairs),
    }
    if theme is not None:
        components["theme"] = sum(affinity(theme, m, weights) for m in members) / len(members)
    if centre is not None:
        components["centre"] = sum(centre_closeness(m, centre) for m in members) / len(members)
    return components


def gives_or_gets_plainly(member: Prepared, others: Sequence[Prepared], weights: Weights | None = None) -> bool:
    """Whether a member meets a need of another member, or has a need met by one, well enough."""
    weights = weights or load_weights()
    threshold = weights.alliances.met_threshold
    return any(need_met(need, member, other, weights).score >= threshold
               for other in others for need in member.needs) or \
        any(need_met(need, other, member, weights).score >= threshold for other in others for need in other.needs)


def group_fits_plainly(members: Sequence[Prepared], max_big: int,
                       types: Mapping[str, str | None] | None = None, weights: Weights | None = None) -> bool:
    """Every pair within reach, no more big members than allowed, and every member gives or gets."""
    types = types or {}
    pairs_in_reach = all(within_reach(a, b, pair_distance_km(a, b))
                         for position, a in enumerate(members) for b in members[position + 1:])
    everyone_involved = all(gives_or_gets_plainly(m, [o for o in members if o is not m], weights) for m in members)
    return pairs_in_reach and everyone_involved and sum(is_big(m, types.get(m.id)) for m in members) <= max_big


class Pool:
    """The profiles a group search picks from, with their pair matrices: the fast path of
    `group_components_plainly`, for one group or for a group plus every candidate at once."""

    def __init__(self, profiles: Sequence[Prepared], weights: Weights, theme: Prepared | None = None,
                 types: Mapping[str, str | None] | None = None, centre: tuple[float, float, float] | None = None):
        self.profiles = list(profiles)
        self.weights = weights
        settings = weights.alliances
        types = types or {}
        n = len(self.profiles)
        self.pairs = pairwise(self.profiles, weights)
        owner = self.pairs.need_owner
        self.rows_of = [np.flatnonzero(owner == i) for i in range(n)]
        self.need_count = np.bincount(owner, minlength=n).astype(np.float64)
        best_by_owner = np.zeros((n, n))
        np.maximum.at(best_by_owner, owner, self.pairs.need_met)
        helped = best_by_owner >= settings.met_threshold  # [i, j]: j meets a need of i
        self.linked = helped | helped.T
        self.roles = np.array([sum(1 << ROLES.index(r) for r in roles_of(p)) for p in self.profiles], dtype=np.uint32)
        self.big = np.array([is_big(p, types.get(p.id)) for p in self.profiles], dtype=np.int64)
        self.max_big = settings.max_big_members
        self.theme_fit = None if theme is None else np.array([affinity(theme, p, weights) for p in self.profiles])
        self.partners = self.pairs.partners.astype(np.float64)
        self.centre_fit = None if centre is None else np.array([centre_closeness(p, centre) for p in self.profiles])

    def __len__(self) -> int:
        return len(self.profiles)

    def _rows(self, group: Sequence[int]) -> np.ndarray:
        return np.concatenate([self.rows_of[i] for i in group]) if group else np.zeros(0, dtype=np.int64)

    def components(self, group: Sequence[int]) -> dict[str, float]:
        """The components of one group of two or more members."""
        members = np.asarray(group)
        k = len(members)
        rows = self._rows(group)
        met = self.pairs.need_met
        upper = np.triu_indices(k, 1)

        def pair_mean(matrix: np.ndarray) -> float:
            return float(matrix[np.ix_(members, members)][upper].mean())

        components = {
            "need_coverage": float(met[np.ix_(rows, members)].max(1).mean()) if rows.size else 0.0,
            "coherence": pair_mean(self.pairs.affinity),
            "mix": role_mix(bin(int(np.bitwise_or.reduce(self.roles[members]))).count("1"), k),
            "involvement": float(self.linked[np.ix_(members, members)].any(1).mean()),
            "proximity": pair_mean(self.pairs.closeness),
            "novelty": 1.0 - pair_mean(self.partners),
        }
        if self.theme_fit is not None:
            components["theme"] = float(self.theme_fit[members].mean())
        if self.centre_fit is not None:
            components["centre"] = float(self.centre_fit[members].mean())
        return components

    def score(self, group: Sequence[int]) -> float:
        return group_score(self.components(group), self.weights)

    def scores_with(self, group: Sequence[int], allowed: np.ndarray) -> np.ndarray:
        """The score of `group` plus each candidate, for all candidates at once; -inf for a candidate
        that is not allowed, already in the group, out of reach of a member, one big member too many,
        or that would leave a member giving and getting nothing (`linked`: it must give to or get from
        every member not yet linked inside the group, and from one member at least)."""
        members = np.asarray(group)
        k1 = len(members) + 1
        n = len(self.profiles)
        met = self.pairs.need_met
        rows = self._rows(group)
        if rows.size:  # the group's needs, met by the group or by the candidate
            covered = np.maximum(met[np.ix_(rows, members)].max(1)[:, None], met[rows]).sum(0)
        else:
            covered = np.zeros(n)
        # the candidate's own needs, met by the group
        covered = covered + np.bincount(self.pairs.need_owner, weights=met[:, members].max(1), minlength=n)
        total = rows.size + self.need_count
        pairs = k1 * (k1 - 1) / 2

        def pair_mean(matrix: np.ndarray) -> np.ndarray:
            among = matrix[np.ix_(members, members)]
            inside = (among.sum() - np.trace(among)) / 2
            return (inside + matrix[members].sum(0)) / pairs

        linked = self.linked[members]
        already = self.linked[np.ix_(members, members)].any(1)
        components = {
            "need_coverage": np.divide(covered, total, out=np.zeros(n), where=total > 0),
            "coherence": pair_mean(self.pairs.affinity),
            "mix": role_mix(np.bitwise_count(self.roles | np.bitwise_or.reduce(self.roles[members])), k1),
            "involvement": ((already[:, None] | linked).sum(0) + linked.any(0)) / k1,
            "proximity": pair_mean(self.pairs.closeness),
            "novelty": 1.0 - pair_mean(self.partners),
        }
        if self.theme_fit is not None:
            components["theme"] = (self.theme_fit[members].sum() + self.theme_fit) / k1
        if self.centre_fit is not None:
            components["centre"] = (self.centre_fit[members].sum() + self.centre_fit) / k1
        score = group_score(components, self.weights)
        feasible = allowed & self.pairs.reach[members].all(0) & (self.big + self.big[members].sum() <= self.max_big)
        idle = members[~already]
        feasible &= linked.any(0) & self.linked[idle].all(0)
        feasible[members] = False
        return np.where(feasible, score, -np.inf)


# -- the search --------------------------------------------------------------
def grow(pool: Pool, seed: int, size: int, allowed: np.ndarray, pinned: Sequence[int] = ()) -> list[int] | None:
    """From a seed (beside the pinned members), add the candidate that raises the group score most
    until the group has `size` members; when no allowed candidate fits before that, the group as far
    as it grew if it has `MIN_MEMBERS`, else None."""
    group = list(pinned)
    if group and not np.isfinite(pool.scores_with(group, allowed)[seed]):
        return None
    group.append(seed)
    while len(group) < size:
        scores = pool.scores_with(group, allowed)
        best = int(np.argmax(scores))
        if not np.isfinite(scores[best]):
            return group if len(group) >= min(MIN_MEMBERS, size) else None
        group.append(best)
    return group


def rank(pool: Pool, group: Sequence[int]) -> tuple[int, float]:
    """Full groups before smaller ones, then the best score first (for a min-heap or a sort)."""
    return -len(group), -pool.score(group)


def improve(pool: Pool, group: list[int], allowed: np.ndarray, rounds: int, pinned: Sequence[int] = ()) -> list[int]:
    """Swap one member (never a pinned one) for a candidate while that raises the group score (the
    best swap each round)."""
    group = list(group)
    current = pool.score(group)
    for _ in range(rounds):
        best_swap, best_score = None, current + IMPROVEMENT
        for position in range(len(group)):
            if group[position] in pinned:
                continue
            rest = group[:position] + group[position + 1:]
            scores = pool.scores_with(rest, allowed)
            candidate = int(np.argmax(scores))
            if scores[candidate] > best_score:
                best_swap, best_score = (position, candidate), float(scores[candidate])
        if best_swap is None:
            break
        group[best_swap[0]] = best_swap[1]
        current = best_score
    return group


def find_groups(pool: Pool, size: int, count: int, max_groups_per_profile: int = 1,
                pinned: Sequence[int] = ()) -> list[list[int]]:
    """Up to `count` groups of `size`, best first; no profile in more than `max_groups_per_profile`,
    except the `pinned` ones, which are in every group."""
    pinned = list(pinned)
    if len(pinned) >= size:
        return [pinned]
    uses = np.zeros(len(pool), dtype=np.int64)
    rounds = pool.weights.alliances.local_search_rounds
    banned: dict[int, list[int]] = {}  # per seed: members left out so as not to repeat a chosen group

    def allowed_for(seed: int) -> np.ndarray:
        allowed = uses < max_groups_per_profile
        allowed[banned.get(seed, [])] = False
        allowed[pinned] = False  # in the group already
        return allowed

    def free(group: Sequence[int]) -> list[int]:
        return [member for member in group if member not in pinned]

    # a seed is a member with needs; beside pinned members, any member (it may give to them)
    seeds = np.flatnonzero(pool.need_count > 0) if not pinned else np.arange(len(pool))
    heap = []
    for seed in seeds.tolist():
        if seed in pinned:
            continue
        group = grow(pool, seed, size, allowed_for(seed), pinned)
        if group is not None:
            heap.append((*rank(pool, group), seed, group))
    heapq.heapify(heap)
    chosen: list[list[int]] = []
    seen: set[frozenset[int]] = set()
    while heap and len(chosen) < count:
        *_, seed, group = heapq.heappop(heap)
        allowed = allowed_for(seed)
        if not allowed[seed]:
            continue
        if allowed[free(group)].all():
            group = improve(pool, group, allowed, rounds, pinned)
            if frozenset(group) not in seen:
                seen.add(frozenset(group))
                chosen.append(group)
                uses[free(group)] += 1
                continue
            # the same as a chosen group (only when profiles may be in several): leave out its busiest member
            others = [member for member in free(group) if member != seed]
            if not others:
                continue
            banned.setdefault(seed, []).append(max(others, key=lambda member: uses[member]))
        # a member was used up or left out: grow again without it
        regrown = grow(pool, seed, size, allowed_for(seed), pinned)
        if regrown is not None:
            heapq.heappush(heap, (*rank(pool, regrown), seed, regrown))
    return sorted(chosen, key=lambda group: rank(pool, group))  # swaps may have lifted a later group


def most_relevant(profiles: Sequence[Prepared], limit: int, weights: Weights,
                  theme_fit: np.ndarray | None = None) -> list[int]:
    """The `limit` profiles most relevant to the theme and to each other's needs (all when fewer)."""
    if len(profiles) <= limit:
        return list(range(len(profiles)))
    needs = need_matrix(profiles, weights)
    n = len(profiles)
    owner = needs.need_owner
    if owner.size:
        best = needs.need_met.max(1)
        counts = np.bincount(owner, minlength=n)
        can_be_helped = np.divide(np.bincount(owner, weights=best, minlength=n), counts,
                                  out=np.zeros(n), where=counts > 0)
        needs_it_meets = (needs.need_met >= weights.alliances.met_threshold).sum(0)
        can_help = np.minimum(1.0, needs_it_meets / NEEDS_MET_FOR_FULL_RELEVANCE)
        complementarity = np.maximum(can_be_helped, can_help)
    else:
        complementarity = np.zeros(n)
    relevance = complementarity
    if theme_fit is not None:
        share = weights.alliances.pool_theme_share
        relevance = share * theme_fit + (1 - share) * complementarity
    order = sorted(range(n), key=lambda i: (-relevance[i], profiles[i].id))
    return sorted(order[:limit])
