"""What an alliance is, in sentences a coordinator can check against the
profiles, in Dutch, French or English: who brings what to whom ("GC X offers
a rehearsal space in July 2027 to Cie Y"; "Jeugdhuis Z brings teenagers
from Sint-Jans-Molenbeek to Cie Y"), the themes the members share, how far
apart they are, which of them already work together (and that none do, when
their partners are known), and which needs stay open.

The phrases for offers, audiences, periods and amounts are those of the pair
reasons (`reasons.py`), so both read alike.
"""
from __future__ import annotations

from collections import Counter
from functools import lru_cache
from typing import Sequence

from matcher.ranking.reasons import AUDIENCE_WORDS, EXCHANGE_PHRASES, _join, _what, _when, format_km
from matcher.ranking.scoring import NeedMet, are_partners
from matcher.places.gazetteer import gazetteer
from matcher.understanding.lexicon import Lexicon, lexicon
from matcher.understanding.preparation import Exchange, Prepared

LANGUAGES = ("nl", "fr", "en")
MAX_SHARED_THEMES = 5
MAX_OPEN_NEEDS_SAID = 3
TEXTS = {
    "en": {
        "offers_to": "{giver} offers {what} to {taker}",
        "brings_to": "{giver} brings {what} to {taker}",
        "brings": "{what} for {taker}",
        "receives": "{what} from {giver}",
        "receives_audience": "{what} through {giver}",
        "from_place": " from {place}",
        "partly": " (partly)",
        "coverage": "{met} of {total} needs met inside the group",
        "shared_themes": "Shared themes: {themes}",
        "within": "All within {km} km of each other",
        "all_new": "None of them work together yet: every tie is new",
        "existing": "{first} and {second} already work together",
        "introduced": "{first} and {second} were already introduced to each other",
        "new_ties": "{n} new ties between members who do not work together yet",
        "open_need": "Still open: {what} for {member}",
        "smaller": "Only {k} members of the {size} asked could each give or get something: no other profile in the area would have given or got anything in this group",
        "fewer": "{found} of the {count} groups asked: in this area no further group has every member giving or getting something",
        "theme_members": "{n} of the {k} members match the theme",
        "theme_few": "Only {n} profiles in the area match the theme ({keys}): groups are drawn from all profiles, those closest to the theme first",
        "theme_unknown": "The theme names no subject, discipline or audience we know (a place is not a theme): groups are drawn closest to its words",
        "no_more": "No further group after the {skip} proposed before: in this area no other group has every member giving or getting something",
        "none": "No group: in this area no {size} profiles within reach of each other each give or get something",
    },
    "nl": {
        "offers_to": "{giver} biedt {what} aan {taker}",
        "brings_to": "{giver} brengt {what} bij {taker}",
        "brings": "{what} voor {taker}",
        "receives": "{what} van {giver}",
        "receives_audience": "{what} via {giver}",
        "from_place": " uit {place}",
        "partly": " (gedeeltelijk)",
        "coverage": "{met} van de {total} noden ingevuld binnen de groep",
        "shared_themes": "Gedeelde thema's: {themes}",
        "within": "Allen binnen {km} km van elkaar",
        "all_new": "Niemand van hen werkt al samen: elke band is nieuw",
        "existing": "{first} en {second} werken al samen",
        "introduced": "{first} en {second} werden al aan elkaar voorgesteld",
        "new_ties": "{n} nieuwe banden tussen leden die nog niet samenwerken",
        "open_need": "Nog open: {what} voor {member}",
        "smaller": "Slechts {k} leden van de {size} gevraagde konden elk iets geven of krijgen: geen ander profiel in het gebied zou in deze groep iets gegeven of gekregen hebben",
        "fewer": "{found} van de {count} gevraagde groepen: in dit gebied is er geen verdere groep waarin elk lid iets geeft of krijgt",
        "theme_members": "{n} van de {k} leden passen bij het thema",
        "theme_few": "Slechts {n} profielen in het gebied passen bij het thema ({keys}): de groepen komen uit alle profielen, die het dichtst bij het thema eerst",
        "theme_unknown": "Het thema noemt geen onderwerp, discipline of publiek dat we kennen (een plaats is geen thema): de groepen liggen het dichtst bij de woorden ervan",
        "no_more": "Geen verdere groep na de {skip} eerder voorgestelde: in dit gebied is er geen andere groep waarin elk lid iets geeft of krijgt",
        "none": "Geen groep: in dit gebied zijn er geen {size} profielen binnen elkaars bereik die elk iets geven of krijgen",
    },
    "fr": {
        "offers_to": "{giver} propose {what} à {taker}",
        "brings_to": "{giver} amène {what} à {taker}",
        "brings": "{what} pour {taker}",
        "receives": "{what} de la part de {giver}",
        "receives_audience": "{what} grâce à {giver}",
        "from_place": " de {place}",
        "partly": " (en partie)",
        "coverage": "{met} besoins sur {total} couverts au sein du groupe",
        "shared_themes": "Thèmes communs : {themes}",
        "within": "Tous à moins de {km} km les uns des autres",
        "all_new": "Aucun d'eux ne travaille encore ensemble : chaque lien est nouveau",
        "existing": "{first} et {second} travaillent déjà ensemble",
        "introduced": "{first} et {second} ont déjà été présentés l'un à l'autre",
        "new_ties": "{n} nouveaux liens entre des membres qui ne travaillent pas encore ensemble",
        "open_need": "Reste à trouver : {what} pour {member}",
        "smaller": "Seuls {k} membres sur les {size} demandés pouvaient chacun donner ou recevoir quelque chose : aucun autre profil de la zone n'aurait rien donné ni reçu dans ce groupe",
        "fewer": "{found} des {count} groupes demandés : dans cette zone, aucun autre groupe où chaque membre donne ou reçoit quelque chose",
        "theme_members": "{n} des {k} membres correspondent au thème",
        "theme_few": "Seuls {n} profils de la zone correspondent au thème ({keys}) : les groupes sont tirés de tous les profils, les plus proches du thème d'abord",
        "theme_unknown": "Le thème ne nomme aucun sujet, discipline ou public connu (un lieu n'est pas un thème) : les groupes sont les plus proches de ses mots",
        "no_more": "Plus d'autre groupe après les {skip} déjà proposés : dans cette zone, aucun autre groupe où chaque membre donne ou reçoit quelque chose",
        "none": "Aucun groupe : dans cette zone, pas de {size} profils à portée les uns des autres qui donnent ou reçoivent chacun quelque chose",
    },
}


def place_name(profile: Prepared, language: str) -> str | None:
    """The profile's municipality, in French for French sentences where known."""
    if language == "fr":
        return profile.municipality_fr or profile.municipality
    return profile.municipality


def audiences_phrase(keys, language: str) -> str:
    return _join([AUDIENCE_WORDS[language][k] for k in sorted(keys)], language)


def brought_audiences(met: NeedMet) -> frozenset[str]:
    """The audiences a need for audience reach is met with; empty when it is met by another offer."""
    if met.offer is None:
        return met.audiences
    if met.offer.type == "audience_reach" and met.offer.audiences:
        return met.need.audiences & met.offer.audiences or met.offer.audiences
    return frozenset()


def what_is_given(giver: Prepared, met: NeedMet, language: str) -> str:
    """"a rehearsal space in July–August 2027" or "teenagers from Sint-Jans-Molenbeek"."""
    text = TEXTS[language]
    audiences = brought_audiences(met)
    if audiences:
        place = place_name(giver, language)
        what = audiences_phrase(audiences, language) + (text["from_place"].format(place=place) if place else "")
    else:
        what = _what(met.offer, EXCHANGE_PHRASES[language][met.offer.type], language) + _when(met.offer, language)
    return what + (text["partly"] if met.score < 1.0 else "")


def help_sentence(giver: Prepared, taker: Prepared, met: NeedMet, language: str) -> str:
    """One tie of the group: who brings what to whom."""
    key = "brings_to" if brought_audiences(met) else "offers_to"
    return TEXTS[language][key].format(giver=giver.name, taker=taker.name,
                                       what=what_is_given(giver, met, language))


def brings_and_receives(member: Prepared, helps: Sequence[tuple[Prepared, Prepared, NeedMet]],
                        language: str) -> tuple[list[str], list[str]]:
    """What a member gives to others and gets from them, as short phrases."""
    text = TEXTS[language]
    brings = [text["brings"].format(what=what_is_given(giver, met, language), taker=taker.name)
              for giver, taker, met in helps if giver.id == member.id]
    receives = [text["receives_audience" if brought_audiences(met) else "receives"].format(
                    what=what_is_given(giver, met, language), giver=giver.name)
                for giver, taker, met in helps if taker.id == member.id]
    return brings, receives


@lru_cache(maxsize=1)
def place_themes() -> frozenset[str]:
    """The lexicon's themes that name a place ("Brussel"): where a profile is, not what it is about."""
    vocabulary, places = lexicon(), gazetteer()
    found = set()
    for key, entry in vocabulary.data["themes"].items():
        for label in entry.get("label", {}).values():
            try:
                if places.resolve_text(label):
                    found.add(key)
            except Exception:  # noqa: BLE001 - a label that is no place raises PlaceNotFound
                continue
    return frozenset(found)


def is_real_theme(key: str) -> bool:
    """A theme of the lexicon that is not a place; free words ("zomer") are not shown as shared themes."""
    return not key.startswith("free:") and key not in place_themes()


def shared_theme_keys(members: Sequence[Prepared], asked: frozenset[str] = frozenset()) -> list[str]:
    """Real themes (`is_real_theme`) that two or more members hold, those of the asked theme first,
    then the most shared."""
    counts = Counter(theme for member in members for theme in member.themes if is_real_theme(theme))
    shared = [theme for theme, count in counts.items() if count >= 2]
    shared.sort(key=lambda theme: (theme not in asked, -counts[theme], theme))
    return shared[:MAX_SHARED_THEMES]


def theme_labels(keys: Sequence[str], language: str, vocabulary: Lexicon | None = None) -> list[str]:
    vocabulary = vocabulary or lexicon()
    return [key[5:] if key.startswith("free:") else vocabulary.label("themes", key, language) for key in keys]


def open_need_sentence(member: Prepared, need: Exchange, language: str) -> str:
    what = _what(need, EXCHANGE_PHRASES[language][need.type], language) + _when(need, language)
    if need.type == "audience_reach" and need.audiences:
        what = audiences_phrase(need.audiences, language)
    return TEXTS[language]["open_need"].format(what=what, member=member.name)


def alliance_reasons(members: Sequence[Prepared], helps: Sequence[tuple[Prepared, Prepared, NeedMet]],
                     open_needs: Sequence[tuple[Prepared, Exchange]], shared_themes: Sequence[str],
                     max_km: float | None, language: str) -> list[str]:
    """The group in a few sentences: how many needs it meets, every tie, shared themes, distance,
    existing ties, that every tie is new (only when the members' partners are known), and the
    needs that stay open; no sentence twice."""
    text = TEXTS[language]
    met_count = len({(taker.id, id(met.need)) for _, taker, met in helps})  # a need two members meet counts once
    total = met_count + len(open_needs)
    reasons = [text["coverage"].format(met=met_count, total=total)] if total else []
    reasons += [help_sentence(giver, taker, met, language) for giver, taker, met in helps]
    if shared_themes:
        reasons.append(text["shared_themes"].format(themes=", ".join(theme_labels(shared_themes, language))))
    if max_km is not None:
        reasons.append(text["within"].format(km=format_km(max(max_km, 0.1), language)))
    pairs = [(a, b) for position, a in enumerate(members) for b in members[position + 1:]]
    existing = [(a, b) for a, b in pairs if are_partners(a, b)]
    new_pairs = {frozenset((giver.id, taker.id)) for giver, taker, _ in helps if not are_partners(giver, taker)}
    if new_pairs:
        reasons.append(text["new_ties"].format(n=len(new_pairs)))
    reasons += [text["existing" if listed_partners(a, b) else "introduced"].format(first=a.name, second=b.name)
                for a, b in existing]
    if not existing and all(ties_known(a, b) for a, b in pairs):
        reasons.append(text["all_new"])
    reasons += [open_need_sentence(member, need, language) for member, need in open_needs[:MAX_OPEN_NEEDS_SAID]]
    return list(dict.fromkeys(reasons))  # two ties worded alike (one giver, one taker, one type) are said once


def ties_known(first: Prepared, second: Prepared) -> bool:
    """Whether we know if two members already work together: one of them lists its partners. Most
    profiles list none, and then a tie may well exist that we were never told of, so nothing is said."""
    return bool(first.partners or second.partners)


def listed_partners(first: Prepared, second: Prepared) -> bool:
    """Whether either lists the other among its partners (else they were introduced through matcher)."""
    return second.id in first.partners or first.id in second.partners


def size_note(members: int, size: int, language: str) -> list[str]:
    """Why a group is smaller than asked (nothing when it is not): more members would have been idle."""
    return [TEXTS[language]["smaller"].format(k=members, size=size)] if members < size else []


def count_notes(found: int, count: int, size: int, language: str, skip: int = 0) -> list[str]:
    """Why fewer groups than asked, or none: no more groups in which every member gives or gets
    (after the `skip` proposed before, when the next ones were asked)."""
    if found == 0 and skip:
        return [TEXTS[language]["no_more"].format(skip=skip)]
    if found == 0:
        return [TEXTS[language]["none"].format(size=min(size, 3))]
    return [TEXTS[language]["fewer"].format(found=found, count=count)] if found < count else []


def theme_key_labels(keys, language: str, vocabulary: Lexicon | None = None) -> str:
    """The keys a theme was read as ("youth, heritage"), in the language asked."""
    vocabulary = vocabulary or lexicon()
    labels = []
    for section, key in sorted(keys):
        labels.append(vocabulary.label(section, key, language))
    return ", ".join(labels)
