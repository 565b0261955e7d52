"""Who gives what to whom in a sentence.

Cue phrases ("we zoeken", "nous proposons") say most of it, but people also write
"Ik bied workshops aan", "Je peux donner des ateliers", "I can teach", "Onze zaal staat
leeg in juli" or "als ze in ruil een workshop geven". This module reads those forms from
the words and their lemmas (simplemma, so "bied", "biedt" and "aangeboden" are one verb):
a first person who gives offers, a third person who gives in return is asked to, what
stands after "in ruil voor" / "en échange de" / "in exchange for" is the other side of
the bargain, and a room of ours that is free or empty is on offer.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import simplemma

# Subjects that are the writer: "ik", "we", "je", "nous", "on", "I".
FIRST_PERSON = {"ik", "we", "wij", "je", "j", "nous", "on", "i", "me"}
# Subjects that are someone else: the artists or companies a centre addresses.
THIRD_PERSON = {"ze", "zij", "ils", "elles", "they", "kunstenaars", "makers", "artistes", "artists",
                "gezelschappen", "compagnies", "companies", "hij", "il", "elle", "he", "she"}
# "qui nous accueille", "peut nous aider", "die ons ... kan geven": the pronoun is the object.
OBJECT_BEFORE = {"qui", "die", "dat", "who", "that", "which", "peut", "pourrait", "peuvent", "pourraient",
                 "kan", "kunnen", "can", "could", "wil", "willen", "veut", "veulent"}
OBJECT_PRONOUNS = {"nous", "ons", "us", "me"}  # "ik", "je", "we" are always the subject
# "Kunstenaars kunnen hier gratis repeteren", "les compagnies peuvent ...": others are allowed.
PERMISSION_MODALS = {"kunnen", "mogen", "kan", "mag", "peuvent", "peut", "can", "may", "are", "zijn", "sont"}
# Verbs (as lemmas) of giving, lending, leading, hosting: the subject gives the thing.
GIVE_VERBS = {
    # nl
    "bieden", "aanbieden", "aan_bieden", "geven", "voorzien", "verzorgen", "begeleiden", "leiden",
    "organiseren", "brengen", "meebrengen", "delen", "uitlenen", "lenen", "verhuren", "ontvangen",
    "onthalen", "stellen", "zorgen", "doen", "mobiliseren", "toeleiden", "openstellen",
    "aanleveren", "leveren", "betalen", "financieren", "coproduceren", "programmeren", "uitnodigen",
    "hosten", "host", "hosts", "bied", "biedt", "geef", "geeft", "gaf", "gaven", "leen", "leent", "deel", "deelt", "stel", "stelt",
    "regelen", "regel", "regelt", "tonen", "toon", "toont", "presenteren", "montrer", "montre", "montrons",
    "presenter", "presentons", "zorg", "zorgt", "breng", "brengt", "organiseer", "organiseert", "ontvang", "ontvangt", "doe", "doet",
    # fr
    "offrir", "proposer", "donner", "animer", "prêter", "louer", "mettre", "accueillir", "héberger",
    "organiser", "apporter", "fournir", "encadrer", "assurer", "partager", "mobiliser", "amener",
    "financer", "payer", "coproduire", "programmer", "inviter", "ouvrir", "donne", "offre", "propose",
    "anime", "prête", "accueille", "donnons", "offrons", "proposons", "animons", "prêtons", "accueillons",
    # en
    "offer", "provide", "give", "teach", "run", "lead", "lend", "share", "bring", "organise",
    "organize", "supply", "deliver", "facilitate", "contribute", "mobilise", "mobilize", "recruit",
    "fund", "pay", "invite", "open", "coach", "mentor", "help", "support", "gave", "taught", "ran", "led",
}
# Verbs (as lemmas) of asking: the subject lacks the thing.
ASK_VERBS = {"zoeken", "zoek", "zoekt", "vragen", "vraag", "vraagt", "missen", "nodig", "chercher", "cherche",
             "rechercher", "demander", "manquer", "besoin", "seek", "need", "look", "ask", "lack", "require",
             "want", "wanted", "gezocht", "recherché", "recherchée", "recherchés"}
# Asking verbs as written: giving after one of these is the sought partner's.
ASK_FORMS = {"zoeken", "zoek", "zoekt", "gezocht", "vragen", "vraag", "vraagt", "nodig", "cherche", "cherchons",
             "cherchent", "recherche", "recherchons", "recherchent", "besoin", "demandons", "looking", "seeking",
             "seek", "need", "needs", "wanted", "want", "ask", "asking", "search", "searching", "missen", "mis",
             "missing", "miss", "lack", "manque", "manquons"}
# A room that is free or empty is on offer: "onze zaal staat leeg", "our hall is free".
TO_THEM = {"leur", "lui", "hen", "hun", "them", "him", "her"}
AVAILABLE_WORDS = {"prevu", "prevue", "provided", "foreseen", "dispo", "vrij", "leeg", "beschikbaar", "open", "libre", "libres", "vide", "vides", "disponible",
                   "disponibles", "ouvert", "ouverte", "ouverts", "ouvertes", "free", "empty", "available",
                   "unused", "idle", "onbenut", "ongebruikt", "inutilise", "inutilisee"}
POSSESSIVES = {"ons", "onze", "our", "notre", "nos", "mijn", "my", "mon", "ma", "mes", "zijn", "haar", "hun",
               "son", "sa", "ses", "leur", "leurs", "its", "their"}
# "In ruil voor een workshop", "en échange de quelques rencontres", "in exchange for a talk":
# what follows is the other side of the bargain.
BARTER_PHRASES = (("in", "ruil"), ("als", "tegenprestatie"), ("als", "wederdienst"), ("en", "echange"),
                  ("en", "contrepartie"), ("in", "exchange"), ("in", "return"), ("as", "a", "return"),
                  ("en", "retour"), ("as", "payment"))

BARTER_STARTS = {phrase[0] for phrase in BARTER_PHRASES}


@dataclass(frozen=True)
class Giving:
    """A verb of giving at `position`, and who does it: 'first' (the writer), 'third', or None."""

    position: int
    person: str | None


@lru_cache(maxsize=50_000)
def lemma(word: str, language: str) -> str:
    try:
        return simplemma.lemmatize(word, lang=language).lower()
    except (ValueError, KeyError):  # a language simplemma does not know
        return word


def lemmas(words: list[str], language: str | None) -> list[str]:
    languages = (language,) if language in ("nl", "fr", "en") else ("nl", "fr", "en")
    return [_lemma_in(word, languages) for word in words]


def _lemma_in(word: str, languages: tuple[str, ...]) -> str:
    for language in languages:
        found = lemma(word, language)
        if found in GIVE_VERBS or found in ASK_VERBS:
            return found
    return lemma(word, languages[0])


# Verbs of giving that are also adjectives, before the events they describe ("een open
# repetitie", "an open rehearsal", "un atelier ouvert" is French and has no such verb).
ADJECTIVE_FORMS = {"open"}
OPENED_EVENTS = {"repetitie", "repetities", "rehearsal", "rehearsals", "atelier", "ateliers", "atelierdag", "studio",
                 "studios", "dag", "deur", "deurdag", "podium", "mic", "stage", "repetition", "repetitions"}


def givings(words: list[str], word_lemmas: list[str]) -> list[Giving]:
    """Each verb of giving with its subject, read from the few words around it ("kan ik ...
    geven", "je peux donner", "we can offer", "als ze ... geven", "qu'ils animent")."""
    found = []
    for position, (word, base) in enumerate(zip(words, word_lemmas)):
        if not (base in GIVE_VERBS or word in GIVE_VERBS):
            continue
        if word in ADJECTIVE_FORMS and position + 1 < len(words) and words[position + 1] in OPENED_EVENTS:
            continue  # "een open repetitie", "an open rehearsal": an adjective, not a verb of giving
        if position > 1 and words[position - 1] in TO_THEM and words[position - 2] in ("pour", "om", "to"):
            found.append(Giving(position, "first"))  # "pour leur offrir des places": we give to them
            continue
        found.append(Giving(position, _subject(words, position)))
    return found


ASKED_PERSONS = {"someone", "somebody", "anyone", "anybody", "iemand", "quelqu"}
RECEIVERS = {"me", "us", "mij", "moi", "ons"}


def _subject(words: list[str], position: int) -> str | None:
    """The person of the nearest subject pronoun in the clause before the verb (skipping modals
    and adverbs), or right after it (Dutch inversion: "geven we", "kan ik")."""
    for offset in range(1, 7):
        index = position - offset
        if index < 0:
            break
        word = words[index]
        if word in ASK_FORMS:
            return "third"  # "nous cherchons une artiste pour animer": the one sought gives
        if word in OBJECT_PRONOUNS and index and words[index - 1] in OBJECT_BEFORE:
            return "third"  # "qui nous accueille", "die ons kan helpen": we receive
        if word in FIRST_PERSON:
            return "first"
        if word in THIRD_PERSON:
            return "third"
        if word in ("die", "qui", "who", "dat", "that") and offset <= 3:
            return "third"
        if word in ASKED_PERSONS and offset <= 3:
            return "third"  # "someone to help", "iemand om te helpen", "quelqu'un pour animer": the one asked gives
    for index in range(position + 1, min(position + 3, len(words))):
        if index == position + 1 and words[index] in RECEIVERS:
            return "third"  # "help me with", "helpen ons": we receive
        if words[index] in FIRST_PERSON - {"on"}:
            return "first"
        if words[index] in THIRD_PERSON:
            return "third"
    # "Wij zijn een studentenvereniging ... en kunnen gemakkelijk 50 studenten mobiliseren":
    # the sentence's own subject, when no other person stands between.
    if words and words[0] in FIRST_PERSON and not any(word in THIRD_PERSON or word in ASK_FORMS
                                                      for word in words[1:position]):
        return "first"
    return None


def permissions(words: list[str], guests: set[int]) -> list[int]:
    """Where others are allowed in ("Kunstenaars kunnen gratis in residentie komen", "les
    compagnies peuvent répéter"): an offer of the writer's. `guests`: positions of words naming
    artists or companies."""
    return [position for position, word in enumerate(words)
            if word in PERMISSION_MODALS and position and (position - 1 in guests or
                                                           words[position - 1] in ("ze", "ils", "elles", "they"))
            and not (position > 1 and words[position - 2] in ("die", "qui", "who", "that"))]


# "bij ons", "chez nous", "with us": what happens there happens in the writer's place.
HOSTING_PHRASES = (("bij", "ons"), ("chez", "nous"), ("with", "us"), ("at", "our"), ("in", "ons"), ("in", "onze"),
                   ("dans", "nos"), ("dans", "notre"), ("bei", "uns"))


def hosting_positions(words: list[str]) -> list[int]:
    return [position for position in range(len(words) - 1) if tuple(words[position:position + 2]) in HOSTING_PHRASES]


def barter_positions(words: list[str]) -> list[int]:
    """Where a bargain's other side starts ("in ruil", "en échange", "in exchange")."""
    found = []
    for position, word in enumerate(words):
        if word not in BARTER_STARTS:
            continue
        for phrase in BARTER_PHRASES:
            if tuple(words[position:position + len(phrase)]) == phrase:
                found.append(position + len(phrase))
    return found


def owned_and_available(words: list[str], start: int) -> bool:
    """"Onze zaal staat leeg", "notre salle est libre", "our hall is empty": the writer's room,
    said to be free in the same clause."""
    owned = any(words[index] in POSSESSIVES for index in range(max(0, start - 3), start))
    return owned and any(word in AVAILABLE_WORDS for word in words[max(0, start - 8):start + 10])


def is_question(sentence: str, words: list[str]) -> bool:
    return sentence.rstrip().endswith("?") or bool(words and words[0] in ("wie", "welk", "welke", "qui", "quel",
                                                                          "quelle", "who", "which"))
