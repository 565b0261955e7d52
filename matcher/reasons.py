"""Why a partner is suggested, in sentences a person can check against both
profiles, in the asker's language (nl, fr, en): what is offered for what is
sought and when, whom both reach, how far apart they are, and what is
missing (a period that only partly overlaps, a budget short of the ask).
"""
from __future__ import annotations

import datetime as dt

from .lexicon import Lexicon, lexicon
from .preparation import Exchange, Prepared
from .scoring import NeedMet, PairScore, amount_cover, is_rival, period_coverage

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
        "offers_for_need": "Offers {offer}{offer_when}; you seek this{need_when}",
        "reaches_for_need": "Reaches {audiences}, whom you want to reach",
        "brings_audience": "Brings {audiences}, whom you want to reach",
        "meets_their_need": "Seeks {need}{need_when}; you offer this",
        "you_reach": "Wants to reach {audiences}; you work with them",
        "both_audiences": "Both work with {audiences}",
        "both_disciplines": "Both work in {disciplines}",
        "shared_themes": "Shared themes: {themes}",
        "distance": "{km} km away",
        "partly_overlaps": "Period only partly overlaps: {percent}% of the days you need",
        "no_overlap": "Period does not overlap: offered {offer_when}, you need {need_when}",
        "budget_short": "Budget offered {offered}, you ask {asked}",
        "not_offered": "Does not offer {need}",
        "existing_partner": "Already a partner: ranked lower to favour new ties",
        "rival": "Also seeks {need}, and offers none",
        "and": "and",
    },
    "nl": {
        "offers_for_need": "Biedt {offer} aan{offer_when}; u zoekt dit{need_when}",
        "reaches_for_need": "Bereikt {audiences}, die u wilt bereiken",
        "brings_audience": "Brengt {audiences} mee, die u wilt bereiken",
        "meets_their_need": "Zoekt {need}{need_when}; u biedt dit aan",
        "you_reach": "Wil {audiences} bereiken; u werkt met hen",
        "both_audiences": "Beiden werken met {audiences}",
        "both_disciplines": "Beiden werken rond {disciplines}",
        "shared_themes": "Gedeelde thema's: {themes}",
        "distance": "{km} km van elkaar",
        "partly_overlaps": "Periode overlapt maar gedeeltelijk: {percent}% van de dagen die u zoekt",
        "no_overlap": "Periode overlapt niet: aangeboden {offer_when}, u zoekt {need_when}",
        "budget_short": "Aangeboden budget {offered}, u vraagt {asked}",
        "not_offered": "Biedt niet aan: {need}",
        "existing_partner": "Al een partner: lager gerangschikt om nieuwe banden voorrang te geven",
        "rival": "Zoekt zelf ook {need}, en biedt dat niet aan",
        "and": "en",
    },
    "fr": {
        "offers_for_need": "Propose {offer}{offer_when} ; vous cherchez cela{need_when}",
        "reaches_for_need": "Touche {audiences}, que vous voulez atteindre",
        "brings_audience": "Amène {audiences}, que vous voulez atteindre",
        "meets_their_need": "Cherche {need}{need_when} ; vous proposez cela",
        "you_reach": "Veut toucher {audiences} ; vous travaillez avec eux",
        "both_audiences": "Tous deux travaillent avec {audiences}",
        "both_disciplines": "Tous deux actifs en {disciplines}",
        "shared_themes": "Thèmes communs : {themes}",
        "distance": "À {km} km",
        "partly_overlaps": "La période ne se recouvre qu'en partie : {percent} % des jours demandés",
        "no_overlap": "Les périodes ne se recouvrent pas : proposé {offer_when}, demandé {need_when}",
        "budget_short": "Budget proposé {offered}, vous demandez {asked}",
        "not_offered": "Ne propose pas {need}",
        "existing_partner": "Déjà partenaire : classé plus bas pour favoriser de nouveaux liens",
        "rival": "Cherche aussi {need}, sans en proposer",
        "and": "et",
    },
}


# How each offer or need type reads inside a sentence, with its article.
EXCHANGE_PHRASES = {
    "en": {"rehearsal_space": "a rehearsal space", "performance_venue": "a stage to perform",
           "exhibition_space": "exhibition space", "residency": "a residency",
           "coproduction_budget": "co-production money", "technical_support": "technical support",
           "production_support": "production support", "audience_mediation": "audience mediation",
           "workshops": "workshops", "audience_reach": "access to an audience", "promotion": "promotion",
           "school_network": "contacts with schools"},
    "nl": {"rehearsal_space": "een repetitieruimte", "performance_venue": "een speelplek",
           "exhibition_space": "tentoonstellingsruimte", "residency": "een residentie",
           "coproduction_budget": "coproductiegeld", "technical_support": "technische ondersteuning",
           "production_support": "productionele ondersteuning", "audience_mediation": "publiekswerking",
           "workshops": "workshops", "audience_reach": "toegang tot een publiek", "promotion": "promotie",
           "school_network": "contacten met scholen"},
    "fr": {"rehearsal_space": "une salle de répétition", "performance_venue": "une scène",
           "exhibition_space": "un espace d'exposition", "residency": "une résidence",
           "coproduction_budget": "un apport en coproduction", "technical_support": "un soutien technique",
           "production_support": "un accompagnement de production", "audience_mediation": "de la médiation",
           "workshops": "des ateliers", "audience_reach": "un accès à un public", "promotion": "de la promotion",
           "school_network": "des contacts avec des écoles"},
}
AUDIENCE_WORDS = {
    "en": {"children": "children", "youth": "teenagers", "young_adults": "young adults", "families": "families",
           "schools": "schools", "elderly": "older people", "newcomers": "newcomers",
           "culturally_diverse": "culturally diverse audiences", "local_residents": "local residents",
           "people_with_disabilities": "people with disabilities", "professionals": "professionals",
           "general_public": "a general audience"},
    "nl": {"children": "kinderen", "youth": "jongeren", "young_adults": "jongvolwassenen", "families": "gezinnen",
           "schools": "scholen", "elderly": "ouderen", "newcomers": "nieuwkomers",
           "culturally_diverse": "een divers publiek", "local_residents": "buurtbewoners",
           "people_with_disabilities": "mensen met een beperking", "professionals": "professionals",
           "general_public": "een breed publiek"},
    "fr": {"children": "les enfants", "youth": "les jeunes", "young_adults": "les jeunes adultes",
           "families": "les familles", "schools": "les écoles", "elderly": "les aînés",
           "newcomers": "les primo-arrivants", "culturally_diverse": "des publics diversifiés",
           "local_residents": "les habitants du quartier",
           "people_with_disabilities": "les personnes en situation de handicap",
           "professionals": "les professionnels", "general_public": "le grand public"},
}


def _language(language: str) -> str:
    return language if language in TEXTS else "en"


def format_count(number: float, language: str) -> str:
    """A whole number with the language's thousands separator: 10.000, 10\u202f000, 10,000."""
    whole = f"{int(round(number)):,}"
    if language == "nl":
        return whole.replace(",", ".")
    if language == "fr":
        return whole.replace(",", "\u202f")
    return whole


def format_amount(amount: float, language: str) -> str:
    unit = {"nl": " euro", "fr": " €"}.get(language, " EUR")
    return format_count(amount, language) + unit


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


WHEN = {
    "en": {"months": " in {period}", "days": " from {start} to {end}", "day": " on {start}"},
    "nl": {"months": " in {period}", "days": " van {start} tot {end}", "day": " op {start}"},
    "fr": {"months": " en {period}", "days": " du {start} au {end}", "day": " le {start}"},
}


def format_day(day: dt.date, language: str, with_year: bool = True) -> str:
    number = "1er" if language == "fr" and day.day == 1 else str(day.day)
    return f"{number} {MONTHS[language][day.month - 1]}" + (f" {day.year}" if with_year else "")


def _when(exchange: Exchange, language: str) -> str:
    """" in July–August 2027", " from 5 July to 13 August 2027", " on 3 March 2027", or ""."""
    if exchange.start is None:
        return ""
    phrases = WHEN[language]
    first, last = dt.date.fromordinal(exchange.start), dt.date.fromordinal(exchange.end)
    if first == last:
        return phrases["day"].format(start=format_day(first, language))
    if first.day == 1 and (last + dt.timedelta(days=1)).day == 1:
        return phrases["months"].format(period=format_period(exchange.start, exchange.end, language))
    return phrases["days"].format(start=format_day(first, language, first.year != last.year),
                                  end=format_day(last, language))


def _what(exchange: Exchange, label: str, language: str) -> str:
    """The label, with the amount where one is given ("co-production budget of 4,000 EUR")."""
    if exchange.amount_eur is None:
        return label
    of = {"en": " of ", "nl": " van ", "fr": " de "}[language]
    return label + of + format_amount(exchange.amount_eur, language)


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
        if section == "exchange_types":
            return EXCHANGE_PHRASES[language][key]
        return vocabulary.label(section, key, language)

    def audiences(keys) -> str:
        return _join([AUDIENCE_WORDS[language][k] for k in sorted(keys)], language)

    ranked: list[tuple[int, str]] = []
    if pair.components.get("novelty") == 0.0:
        ranked.append((0, text["existing_partner"]))
    if is_rival(asker, partner):
        shared = sorted({n.type for n in asker.needs} & {n.type for n in partner.needs})
        ranked.append((2, text["rival"].format(need=label("exchange_types", shared[0]))))
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
                need=_what(item.need, label("exchange_types", item.need.type), language),
                need_when=_when(item.need, language))))
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
    if item.offer.type == "audience_reach" and item.offer.audiences:
        asked = item.need.audiences & item.offer.audiences or item.offer.audiences
        return text["brings_audience"].format(audiences=audiences(asked))
    return text["offers_for_need"].format(
        offer=_what(item.offer, label("exchange_types", item.offer.type), language),
        offer_when=_when(item.offer, language), need_when=_when(item.need, language))


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
