"""How the terms of an exchange change how well an offer meets a need.

Besides type, period, amount and audiences (`scoring.offer_fit`), an offer and
a need may state terms (docs/profile-format.md, "Terms of an exchange"). Each
term gives a factor in [0, 1], and the fit is multiplied by all of them:

- **return**: an offer that asks something in return fits best an asker who
  offers it; an asker who offers other things but not that one cannot meet the
  condition (`return_unmet`); an asker who states no offers at all may still
  (`return_unknown`: a free-text search rarely says what it gives);
- **space**: each minimum the need states (area, seats, standing, beds) met in
  proportion, floored; a minimum the offer does not state counts
  `size_unknown`; each required feature the space lacks `feature_missing`;
- **support**: the share of the support wanted that a room comes with, from
  `support_floor` up; a room that states no support `support_unknown`;
- **money**: a rent above the need's budget in proportion (any rent against
  "no budget" counts `over_budget_floor`); a rent of unknown amount against a
  budget `cost_unknown`;
- **part**: an offer that stands for part of a residency (its coaching for a
  production-support need) counts `support_meets[key]`.

The factors are `weights.terms`. `terms_factor` is the plain reference;
`terms_factor_columns` computes the same over numpy columns for the index and
the alliance matrices, and the tests hold one against the other.
"""
from __future__ import annotations

import numpy as np

from matcher.profiles import SPACE_FEATURES, SUPPORT
from matcher.ranking.rules import TYPE_BIT, bits, popcount
from matcher.understanding.preparation import Exchange

F32 = np.float32
FEATURE_BIT = {key: 1 << i for i, key in enumerate(SPACE_FEATURES)}
SUPPORT_BIT = {key: 1 << i for i, key in enumerate(SUPPORT)}
SIZES = ("area_m2", "seated", "standing", "beds")
PRICE_CODE = {None: 0, "free": 1, "rent": 2, "in_kind": 3}
# The support a need may want beyond the room itself: a room alone is what every offer of space gives.
WANTED_SUPPORT = frozenset(SUPPORT) - {"room"}


# -- the plain reference -----------------------------------------------------
def return_factor(offer: Exchange, asker_offers: frozenset[str], terms) -> float:
    """`asker_offers`: the types the asker offers (empty when it states none)."""
    if not offer.in_return:
        return 1.0
    if not asker_offers:
        return terms.return_unknown
    return 1.0 if offer.in_return & asker_offers else terms.return_unmet


def gives_lodging(offer: Exchange) -> bool:
    return "lodging" in offer.support or (offer.beds or 0) > 0


def size_shortfalls(need: Exchange, offer: Exchange) -> list[tuple[str, float, float | None]]:
    """(size, offered or None when not stated, asked) for each minimum the offer does not meet."""
    short = []
    for size in SIZES:
        asked = getattr(need, size)
        if not asked:
            continue
        offered = getattr(offer, size)
        if size == "beds" and offered is None and "lodging" in offer.support:
            continue  # lodging is given; how many beds is not said, so it is not held against it
        if offered is None or offered < asked:
            short.append((size, offered, asked))
    return short


def space_factor(need: Exchange, offer: Exchange, terms) -> float:
    factor = 1.0
    for _, offered, asked in size_shortfalls(need, offer):
        factor *= terms.size_unknown if offered is None else max(terms.too_small_floor, offered / asked)
    missing = need.features - offer.features
    if missing:
        factor *= terms.feature_missing ** len(missing) if offer.features else terms.size_unknown
    return factor


def support_factor(need: Exchange, offer: Exchange, terms) -> float:
    wanted = need.support & WANTED_SUPPORT
    if not wanted:
        return 1.0
    if not offer.states_support:
        return terms.support_unknown
    given = offer.support | ({"lodging"} if gives_lodging(offer) else set())
    share = len(wanted & given) / len(wanted)
    return terms.support_floor + (1.0 - terms.support_floor) * share


def money_factor(need: Exchange, offer: Exchange, terms) -> float:
    if need.budget_eur is None or offer.price != "rent":
        return 1.0
    if offer.price_eur is None:
        return terms.cost_unknown
    if offer.price_eur <= need.budget_eur:
        return 1.0
    if need.budget_eur <= 0:
        return terms.over_budget_floor
    return max(terms.over_budget_floor, need.budget_eur / offer.price_eur)


def part_factor(offer: Exchange, terms) -> float:
    return 1.0 if offer.support_key is None else terms.support_meets.get(offer.support_key, 0.0)


def terms_factor(need: Exchange, offer: Exchange, asker_offers: frozenset[str], terms) -> float:
    """How much the terms leave of an offer's fit to a need (1 when neither states any)."""
    return return_factor(offer, asker_offers, terms) * space_factor(need, offer, terms) * \
        support_factor(need, offer, terms) * money_factor(need, offer, terms) * part_factor(offer, terms)


# -- the vectorised path -----------------------------------------------------
TERM_COLUMNS = {
    # name: (dtype, fill); NaN is "not stated"
    "area_m2": (F32, np.nan), "seated": (F32, np.nan), "standing": (F32, np.nan), "beds": (F32, np.nan),
    "features": (np.uint32, 0), "support": (np.uint32, 0), "support_stated": (bool, False),
    "price": (np.int8, 0), "price_eur": (F32, np.nan), "budget_eur": (F32, np.nan),
    "in_return": (np.uint32, 0), "support_key": (np.int8, -1),
}


def part_factors(terms) -> np.ndarray:
    """part_factor by support_key column code: SUPPORT's order, and 1 at the end, which code -1
    (an offer that stands for itself) indexes. Looked up at query time, so a saved index holds no
    weights."""
    return np.array([terms.support_meets.get(key, 0.0) for key in SUPPORT] + [1.0], dtype=F32)


def term_values(exchange: Exchange) -> dict:
    """An exchange's TERM_COLUMNS values (numpy scalars), as stored in a column table."""
    def number(value):
        return F32(np.nan) if value is None else F32(value)

    return {
        "area_m2": number(exchange.area_m2), "seated": number(exchange.seated),
        "standing": number(exchange.standing), "beds": number(exchange.beds),
        "features": np.uint32(bits(exchange.features, FEATURE_BIT)),
        "support": np.uint32(bits(exchange.support, SUPPORT_BIT)), "support_stated": exchange.states_support,
        "price": np.int8(PRICE_CODE[exchange.price]), "price_eur": number(exchange.price_eur),
        "budget_eur": number(exchange.budget_eur), "in_return": np.uint32(bits(exchange.in_return, TYPE_BIT)),
        "support_key": np.int8(-1 if exchange.support_key is None else SUPPORT.index(exchange.support_key)),
    }


def terms_factor_columns(need: dict, offer: dict, asker_offers, terms):
    """`terms_factor` over columns: `need` and `offer` map TERM_COLUMNS names to arrays or scalars
    that broadcast together; `asker_offers` is the TYPE_BIT mask of what each need's owner offers
    (0: states none)."""
    one = F32(1)
    factor = part_factors(terms)[offer["support_key"]]
    in_return = offer["in_return"]
    if np.any(in_return):
        met = (in_return & asker_offers) != 0
        unmet = np.where(asker_offers == 0, F32(terms.return_unknown), F32(terms.return_unmet))
        factor = factor * np.where((in_return == 0) | met, one, unmet)
    with np.errstate(invalid="ignore", divide="ignore"):
        for size in SIZES:
            asked = need[size]
            if not np.any(asked > 0):
                continue
            offered = offer[size]
            if size == "beds":  # lodging given, beds not counted: not held against it (see size_shortfalls)
                lodging = (offer["support"] & np.uint32(SUPPORT_BIT["lodging"])) != 0
                offered = np.where(np.isnan(offered) & lodging, F32(np.inf), offered)
            short = np.where(np.isnan(offered), F32(terms.size_unknown),
                             np.maximum(F32(terms.too_small_floor), offered / asked))
            factor = factor * np.where((asked > 0) & ~(offered >= asked), short, one)
        required = need["features"]
        if np.any(required):
            missing = popcount(required & ~offer["features"])
            lacking = np.where(offer["features"] != 0, np.power(F32(terms.feature_missing), missing),
                               F32(terms.size_unknown))
            factor = factor * np.where(missing > 0, lacking, one)
        wanted = need["support"] & np.uint32(bits(WANTED_SUPPORT, SUPPORT_BIT))
        if np.any(wanted):
            given = offer["support"] | np.where(offer["beds"] > 0, np.uint32(SUPPORT_BIT["lodging"]), np.uint32(0))
            share = popcount(wanted & given) / np.maximum(popcount(wanted), F32(1))
            supported = F32(terms.support_floor) + (one - F32(terms.support_floor)) * share
            factor = factor * np.where(wanted == 0, one,
                                       np.where(offer["support_stated"], supported, F32(terms.support_unknown)))
        budget = need["budget_eur"]
        if np.any(~np.isnan(budget)):
            price = offer["price_eur"]
            over = np.where(budget <= 0, F32(terms.over_budget_floor),
                            np.maximum(F32(terms.over_budget_floor), budget / price))
            cost = np.where(np.isnan(price), F32(terms.cost_unknown), np.where(price <= budget, one, over))
            factor = factor * np.where(np.isnan(budget) | (offer["price"] != PRICE_CODE["rent"]), one, cost)
    return factor
