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
from typing import Sequence

from matcher.ranking.reasons import AUDIENCE_WORDS, EXCHANGE_PHRASES, _join, _what, _when, format_km
from matcher.ranking.scoring import NeedMet, are_partners
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
        "open_need": "Still open: {what} for {member}",
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
        "open_need": "Nog open: {what} voor {member}",
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
        "open_need": "Reste à trouver : {what} pour {member}",
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


def shared_theme_keys(members: Sequence[Prepared], asked: frozenset[str] = frozenset()) -> list[str]:
    """Themes that two or more members hold, those of the asked theme first, then the most shared."""
    counts = Counter(theme for member in members for theme in member.themes)
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
    total = len(helps) + len(open_needs)
    reasons = [text["coverage"].format(met=len(helps), total=total)] if total else []
    reasons += [help_sentence(giver, taker, met, language) for giver, taker, met in helps]
    if shared_themes:
        reasons.append(text["shared_themes"].format(themes=", ".join(theme_labels(shared_themes, language))))
    if max_km is not None:
        reasons.append(text["within"].format(km=format_km(max(max_km, 0.1), language)))
    pairs = [(a, b) for position, a in enumerate(members) for b in members[position + 1:]]
    existing = [(a, b) for a, b in pairs if are_partners(a, b)]
    reasons += [text["existing"].format(first=a.name, second=b.name) for a, b in existing]
    if not existing and all(ties_known(a, b) for a, b in pairs):
        reasons.append(text["all_new"])
    reasons += [open_need_sentence(member, need, language) for member, need in open_needs[:MAX_OPEN_NEEDS_SAID]]
    return list(dict.fromkeys(reasons))  # two ties worded alike (one giver, one taker, one type) are said once


def ties_known(first: Prepared, second: Prepared) -> bool:
    """Whether we know if two members already work together: one of them lists its partners. Most
    profiles list none, and then a tie may well exist that we were never told of, so nothing is said."""
    return bool(first.partners or second.partners)
