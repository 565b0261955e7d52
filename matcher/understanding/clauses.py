"""How cue words govern the things named in a sentence.

A sentence names things, and cue words ("we zoeken", "nous proposons", "we offer") say whether
they are sought or offered. This finds the cues, which one governs each thing, whether a negation
("geen", "pas de", "no") drops it within its clause, and whose need or giving a cue states: the
writer's, the reader's ("Zoeken jullie een zaal?") or that of the partners the writer addresses
("les compagnies qui cherchent un lieu").
"""
from __future__ import annotations

import re

from matcher.understanding.lexicon import Hit, Lexicon, tokens
from matcher.understanding.roles import OBJECT_PRONOUNS

CONTRAST_WORDS = {"maar", "mais", "but", "wel", "bien", "however", "toch", "plutot", "rather", "just", "only",
                  "alleen", "enkel", "seulement", "juste", "uniquement", "instead"}
# An offer or need word right after one of these belongs to a relative clause
# ("on cherche des artistes qui proposent des ateliers"): the main cue governs.
RELATIVE_PRONOUNS = {"qui", "die", "dat", "who", "that", "which", "welke", "waar", "where", "ou"}
# A negation this many words before a sought or offered thing (or before its cue) drops it.
NEGATION_REACH = 5
# "Zoeken jullie een zaal?", "Vous cherchez un lieu ?", "Are you looking for a stage?": asking
# the reader what they need is offering it.
SECOND_PERSON = {"jullie", "u", "vous", "you"}
SOMEONE = {"quelqu", "iemand", "someone", "somebody", "personne"}


def phrase_positions(words: list[str], phrases: dict[str, list[tuple[str, ...]]]) -> list[tuple[int, int]]:
    """(start, end) of each phrase occurrence; `phrases` indexed by their first word."""
    found = []
    for position, word in enumerate(words):
        for phrase in phrases.get(word, ()):
            if tuple(words[position:position + len(phrase)]) == phrase:
                found.append((position, position + len(phrase)))
    return found


def cue_positions(words: list[str], vocabulary: Lexicon) -> list[tuple[int, str]]:
    """(position, 'need' | 'offer') of each cue, longest phrase winning at a spot."""
    cues: dict[int, tuple[int, str]] = {}
    for kind in ("need", "offer"):
        for start, end in phrase_positions(words, vocabulary.cues_by_first[kind]):
            if start not in cues or end - start > cues[start][0]:
                cues[start] = (end - start, kind)
    ordered = sorted((start, kind) for start, (_, kind) in cues.items()
                     if (not in_relative_clause(words, start) or start == min(cues))
                     and not (words[start] == "recherche" and start and words[start - 1] in ("de", "d", "en")
                              and cues[start][0] == 1))  # "résidences de recherche": research
    # A cue inside a longer cue of the other kind ("zoeken" in "op zoek naar") is the same cue.
    return [entry for index, entry in enumerate(ordered)
            if not (index and ordered[index - 1][0] + cues[ordered[index - 1][0]][0] > entry[0])]


def in_relative_clause(words: list[str], start: int) -> bool:
    """"qui proposent", "die ons ontvangt", "qui nous accueille": the cue is the partner's."""
    return bool(start) and (words[start - 1] in RELATIVE_PRONOUNS or (
        start > 1 and words[start - 1] in OBJECT_PRONOUNS and words[start - 2] in RELATIVE_PRONOUNS) or (
        # "un centre qui programme du cirque et accueille des sorties de résidence": a second verb
        words[start - 1] in COORDINATORS and any(word in RELATIVE_PRONOUNS
                                                 for word in words[max(0, start - COORDINATED_REACH):start - 1])))


COORDINATORS = {"et", "en", "and", "ou", "of", "or"}
COORDINATED_REACH = 8


def governing_cue(hit: Hit, cues: list[tuple[int, str]]) -> tuple[int, str] | None:
    before = [cue for cue in cues if cue[0] <= hit.start]
    if before:
        return before[-1]
    after = [cue for cue in cues if cue[0] >= hit.end]
    return after[0] if after else None


def is_negated(hit: Hit, cue_start: int, words: list[str], negations: list[tuple[int, int]],
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


# A thing put first and then denied or claimed: "Geld hoeven we niet", "De l'argent, on n'en a
# pas besoin", "Techniek hebben we zelf", "A venue we already have". It may reach over one comma
# when the thing opens the sentence (a topic: "La technique, on l'a").
FRONTED_REACH = 5
TOPIC_START = 3


def said_not_needed(hit: Hit, words: list[str], denials: list[tuple[int, int]], clause_breaks: set[int],
                    signals: list[tuple[int, str]]) -> bool:
    """The thing comes first in its clause, and a negation or "we have it" follows it there."""
    clause_start = max((position for position in clause_breaks if position <= hit.start), default=0)
    if any(clause_start <= start < hit.start for start, _ in signals):
        return False  # "we zoeken geld, niet ...": a cue before it governs
    for start, _ in denials:
        if not hit.end <= start <= hit.end + FRONTED_REACH:
            continue
        between = words[hit.end:start]
        crossed = [position for position in clause_breaks if hit.end <= position <= start]
        if any(word in CONTRAST_WORDS | RELATIVE_PRONOUNS for word in between):
            continue
        if any(start_ < start and start_ >= hit.end for start_, _ in signals):
            continue  # "geld, we zoeken geen zaal": the negation is another cue's
        if not crossed or (len(crossed) == 1 and hit.start - clause_start <= TOPIC_START and clause_start == 0):
            return True
    return False


def clause_breaks(sentence: str) -> set[int]:
    """Token positions that follow a comma or a colon: a negation does not reach across them."""
    breaks = set()
    count = 0
    for piece in re.split(r"([,:])", sentence):
        if piece in (",", ":"):
            breaks.add(count)
        else:
            count += len(tokens(piece))
    return breaks


def cue_words(words: list[str], cue_start: int, vocabulary: Lexicon) -> str:
    """The cue phrase that starts at `cue_start` (the longest of any kind), or its first word."""
    lengths = [len(phrase) for kind in ("need", "offer", "intent")
               for phrase in vocabulary.cues_by_first[kind].get(words[cue_start], ())
               if tuple(words[cue_start:cue_start + len(phrase)]) == phrase]
    return " ".join(words[cue_start:cue_start + max(lengths, default=1)])


def hit_words(words: list[str], start: int, end: int) -> str:
    """The words of a hit; an item inferred at a cue (an amount, "partners") shows the cue's word."""
    return " ".join(words[start:max(end, start + 1)])


def asks_the_reader(words: list[str], cue_start: int) -> bool:
    """"Zoeken jullie ...", "vous cherchez", "are you looking": a need of the reader's."""
    after = words[cue_start + 1:cue_start + 2]
    before = words[max(0, cue_start - 2):cue_start]
    return any(word in SECOND_PERSON | {"je"} for word in after) and (not before or before[-1] != "je") or \
        any(word in SECOND_PERSON for word in before) or words[cue_start] in SECOND_PERSON


# "Do any companies need a place?", "Makers die een plek zoeken, ...", "les compagnies qui
# cherchent un lieu": the need of the partners the writer addresses, which the writer meets.
ANY_WORDS = {"any", "all", "alle", "welke", "which", "les", "des", "toutes", "tous", "de"}
RELATIVE_REACH = 6
WRITER_OBJECTS = {"ons", "us", "nous", "me", "mij", "m", "moi"}


HELPING = ("help", "aide", "aider", "helpen", "assist", "ondersteun", "soutenir", "support")


def partner_in_need(words: list[str], cue_start: int, partners: list[Hit]) -> Hit | None:
    """The kind of partner, not the writer, that is the subject of a need cue ("Makers die een
    plek zoeken"); "kan ons helpen" is still the writer's need."""
    if any(word in WRITER_OBJECTS for word in words[max(0, cue_start - 1):cue_start + 3]):
        return None
    if words[cue_start].startswith(HELPING):
        return None  # "a designer who can help with posters": the partner helps, the writer needs it
    for hit in partners:
        if hit.end > cue_start:
            continue
        if cue_start == hit.end and hit.start and words[hit.start - 1] in ANY_WORDS:
            return hit
        if hit.end < len(words) and words[hit.end] in RELATIVE_PRONOUNS and cue_start - hit.end <= RELATIVE_REACH:
            return hit
    return None


def given_to_the_writer(words: list[str], cue_start: int) -> bool:
    """"Can anyone lend us ...", "wie kan ons ... lenen", "qui pourrait nous prêter": a giving
    whose receiver is the writer asks for the thing."""
    before = words[max(0, cue_start - 3):cue_start]
    return cue_start + 1 < len(words) and words[cue_start + 1] in WRITER_OBJECTS or (
        any(word in WRITER_OBJECTS for word in before[-1:]) and any(
            word in SOMEONE | {"anyone", "anybody", "qui", "wie"} for word in words[max(0, cue_start - 5):cue_start]))
