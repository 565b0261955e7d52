"""Who writes, and what kind of partner they ask for.

"Wij zijn een woonzorgcentrum en zoeken een muzikant die samen met onze bewoners iets wil
maken": the writer is an organisation, it asks for an artist, and what it asks is to make
work together (an artistic collaboration), not a room. "Je suis chorégraphe et je cherche
une maison de jeunes pour un projet participatif": an artist offers that collaboration and
asks for a youth organisation.
"""
from __future__ import annotations

from matcher.understanding.lexicon import Hit
from matcher.understanding.roles import ASK_FORMS

ARTIST = "artist"
ORGANISATION = "organisation"
# "Wij zijn een ...", "je suis ...", "I'm a ...", "onze school", "notre maison de jeunes":
# the writer describing itself, not a partner it asks for.
WANTED_AFTER = {"needed", "wanted", "gezocht", "sought", "recherche", "recherchee", "recherches"}
SELF_WORDS = {"ons", "onze", "our", "notre", "nos", "mijn", "my", "mon", "ma", "mes", "ben", "suis", "sommes",
              "am", "m", "zijn", "is", "est", "are", "re", "als", "comme", "as"}
BENEFICIARY = {"voor", "pour", "for"}
# Making work together: what a sought artist is asked to do for it to be a collaboration.
CREATE_WORDS = {"maken", "maakt", "creeren", "creeert", "schrijven", "ontwerpen", "bouwen", "opnemen", "opzetten",
                "bedenken", "samenwerken", "samen", "meewerken", "begeleiden", "creatie", "project", "projecten",
                "traject", "trajecten", "opdracht", "crossover", "voorstelling", "muurschildering", "fresco",
                "creer", "creent", "ecrire", "monter", "realiser", "concevoir", "collaborer", "travailler",
                "ensemble", "projet", "projets", "commande", "oeuvre", "fresque", "spectacle", "piece",
                "dialoguer", "accompagner", "porter", "create", "make", "making", "write", "design", "build",
                "compose", "collaborate", "work", "together", "mural", "installation", "commission",
                "bring", "zine", "film", "fotoreeks", "liedjesproject", "nummer", "stuk", "interventions",
                "animer", "photography",
                "fotografie", "photographie", "storytelling", "creation", "creations", "turn", "imaginer",
                "imagine"}


def self_kind(hits: list[Hit], words: list[str], opening: bool = True) -> str | None:
    """The writer's own kind, when a sentence says it ("Ik ben danseres", "Notre école"); only
    the text's opening sentence may say it by starting with it ("Maison de quartier à ...")."""
    for hit in hits:
        if hit.section == "partner_kinds" and describes_self(hit, words) and (opening or hit.start > 0):
            return hit.key
    return None


def describes_self(hit: Hit, words: list[str]) -> bool:
    before = words[max(0, hit.start - 3):hit.start]
    if any(word in ("there", "er", "y") for word in before):
        return False  # "is there a school", "is er een GC", "y a-t-il une école": asked, not said of oneself
    last_self = max((n for n, word in enumerate(before) if word in SELF_WORDS), default=None)
    if last_self is not None and any(word in ASK_FORMS for word in before[last_self + 1:]):
        return False  # "we're looking for musicians": sought, not said of oneself
    return last_self is not None or hit.start == 0


def sought_kinds(hits: list[Hit], words: list[str], need_positions: list[int], question: bool,
                 offer_positions: list[int]) -> tuple[list[str], list[str]]:
    """Partner kinds (asked for, addressed) in one sentence: asked for after a need cue ("we
    zoeken een kunstenaar") or in a question ("Welke school wil ...?"); addressed by an offer
    ("wij bieden ruimte aan makers")."""
    asked, addressed = [], []
    for hit in hits:
        if hit.section != "partner_kinds" or (describes_self(hit, words) and not any(
                word in WANTED_AFTER for word in words[hit.end:hit.end + 2])):
            continue
        if _for_whom(hit, words):
            continue  # "een residentie voor een schrijver": who it is for, not the partner asked for
        if any(0 <= hit.start - cue <= 8 for cue in need_positions) or (
                question and hit.start <= 4 and not need_positions and not offer_positions):
            asked.append(hit.key)
        elif any(word in WANTED_AFTER for word in words[hit.end:hit.end + 2]):
            asked.append(hit.key)  # "graphic designer needed", "danseur·euse gezocht"
        elif any(0 <= hit.start - cue <= 8 for cue in offer_positions) and \
                hit.start and words[hit.start - 1] in ("aan", "voor", "pour", "aux", "a", "for", "to"):
            addressed.append(hit.key)
    return list(dict.fromkeys(asked)), list(dict.fromkeys(addressed))


def named_kinds(hits: list[Hit], words: list[str], opening: bool) -> list[str]:
    """Partner kinds a sentence names that are not the writer itself: who an offer is for when
    no cue points at them ("Makers die een plek zoeken mogen ons contacteren", "Appel aux
    artistes !", "une maison de jeunes serait idéale")."""
    return [hit.key for hit in hits if hit.section == "partner_kinds"
            and not any(word in SELF_WORDS for word in words[max(0, hit.start - 3):hit.start])
            and not (opening and hit.start <= 1)
            and not (hit.start and _counted(words[hit.start - 1]))]  # "vingt comédiens": members


# "vingt comédiens", "35 choristes", "twelve artists": the writer's members, counted.
NUMBER_WORDS = {"twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien", "twaalf", "twintig", "dertig",
                "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "dix", "douze", "vingt", "trente",
                "two", "three", "four", "five", "seven", "eight", "ten", "twelve", "twenty", "thirty",
                "veel", "many", "nombreux", "plusieurs", "several"}


def _counted(word: str) -> bool:
    return word.isdigit() or word in NUMBER_WORDS


def _for_whom(hit: Hit, words: list[str]) -> bool:
    seeking = words[max(0, hit.start - 4):hit.start]
    if any(word == "for" and n and seeking[n - 1] in ASK_FORMS for n, word in enumerate(seeking)):
        return False  # "looking for (a) musician": the "for" of the search, not whom something is for
    before = words[max(0, hit.start - 2):hit.start]
    return bool(before) and (before[-1] in BENEFICIARY or (len(before) == 2 and before[0] in BENEFICIARY
                                                            and before[1] in ("een", "a", "an", "un", "une", "des")))


def combine(kinds: list[str]) -> list[str]:
    """One kind, as the field would say it: an artist and an organisation together say
    nothing; two different organisation types are "an organisation"."""
    kinds = list(dict.fromkeys(kinds))
    if not kinds:
        return []
    if ARTIST in kinds:
        return [ARTIST] if len(kinds) == 1 else []
    specific = [kind for kind in kinds if kind != ORGANISATION]
    if len(specific) == 1:
        return specific
    return [ORGANISATION]


def asks_to_make_together(words: list[str], start: int) -> bool:
    """A sought artist asked to make something with the writer, not to give a workshop."""
    return any(word in CREATE_WORDS for word in words[max(0, start - MAKING_BEFORE):start + 25])


# "Nous voudrions prolonger ce travail par une création théâtrale et cherchons une compagnie":
# what is to be made may come before the artist asked for.
MAKING_BEFORE = 12


# Words that say the work is made together, not just shown or hosted.
TOGETHER_WORDS = {"samen", "meewerken", "samenwerken", "ensemble", "collaborer", "together", "collaborate",
                  "participatief", "participatieve", "participatif", "participative", "participatory",
                  "cocreatie", "cocreer", "cocreeren", "co", "meemaken", "avec", "with", "met"}


def makes_together(words: list[str]) -> bool:
    """The writer proposes to make the work with the partner it asks for."""
    return any(word in TOGETHER_WORDS for word in words) and any(word in CREATE_WORDS - TOGETHER_WORDS
                                                                 for word in words)
