"""The rules of the scoring in one table, built once from the weights (`Weights.rules`).

Which offer meets which need and how well (the type itself, or a substitute:
a residency meets a rehearsal-space need), which needs depend on a shared
discipline and what an offer from another discipline is worth, which
disciplines count as related (puppetry and theatre), what an artist's
audiences are worth to an audience-reach need, and how cosines are mapped to
[0, 1]. The plain scorer (`scoring.py`), the index (`index.py`) and the
alliance matrices (`pairwise.py`) all ask this table, so adding an exchange
type or a related pair is a change to `models/weights.json` and the
vocabulary, never to three scorers.

The bit and code encodings of the vocabularies, which the vectorised scorers
use, live here too: one table of what the keys are.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable

import numpy as np

from matcher.profiles import AUDIENCES, DISCIPLINES, EXCHANGE_TYPES, ORGANISATION_TYPES

if TYPE_CHECKING:
    from matcher.ranking.weights import Weights

DISCIPLINE_BIT = {key: 1 << i for i, key in enumerate(DISCIPLINES)}
MULTIDISCIPLINARY = DISCIPLINE_BIT["multidisciplinary"]
AUDIENCE_BIT = {key: 1 << i for i, key in enumerate(AUDIENCES)}
TYPE_CODE = {key: i for i, key in enumerate(EXCHANGE_TYPES)}
TYPE_BIT = {key: 1 << i for i, key in enumerate(EXCHANGE_TYPES)}
ORGANISATION_TYPE_CODE = {key: i for i, key in enumerate(ORGANISATION_TYPES)}  # -1: no type given


def bits(keys: Iterable[str], table: dict[str, int]) -> int:
    """The keys as one bit mask (unknown keys count for nothing)."""
    value = 0
    for key in keys:
        value |= table.get(key, 0)
    return value


def popcount(values: np.ndarray) -> np.ndarray:
    return np.bitwise_count(values.astype(np.uint32)).astype(np.float32)


@dataclass(frozen=True)
class RuleBook:
    """What meets what, and how well; see the module docstring."""

    type_factors: dict[str, dict[str, float]]  # need type -> {offer type: factor > 0}, its own type first at 1
    discipline_sensitive: frozenset[str]
    no_shared_discipline: float
    related: dict[str, frozenset[str]]  # discipline -> itself and the disciplines related to it
    artist_reaches_audience: float
    cosine_floor: float
    cosine_ceiling: float

    @classmethod
    def from_weights(cls, weights: "Weights") -> "RuleBook":
        needs = weights.needs
        factors = {}
        for need_type in EXCHANGE_TYPES:
            substitutes = needs.substitutes.get(need_type, {})
            factors[need_type] = {need_type: 1.0, **{offer_type: factor for offer_type, factor in substitutes.items()
                                                     if factor > 0 and offer_type != need_type}}
        related = {discipline: {discipline} for discipline in DISCIPLINES}
        for left, right in needs.related_disciplines:
            related[left].add(right)
            related[right].add(left)
        return cls(type_factors=factors, discipline_sensitive=frozenset(needs.discipline_sensitive),
                   no_shared_discipline=needs.no_shared_discipline,
                   related={key: frozenset(value) for key, value in related.items()},
                   artist_reaches_audience=needs.artist_reaches_audience,
                   cosine_floor=weights.affinity.cosine_floor, cosine_ceiling=weights.affinity.cosine_ceiling)

    # -- exchange types ------------------------------------------------------
    def type_factor(self, need_type: str, offer_type: str) -> float:
        """1 for the same type; the substitute's factor for an offer that also serves; else 0."""
        return self.type_factors[need_type].get(offer_type, 0.0)

    def offers_meeting(self, need_type: str) -> list[tuple[str, float]]:
        """(offer type, factor) of every offer type that can meet a need of this type, its own first."""
        return list(self.type_factors[need_type].items())

    def needs_met_by(self, offer_type: str) -> list[tuple[str, float]]:
        """(need type, factor) of every need type an offer of this type can meet."""
        return [(need_type, offers[offer_type]) for need_type, offers in self.type_factors.items()
                if offer_type in offers]

    # -- disciplines -----------------------------------------------------------
    def related_disciplines(self, disciplines: Iterable[str]) -> frozenset[str]:
        """The disciplines and those related to them (puppetry and theatre, circus and street arts...)."""
        return frozenset().union(*(self.related.get(d, {d}) for d in disciplines))

    def share_a_discipline(self, first: frozenset[str], second: frozenset[str]) -> bool:
        """True when they share a discipline or related ones, or either names none or is multidisciplinary."""
        if not first or not second or "multidisciplinary" in first or "multidisciplinary" in second:
            return True
        return bool(self.related_disciplines(first) & second)

    def shares_a_discipline_mask(self, disciplines: frozenset[str], candidates: np.ndarray) -> np.ndarray:
        """`share_a_discipline` of one profile against rows of discipline bit masks."""
        own = bits(disciplines, DISCIPLINE_BIT)
        if not own or own & MULTIDISCIPLINARY:
            return np.ones(candidates.shape, dtype=bool)
        related = bits(self.related_disciplines(disciplines), DISCIPLINE_BIT) | MULTIDISCIPLINARY
        return (candidates == 0) | ((candidates & np.uint32(related)) != 0)

    def discipline_factor(self, need_type: str, shared: bool) -> float:
        """What an offer is worth for a need of this type from a partner that shares (or not) a discipline."""
        return 1.0 if shared or need_type not in self.discipline_sensitive else self.no_shared_discipline

    # -- calibration -----------------------------------------------------------
    def calibrated_cosine(self, cosine):
        """A cosine mapped to [0, 1] between the floor and the ceiling (a number or an array)."""
        scaled = (cosine - self.cosine_floor) / (self.cosine_ceiling - self.cosine_floor)
        return np.clip(scaled, 0.0, 1.0) if isinstance(scaled, np.ndarray) else min(1.0, max(0.0, scaled))
