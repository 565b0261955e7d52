"""Why a partner is suggested, in sentences a person can check against both
profiles, in the asker's language (nl, fr, en): what is offered for what is
sought and when, whom both reach, how far apart they are, and what is
missing (a period that only partly overlaps, a budget short of the ask).
"""
from __future__ import annotations

import datetime as dt

from .lexicon import Lexicon, lexicon
from .preparation import Exchange, Prepared
from .scoring import NeedMet, PairScore, amount_cover, period_coverage

MAX_REASONS = 4
MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"],
    "nl": ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
           "oktober", "november", "december"],
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
           "octobre", "novembre", "décembre"],
}
TEXTS = {
    "en": {
        "offers_for_need": "Offers {offer}{offer_when}; you seek {it}{need_when}",
        "reaches_for_need": "Reaches {audiences}, whom you want to reach",
        "meets_their_need": "Seeks {need}{need_when}; you offer {it}",
        "you_reach": "Wants to reach {audiences}; you work with them",
        "both_audiences": "Both work with {audiences}",
        "both_disciplines": "Both work in {disciplines}",
        "shared_themes": "Shared themes: {themes}",
        "distance": "{km} km away",
        "partly_overlaps": "Period only partly overlaps: {percent}% of the days you need",
        "no_overlap": "Period does not overlap: offered {offer_when}, you need {need_when}",
        "budget_short": "Budget offered {offered}, you ask {asked}",
        "not_offered": "Offers no {need}",
        "existing_partner": "Already a partner: ranked lower to favour new ties",
        "in": " in ", "from_to": " from {start} to {end}", "it": "it", "and": "and",
    },
    "nl": {
        "offers_for_need": "Biedt {offer} aan{offer_when}; u zoekt {it}{need_when}",
        "reaches_for_need": "Bereikt {audiences}, die u wilt bereiken",
        "meets_their_need": "Zoekt {need}{need_when}; u biedt {it} aan",
        "you_reach": "Wil {audiences} bereiken; u werkt met hen",
        "both_audiences": "Beiden werken met {audiences}",
        "both_disciplines": "Beiden werken rond {disciplines}",
        "shared_themes": "Gedeelde thema's: {themes}",
        "distance": "{km} km van elkaar",
        "partly_overlaps": "Periode overlapt maar gedeeltelijk: {percent}% van de dagen die u zoekt",
        "no_overlap": "Periode overlapt niet: aangeboden {offer_when}, u zoekt {need_when}",
        "budget_short": "Aangeboden budget {offered}, u vraagt {asked}",
        "not_offered": "Biedt geen {need}",
        "existing_partner": "Al een partner: lager gerangschikt om nieuwe banden voorrang te geven",
        "in": " in ", "from_to": " van {start} tot {end}", "it": "dat", "and": "en",
    },
    "fr": {
        "offers_for_need": "Propose {offer}{offer_when} ; vous cherchez {it}{need_when}",
        "reaches_for_need": "Touche {audiences}, que vous voulez atteindre",
        "meets_their_need": "Cherche {need}{need_when} ; vous le proposez",
        "you_reach": "Veut toucher {audiences} ; vous travaillez avec eux",
        "both_audiences": "Tous deux travaillent avec {audiences}",
        "both_disciplines": "Tous deux actifs en {disciplines}",
        "shared_themes": "Thèmes communs : {themes}",
        "distance": "À {km} km",
        "partly_overlaps": "La période ne se recouvre qu'en partie : {percent} % des jours demandés",
        "no_overlap": "Les périodes ne se recouvrent pas : proposé {offer_when}, demandé {need_when}",
        "budget_short": "Budget proposé {offered}, vous demandez {asked}",
        "not_offered": "Ne propose pas de {need}",
        "existing_partner": "Déjà partenaire : classé plus bas pour favoriser de nouveaux liens",
        "in": " en ", "from_to": " du {start} au {end}", "it": "cela", "and": "et",
    },
}


def _language(language: str) -> str:
    return language if language in TEXTS else "en"


def format_amount(amount: float, language: str) -> str:
    whole = f"{int(round(amount)):,}"
    if language == "nl":
        return whole.replace(",", ".") + " euro"
    if language == "fr":
        return whole.replace(",", "\u202f") + " €"
    return whole + " EUR"


def format_km(km: float, language: str) -> str:
    text = f"{km:.1f}" if km < 10 else f"{km:.0f}"
    return text.replace(".", ",") if language in ("nl", "fr") else text


def format_period(start: int, end: int, language: str) -> str:
    """"July–August 2027" for whole months, else "1 July – 15 August 2027"."""
    months = MONTHS[language]
    first, last = dt.date.fromordinal(start), dt.date.fromordinal(end)
    whole_months = first.day == 1 and (last + dt.timedelta(days=1)).day == 1
    if whole_months:
        if (first.year, first.month) == (last.year, last.month):
            return f"{months[first.month - 1]} {first.year}"
        left = months[first.month - 1] + ("" if first.year == last.year else f" {first.year}")
        return f"{left}–{months[last.month - 1]} {last.year}"
    left = f"{first.day} {months[first.month - 1]}" + ("" if first.year == last.year else f" {first.year}")
    return f"{left} – {last.day} {months[last.month - 1]} {last.year}"


def _when(exchange: Exchange, language: str) -> str:
    if exchange.start is None:
        return ""
    text = TEXTS[language]
    period = format_period(exchange.start, exchange.end, language)
    return text["in"] + period


def _join(labels: list[str], language: str) -> str:
    if len(labels) <= 1:
        return "".join(labels)
    return ", ".join(labels[:-1]) + f" {TEXTS[language]['and']} " + labels[-1]


def explain(asker: Prepared, partner: Prepared, pair: PairScore, vocabulary: Lexicon | None = None) -> list[str]:
    """Up to four short sentences, most telling first."""
    vocabulary = vocabulary or lexicon()
    language = _language(asker.language)
    text = TEXTS[language]

    def label(section: str, key: str) -> str:
        return vocabulary.label(section, key, language)

    def audiences(keys) -> str:
        return _join([label("audiences", k) for k in sorted(keys)], language)

    ranked: list[tuple[int, str]] = []
    if pair.components.get("novelty") == 0.0:
        ranked.append((0, text["existing_partner"]))
    met = sorted((m for m in pair.asker_needs if m.score > 0), key=lambda m: -m.score)
    for position, item in enumerate(met[:2]):
        ranked.append((1 + 2 * position, _need_sentence(item, language, label, audiences)))
        missing = _missing_sentence(item, language)
        if missing:
            ranked.append((2 + 2 * position, missing))
    for item in [m for m in pair.asker_needs if m.score == 0][:1]:
        same_type = [o for o in partner.offers if o.type == item.need.type]
        if same_type and item.need.start is not None and same_type[0].start is not None:
            ranked.append((2, text["no_overlap"].format(
                offer_when=format_period(same_type[0].start, same_type[0].end, language),
                need_when=format_period(item.need.start, item.need.end, language))))
        elif met:
            ranked.append((9, text["not_offered"].format(need=label("exchange_types", item.need.type))))
    for item in sorted((m for m in pair.partner_needs if m.score > 0), key=lambda m: -m.score)[:1]:
        if item.offer is not None:
            ranked.append((3, text["meets_their_need"].format(
                need=label("exchange_types", item.need.type), need_when=_when(item.need, language),
                it=text["it"])))
        else:
            ranked.append((3, text["you_reach"].format(audiences=audiences(item.audiences))))
    shared_audiences = asker.audiences & partner.audiences
    if shared_audiences:
        ranked.append((4, text["both_audiences"].format(audiences=audiences(shared_audiences))))
    if pair.distance_km is not None:
        ranked.append((5, text["distance"].format(km=format_km(pair.distance_km, language))))
    shared_disciplines = asker.disciplines & partner.disciplines
    if shared_disciplines:
        ranked.append((6, text["both_disciplines"].format(
            disciplines=_join([label("disciplines", k) for k in sorted(shared_disciplines)], language))))
    shared_themes = sorted(t for t in asker.themes & partner.themes if not t.startswith("free:"))
    shared_themes += sorted(t[5:] for t in asker.themes & partner.themes if t.startswith("free:"))
    if shared_themes:
        ranked.append((7, text["shared_themes"].format(
            themes=", ".join(label("themes", t) for t in shared_themes[:3]))))
    ranked.sort(key=lambda item: item[0])
    return [sentence for _, sentence in ranked[:MAX_REASONS]]


def _need_sentence(item: NeedMet, language: str, label, audiences) -> str:
    text = TEXTS[language]
    if item.offer is None:
        return text["reaches_for_need"].format(audiences=audiences(item.audiences))
    return text["offers_for_need"].format(
        offer=label("exchange_types", item.offer.type), offer_when=_when(item.offer, language),
        it=text["it"], need_when=_when(item.need, language))


def _missing_sentence(item: NeedMet, language: str) -> str | None:
    if item.offer is None:
        return None
    text = TEXTS[language]
    coverage = period_coverage(item.need, item.offer)
    if 0 < coverage < 1:
        return text["partly_overlaps"].format(percent=int(round(coverage * 100)))
    if coverage == 0:
        return text["no_overlap"].format(offer_when=format_period(item.offer.start, item.offer.end, language),
                                         need_when=format_period(item.need.start, item.need.end, language))
    if amount_cover(item.need, item.offer) < 1:
        return text["budget_short"].format(offered=format_amount(item.offer.amount_eur, language),
                                           asked=format_amount(item.need.amount_eur, language))
    return None
