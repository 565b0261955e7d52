"""What every pair in a pool of profiles is to each other, as numpy matrices.

The group search (`alliances.py`) asks the same pair questions many times:
how well does B meet this need of A, how alike are they, how far apart, are
they within reach, are they partners already. They are answered once for the
whole pool, with the very definitions of `scoring.py`:

The rules (which offer meets which need, related disciplines, calibration)
come from the one rule table, `weights.rules` (`rules.py`), as in the index.

- `need_met[r, j]`: `scoring.need_met(need r, its owner, profile j).score`,
  0 for the need's owner itself (`need_owner[r]`);
- `affinity[i, j]`: `scoring.affinity` (0 on the diagonal);
- `km[i, j]` (NaN when unknown), `reach[i, j]` (`scoring.within_reach`),
  `closeness[i, j]` (`scoring.distance_score`);
- `partners[i, j]`: `scoring.are_partners`.

`pairwise()` is the fast path; `pairwise_plainly()` computes the same pair by
pair with the scoring functions, and the tests hold one against the other.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from matcher.places.gazetteer import EARTH_RADIUS_KM
from matcher.ranking.columns import exchange_fit
from matcher.ranking.rules import AUDIENCE_BIT, DISCIPLINE_BIT, TYPE_BIT, TYPE_CODE, RuleBook, bits, popcount
from matcher.ranking.scoring import affinity, are_partners, distance_score, need_met, pair_distance_km, within_reach
from matcher.ranking.terms import TERM_COLUMNS, term_values, terms_factor_columns
from matcher.ranking.weights import Weights
from matcher.understanding.preparation import Exchange, Prepared


@dataclass
class NeedMatrix:
    """Every need of some profiles against every one of them as a partner."""

    needs: list[Exchange]
    need_owner: np.ndarray  # (needs,) index of the profile that has the need
    need_met: np.ndarray  # (needs, profiles)


@dataclass
class Pairwise(NeedMatrix):
    """A pool's pair matrices (see the module docstring)."""

    affinity: np.ndarray
    km: np.ndarray
    reach: np.ndarray
    closeness: np.ndarray
    partners: np.ndarray


# -- the fast path -----------------------------------------------------------
def _exchange_columns(exchanges: list[Exchange]) -> dict[str, np.ndarray]:
    terms = [term_values(e) for e in exchanges]
    return {
        "type": np.array([TYPE_CODE[e.type] for e in exchanges], dtype=np.int64),
        "start": np.array([e.start or 0 for e in exchanges], dtype=np.int64),
        "end": np.array([e.end or 0 for e in exchanges], dtype=np.int64),
        "dated": np.array([e.start is not None for e in exchanges], dtype=bool),
        "amount": np.array([e.amount_eur or 0.0 for e in exchanges], dtype=np.float32),
        "has_amount": np.array([e.amount_eur is not None for e in exchanges], dtype=bool),
        "audiences": np.array([bits(e.audiences, AUDIENCE_BIT) for e in exchanges], dtype=np.uint32),
        **{name: np.array([values[name] for values in terms], dtype=dtype) for name, (dtype, _) in TERM_COLUMNS.items()},
    }


def share_a_discipline_matrix(profiles: Sequence[Prepared], rules: RuleBook) -> np.ndarray:
    """`rules.share_a_discipline` for every pair, related disciplines included."""
    codes = np.array([bits(p.disciplines, DISCIPLINE_BIT) for p in profiles], dtype=np.uint32)
    return np.stack([rules.shares_a_discipline_mask(p.disciplines, codes) for p in profiles]) \
        if profiles else np.zeros((0, 0), dtype=bool)


def need_matrix(profiles: Sequence[Prepared], weights: Weights) -> NeedMatrix:
    """How well each profile meets each need of the others, as `scoring.need_met` scores."""
    n = len(profiles)
    needs = [(i, need) for i, p in enumerate(profiles) for need in p.needs]
    offers = [(j, offer) for j, p in enumerate(profiles) for offer in p.offers]
    need_owner = np.array([i for i, _ in needs], dtype=np.int64)
    met = np.zeros((len(needs), n))
    if not needs:
        return NeedMatrix([], need_owner, met)
    need = _exchange_columns([e for _, e in needs])
    rules = weights.rules
    if offers:
        offer = _exchange_columns([e for _, e in offers])
        offer_owner = np.array([j for j, _ in offers], dtype=np.int64)
        shared = share_a_discipline_matrix(profiles, rules)
        need_terms = {name: need[name] for name in TERM_COLUMNS}
        offered_types = np.array([bits({o.type for o in p.offers}, TYPE_BIT) for p in profiles], dtype=np.uint32)
        asker_offers = offered_types[need_owner]
        for need_type in dict.fromkeys(e.type for _, e in needs):
            rows = np.flatnonzero(need["type"] == TYPE_CODE[need_type])
            for offer_type, factor in rules.offers_meeting(need_type):
                columns = np.flatnonzero(offer["type"] == TYPE_CODE[offer_type])
                if columns.size == 0:
                    continue
                fit = factor * exchange_fit(
                    need["start"][rows, None], need["end"][rows, None], need["dated"][rows, None],
                    need["amount"][rows, None], need["has_amount"][rows, None], need["audiences"][rows, None],
                    offer["start"][None, columns], offer["end"][None, columns], offer["dated"][None, columns],
                    offer["amount"][None, columns], offer["has_amount"][None, columns],
                    offer["audiences"][None, columns])
                fit = fit * terms_factor_columns({name: column[rows, None] for name, column in need_terms.items()},
                                                 {name: offer[name][None, columns] for name in TERM_COLUMNS},
                                                 asker_offers[rows, None], weights.terms)
                partner = offer_owner[columns]
                if need_type in rules.discipline_sensitive:
                    fit = fit * np.where(shared[need_owner[rows][:, None], partner[None, :]],
                                         1.0, rules.no_shared_discipline)
                np.maximum.at(met, (rows[:, None], partner[None, :]), fit)
    reach_rows = np.flatnonzero(need["type"] == TYPE_CODE["audience_reach"])
    if reach_rows.size:
        audiences = np.array([bits(p.audiences, AUDIENCE_BIT) for p in profiles], dtype=np.uint32)
        asked = np.where(need["audiences"][reach_rows] != 0, need["audiences"][reach_rows],
                         audiences[need_owner[reach_rows]])
        reached = popcount(asked[:, None] & audiences[None, :])
        share = np.divide(reached, popcount(asked)[:, None], out=np.zeros(reached.shape), where=reached > 0)
        artist = np.array([p.kind == "artist" for p in profiles])
        share = share * np.where(artist, rules.artist_reaches_audience, 1.0)[None, :]
        met[reach_rows] = np.maximum(met[reach_rows], share)
    met[np.arange(len(needs)), need_owner] = 0.0
    return NeedMatrix([e for _, e in needs], need_owner, met)


def affinity_matrix(profiles: Sequence[Prepared], weights: Weights) -> np.ndarray:
    """`scoring.affinity` for every pair, 0 on the diagonal."""
    settings = weights.affinity
    n = len(profiles)
    numerator = np.zeros((n, n))
    denominator = np.zeros((n, n))
    language = np.array([p.language for p in profiles])
    for attribute, weight in (("text_vector", settings.text), ("concept_vector", settings.concepts)):
        present = np.array([getattr(p, attribute) is not None for p in profiles])
        if not present.any():
            continue
        dim = next(getattr(p, attribute) for p in profiles if getattr(p, attribute) is not None).shape[0]
        vectors = np.stack([getattr(p, attribute) if getattr(p, attribute) is not None
                            else np.zeros(dim, dtype=np.float32) for p in profiles]).astype(np.float32)
        calibrated = weights.rules.calibrated_cosine((vectors @ vectors.T).astype(np.float64))
        weights_here = np.full((n, n), weight)
        if attribute == "text_vector":
            weights_here = np.where(language[:, None] == language[None, :], weight,
                                    weight * settings.text_across_languages)
        both = present[:, None] & present[None, :]
        numerator += np.where(both, weights_here * calibrated, 0.0)
        denominator += np.where(both, weights_here, 0.0)
    for attribute, weight in (("disciplines", settings.disciplines), ("themes", settings.themes)):
        keys = {key: column for column, key in enumerate(sorted({k for p in profiles for k in getattr(p, attribute)}))}
        incidence = np.zeros((n, len(keys)))
        for row, p in enumerate(profiles):
            incidence[row, [keys[k] for k in getattr(p, attribute)]] = 1.0
        sizes = incidence.sum(1)
        smaller = np.minimum(sizes[:, None], sizes[None, :])
        both = smaller > 0
        overlap = np.divide(incidence @ incidence.T, smaller, out=np.zeros((n, n)), where=both)
        numerator += np.where(both, weight * overlap, 0.0)
        denominator += np.where(both, weight, 0.0)
    result = np.divide(numerator, denominator, out=np.zeros((n, n)), where=denominator > 0)
    np.fill_diagonal(result, 0.0)
    return result


def distance_matrix(profiles: Sequence[Prepared]) -> np.ndarray:
    """Haversine km for every pair, between the nearest of the places each is at or serves
    (`scoring.pair_distance_km`); NaN where either has no point."""
    n = len(profiles)
    located = [i for i, p in enumerate(profiles) if p.points]
    result = np.full((n, n), np.nan)
    if not located:
        return result
    points = [point for i in located for point in profiles[i].points]  # grouped by profile, in order
    starts = np.cumsum([0] + [len(profiles[i].points) for i in located[:-1]])
    lat = np.radians(np.array([point[0] for point in points], dtype=np.float64))
    lon = np.radians(np.array([point[1] for point in points], dtype=np.float64))
    a = np.sin((lat[None, :] - lat[:, None]) / 2) ** 2 + \
        np.cos(lat[:, None]) * np.cos(lat[None, :]) * np.sin((lon[None, :] - lon[:, None]) / 2) ** 2
    km = 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(a)))
    nearest = np.minimum.reduceat(np.minimum.reduceat(km, starts, axis=0), starts, axis=1)
    result[np.ix_(located, located)] = nearest
    return result


def pairwise(profiles: Sequence[Prepared], weights: Weights) -> Pairwise:
    """All pair matrices of a pool, in numpy."""
    needs = need_matrix(profiles, weights)
    km = distance_matrix(profiles)
    known = ~np.isnan(km)
    limit = np.array([np.inf if p.max_distance_km is None else p.max_distance_km for p in profiles])
    pair_limit = np.minimum(limit[:, None], limit[None, :])
    # unknown: within reach only when neither side states a limit (scoring.within_reach)
    reach = np.where(known, np.where(known, km, 0.0) <= pair_limit, np.isinf(pair_limit))
    settings = weights.distance
    closeness = np.where(known, np.power(0.5, np.where(known, km, 0.0) / settings.half_score_km),
                         settings.unknown)
    position = {p.id: i for i, p in enumerate(profiles)}
    partners = np.zeros((len(profiles), len(profiles)), dtype=bool)
    for i, p in enumerate(profiles):
        for other in p.partners | p.introduced:
            if other in position:
                partners[i, position[other]] = partners[position[other], i] = True
    return Pairwise(needs.needs, needs.need_owner, needs.need_met, affinity_matrix(profiles, weights),
                    km, reach, closeness, partners)


# -- the plain reference -----------------------------------------------------
def pairwise_plainly(profiles: Sequence[Prepared], weights: Weights) -> Pairwise:
    """The same matrices, pair by pair with the scoring functions (slow; for tests)."""
    n = len(profiles)
    needs = [(i, need) for i, p in enumerate(profiles) for need in p.needs]
    met = np.array([[0.0 if j == i else need_met(need, profiles[i], profiles[j], weights).score
                     for j in range(n)] for i, need in needs]).reshape(len(needs), n)
    shape = (n, n)
    similar, km, reach, closeness, partners = (np.zeros(shape), np.full(shape, np.nan), np.ones(shape, bool),
                                               np.zeros(shape), np.zeros(shape, bool))
    for i, first in enumerate(profiles):
        for j, second in enumerate(profiles):
            distance = pair_distance_km(first, second)
            km[i, j] = np.nan if distance is None else distance
            reach[i, j] = within_reach(first, second, distance)
            closeness[i, j] = distance_score(distance, weights)
            partners[i, j] = are_partners(first, second)
            similar[i, j] = 0.0 if i == j else affinity(first, second, weights)
    return Pairwise([need for _, need in needs], np.array([i for i, _ in needs], dtype=np.int64), met,
                    similar, km, reach, closeness, partners)

