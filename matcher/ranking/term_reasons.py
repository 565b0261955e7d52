"""What the terms of an exchange add to the reasons for a need met: what the offer asks in
return and whether the asker gives it, a space below the minimum asked, the support given or
missing, what it costs (docs/profile-format.md, "Terms of an exchange"). The sentences are
`reasons.TEXTS`; this module decides which apply and with which values, from the same
functions the scoring uses (`terms.py`), so a reason never says what the score did not count.
"""
from __future__ import annotations

from typing import Callable

from matcher.ranking.terms import WANTED_SUPPORT, gives_lodging, size_shortfalls
from matcher.understanding.preparation import Exchange

# How each size, support, feature and thing given in kind reads inside a sentence.
SIZE_WORDS = {
    "en": {"area_m2": "{n} m²", "seated": "{n} seats", "standing": "{n} standing", "beds": "{n} beds"},
    "nl": {"area_m2": "{n} m²", "seated": "{n} zitplaatsen", "standing": "{n} staanplaatsen", "beds": "{n} bedden"},
    "fr": {"area_m2": "{n} m²", "seated": "{n} places assises", "standing": "{n} places debout", "beds": "{n} lits"},
}
SUPPORT_WORDS = {
    "en": {"room": "room", "lodging": "lodging", "technical": "technical support", "coaching": "coaching",
           "fee": "fee", "showing": "showing"},
    "nl": {"room": "ruimte", "lodging": "verblijf", "technical": "technische ondersteuning",
           "coaching": "begeleiding", "fee": "vergoeding", "showing": "toonmoment"},
    "fr": {"room": "local", "lodging": "logement", "technical": "soutien technique",
           "coaching": "accompagnement", "fee": "rémunération", "showing": "sortie de résidence"},
}
FEATURE_WORDS = {
    "en": {"dance_floor": "dance floor", "black_box": "black box", "white_walls": "white walls",
           "rigging_points": "rigging points", "light": "lighting", "sound": "sound system",
           "projection": "projection", "kitchen": "kitchen", "wheelchair_access": "wheelchair access"},
    "nl": {"dance_floor": "dansvloer", "black_box": "black box", "white_walls": "witte wanden",
           "rigging_points": "ophangpunten", "light": "lichtinstallatie", "sound": "geluidsinstallatie",
           "projection": "projectie", "kitchen": "keuken", "wheelchair_access": "rolstoeltoegang"},
    "fr": {"dance_floor": "plancher de danse", "black_box": "boîte noire", "white_walls": "murs blancs",
           "rigging_points": "points d'accroche", "light": "éclairage", "sound": "sonorisation",
           "projection": "projection", "kitchen": "cuisine", "wheelchair_access": "accès en fauteuil roulant"},
}
IN_KIND_WORDS = {
    "en": {"venue": "the hall", "technical_crew": "a technical crew", "fee_as_budget": "a fee turned into budget",
           "lodging": "lodging", "materials": "materials"},
    "nl": {"venue": "de zaal", "technical_crew": "een technische ploeg", "fee_as_budget": "een uitkoopsom als budget",
           "lodging": "verblijf", "materials": "materiaal"},
    "fr": {"venue": "la salle", "technical_crew": "une équipe technique",
           "fee_as_budget": "un cachet converti en budget", "lodging": "un logement", "materials": "du matériel"},
}


# The reasons here that say what falls short (reasons.MISSING_KEYS holds them too).
SHORTFALL_KEYS = frozenset({"return_unmet", "space_short", "space_unstated", "features_missing", "support_missing",
                            "over_budget", "no_budget"})


def size_phrase(size: str, number: float, language: str, count: Callable[[float, str], str]) -> str:
    return SIZE_WORDS[language][size].format(n=count(number, language))


def terms_reasons(need: Exchange, offer: Exchange, asker_offers: frozenset[str], language: str, say,
                  join, exchange_phrase, count, amount) -> list:
    """The reasons the terms give for `offer` meeting `need`, most telling first. `say(key, params,
    **words)` makes a Reason; `join(words)` joins with "and"; `exchange_phrase(type)`,
    `count(n, language)` and `amount(eur, language)` word values."""
    said = []
    if offer.in_return:
        returned = sorted(offer.in_return)
        words = join([exchange_phrase(key) for key in returned])
        met = sorted(offer.in_return & asker_offers)
        key = "return_asked" if not asker_offers else "return_met" if met else "return_unmet"
        said.append(say(key, {"returned": returned}, returned=words))
    for size, offered, asked in size_shortfalls(need, offer):
        if offered is None:
            said.append(say("space_unstated", {"size": size, "asked": asked},
                            asked=size_phrase(size, asked, language, count)))
        else:
            said.append(say("space_short", {"size": size, "offered": offered, "asked": asked},
                            offered=size_phrase(size, offered, language, count),
                            asked=size_phrase(size, asked, language, count)))
    lacking = sorted(need.features - offer.features) if offer.features else []
    if lacking:
        said.append(say("features_missing", {"features": lacking},
                        features=join([FEATURE_WORDS[language][key] for key in lacking])))
    wanted = need.support & WANTED_SUPPORT
    if wanted and offer.states_support:
        given = offer.support | ({"lodging"} if gives_lodging(offer) else set())
        missing = sorted(wanted - given)
        if missing:
            said.append(say("support_missing", {"support": missing},
                            support=join([SUPPORT_WORDS[language][key] for key in missing])))
        if wanted & given:
            shown = sorted(wanted & given)
            said.append(say("support_given", {"support": shown},
                            support=join([SUPPORT_WORDS[language][key] for key in shown])))
    if offer.price == "rent" and offer.price_eur is not None:
        price = amount(offer.price_eur, language)
        if need.budget_eur is not None and offer.price_eur > need.budget_eur:
            if need.budget_eur <= 0:
                said.append(say("no_budget", {"price_eur": offer.price_eur, "budget_eur": 0}, price=price))
            else:
                said.append(say("over_budget", {"price_eur": offer.price_eur, "budget_eur": need.budget_eur},
                                price=price, budget=amount(need.budget_eur, language)))
        else:
            said.append(say("costs", {"price_eur": offer.price_eur}, price=price))
    elif offer.price == "free":
        said.append(say("free", {}))
    if offer.in_kind:
        things = sorted(offer.in_kind)
        said.append(say("in_kind", {"things": things},
                        things=join([IN_KIND_WORDS[language][key] for key in things])))
    # What falls short first: with at most four reasons a suggestion shows, they must not be crowded out.
    return sorted(said, key=lambda reason: reason.key not in SHORTFALL_KEYS)


def support_phrase(offer: Exchange, language: str) -> str:
    """The support an offer stands for, as words ("coaching"): see preparation.with_implied_offers."""
    return SUPPORT_WORDS[language][offer.support_key]
