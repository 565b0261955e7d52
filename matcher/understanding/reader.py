"""Understanding free text in Dutch, French and English.

From a paragraph such as "Wij zoeken een repetitieruimte in juli en augustus
voor een dansvoorstelling met jongeren" this finds the language, the
disciplines, audiences and themes named, and the needs and offers with their
periods and amounts. Cue words decide whether something is sought ("we
zoeken", "on cherche", "we are looking for") or offered ("wij bieden", "nous
proposons", "we offer"); a negation just before ("geen", "pas de", "no")
drops it. Everything found is returned as data a person can read and correct.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from matcher.understanding.lexicon import Hit, Lexicon, lexicon, tokens
from matcher.understanding.periods import find_amount, find_periods

CONTRAST_WORDS = {"maar", "mais", "but", "wel", "bien", "however", "toch", "plutot", "rather", "just", "only",
                  "alleen", "enkel", "seulement", "juste", "uniquement", "instead"}
# An offer or need word right after one of these belongs to a relative clause
# ("on cherche des artistes qui proposent des ateliers"): the main cue governs.
RELATIVE_PRONOUNS = {"qui", "die", "dat", "who", "that", "which", "welke", "waar", "where", "ou"}
PARTNER_WORDS = ("partner", "partenaire", "samenwerk", "collaborat", "cooperat", "allian")
SENTENCE_BREAK = re.compile(r"(?<=[!?;\n])|(?<=\.)(?=\s|$)")
# A negation this many words before a sought or offered thing (or before its cue) drops it.
NEGATION_REACH = 3


@dataclass
class Understanding:
    """What was read from a text; every list holds lexicon keys or plain dicts."""

    language: str | None = None
    disciplines: list[str] = field(default_factory=list)
    audiences: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    offers: list[dict] = field(default_factory=list)
    needs: list[dict] = field(default_factory=list)
    negated: list[dict] = field(default_factory=list)
    # The kind of partner the text asks for or addresses its offer to: "artist", "organisation"
    # or an organisation type (matcher.profiles.ORGANISATION_TYPES), most specific first.
    partner_kinds: list[str] = field(default_factory=list)
    # What led to each item: {"field", "key", "words", "cue"}, in reading order. Kept apart from
    # what is stored with a profile (as_dict), so the stored derivation does not change with it.
    evidence: list[dict] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"language": self.language, "disciplines": self.disciplines,
                "audiences": self.audiences, "themes": self.themes, "offers": self.offers,
                "needs": self.needs, "negated": self.negated,
                "partner_kinds": self.partner_kinds}


def detect_language(text: str, vocabulary: Lexicon | None = None) -> str | None:
    """nl, fr or en by counting words typical of each; None when unclear."""
    vocabulary = vocabulary or lexicon()
    words = tokens(text)
    counts = {language: sum(1 for w in words if w in markers)
              for language, markers in vocabulary.language_markers.items()}
    if not counts:
        return None
    ranked = sorted(counts.items(), key=lambda item: -item[1])
    best, best_count = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0
    if best_count == 0 or best_count == runner_up:
        return None
    return best


# "ons woonzorgcentrum", "nos groupes", "our members": the speaker's own people,
# which it brings (an offer of audience reach) even inside a sentence that seeks.
POSSESSIVES = {"ons", "onze", "our", "notre", "nos", "mijn", "my", "mon", "ma", "mes"}
# What an organisation wants to organise for its public, it needs someone to lead.
LED_BY_OTHERS = ("workshops", "audience_mediation")
# Mentioned with no cue at all, these are what the profile itself has to give:
# a makers' description of its workshops, a centre's description of its rooms.
GIVEN_WITHOUT_CUE = {
    False: ("workshops", "audience_mediation"),
    True: ("rehearsal_space", "performance_venue", "exhibition_space", "technical_support"),
}


def understand(text: str | None, reference_date: dt.date | None = None,
               vocabulary: Lexicon | None = None, organiser: bool = False,
               searching: bool = False) -> Understanding:
    """Read a free-text description; `reference_date` places months without a year.

    `organiser`: the text is an organisation's (or a search's), so workshops
    or mediation it wants to organise ("nous voulons proposer des ateliers")
    are needs. `searching`: the text is a search, a request by nature, so
    what it names without a cue word is sought ("Welk cultuurcentrum geeft
    coproductiegeld?")."""
    vocabulary = vocabulary or lexicon()
    result = Understanding()
    if not text or not text.strip():
        return result
    reference_date = reference_date or dt.date.today()
    result.language = detect_language(text, vocabulary)
    for sentence in _sentences(text):
        _read_sentence(sentence, reference_date, vocabulary, result, organiser or searching, searching)
    result.offers = _merge(result.offers)
    result.needs = _merge(result.needs)
    return result


def _sentences(text: str) -> list[str]:
    return [part.strip() for part in SENTENCE_BREAK.split(text) if part and part.strip()]


def _read_sentence(sentence: str, reference_date: dt.date, vocabulary: Lexicon,
                   result: Understanding, organiser: bool = False, searching: bool = False) -> None:
    words = tokens(sentence)
    if not words:
        return
    hits = vocabulary.find(words)
    for section, target in (("disciplines", result.disciplines), ("audiences", result.audiences),
                            ("themes", result.themes)):
        for hit in hits:
            if hit.section == section:
                result.evidence.append({"field": section, "key": hit.key, "words": _words(words, hit.start, hit.end),
                                        "cue": None})
                if hit.key not in target:
                    target.append(hit.key)
    cues = _cue_positions(words, vocabulary)
    breaks = _clause_breaks(sentence)
    negations = _phrase_positions(words, vocabulary.cues_by_first["negation"])
    periods = find_periods(" ".join(words), reference_date, vocabulary)
    amount = find_amount(sentence)
    audiences = list(dict.fromkeys(h.key for h in hits if h.section == "audiences"))
    exchange_hits = [h for h in hits if h.section == "exchange_types"]
    if amount is not None and not any(h.key == "coproduction_budget" for h in exchange_hits) and cues:
        exchange_hits.append(Hit("exchange_types", "coproduction_budget", cues[0][0] + 1, cues[0][0] + 1))
    if not exchange_hits and audiences and cues and any(w.startswith(PARTNER_WORDS) for w in words):
        exchange_hits.append(Hit("exchange_types", "audience_reach", cues[0][0] + 1, cues[0][0] + 1))
    intents = [start for start, _ in _phrase_positions(words, vocabulary.cues_by_first["intent"])]
    for hit in exchange_hits:
        cue = _governing_cue(hit, cues)
        if hit.key in LED_BY_OTHERS and any(start < hit.start for start in intents):
            # Organisations want workshops led for their public; makers want to lead them.
            cue = (max(start for start in intents if start < hit.start), "need" if organiser else "offer")
        if hit.key == "audience_reach" and (hit.start and words[hit.start - 1] in POSSESSIVES
                                            or words[hit.start] in POSSESSIVES):
            cue = (hit.start, "offer")
        if cue is None and searching:
            cue = (hit.start, "need")
        if cue is None and hit.key in GIVEN_WITHOUT_CUE[organiser] and not intents:
            cue = (hit.start, "offer")
        if cue is None:
            continue
        cue_start, cue_kind = cue
        item = {"type": hit.key}
        cue_words = _cue_words(words, cue_start, vocabulary) if cue_start != hit.start else None
        if _is_negated(hit, cue_start, words, negations, breaks):
            result.negated.append({"direction": cue_kind, "type": hit.key})
            result.evidence.append({"field": "negated", "key": hit.key, "words": _words(words, hit.start, hit.end),
                                    "cue": cue_words})
            continue
        result.evidence.append({"field": "needs" if cue_kind == "need" else "offers", "key": hit.key,
                                "words": _words(words, hit.start, hit.end), "cue": cue_words})
        if hit.key == "coproduction_budget" and amount is not None:
            item["amount_eur"] = amount
        if hit.key in ("audience_reach", "workshops", "audience_mediation") and audiences:
            item["audiences"] = audiences
        target = result.needs if cue_kind == "need" else result.offers
        if periods:
            for start, end in periods:
                target.append({**item, "period": {"start": start.isoformat(), "end": end.isoformat()}})
        else:
            target.append(item)


def _words(words: list[str], start: int, end: int) -> str:
    """The words of a hit; an item inferred at a cue (an amount, "partners") shows the cue's word."""
    return " ".join(words[start:max(end, start + 1)])


def _cue_words(words: list[str], cue_start: int, vocabulary: Lexicon) -> str:
    """The cue phrase that starts at `cue_start` (the longest of any kind), or its first word."""
    lengths = [len(phrase) for kind in ("need", "offer", "intent")
               for phrase in vocabulary.cues_by_first[kind].get(words[cue_start], ())
               if tuple(words[cue_start:cue_start + len(phrase)]) == phrase]
    return " ".join(words[cue_start:cue_start + max(lengths, default=1)])


def _phrase_positions(words: list[str], phrases: dict[str, list[tuple[str, ...]]]) -> list[tuple[int, int]]:
    """(start, end) of each phrase occurrence; `phrases` indexed by their first word."""
    found = []
    for position, word in enumerate(words):
        for phrase in phrases.get(word, ()):
            if tuple(words[position:position + len(phrase)]) == phrase:
                found.append((position, position + len(phrase)))
    return found


def _cue_positions(words: list[str], vocabulary: Lexicon) -> list[tuple[int, str]]:
    """(position, 'need' | 'offer') of each cue, longest phrase winning at a spot."""
    cues: dict[int, tuple[int, str]] = {}
    for kind in ("need", "offer"):
        for start, end in _phrase_positions(words, vocabulary.cues_by_first[kind]):
            if start not in cues or end - start > cues[start][0]:
                cues[start] = (end - start, kind)
    ordered = sorted((start, kind) for start, (_, kind) in cues.items()
                     if not (start and words[start - 1] in RELATIVE_PRONOUNS) or start == min(cues))
    # A cue inside a longer cue of the other kind ("zoeken" in "op zoek naar") is the same cue.
    return [entry for index, entry in enumerate(ordered)
            if not (index and ordered[index - 1][0] + cues[ordered[index - 1][0]][0] > entry[0])]


def _governing_cue(hit: Hit, cues: list[tuple[int, str]]) -> tuple[int, str] | None:
    before = [cue for cue in cues if cue[0] <= hit.start]
    if before:
        return before[-1]
    after = [cue for cue in cues if cue[0] >= hit.end]
    return after[0] if after else None


def _is_negated(hit: Hit, cue_start: int, words: list[str], negations: list[tuple[int, int]],
                clause_breaks: set[int]) -> bool:
    """A negation shortly before the item or its cue, in the same clause, with no "but" between."""
    window_start = min(cue_start, hit.start) - NEGATION_REACH
    for start, end in negations:
        if start == hit.start and end == hit.end:
            continue
        if window_start <= start < hit.start or (cue_start > hit.end and hit.end <= start < cue_start):
            low, high = (end, hit.start) if start < hit.start else (hit.end, start)
            between = words[low:high]
            if not any(word in CONTRAST_WORDS for word in between) and \
                    not any(low <= position < high for position in clause_breaks):
                return True
    return False


def _clause_breaks(sentence: str) -> set[int]:
    """Token positions that follow a comma or a colon: a negation does not reach across them."""
    breaks = set()
    count = 0
    for piece in re.split(r"([,:])", sentence):
        if piece in (",", ":"):
            breaks.add(count)
        else:
            count += len(tokens(piece))
    return breaks


def _merge(items: list[dict]) -> list[dict]:
    """One entry per (type, period); a later mention adds what an earlier lacked."""
    merged: dict[tuple, dict] = {}
    for item in items:
        key = (item["type"], str(item.get("period")))
        if key in merged:
            for name, value in item.items():
                merged[key].setdefault(name, value)
        else:
            merged[key] = dict(item)
    # An undated mention adds nothing when the same type also comes with a period.
    dated = {item["type"] for item in merged.values() if "period" in item}
    return [item for item in merged.values() if "period" in item or item["type"] not in dated]
