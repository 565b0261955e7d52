"""Scoring a pair of profiles, plainly, one pair at a time.

Each component is a small function returning a value in [0, 1], or None when
it does not apply (a profile with no needs has nothing to meet). These
functions are the reference: the vectorised scorer in `index.py` must give
the same numbers, and the reasons are written from what they find.

A direction ("how good is B for A") is the weighted mean of the components
it has. The pair's score is the harmonic mean of both directions, so a pair
only ranks high when it is good for both sides; an existing partner's score
is multiplied by the novelty factor (pushed down, not hidden), and so is a
partner of another kind than the asker seeks (its `partner_kinds`).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

from matcher.places.gazetteer import distance_km
from matcher.ranking.terms import terms_factor
from matcher.ranking.weights import Weights, load_weights
from matcher.understanding.preparation import Exchange, Prepared

COMPONENTS = ("affinity", "needs", "audience", "distance", "novelty")


# -- needs and offers --------------------------------------------------------
def period_coverage(need: Exchange, offer: Exchange) -> float:
    """Share of the needed days that the offer's period covers (1 when either is any time)."""
    if need.start is None or offer.start is None:
        return 1.0
    overlap = min(need.end, offer.end) - max(need.start, offer.start) + 1
    return max(0, overlap) / (need.end - need.start + 1)


def amount_cover(need: Exchange, offer: Exchange) -> float:
    """Share of the asked amount that the offer gives (1 when either gives none)."""
    if need.amount_eur is None or offer.amount_eur is None or need.amount_eur <= 0:
        return 1.0
    return min(1.0, offer.amount_eur / need.amount_eur)


def audience_cover(asked: frozenset[str], given: frozenset[str]) -> float:
    """Share of the asked audiences that are given (1 when none are asked or none stated)."""
    if not asked or not given:
        return 1.0
    return len(asked & given) / len(asked)


def offer_fit(need: Exchange, offer: Exchange, weights: Weights | None = None,
              asker_offers: frozenset[str] = frozenset()) -> float:
    """How well one offer meets one need: type (rules.type_factor) x period covered x amount covered
    x audiences x the terms (`terms.terms_factor`; `asker_offers`: the types the need's owner offers)."""
    weights = weights or load_weights()
    factor = weights.rules.type_factor(need.type, offer.type)
    if factor == 0.0:
        return 0.0
    return factor * period_coverage(need, offer) * amount_cover(need, offer) * \
        audience_cover(need.audiences, offer.audiences) * terms_factor(need, offer, asker_offers, weights.terms)


@dataclass
class NeedMet:
    """The best way a partner meets one need."""

    need: Exchange
    score: float
    offer: Exchange | None = None  # None when met by the partner's audiences
    audiences: frozenset[str] = frozenset()


def need_met(need: Exchange, asker: Prepared, partner: Prepared, weights: Weights | None = None) -> NeedMet:
    weights = weights or load_weights()
    rules = weights.rules
    discipline = rules.discipline_factor(need.type, rules.share_a_discipline(asker.disciplines, partner.disciplines))
    best = NeedMet(need, 0.0)
    asker_offers = frozenset(offer.type for offer in asker.offers)
    for offer in partner.offers:
        score = discipline * offer_fit(need, offer, weights, asker_offers)
        if score > best.score:
            best = NeedMet(need, score, offer)
    if need.type == "audience_reach":
        asked = need.audiences or asker.audiences
        reached = asked & partner.audiences
        if asked and reached:
            share = len(reached) / len(asked)
            if partner.kind == "artist":
                share *= rules.artist_reaches_audience
            if share > best.score:
                best = NeedMet(need, share, None, reached)
    return best


def needs_met(asker: Prepared, partner: Prepared, weights: Weights | None = None,
              partner_is_searching: bool = False) -> tuple[float | None, list[NeedMet]]:
    """Mean over the asker's needs of how well the partner meets each (an optional need counting
    for `needs.optional_share` of one).

    `partner_is_searching` marks the side that asked for the ranking. When
    it states no offers at all, nobody knows what it could give, which is
    not the same as knowing it gives nothing (a free-text search states only
    what it seeks): then only audience_reach needs, which its audiences can
    meet, are judged. A suggested partner that states no offer offers
    nothing. None when nothing can be judged.
    """
    judged = asker.needs
    if partner_is_searching and not partner.offers:
        # A search that names no public either says nothing of whom it could bring.
        judged = [n for n in asker.needs if n.type == "audience_reach" and partner.audiences]
    if not judged:
        return None, []
    weights = weights or load_weights()
    met = [need_met(need, asker, partner, weights) for need in judged]
    # a need asked for only if it can be had ("ideally", "si possible") counts for less
    shares = [weights.needs.optional_share if m.need.optional else 1.0 for m in met]
    return sum(m.score * share for m, share in zip(met, shares)) / sum(shares), met


# -- audiences, affinity, distance, novelty ----------------------------------
def audience_fit(asker: Prepared, partner: Prepared, partner_is_searching: bool = False) -> float | None:
    """Share of the audiences the asker wants reached that the partner works with.

    None when the asker wants no audience, or when the partner is the one
    searching and names none (unknown, as for its offers in needs_met)."""
    wanted = asker.wanted_audiences
    if not wanted or partner_is_searching and not partner.audiences:
        return None
    return len(wanted & partner.audiences) / len(wanted)


def overlap(first: frozenset[str], second: frozenset[str]) -> float | None:
    """Overlap coefficient |A ∩ B| / min(|A|, |B|); None when either is empty."""
    if not first or not second:
        return None
    return len(first & second) / min(len(first), len(second))


def affinity(first: Prepared, second: Prepared, weights: Weights) -> float:
    """Thematic affinity: embedding similarity of texts and concepts, and shared disciplines and themes."""
    settings, calibrated = weights.affinity, weights.rules.calibrated_cosine
    parts: list[tuple[float, float]] = []
    if first.text_vector is not None and second.text_vector is not None:
        weight = settings.text * (1.0 if first.language == second.language else settings.text_across_languages)
        parts.append((weight, calibrated(float(first.text_vector @ second.text_vector))))
    if first.concept_vector is not None and second.concept_vector is not None:
        parts.append((settings.concepts, calibrated(float(first.concept_vector @ second.concept_vector))))
    for weight, value in ((settings.disciplines, overlap(first.disciplines, second.disciplines)),
                          (settings.themes, overlap(first.themes, second.themes))):
        if value is not None:
            parts.append((weight, value))
    total = sum(w for w, _ in parts)
    return sum(w * v for w, v in parts) / total if total else 0.0


def pair_distance_km(first: Prepared, second: Prepared) -> float | None:
    """Km between the nearest of the places each is at or serves; None when either has none."""
    if not first.points or not second.points:
        return None
    return min(distance_km(lat1, lon1, lat2, lon2) for lat1, lon1 in first.points for lat2, lon2 in second.points)


def half_score_km(first_limit: float | None, second_limit: float | None, weights: Weights) -> float:
    """The distance at which the score halves: longer for a pair that says it will travel far."""
    settings = weights.distance
    limits = [limit for limit in (first_limit, second_limit) if limit is not None]
    return max([settings.half_score_km] + [settings.reach_share * max(limits)] if limits else
               [settings.half_score_km])


def distance_score(km: float | None, weights: Weights, half_km: float | None = None) -> float:
    """Halves every `half_km`; an unknown distance scores `distance.unknown`, below any known one
    within reach (weights.json says why)."""
    settings = weights.distance
    if km is None:
        return settings.unknown
    return 0.5 ** (km / (half_km or settings.half_score_km))


def within_reach(first: Prepared, second: Prepared, km: float | None) -> bool:
    """Whether the pair is within both sides' max_distance_km: False beyond it, and False when
    the distance is unknown but either side states one (it is not known to be within reach)."""
    limits = [p.max_distance_km for p in (first, second) if p.max_distance_km is not None]
    if km is None:
        return not limits
    return not limits or km <= min(limits)


def are_partners(first: Prepared, second: Prepared) -> bool:
    """Whether either lists the other as a partner, or an introduction between them was accepted."""
    return second.id in first.partners or first.id in second.partners or \
        second.id in first.introduced or first.id in second.introduced


def partner_kind_fits(asker: Prepared, candidate: Prepared) -> bool | None:
    """Whether the candidate is of a kind of partner the asker seeks: "artist" and "organisation"
    name a kind, the others an organisation type. None when the asker seeks no kind in particular."""
    if not asker.partner_kinds:
        return None
    return candidate.kind in asker.partner_kinds or candidate.type in asker.partner_kinds


def is_rival(asker: Prepared, candidate: Prepared) -> bool:
    """The candidate seeks something the asker seeks, and offers none of what the asker seeks."""
    sought = {need.type for need in asker.needs}
    return bool(sought & {need.type for need in candidate.needs}) and \
        not sought & {offer.type for offer in candidate.offers}


# -- the blend ---------------------------------------------------------------
def direction_score(components: dict[str, float | None], weights: Weights) -> float:
    """Weighted blend of the components present: geometric (with a floor) or arithmetic mean."""
    settings = weights.direction
    used = [(settings.of(name), value) for name, value in components.items() if value is not None]
    total = sum(w for w, _ in used)
    if not total:
        return 0.0
    if settings.blend == "geometric":
        floor = settings.floor
        return math.exp(sum(w * math.log(floor + (1 - floor) * v) for w, v in used) / total)
    return sum(w * v for w, v in used) / total


def harmonic_mean(first: float, second: float, first_share: float = 0.5) -> float:
    """Weighted harmonic mean: 1 / (share / first + (1 - share) / second); 0 if either is 0."""
    if first <= 0 or second <= 0:
        return 0.0
    return 1.0 / (first_share / first + (1 - first_share) / second)


def reciprocal(forward: float, backward: float, forward_known: bool, backward_known: bool,
               asker_share: float = 0.5) -> float:
    """Harmonic mean of both directions when both sides' interests are known;
    otherwise the direction that is (a direction rests on needs or wanted
    audiences: without them it would only say that two profiles look alike)."""
    if forward_known and not backward_known:
        return forward
    if backward_known and not forward_known:
        return backward
    return harmonic_mean(forward, backward, asker_share)


def mean_of_present(*values: float | None) -> float | None:
    present = [v for v in values if v is not None]
    return sum(present) / len(present) if present else None


@dataclass
class PairScore:
    """The score of a partner for an asker, with what it was made of."""

    score: float
    components: dict[str, float | None]
    distance_km: float | None
    asker_needs: list[NeedMet] = field(default_factory=list)
    partner_needs: list[NeedMet] = field(default_factory=list)
    directions: tuple[float, float] = (0.0, 0.0)
    partner_kind_fits: bool | None = None  # see partner_kind_fits(); None when no kind is sought


def score_pair(asker: Prepared, partner: Prepared, weights: Weights | None = None) -> PairScore | None:
    """The reciprocal score of `partner` for `asker`, or None when out of reach."""
    weights = weights or load_weights()
    km = pair_distance_km(asker, partner)
    if not within_reach(asker, partner, km):
        return None
    shared_affinity = affinity(asker, partner, weights)
    distance = distance_score(km, weights, half_score_km(asker.max_distance_km, partner.max_distance_km, weights))
    asker_needs_score, asker_needs = needs_met(asker, partner, weights)
    partner_needs_score, partner_needs = needs_met(partner, asker, weights, partner_is_searching=True)
    asker_audience = audience_fit(asker, partner)
    partner_audience = audience_fit(partner, asker, partner_is_searching=True)
    forward = direction_score({"affinity": shared_affinity, "needs": asker_needs_score,
                               "audience": asker_audience, "distance": distance}, weights)
    backward = direction_score({"affinity": shared_affinity, "needs": partner_needs_score,
                                "audience": partner_audience, "distance": distance}, weights)
    novelty = 0.0 if are_partners(asker, partner) else 1.0
    factor = 1.0 if novelty else weights.novelty.existing_partner_factor
    if is_rival(asker, partner):
        factor *= weights.novelty.rival_factor
    kind_fits = partner_kind_fits(asker, partner)
    if kind_fits is False:
        factor *= weights.partner_kinds.other_kind_factor
    components = {
        "affinity": shared_affinity,
        "needs": mean_of_present(asker_needs_score, partner_needs_score),
        "audience": mean_of_present(asker_audience, partner_audience),
        "distance": distance,
        "novelty": novelty,
    }
    blended = reciprocal(forward, backward,
                         asker_needs_score is not None or asker_audience is not None,
                         partner_needs_score is not None or partner_audience is not None,
                         weights.reciprocity.asker_share)
    return PairScore(blended * factor, components, km,
                     asker_needs, partner_needs, (forward, backward), kind_fits)


def rank_plainly(asker: Prepared, candidates: list[Prepared], limit: int = 10,
                 weights: Weights | None = None) -> list[tuple[Prepared, PairScore]]:
    """The slow reference ranking: score every candidate one by one."""
    scored = []
    for candidate in candidates:
        if candidate.id == asker.id:
            continue
        pair = score_pair(asker, candidate, weights)
        if pair is not None:
            scored.append((candidate, pair))
    scored.sort(key=lambda item: (-item[1].score, item[0].id))
    return scored[:limit]
