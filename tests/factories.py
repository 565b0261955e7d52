"""Small builders for scoring tests."""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
import random

import numpy as np

from matcher.understanding.lexicon import lexicon
from matcher.paths import MODELS_DIR
from matcher.places.gazetteer import gazetteer
from matcher.understanding.preparation import Exchange, Prepared, with_implied_offers
from matcher.profiles import (AUDIENCES, DISCIPLINES, EXCHANGE_TYPES, IN_KIND, LANGUAGES, ORGANISATION_TYPES,
                              PARTNER_KINDS, PRICES, SPACE_FEATURES, SPACE_TYPES, SUPPORT, SUPPORTED_TYPES)
from matcher.ranking.scoring import pair_distance_km, within_reach


def day(text: str) -> int:
    return dt.date.fromisoformat(text).toordinal()


def exchange(type, start=None, end=None, amount=None, audiences=(), **terms) -> Exchange:
    """An Exchange; `terms` are its term fields (in_return, area_m2, support, price, ...), lists as lists."""
    terms = {name: frozenset(value) if isinstance(value, (list, tuple, set)) else value
             for name, value in terms.items()}
    return Exchange(type, day(start) if start else None, day(end) if end else None, amount, frozenset(audiences),
                    **terms)


def unit(vector) -> np.ndarray:
    vector = np.asarray(vector, dtype=np.float32)
    return vector / np.linalg.norm(vector)


def prepared(id, kind="organisation", lat=50.85, lon=4.35, max_km=None, disciplines=(), audiences=(),
             themes=(), offers=(), needs=(), partners=(), text=None, concepts=None, language="en",
             space=None, municipality=None, type=None, partner_kinds=(), served=(),
             served_municipalities=()) -> Prepared:
    """A Prepared profile; its concept vector is `concepts` (any vector, for the plain scorers) or,
    with `space` (a ConceptSpace, as the index needs), made from its concepts."""
    item = Prepared(
        id=id, kind=kind, name=id, language=language, lat=lat, lon=lon, municipality=municipality,
        max_distance_km=max_km, disciplines=frozenset(disciplines), audiences=frozenset(audiences),
        themes=frozenset(themes), offers=with_implied_offers(list(offers), list(needs)), needs=list(needs),
        partners=frozenset(partners),
        text_vector=None if text is None else unit(text), concept_vector=None if concepts is None else unit(concepts),
        type=type, partner_kinds=frozenset(partner_kinds), served=tuple(served),
        served_municipalities=frozenset(served_municipalities))
    if space is not None:
        item.concept_vector = space.vector(item)
    return item


# -- random profiles over the whole vocabularies, for the fast-against-plain checks ---------------

# The rules as the file states them, read here without the library, so a scorer that drifts from
# the file (related disciplines ignored in one of them, say) is caught by profiles that put it to work.
NEED_RULES = json.loads((MODELS_DIR / "weights.json").read_text(encoding="utf-8"))["needs"]
RELATED_PAIRS = [tuple(pair) for pair in NEED_RULES["related_disciplines"]]
SUBSTITUTES = {(need, offer) for need, offers in NEED_RULES["substitutes"].items() for offer in offers}
DISCIPLINE_SENSITIVE = frozenset(NEED_RULES["discipline_sensitive"])
THEMES = tuple(lexicon().keys("themes")) + ("free:jazz", "free:de zee")
COMMON_THEMES = THEMES[:8]  # drawn more often, so themes are shared
# Profiles mostly in Brussels, some elsewhere in Flanders and a few in Wallonia (out of reach of many).
_TOWNS = gazetteer().municipalities
BRUSSELS = [m for m in _TOWNS if m.region.startswith("Brussels")]
FLANDERS = [m for m in _TOWNS if m.region.startswith("Vlaams")]
# Places abroad, with their coordinates and no municipality: Arnhem, Maastricht, Lille, Amsterdam, Arles.
ABROAD = [(51.9851, 5.8987), (50.8514, 5.6910), (50.6292, 3.0573), (52.3676, 4.9041), (43.6766, 4.6278)]
PROVINCE = [m for m in _TOWNS if m.province == "Provincie Limburg"]
PERIODS = [(None, None), ("2027-01-01", "2027-12-31"), ("2027-07-01", "2027-08-31"), ("2027-07-15", "2027-09-15"),
           ("2027-01-01", "2027-01-31"), ("2027-08-01", "2027-08-01"), ("2028-03-01", "2028-04-30")]
AMOUNTS = [None, None, 0, 500, 3000, 5000, 20000]
MAX_DISTANCES = [None, None, 5, 15, 40, 80, 200]
# The rules in play: a substitute offer, a sensitive need between related, multidisciplinary or unrelated
# disciplines, and a need the discipline rule leaves alone.
RULES = frozenset({"substitute", "related_disciplines", "multidisciplinary", "no_shared_discipline",
                   "not_discipline_sensitive"})
# The terms in play (docs/profile-format.md, "Terms of an exchange"): each way a term changes a fit.
TERM_RULES = frozenset({"return_met", "return_unmet", "return_unknown", "too_small", "size_unknown",
                        "feature_missing", "support_share", "support_unknown", "over_budget", "cost_unknown",
                        "part_of_residency"})
SIZES = [None, None, 0, 40, 90, 120, 300]


def _related(discipline: str) -> set[str]:
    return {discipline} | {b for a, b in RELATED_PAIRS if a == discipline} | {a for a, b in RELATED_PAIRS
                                                                              if b == discipline}


def _random_disciplines(rng) -> list[str]:
    """None, multidisciplinary, one side of a related pair alone (so the relation decides), or a few."""
    draw = rng.random()
    if draw < 0.1:
        return []
    if draw < 0.2:
        return ["multidisciplinary"] + rng.sample(DISCIPLINES, rng.randint(0, 1))
    if draw < 0.65:
        return [rng.choice(rng.choice(RELATED_PAIRS))]
    return rng.sample(DISCIPLINES, rng.randint(1, 3))


def _random_terms(rng, type: str) -> dict:
    """Terms drawn from the whole vocabularies, each often absent, on the types they belong to."""
    terms = {}
    if rng.random() < 0.25:
        terms["in_return"] = rng.sample(EXCHANGE_TYPES, rng.randint(1, 2))
    if type in SPACE_TYPES and rng.random() < 0.6:
        for size in ("area_m2", "seated", "standing", "beds"):
            terms[size] = rng.choice(SIZES)
        terms["features"] = rng.sample(SPACE_FEATURES, rng.choice([0, 0, 1, 2]))
    if type in SUPPORTED_TYPES and rng.random() < 0.6:
        terms["support"] = rng.sample(SUPPORT, rng.randint(0, 3))
    if rng.random() < 0.3:
        terms["price"] = rng.choice(PRICES)
        if terms["price"] == "rent":
            terms["price_eur"] = rng.choice([None, 50, 300, 2000])
    if type == "coproduction_budget" and rng.random() < 0.5:
        terms["in_kind"] = rng.sample(IN_KIND, rng.randint(1, 2))
    if rng.random() < 0.25:
        terms["budget_eur"] = rng.choice([0, 100, 1000])
    return terms


def _random_exchanges(rng) -> list[Exchange]:
    # rehearsal_space and residency, each the other's substitute, are drawn twice as often
    types = EXCHANGE_TYPES + ("rehearsal_space", "residency")
    chosen = [rng.choice(types) for _ in range(rng.randint(0, 3))]
    return [exchange(type, *rng.choice(PERIODS), amount=rng.choice(AMOUNTS),
                     audiences=rng.sample(AUDIENCES, rng.choice([0, 0, 1, 2])), **_random_terms(rng, type))
            for type in chosen]


def _terms_in_play(need: Exchange, offer: Exchange, asker_offers: set[str]) -> set[str]:
    """Which ways of TERM_RULES the terms of this need and offer take, read from the fields."""
    found = set()
    if offer.in_return:
        found.add("return_unknown" if not asker_offers else
                  "return_met" if offer.in_return & asker_offers else "return_unmet")
    for size in ("area_m2", "seated", "standing", "beds"):
        asked, offered = getattr(need, size), getattr(offer, size)
        if asked and offered is None and not (size == "beds" and "lodging" in offer.support):
            found.add("size_unknown")
        elif asked and offered is not None and offered < asked:
            found.add("too_small")
    if need.features - offer.features and offer.features:
        found.add("feature_missing")
    if need.support - {"room"}:
        found.add("support_share" if offer.support or offer.beds is not None else "support_unknown")
    if need.budget_eur is not None and offer.price == "rent":
        if offer.price_eur is None:
            found.add("cost_unknown")
        elif offer.price_eur > need.budget_eur:
            found.add("over_budget")
    if offer.support_key is not None:
        found.add("part_of_residency")
    return found


MAKER_TYPES = ("company", "collective", "solo_artist")


def _random_partner_kinds(rng) -> list[str]:
    """Mostly none; else a kind, an organisation type, or a few of either."""
    return [] if rng.random() < 0.6 else rng.sample(PARTNER_KINDS, rng.choice([1, 1, 2, 3]))


def random_profile(rng, number: int, count: int, dim: int = 8, space=None) -> Prepared:
    """Profile `p{number:03d}` drawn with `rng` from the whole vocabularies: disciplines (related pairs and
    multidisciplinary often), audiences, themes of the lexicon and free ones, offers and needs of every type
    with periods, amounts and audiences (a need sometimes optional), kind, language, a town in Brussels, Flanders or Wallonia, a place
    abroad or no place, sometimes other towns or a province it serves, a max distance, partners among
    `p000`..`p{count - 1}` (or unknown), a text vector of `dim` numbers
    (or none), a concept vector (from `space` when given, as the index needs, else random or none), a type
    (or none) and the kinds of partner it seeks (often none)."""
    draw = rng.random()
    town = None if draw < 0.08 else rng.choice(BRUSSELS if draw < 0.6 else FLANDERS if draw < 0.9 else _TOWNS)
    # Drawn from their own generator, seeded by the draw, so the other fields stay as they were: half
    # the profiles without a town are abroad, and some serve other towns or a whole province.
    places = random.Random(draw)
    lat, lon = (town.lat, town.lon) if town else places.choice(ABROAD) if draw < 0.04 else (None, None)
    serves = [] if places.random() < 0.85 else PROVINCE if places.random() < 0.3 else \
        places.sample(BRUSSELS + FLANDERS, places.randint(1, 3))
    kind = rng.choice(["organisation", "artist"])
    return prepared(
        f"p{number:03d}", kind=kind, lat=lat, lon=lon, municipality=town.name_nl if town else None,
        served=[(m.lat, m.lon) for m in serves], served_municipalities=[m.name_nl for m in serves],
        max_km=rng.choice(MAX_DISTANCES), disciplines=_random_disciplines(rng),
        audiences=rng.sample(AUDIENCES, rng.randint(0, 3)),
        themes={rng.choice(COMMON_THEMES if rng.random() < 0.5 else THEMES) for _ in range(rng.randint(0, 3))},
        offers=_random_exchanges(rng),
        # some needs optional ("ideally ..."), drawn from `places` so the other fields stay as they were
        needs=[dataclasses.replace(need, optional=places.random() < 0.25) for need in _random_exchanges(rng)],
        partners=rng.sample([f"p{n:03d}" for n in range(count)] + ["elsewhere"], rng.choice([0, 0, 0, 1, 2])),
        text=[rng.gauss(0, 1) for _ in range(dim)] if rng.random() > 0.1 else None,
        concepts=None if space is not None or rng.random() < 0.1 else [rng.uniform(-0.2, 1) for _ in range(dim)],
        language=rng.choice(LANGUAGES), space=space,
        type=None if rng.random() < 0.25 else rng.choice(MAKER_TYPES if kind == "artist" else ORGANISATION_TYPES),
        partner_kinds=_random_partner_kinds(rng))


def random_profiles(count: int, seed: int, dim: int = 8, space=None) -> list[Prepared]:
    """`count` random profiles (see random_profile), the same for the same seed."""
    rng = random.Random(seed)
    profiles = [random_profile(rng, number, count, dim, space) for number in range(count)]
    # Accepted introductions, as the Matcher fills them: both sides of each, drawn apart so the
    # profiles' other fields stay as they were for the same seed.
    ties = random.Random(seed + 1)
    for _ in range(count // 10):
        first, second = ties.sample(profiles, 2)
        first.introduced |= {second.id}
        second.introduced |= {first.id}
    return profiles


def rules_in_play(pairs) -> set[str]:
    """Which of RULES and TERM_RULES decide how well one profile meets a need of the other, for some pair within reach
    (either way round): a test of a fast path against a plain one checks these rules only if they are in play."""
    found = set()
    for first, second in pairs:
        if first.id == second.id or not within_reach(first, second, pair_distance_km(first, second)):
            continue
        for asker, partner in ((first, second), (second, first)):
            for need in asker.needs:
                offered = {offer.type for offer in partner.offers}
                if not any(need.type == offer or (need.type, offer) in SUBSTITUTES for offer in offered):
                    continue
                if any((need.type, offer) in SUBSTITUTES for offer in offered):
                    found.add("substitute")
                for offer in partner.offers:
                    if need.type == offer.type or (need.type, offer.type) in SUBSTITUTES:
                        found |= _terms_in_play(need, offer, {o.type for o in asker.offers})
                if not asker.disciplines or not partner.disciplines or asker.disciplines & partner.disciplines:
                    continue
                if need.type not in DISCIPLINE_SENSITIVE:
                    found.add("not_discipline_sensitive")
                elif "multidisciplinary" in asker.disciplines | partner.disciplines:
                    found.add("multidisciplinary")
                elif any(_related(d) & partner.disciplines for d in asker.disciplines):
                    found.add("related_disciplines")
                else:
                    found.add("no_shared_discipline")
    return found
