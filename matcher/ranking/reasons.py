"""Why a partner is suggested, in sentences a person can check against both
profiles, in the asker's language (nl, fr, en): what is offered for what is
sought and when, whom both reach, how far apart they are, whether it is the
kind of partner sought, and what is missing (a period that only partly
overlaps, a budget short of the ask).

Each reason is a `Reason`: a stable key (one of `TEXTS`' keys), the values it
was said with (language-neutral lexicon keys, numbers, ISO dates), and its
sentence. Pages and API clients style or word a reason from its key and
params, never by reading the sentence.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from matcher.profiles import PARTNER_KINDS
from matcher.ranking.term_reasons import SHORTFALL_KEYS, support_phrase, terms_reasons
from matcher.ranking.scoring import NeedMet, PairScore, amount_cover, is_rival, period_coverage
from matcher.understanding.lexicon import Lexicon, lexicon
from matcher.understanding.preparation import Exchange, Prepared

MAX_REASONS = 4
# Keys of the reasons that say what is missing; the pages mark these, and the JSON says so.
MISSING_KEYS = frozenset({"partly_overlaps", "no_overlap", "other_audiences", "budget_short", "not_offered",
                          "partner_kind_differs"}) | SHORTFALL_KEYS
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
        "offers_in_part_for_need": "Offers {offer}{offer_when}; you seek {need}{need_when}, which this meets "
                                   "in part",
        "collaborates_for_need": "Makes work together with organisations{disciplines}{offer_when}; "
                                 "you seek an artist to create with{need_when}",
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
        "other_audiences": "Offers {need} for {offered}; you seek it for {asked}",
        "not_offered": "Does not offer {need}",
        "existing_partner": "Already a partner: ranked lower to favour new ties",
        "rival": "Also seeks {need}, and offers none",
        "partner_kind_fits": "You seek {sought}; this is one",
        "partner_kind_differs": "You seek {sought}; this is {partner_kind}",
        "residency_support_for_need": "Offers a residency with {support}{offer_when}; you seek {need}{need_when}, "
                                      "which this meets in part",
        "return_met": "Asks {returned} in return; you offer this",
        "return_unmet": "Asks {returned} in return; you offer none",
        "return_asked": "Asks {returned} in return",
        "space_short": "{offered}; you ask at least {asked}",
        "space_unstated": "Does not say how big; you ask at least {asked}",
        "features_missing": "Has no {features}",
        "support_given": "With {support}",
        "support_missing": "Without {support}, which you ask",
        "free": "Free of charge",
        "costs": "Costs {price}",
        "over_budget": "Costs {price}; your budget is {budget}",
        "no_budget": "Costs {price}; you have no budget",
        "in_kind": "In kind: {things}",
        "and": "and",
        "or": "or",
    },
    "nl": {
        "offers_for_need": "Biedt {offer} aan{offer_when}; je zoekt dit{need_when}",
        "offers_in_part_for_need": "Biedt {offer} aan{offer_when}; je zoekt {need}{need_when}, en dit komt daar "
                                   "deels aan tegemoet",
        "collaborates_for_need": "Maakt werk samen met organisaties{disciplines}{offer_when}; "
                                 "je zoekt een kunstenaar om mee te creëren{need_when}",
        "reaches_for_need": "Bereikt {audiences}, die je wilt bereiken",
        "brings_audience": "Brengt {audiences} mee, die je wilt bereiken",
        "meets_their_need": "Zoekt {need}{need_when}; je biedt dit aan",
        "you_reach": "Wil {audiences} bereiken; je werkt met hen",
        "both_audiences": "Beiden werken met {audiences}",
        "both_disciplines": "Beiden werken rond {disciplines}",
        "shared_themes": "Gedeelde thema's: {themes}",
        "distance": "{km} km van elkaar",
        "partly_overlaps": "Periode overlapt maar gedeeltelijk: {percent}% van de dagen die je zoekt",
        "no_overlap": "Periode overlapt niet: aangeboden {offer_when}, je zoekt {need_when}",
        "budget_short": "Aangeboden budget {offered}, je vraagt {asked}",
        "other_audiences": "Biedt {need} aan voor {offered}; je zoekt dit voor {asked}",
        "not_offered": "Biedt niet aan: {need}",
        "existing_partner": "Al een partner: lager gerangschikt om nieuwe banden voorrang te geven",
        "rival": "Zoekt zelf ook {need}, en biedt dat niet aan",
        "partner_kind_fits": "Je zoekt {sought}; dit is er een",
        "partner_kind_differs": "Je zoekt {sought}; dit is {partner_kind}",
        "residency_support_for_need": "Biedt een residentie met {support} aan{offer_when}; je zoekt {need}{need_when}, "
                                      "en dit komt daar deels aan tegemoet",
        "return_met": "Vraagt {returned} in ruil; je biedt dit aan",
        "return_unmet": "Vraagt {returned} in ruil; je biedt er geen aan",
        "return_asked": "Vraagt {returned} in ruil",
        "space_short": "{offered}; je vraagt minstens {asked}",
        "space_unstated": "Zegt niet hoe groot; je vraagt minstens {asked}",
        "features_missing": "Heeft geen {features}",
        "support_given": "Met {support}",
        "support_missing": "Zonder {support}, wat je vraagt",
        "free": "Gratis",
        "costs": "Kost {price}",
        "over_budget": "Kost {price}; je budget is {budget}",
        "no_budget": "Kost {price}; je hebt geen budget",
        "in_kind": "In natura: {things}",
        "and": "en",
        "or": "of",
    },
    "fr": {
        "offers_for_need": "Propose {offer}{offer_when} ; vous cherchez cela{need_when}",
        "offers_in_part_for_need": "Propose {offer}{offer_when} ; vous cherchez {need}{need_when}, ce qui y "
                                   "répond en partie",
        "collaborates_for_need": "Crée avec des organisations{disciplines}{offer_when} ; "
                                 "vous cherchez un·e artiste avec qui créer{need_when}",
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
        "other_audiences": "Propose {need} pour {offered} ; vous le cherchez pour {asked}",
        "not_offered": "Ne propose pas {need}",
        "existing_partner": "Déjà partenaire : classé plus bas pour favoriser de nouveaux liens",
        "rival": "Cherche aussi {need}, sans en proposer",
        "partner_kind_fits": "Vous cherchez {sought} ; c'en est {one}",
        "partner_kind_differs": "Vous cherchez {sought} ; c'est {partner_kind}",
        "residency_support_for_need": "Propose une résidence avec {support}{offer_when} ; vous cherchez "
                                      "{need}{need_when}, ce qui y répond en partie",
        "return_met": "Demande {returned} en échange ; vous en proposez",
        "return_unmet": "Demande {returned} en échange ; vous n'en proposez pas",
        "return_asked": "Demande {returned} en échange",
        "space_short": "{offered} ; vous demandez au moins {asked}",
        "space_unstated": "Ne dit pas sa taille ; vous demandez au moins {asked}",
        "features_missing": "Sans {features}",
        "support_given": "Avec {support}",
        "support_missing": "Sans {support}, que vous demandez",
        "free": "Gratuit",
        "costs": "Coûte {price}",
        "over_budget": "Coûte {price} ; votre budget est de {budget}",
        "no_budget": "Coûte {price} ; vous n'avez pas de budget",
        "in_kind": "En nature : {things}",
        "and": "et",
        "or": "ou",
    },
}

# Every key a Reason can have: the sentences above ("and" and "or" are words inside them).
REASON_KEYS = tuple(key for key in TEXTS["en"] if key not in ("and", "or"))


# How each offer or need type reads inside a sentence, with its article.
EXCHANGE_PHRASES = {
    "en": {"rehearsal_space": "a rehearsal space", "performance_venue": "a stage to perform",
           "exhibition_space": "exhibition space", "residency": "a residency",
           "coproduction_budget": "co-production money", "technical_support": "technical support",
           "production_support": "production support", "audience_mediation": "audience mediation",
           "workshops": "workshops", "audience_reach": "access to an audience", "promotion": "promotion",
           "school_network": "contacts with schools", "artistic_collaboration": "an artistic collaboration"},
    "nl": {"rehearsal_space": "een repetitieruimte", "performance_venue": "een speelplek",
           "exhibition_space": "tentoonstellingsruimte", "residency": "een residentie",
           "coproduction_budget": "coproductiegeld", "technical_support": "technische ondersteuning",
           "production_support": "productionele ondersteuning", "audience_mediation": "publiekswerking",
           "workshops": "workshops", "audience_reach": "toegang tot een publiek", "promotion": "promotie",
           "school_network": "contacten met scholen", "artistic_collaboration": "een artistieke samenwerking"},
    "fr": {"rehearsal_space": "une salle de répétition", "performance_venue": "une scène",
           "exhibition_space": "un espace d'exposition", "residency": "une résidence",
           "coproduction_budget": "un apport en coproduction", "technical_support": "un soutien technique",
           "production_support": "un accompagnement de production", "audience_mediation": "de la médiation",
           "workshops": "des ateliers", "audience_reach": "un accès à un public", "promotion": "de la promotion",
           "school_network": "des contacts avec des écoles",
           "artistic_collaboration": "une collaboration artistique"},
}
# How each kind of partner sought reads inside a sentence, with its article.
PARTNER_KIND_PHRASES = {
    "en": {"artist": "an artist", "organisation": "an organisation", "cultural_centre": "a cultural centre",
           "community_centre": "a community centre", "arts_organisation": "an arts organisation",
           "venue": "a venue", "residency_centre": "a residency centre", "school": "a school",
           "library": "a library", "heritage_organisation": "a heritage organisation",
           "amateur_association": "an amateur association", "youth_organisation": "a youth organisation",
           "social_organisation": "a social organisation", "local_government": "a local government",
           "company": "a company", "collective": "a collective", "solo_artist": "a solo artist"},
    "nl": {"artist": "een kunstenaar", "organisation": "een organisatie", "cultural_centre": "een cultuurcentrum",
           "community_centre": "een gemeenschapscentrum", "arts_organisation": "een kunstenorganisatie",
           "venue": "een podium", "residency_centre": "een residentieplek", "school": "een school",
           "library": "een bibliotheek", "heritage_organisation": "een erfgoedorganisatie",
           "amateur_association": "een amateurvereniging", "youth_organisation": "een jeugdorganisatie",
           "social_organisation": "een sociale organisatie", "local_government": "een lokaal bestuur",
           "company": "een gezelschap", "collective": "een collectief", "solo_artist": "een solo-artiest"},
    "fr": {"artist": "un·e artiste", "organisation": "une organisation", "cultural_centre": "un centre culturel",
           "community_centre": "un centre communautaire", "arts_organisation": "une organisation artistique",
           "venue": "un lieu de spectacle", "residency_centre": "un lieu de résidence", "school": "une école",
           "library": "une bibliothèque", "heritage_organisation": "une organisation patrimoniale",
           "amateur_association": "une association amateur", "youth_organisation": "une organisation de jeunesse",
           "social_organisation": "une organisation sociale", "local_government": "un pouvoir local",
           "company": "une compagnie", "collective": "un collectif", "solo_artist": "un·e artiste solo"},
}
# The finer kinds first: "you seek a school" says more than "you seek an organisation".
PARTNER_KIND_ORDER = {key: position for position, key in enumerate(PARTNER_KINDS[2:] + PARTNER_KINDS[:2])}
MAX_KINDS_SAID = 3
MAX_DISCIPLINES_SAID = 3
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


@dataclass(frozen=True)
class Reason:
    """One reason a partner is suggested: what kind of reason (`key`), the values it says (`params`,
    JSON-ready), and the sentence in the asker's language (`text`)."""

    key: str
    params: dict = field(hash=False)
    text: str

    @property
    def missing(self) -> bool:
        """True for a reason that says what is missing (a period, a budget, an offer)."""
        return self.key in MISSING_KEYS

    def as_dict(self) -> dict:
        return {"key": self.key, "params": self.params, "text": self.text, "missing": self.missing}


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


def _join(labels: list[str], language: str, word: str = "and") -> str:
    if len(labels) <= 1:
        return "".join(labels)
    return ", ".join(labels[:-1]) + f" {TEXTS[language][word]} " + labels[-1]


def _iso(ordinal: int | None) -> str | None:
    return None if ordinal is None else dt.date.fromordinal(ordinal).isoformat()


def _period_params(exchange: Exchange, prefix: str) -> dict:
    """{"need_start": "2027-07-01", "need_end": "2027-08-15"}; null dates when no period is given."""
    return {f"{prefix}_start": _iso(exchange.start), f"{prefix}_end": _iso(exchange.end)}


def _reason(language: str, key: str, params: dict, **words) -> Reason:
    """A reason with its sentence: `params` are what it says, `words` how the sentence says them."""
    return Reason(key, params, TEXTS[language][key].format(**words))


def explain(asker: Prepared, partner: Prepared, pair: PairScore,
            vocabulary: Lexicon | None = None) -> list[Reason]:
    """Up to four reasons, most telling first, each with its sentence in the asker's language."""
    vocabulary = vocabulary or lexicon()
    language = _language(asker.language)

    def label(section: str, key: str) -> str:
        if section == "exchange_types":
            return EXCHANGE_PHRASES[language][key]
        return vocabulary.label(section, key, language)

    def audiences(keys) -> str:
        return _join([AUDIENCE_WORDS[language][k] for k in sorted(keys)], language)

    ranked: list[tuple[int, Reason]] = []
    if pair.components.get("novelty") == 0.0:
        ranked.append((0, _reason(language, "existing_partner", {})))
    if is_rival(asker, partner):
        shared = sorted({n.type for n in asker.needs} & {n.type for n in partner.needs})
        ranked.append((2, _reason(language, "rival", {"need": shared[0]},
                                  need=label("exchange_types", shared[0]))))
    met = sorted((m for m in pair.asker_needs if m.score > 0), key=lambda m: -m.score)
    for position, (item, reason) in enumerate(_distinct_need_reasons(
            met, lambda item: _need_reason(item, asker, partner, language, label, audiences))[:2]):
        ranked.append((1 + 2 * position, reason))
        missing = _missing_reason(item, language)
        if missing:
            ranked.append((2 + 2 * position, missing))
        if item.offer is not None:
            for said in _terms_reasons(item, asker, language, label):
                ranked.append((2 + 2 * position, said))
    for item in [m for m in pair.asker_needs if m.score == 0][:1]:
        same_type = [o for o in partner.offers if o.type == item.need.type]
        # Say why an offer of the very type meets nothing: its period, or else whom it is for
        # (workshops for children when families are asked); never a period that does overlap.
        apart = [o for o in same_type if item.need.start is not None and o.start is not None
                 and period_coverage(item.need, o) == 0]
        other_public = [o for o in same_type if item.need.audiences and o.audiences
                        and not item.need.audiences & o.audiences]
        if apart:
            ranked.append((2, _no_overlap(item.need, apart[0], language)))
        elif other_public:
            offered = sorted(other_public[0].audiences)
            ranked.append((2, _reason(
                language, "other_audiences",
                {"need": item.need.type, "offered_audiences": offered, "asked_audiences": sorted(item.need.audiences)},
                need=EXCHANGE_PHRASES[language].get(item.need.type, label("exchange_types", item.need.type)),
                offered=audiences(offered), asked=audiences(item.need.audiences))))
        elif met:
            ranked.append((9, _reason(language, "not_offered", {"need": item.need.type},
                                      need=label("exchange_types", item.need.type))))
    if pair.partner_kind_fits is not None:
        # Said after the need it meets; a partner of another kind is said early, as it explains a lower rank.
        ranked.append((2 if pair.partner_kind_fits else 1, _partner_kind_reason(asker, partner, language)))
    for item in sorted((m for m in pair.partner_needs if m.score > 0), key=lambda m: -m.score)[:1]:
        if item.offer is not None:
            ranked.append((3, _reason(
                language, "meets_their_need",
                {"need": item.need.type, "need_amount_eur": item.need.amount_eur,
                 **_period_params(item.need, "need")},
                need=_what(item.need, label("exchange_types", item.need.type), language),
                need_when=_when(item.need, language))))
        else:
            ranked.append((3, _reason(language, "you_reach", {"audiences": sorted(item.audiences)},
                                      audiences=audiences(item.audiences))))
    shared_audiences = asker.audiences & partner.audiences
    if shared_audiences:
        ranked.append((4, _reason(language, "both_audiences", {"audiences": sorted(shared_audiences)},
                                  audiences=audiences(shared_audiences))))
    if pair.distance_km is not None:
        ranked.append((5, _reason(language, "distance", {"km": round(pair.distance_km, 1)},
                                  km=format_km(pair.distance_km, language))))
    shared_disciplines = sorted(asker.disciplines & partner.disciplines)
    if shared_disciplines:
        ranked.append((6, _reason(language, "both_disciplines", {"disciplines": shared_disciplines},
                                  disciplines=_join([label("disciplines", k) for k in shared_disciplines],
                                                    language))))
    # Lexicon themes first, then the profiles' own words ("free:..."), as many as the sentence names.
    shared = asker.themes & partner.themes
    shared_themes = (sorted(t for t in shared if not t.startswith("free:"))
                     + sorted((t for t in shared if t.startswith("free:")), key=lambda t: t[5:]))[:3]
    if shared_themes:
        ranked.append((7, _reason(language, "shared_themes", {"themes": shared_themes}, themes=", ".join(
            t[5:] if t.startswith("free:") else label("themes", t) for t in shared_themes))))
    ranked.sort(key=lambda item: item[0])
    return distinct([reason for _, reason in ranked])[:MAX_REASONS]


def _said(reason: Reason) -> tuple[str, str]:
    """What a reason says, for telling two apart: its key with its params, as text (repr, not JSON:
    this runs for every reason of every suggestion)."""
    return reason.key, repr(sorted(reason.params.items()))


def distinct(reasons: list[Reason]) -> list[Reason]:
    """The reasons without repeats, the first of each kept: none says what another already said
    (same key and params), nor the same sentence in other words (two needs of one request can be
    worded alike)."""
    seen_said, seen_texts, kept = set(), set(), []
    for reason in reasons:
        if _said(reason) in seen_said or reason.text in seen_texts:
            continue
        seen_said.add(_said(reason))
        seen_texts.add(reason.text)
        kept.append(reason)
    return kept


def _distinct_need_reasons(met: list[NeedMet], reason_for) -> list[tuple[NeedMet, Reason]]:
    """Each need met with its reason, best met first, skipping a need whose reason says what an
    earlier one said: a request that names a rehearsal room twice (or a room and a studio, read as
    the same type) is told once, and the next need met gets the place."""
    reasons = [(item, reason_for(item)) for item in met]
    kept = distinct([reason for _, reason in reasons])
    return [(item, reason) for item, reason in reasons if any(reason is other for other in kept)]


def _partner_kind_reason(asker: Prepared, partner: Prepared, language: str) -> Reason:
    """"You seek a school; this is one", or "...; this is a cultural centre"; finer kinds named first."""
    sought = sorted(asker.partner_kinds, key=lambda key: PARTNER_KIND_ORDER.get(key, len(PARTNER_KIND_ORDER)))
    phrases = PARTNER_KIND_PHRASES[language]
    matched = [key for key in sought if key in (partner.kind, partner.type)]
    if matched:
        return _reason(language, "partner_kind_fits", {"sought": sought, "partner_kind": matched[0]},
                       sought=phrases[matched[0]], one=phrases[matched[0]].split()[0])
    actual = partner.type or partner.kind
    return _reason(language, "partner_kind_differs", {"sought": sought, "partner_kind": actual},
                   sought=_join([phrases[key] for key in sought[:MAX_KINDS_SAID]], language, "or"),
                   partner_kind=phrases[actual])


def _need_reason(item: NeedMet, asker: Prepared, partner: Prepared, language: str, label, audiences) -> Reason:
    if item.offer is None:
        return _reason(language, "reaches_for_need", {"audiences": sorted(item.audiences)},
                       audiences=audiences(item.audiences))
    if item.offer.type == "audience_reach" and item.offer.audiences:
        asked = item.need.audiences & item.offer.audiences or item.offer.audiences
        return _reason(language, "brings_audience", {"audiences": sorted(asked)}, audiences=audiences(asked))
    if item.offer.type == "artistic_collaboration" and partner.kind == "artist":
        # A maker to create with: what matters is what it makes, so its disciplines are named.
        shown = _collaboration_disciplines(asker, partner)
        disciplines = f" ({', '.join(label('disciplines', key) for key in shown)})" if shown else ""
        return _reason(
            language, "collaborates_for_need",
            {"offer": item.offer.type, "disciplines": shown, **_period_params(item.offer, "offer"),
             "need": item.need.type, **_period_params(item.need, "need")},
            disciplines=disciplines, offer_when=_when(item.offer, language), need_when=_when(item.need, language))
    if item.offer.support_key is not None:
        # Part of a residency (its coaching for a need for production support): the residency is named.
        return _reason(
            language, "residency_support_for_need",
            {"offer": "residency", "support": item.offer.support_key, **_period_params(item.offer, "offer"),
             "need": item.need.type, **_period_params(item.need, "need")},
            support=support_phrase(item.offer, language),
            need=EXCHANGE_PHRASES[language].get(item.need.type, label("exchange_types", item.need.type)),
            offer_when=_when(item.offer, language), need_when=_when(item.need, language))
    # Another type that also meets the need (a residency for a rehearsal room, workshops for making
    # work together) meets it in part, and the sentence names what was sought instead of "this".
    in_part = item.offer.type != item.need.type
    return _reason(
        language, "offers_in_part_for_need" if in_part else "offers_for_need",
        {"offer": item.offer.type, "offer_amount_eur": item.offer.amount_eur,
         **_period_params(item.offer, "offer"), "need": item.need.type, **_period_params(item.need, "need")},
        offer=_what(item.offer, label("exchange_types", item.offer.type), language),
        need=EXCHANGE_PHRASES[language].get(item.need.type, label("exchange_types", item.need.type)),
        offer_when=_when(item.offer, language), need_when=_when(item.need, language))


def _terms_reasons(item: NeedMet, asker: Prepared, language: str, label) -> list[Reason]:
    """What the offer's terms add (term_reasons.py): the return it asks, a space too small, ..."""
    def say(key: str, params: dict, **words) -> Reason:
        return _reason(language, key, {"need": item.need.type, **params}, **words)

    return terms_reasons(
        item.need, item.offer, frozenset(offer.type for offer in asker.offers), language, say,
        lambda words: _join(words, language),
        lambda key: EXCHANGE_PHRASES[language].get(key, label("exchange_types", key)), format_count, format_amount)


def _collaboration_disciplines(asker: Prepared, partner: Prepared) -> list[str]:
    """The partner's disciplines to name, up to three: those the asker works in first."""
    return sorted(partner.disciplines, key=lambda key: (key not in asker.disciplines, key))[:MAX_DISCIPLINES_SAID]


def _no_overlap(need: Exchange, offer: Exchange, language: str) -> Reason:
    return _reason(language, "no_overlap",
                   {"need": need.type, **_period_params(offer, "offer"), **_period_params(need, "need")},
                   offer_when=format_period(offer.start, offer.end, language),
                   need_when=format_period(need.start, need.end, language))


def _missing_reason(item: NeedMet, language: str) -> Reason | None:
    if item.offer is None:
        return None
    coverage = period_coverage(item.need, item.offer)
    if 0 < coverage < 1:
        return _reason(language, "partly_overlaps",
                       {"need": item.need.type, "percent": int(round(coverage * 100))},
                       percent=int(round(coverage * 100)))
    if coverage == 0:
        return _no_overlap(item.need, item.offer, language)
    if amount_cover(item.need, item.offer) < 1:
        return _reason(language, "budget_short",
                       {"need": item.need.type, "offered_eur": item.offer.amount_eur,
                        "asked_eur": item.need.amount_eur},
                       offered=format_amount(item.offer.amount_eur, language),
                       asked=format_amount(item.need.amount_eur, language))
    return None
