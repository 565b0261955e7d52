"""What a sentence implies without naming it.

"Gezelschappen kunnen er gratis repeteren" offers a room to rehearse in, "des communes qui
voudraient nous accueillir" asks for a stage, "we can bring a group of forty participants" offers
to reach those people, and "we create installations with local residents" offers to make work
with a group. The reader (reader.py) adds what these find to the offers and needs. Here too: what
a room named is used for, and whether the writer holds it, gives it free, or is itself that room
("wij zijn een kleine studio").
"""
from __future__ import annotations

import re

from matcher.understanding.lexicon import Hit
from matcher.understanding.partners import ARTIST

# "ons woonzorgcentrum", "nos groupes", "our members": the speaker's own people,
# which it brings (an offer of audience reach) even inside a sentence that seeks.
POSSESSIVES = {"ons", "onze", "our", "notre", "nos", "mijn", "my", "mon", "ma", "mes"}
# The exchanges that are a place its holder lets others use.
HOSTED = {"rehearsal_space", "performance_venue", "exhibition_space", "residency"}
BE_FORMS = {"zijn", "ben", "sommes", "suis", "are", "am", "m", "re"}
FIRST_PERSON_SUBJECTS = {"ik", "je", "i", "we", "wij", "nous"}

# Work made with a group: one of these verbs, then "with" and the people (made_with_a_group).
MAKING_VERBS = {"maken", "maak", "maakt", "creeren", "creeer", "creeert", "creert", "create", "creates", "creating",
                "make", "makes", "making", "creons", "cree", "creent", "creer", "realisons", "realise", "develop",
                "develops", "ontwikkelen", "ontwikkel", "construisons", "construire", "bouwen", "schrijven",
                "ecrivons", "write", "turn", "meespelen", "monter", "realiser", "imaginer", "imagine", "concevoir",
                "bedenken", "ontwerpen"}
WITH_WORDS = {"with", "met", "avec", "samen", "together", "ensemble"}
# "un projet théâtre avec nos élèves", "een traject met de bewoners": a project is work made too
PROJECT_NOUNS = {"projet", "projets", "project", "projecten", "projects", "traject", "trajecten", "parcours"}
WORKING_VERBS = {"work", "werken", "travailler", "collaborate", "collaborer", "samenwerken"}
WISHES = {"like", "love", "want", "wil", "willen", "graag", "aimerais", "aimerions", "aimerait", "voudrais",
          "voudrions", "souhaite", "souhaitons", "hope", "hopen"}
GROUP_WORDS = {"bewoners", "residents", "habitants", "inwoners", "participants", "deelnemers", "amateurs", "them",
               "hen", "eux", "elles", "groups", "groepen", "groupes", "mensen", "people", "gens", "burgers", "jeunes"}


REHEARSE_WORDS = {"repeteren", "gerepeteerd", "rehearse", "rehearsing", "repeter", "trainen", "oefenen", "practise",
                  "practice", "travailler", "werken"}
PERMIT_WORDS = {"kan", "kunnen", "mag", "mogen", "can", "may", "welcome", "welkom", "peuvent", "peut", "bienvenus",
                "bienvenues", "bienvenu", "bienvenue", "free"}
PERMIT_REACH = 6


def others_may_rehearse(words: list[str]) -> tuple[int, int] | None:
    """Where a sentence lets others (not the writer) rehearse or work: a permission or welcome,
    then the verb, with no "we" or "I" in between; or the verb, then the welcome ("Les artistes
    qui voudraient y répéter sont les bienvenus"). The verb and where the words that say so end."""
    for position, word in enumerate(words):
        if word not in REHEARSE_WORDS:
            continue
        window = words[max(0, position - PERMIT_REACH):position]
        if any(w in FIRST_PERSON_SUBJECTS | {"on"} for w in window):
            continue
        if any(w in PERMIT_WORDS for w in window):
            return position, position + 1
        welcome = next((other for other in range(position + 1, min(len(words), position + 5))
                        if words[other] in WELCOME_AFTER), None)
        if welcome is not None:
            return position, welcome + 1
    return None


WELCOME_AFTER = {"welcome", "welkom", "bienvenus", "bienvenues", "bienvenu", "bienvenue"}


# What a room is said to be for, right after it: "onze theaterzaal ... om te repeteren" is a room
# to rehearse in; "un atelier pour créer", "een atelier om te werken" a studio, not a workshop.
WORK_PURPOSES = {"repeteren", "repeter", "rehearse", "rehearsing", "creer", "create", "creating", "werken",
                 "travailler", "work", "working", "schrijven", "ecrire", "write", "writing", "trainen", "oefenen"}
STUDIO_WORDS = {"lumineux", "lumineuse", "partage", "leeg", "vrij", "libre", "vide", "groot", "grand", "licht",
                "lichte", "spacious", "empty", "free"}
PREMISES_WORDS = {"m2", "m²", "maand", "mois", "month", "huur", "loyer", "rent", "pand", "gebouw", "batiment",
                  "building", "vierkante", "leegstaand", "loods", "entrepot", "warehouse"}
GLUED_SIZE = re.compile(r"^\d+m2?$")
OPEN_STUDIO = {"open", "ouvert", "ouverts", "opendeur"}
PURPOSE_REACH = 4
ROOM_USE_REACH = 8  # "onze concertzaal ter beschikking van jonge ensembles om te repeteren"


# Halls named by their size or their many uses, whose use the sentences around them may tell.
GENERIC_HALLS = {"grande salle", "petite salle", "salle polyvalente", "grote zaal", "kleine zaal", "polyvalente zaal",
                 "feestzaal", "main hall", "big hall", "multipurpose hall", "theatre hall", "hall"}


def as_used(hit: Hit, words: list[str], around: str | None = None, own_purposes: frozenset | set = frozenset()) -> Hit:
    """A thing named by its room, read as what the sentence says it is used for. A hall named by
    its size or its many uses is for what the sentences around it say (`around`: "On a une grande
    salle ... vide en journée. Les artistes qui voudraient y répéter ..."), unless its own sentence
    says (`own_purposes`: "onze polyvalente zaal kan gebruikt worden voor voorstellingen")."""
    if hit.key == "performance_venue" and around == "rehearsal_space" and own_purposes <= {"rehearsal_space"} and \
            " ".join(words[hit.start:hit.end]) in GENERIC_HALLS:
        return Hit(hit.section, "rehearsal_space", hit.start, hit.end)
    after = words[hit.end:hit.end + PURPOSE_REACH]
    if hit.key == "workshops" and words[hit.start] in ("atelier", "ateliers"):
        if (hit.start and words[hit.start - 1] in OPEN_STUDIO) or (after and after[0] in OPEN_STUDIO):
            return Hit(hit.section, "audience_mediation", hit.start, hit.end)  # "een open atelier voor de buren"
        if any(word in WORK_PURPOSES | STUDIO_WORDS for word in after[:3]):
            return Hit(hit.section, "rehearsal_space", hit.start, hit.end)
        if any(word in PREMISES_WORDS or GLUED_SIZE.match(word) for word in words):
            # "kunstenaar zoekt atelier, min. 30m², max 250 euro/maand", "leegstaand pand voor
            # tijdelijke ateliers": a room with a size, a rent or a building is a studio
            return Hit(hit.section, "rehearsal_space", hit.start, hit.end)
    if hit.key == "performance_venue" and any(word in ("repeteren", "repeter", "rehearse", "rehearsals", "repetities",
                                                       "rehearsing", "repetitions")
                                              for word in words[hit.end:hit.end + ROOM_USE_REACH]):
        return Hit(hit.section, "rehearsal_space", hit.start, hit.end)  # "onze theaterzaal om te repeteren"
    return hit


HOST_VERBS = {"book", "boeken", "programme", "program", "programmeren", "programmeert", "programment", "programmer",
              "programmerait", "accueillir", "host", "hosten", "ontvangen", "present", "presenteren"}
PLAY_VERBS = {"jouer", "spelen", "play", "perform", "optreden", "joue", "speel"}
PLACE_LINKS = {"in", "dans", "op", "at", "en", "chez", "a"}
# Hosting a workshop or a project is reaching the host's public, not a stage.
HOSTED_ACTIVITIES = {"atelier", "ateliers", "workshop", "workshops", "project", "projet", "projects", "projets",
                     "reading", "lecture", "voorlezing", "voorleesmoment", "sessie", "session", "stage", "stages",
                     "choir", "koor", "chorale", "group", "groep", "groupe", "class", "classes", "cycle", "reeks"}


def hosts_sought(hits: list[Hit], words: list[str]) -> tuple[int, int] | None:
    """Where a sentence asks for places that would host, book or programme the writer's work: a
    kind of organisation followed by such a verb, or playing "in" such places (the kind named,
    and where the words that say so end)."""
    places = [h for h in hits if h.section == "partner_kinds" and h.key not in (ARTIST, "school")]
    for hit in places:
        verbs = [position for position in range(hit.end, min(len(words), hit.end + 8))
                 if words[position] in HOST_VERBS]
        if verbs and not any(word in HOSTED_ACTIVITIES for word in words[verbs[0] + 1:verbs[0] + 7]):
            return hit.start, verbs[0] + 1
        before = words[max(0, hit.start - 4):hit.start]
        if any(word in PLAY_VERBS for word in before) and any(word in PLACE_LINKS for word in before):
            return hit.start, hit.end
    return None


BRING_WORDS = {"zorgen", "zorg", "brengen", "breng", "samenbrengen", "mobiliseren", "bring", "brings", "mobilise",
               "mobilize", "recruit", "mobiliser", "mobilisons", "amener", "amenons", "rassembler"}
BRING_REACH = 5


def group_brought(hits: list[Hit], words: list[str], giving, exchange_hits: list[Hit]) -> tuple[int, int] | None:
    """Where the writer says it brings people: a first-person giving verb next to an audience
    or a group, with no other thing given in between ("wij geven workshops aan kinderen" gives
    workshops, not children). The verb, and where the words that say so end."""
    audience_starts = {h.start for h in hits if h.section == "audiences"}
    things = {position for h in exchange_hits for position in range(h.start, h.end)}
    for g in giving:
        if g.person != "first" or words[g.position] not in BRING_WORDS:
            continue
        for other in range(max(0, g.position - BRING_REACH), min(len(words), g.position + BRING_REACH + 1)):
            low, high = sorted((other, g.position))
            if (other in audience_starts or words[other] in GROUP_WORDS | {"groep", "group", "groupe", "publiek",
                                                                           "public", "audience"}) and \
                    not any(low < position < high for position in things):
                return g.position, high + 1
    return None


WORK_WITH = (("travailler", "avec"), ("collaborer", "avec"), ("werken", "met"), ("samenwerken", "met"),
             ("work", "with"), ("collaborate", "with"), ("associer", "a"), ("co", "create", "with"))


def works_with(words: list[str], kind_start: int) -> bool:
    """"travailler avec une artiste", "samenwerken met een componist": working together is asked."""
    for phrase in WORK_WITH:
        for position in range(max(0, kind_start - len(phrase) - 3), kind_start - len(phrase) + 1):
            if tuple(words[position:position + len(phrase)]) == phrase:
                return True
    return False


def made_with_a_group(hits: list[Hit], words: list[str]) -> tuple[int, int] | None:
    """Where a sentence says work is made with a group of people: a making verb, then "with"
    and the people (an audience named, or residents, participants, them). The verb, and where
    the words that say so end."""
    audience_ends = {h.start: h.end for h in hits if h.section == "audiences"}

    def group_after(link: int) -> int | None:
        """Where the group named after "with" ends."""
        if words[link] not in WITH_WORDS:
            return None
        return next((audience_ends.get(other, other + 1) - 1 for other in range(link + 1, min(len(words), link + 5))
                     if other in audience_ends or words[other] in GROUP_WORDS), None)

    for position, word in enumerate(words):
        if word in WORKING_VERBS and any(w in WISHES for w in words[max(0, position - 4):position]) and \
                position + 1 < len(words) and group_after(position + 1) is not None:
            # "We would like to work with older residents", "j'aimerais travailler avec des ados":
            # working with people in general is not making work with them, wishing to is
            return position, group_after(position + 1) + 1
        if word not in MAKING_VERBS and word not in PROJECT_NOUNS:
            continue
        # "we create installations with local residents"; Dutch puts the verb last: "die met onze
        # jongeren een eigen voorstelling maakt"
        for link in range(position + 1, min(len(words), position + 9)):
            if (group := group_after(link)) is not None:
                return position, group + 1
        if any(group_after(link) is not None for link in range(max(0, position - 7), position)):
            return position, position + 1
    return None


# "We hebben", "nous avons", "on a", "we have", "onze bib heeft": what the writer holds.
HAVE_FORMS = {"hebben", "heb", "heeft", "avons", "ai", "a", "have", "has", "got", "disposons", "beschikken"}
FREE_WORDS = {"gratis", "gratuit", "gratuite", "gratuits", "gratuites", "free"}
HOLD_REACH = 4
ALREADY = {"already", "al", "deja", "reeds"}


EXHIBITIONS = {"expo", "expos", "exhibition", "exhibitions", "exposition", "expositions", "tentoonstelling",
               "tentoonstellingen"}


def held_by_the_writer(words: list[str], hit: Hit) -> bool:
    """The writer has the thing or calls it theirs ("We hebben een lege winkelruimte", "Our
    gallery is closed in July", "Onze bib heeft une salle d'exposition"), and no one asks for it."""
    before = words[max(0, hit.start - HOLD_REACH):hit.start]
    if any(word in ALREADY for word in before):
        return False  # "we already have a venue": held, not given
    if before and before[-1] in POSSESSIVES and hit.key in HOSTED | {"technical_support"}:
        # "notre expo", "our exhibition": the writer's own show, not a room it gives
        return words[hit.start] not in EXHIBITIONS
    return any(word in HAVE_FORMS for word in before) and any(
        word in FIRST_PERSON_SUBJECTS | POSSESSIVES | {"on"}
        for word in words[max(0, hit.start - HOLD_REACH - 2):hit.start])


def said_free(words: list[str], hit: Hit) -> bool:
    """"Gratis oefenlokaal voor jonge bands!", "une salle d'exposition gratuite": free to others."""
    return hit.key in HOSTED and any(word in FREE_WORDS for word in words[max(0, hit.start - 2):hit.end + 1])


def says_what_it_is(words: list[str], start: int) -> bool:
    """"Wij zijn een kleine studio", "we're a small studio", "je suis un atelier": the writer
    (a pronoun, a form of "to be", then at most an article and two words) is that room."""
    for position in range(max(1, start - 4), start):
        if words[position] in BE_FORMS and words[position - 1] in ("wij", "we", "ik", "nous", "je", "i") and \
                words[position + 1] in ("een", "a", "an", "un", "une", "de", "het", "the", "le", "la"):
            return True
    return False
