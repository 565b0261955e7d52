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
from collections import Counter
from dataclasses import dataclass, field

from matcher.understanding.ages import audiences_by_age
from matcher.understanding.clauses import (NEGATION_REACH, RELATIVE_PRONOUNS, SOMEONE, asks_the_reader, clause_breaks,
                                           cue_positions, cue_words, given_to_the_writer, governing_cue, hit_words,
                                           is_negated, partner_in_need, phrase_positions, said_not_needed)
from matcher.understanding.implied import (EXHIBITIONS, FIRST_PERSON_SUBJECTS, HOSTED, POSSESSIVES, PROJECT_NOUNS,
                                           WITH_WORDS, as_used, group_brought, held_by_the_writer, hosts_sought,
                                           made_with_a_group, others_may_rehearse, said_free, says_what_it_is,
                                           works_with)
from matcher.understanding.language import detect_language
from matcher.understanding.lexicon import CONCEPT_SECTIONS, READING_SECTIONS, Hit, Lexicon, lexicon, tokens
from matcher.understanding.partners import (ARTIST, asks_to_make_together, combine, describes_self, makes_together,
                                            named_kinds, self_kind, sought_kinds)
from matcher.understanding.origins import diverse_origins
from matcher.understanding.periods import find_amount, find_placed_periods
from matcher.understanding.roles import (AVAILABLE_WORDS, barter_positions, givings, hosting_positions, is_question,
                                         lemmas, owned_and_available, permissions)
from matcher.understanding.terms import Placed, TermsReader

HOSTING_VERBS = {"accueillons", "accueille", "accueillent", "host", "hosts", "ontvangen", "ontvangt", "verwelkomen",
                 "welcome", "welcomes"}
# Care homes, whose residents ("bewoners", "residents", "résidents") are not the neighbourhood's.
CARE_HOMES = ("woonzorgcentr", "rusthuis", "rusthuizen", "zorgboerderij", "dienstencentr", "serviceflat",
              "carehome", "nursing")
CARE_HOME_PHRASES = ("care home", "maison de repos", "maisons de repos", "home pour", "residential care",
                     "nursing home", "maison de soins")
CARE_RESIDENTS = {"bewoners", "residents", "residentes"}
PARTNER_WORDS = ("partner", "partenaire", "samenwerk", "collaborat", "cooperat", "allian")
# A full stop ends a sentence, but not the one of an abbreviation ("min. 30 m²", "bv. een zaal",
# "ca. 200 places", "p. ex.").
SENTENCE_BREAK = re.compile(r"(?<=[!?;\n])|(?<!\bmin\.)(?<!\bmax\.)(?<!\bca\.)(?<!\bbv\.)(?<!\bvb\.)"
                            r"(?<!\bnr\.)(?<!\bex\.)(?<!\bp\.)(?<!\be\.g\.)(?<!\bi\.e\.)(?<!\bcf\.)"
                            r"(?<!\bapprox\.)(?<!\benv\.)(?<=\.)(?=\s|$)", re.IGNORECASE)


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


# What an organisation wants to organise for its public, it needs someone to lead.
LED_BY_OTHERS = ("workshops", "audience_mediation")
# Mentioned with no cue at all, these are what the profile itself has to give:
# a makers' description of its workshops, a centre's description of its rooms.
GIVEN_WITHOUT_CUE = {
    False: ("workshops", "audience_mediation", "artistic_collaboration", "technical_support", "production_support"),
    True: ("rehearsal_space", "performance_venue", "exhibition_space", "technical_support", "residency"),
}
# A dramaturg, coach or curator sought gives advice (production support), not a new work.
ADVISERS = ("dramaturg", "coach", "curator", "curat", "mentor")
# An artist asked to give these ("pour animer des ateliers") is asked for them, not to make work.
GIVEN_BY_ARTISTS = {"workshops", "audience_mediation", "production_support", "technical_support", "promotion"}
FRENCH_DETERMINERS = {"un", "le", "du", "ce", "notre", "votre", "leur", "mon", "son", "petit", "grand", "nouveau",
                      "d", "de", "l", "chaque", "quel", "aucun"}
SINGULAR_I = {"ik", "i", "j"}  # "je" is Dutch "you" too
# "elles aimeraient", "we would like", "ze willen graag": a wish, not something on offer.
WISH_WORDS = {"wil", "aimeraient", "aimerions", "aimerait", "aimerais", "voudraient", "voudrions", "voudrait",
              "souhaitent", "souhaitons", "souhaite", "willen", "zouden", "would", "like", "want", "wants", "hope",
              "hopen", "esperent", "esperons", "dream", "droom", "dromen", "revent", "revons"}
NAME_PLACEHOLDER = "_"  # matches no term
# "Atelier Zuid", "L'Atelier du Soleil", "Studio Pixelgrond", "Zaal Lux": a name, not a
# workshop or a room on offer (the capital after the word says so). A figure is a name ("Studio
# 54") unless it is the room's size or seats ("Salle de 90 m²", "Zaal van 200 plaatsen").
PLACE_NAME = re.compile(r"\b(Atelier|Ateliers|Studio|Zaal|Salle|Espace|Loods|Hangar|Kunstwerkplaats|Werkplaats)"
                        r"(?=\s+(?:d[eu]s?\s+|de\s+la\s+|van\s+|'t\s+)?(?:[A-Z]|[0-9](?![0-9.,\s]*(?:m2|m²|m\b|x\s*\d"
                        r"|sur\b|op\s*\d|by\b|places|plaatsen|zitplaatsen|seats|sq|vierkante|m[eè]tres|meters|"
                        r"personnes|personen|people))))")
# A street address names no offer: "Galerie du Roi 32", "Kerkstraat 12", "rue de l'Atelier 5".
ADDRESS = re.compile(r"\b(?:rue|avenue|av\.|boulevard|bd|chaussée|chaussee|place|galerie|quai|impasse|square|"
                     r"drève|street|road|lane)\s[^,.;:\n]{0,40}?\d{1,4}\b|\b\w+(?:straat|laan|plein|steenweg|lei|"
                     r"dreef|kaai|weg|markt|dijk)\s\d{1,4}\b", re.IGNORECASE)
# Guiding a group through a project ("les accompagner sur un projet de clip", "die ons wil
# begeleiden") is making work with it, not giving a workshop.
GUIDING = ("accompagn", "begeleid", "guide", "les", "ons", "them", "us")
AUDIENCE_NEGATIONS = {"pas", "geen", "no", "not", "sans", "zonder", "without", "niet"}
# "Quelle école serait intéressée par ...", "Welke GC's willen ...", "Which venue would like ...":
# what the asked party would want is what the writer brings.
OTHERS_WANT = ("interess", "interested", "zin", "willen", "wil", "voudrai", "aimerai", "would", "want", "partant")
PURPOSE_LINKS = {"to", "om", "pour", "waar", "where", "for", "voor", "ou"}
# Organisations whose public a maker asks to reach through them.
REACHING_KINDS = {"organisation", "social_organisation", "youth_organisation", "community_centre"}
# Kinds asked for their stage: "een cultuurcentrum dat onze familievoorstelling wil programmeren"
# asks to play there, and the audience named is the show's, not a public to be reached through them.
STAGE_KINDS = {"cultural_centre", "venue"}
DURING = {"during", "tijdens", "gedurende", "pendant", "durant", "throughout"}
DETERMINERS = {"the", "a", "my", "our", "this", "de", "het", "een", "mijn", "onze", "ons", "deze", "die", "la", "le",
               "les", "l", "ma", "mon", "notre", "cette", "ce", "une", "un", "sa", "son", "their", "hun", "leur"}
# "ideally to reach locals", "et si possible qui animent une initiation", "an edit suite would be
# a bonus", "en liefst ook coproductiegeld": a need asked for if it can be had, not the main one.
HEDGES_BEFORE = ("ideally", "idealiter", "idealement", "if possible", "si possible", "indien mogelijk", "liefst",
                 "bij voorkeur", "de preference", "preferably", "optionally", "eventueel", "eventuellement",
                 "even better", "nice to have", "en plus", "in addition", "bovendien", "as a bonus")
HEDGES_AFTER = ("would be a bonus", "is a bonus", "a bonus", "a plus", "would be nice", "would be great",
                "serait un plus", "est un plus", "un plus", "is mooi meegenomen", "mooi meegenomen", "een pluspunt",
                "is een plus", "zou mooi zijn", "zou fijn zijn", "serait bienvenu", "serait bienvenue", "welcome too")
HEDGE_REACH = 7


def given_by_a_partner(words: list[str], cue: int, partners: list[Hit]) -> bool:
    """"un centre culturel qui soutient financièrement", "een kunstenorganisatie die ons zakelijk wil
    ondersteunen": a giving in a relative clause about a kind of partner is that partner's."""
    for relative in range(max(0, cue - PARTNER_CLAUSE), cue):
        if words[relative] in ("qui", "die", "who", "that", "dat") and any(
                0 <= relative - hit.end <= 1 for hit in partners):
            return True
    return False


def told_as_past(words: list[str], today: dt.date) -> int:
    """Where what a sentence tells of the past ends: "last year", "vorig seizoen", "l'an dernier",
    "in 2023", "used to", up to a turn to now ("but", "maar nu", "aujourd'hui") or the sentence's
    end; 0 when it tells nothing of the past."""
    def at(position: int, markers: tuple[tuple[str, ...], ...]) -> bool:
        return any(tuple(words[position:position + len(marker)]) == marker for marker in markers)

    past = next((n for n in range(len(words)) if (at(n, PAST_MARKERS) and not (n and words[n - 1] in ABOUT_WORDS)) or (
        words[n].isdigit() and len(words[n]) == 4 and 2000 <= int(words[n]) < today.year and n
        and words[n - 1] in ("in", "en"))), None)
    if past is None:
        return 0
    turn = next((n for n in range(len(words)) if at(n, NOW_MARKERS)), None)
    if turn is not None and turn < past:
        return 0  # "this year ..., unlike last year": said of now
    return turn if turn is not None else len(words)


def own_group(words: list[str], start: int, end: int) -> bool:
    """The group work is made with is the writer's own: "avec nos élèves", "met onze bewoners"
    (not "ons project met senioren", where the project is)."""
    link = next((n for n in range(start, end) if words[n] in WITH_WORDS), None)
    return link is not None and any(word in POSSESSIVES for word in words[link + 1:end])


def own_periods(hit: Hit, placed: list[tuple[int, dt.date, dt.date]],
                named: list[Hit]) -> list[tuple[dt.date, dt.date]]:
    """The periods of one exchange in a sentence that names several of each ("quelqu'un pour
    diriger un projet au printemps, et une salle pour le concert de juin"): those between it and
    the next exchange named, if any; else every period of the sentence."""
    if len(placed) < 2 or len(named) < 2:
        return [(start, end) for _, start, end in placed]
    following = [h.start for h in named if h.start > hit.start]
    until = min(following) if following else None
    own = [(start, end) for at, start, end in placed if at >= hit.start and (until is None or at < until)]
    return own or [(start, end) for _, start, end in placed]


def hedged(words: list[str], hit: Hit) -> bool:
    """A need said to be wished for if it can be had: a hedge a few words before it, or after it
    in the same clause."""
    before = " " + " ".join(words[max(0, hit.start - HEDGE_REACH):hit.start]) + " "
    after = " " + " ".join(words[hit.end:hit.end + HEDGE_REACH]) + " "
    return any(f" {h} " in before for h in HEDGES_BEFORE) or any(f" {h} " in after for h in HEDGES_AFTER)


# "un spectacle sur ...", "a piece about ...", "een voorstelling over ...": the subject of a work
ABOUT_WORDS = {"sur", "about", "over", "rond", "rondom", "autour"}
WORK_NOUNS = {"projet", "project", "spectacle", "piece", "voorstelling", "stuk", "show", "film", "expo", "exposition",
              "exhibition", "tentoonstelling", "creation", "creatie", "theatre", "theater", "podcast", "documentaire",
              "documentary", "installation", "installatie", "livre", "boek", "book", "performance", "opera", "concert"}
# words between "sur"/"about" and what the work is about ("sur le harcèlement et les réseaux sociaux")
SUBJECT_REACH = 6
WORK_REACH = 10  # words between the work and "sur" ("un projet théâtre avec nos élèves de 3e-4e sur ...")
PERFORMING = ("jou", "spel", "speel", "play", "perform", "optre", "treden")  # "qui jouent", "die komen spelen"
PLAY_REACH = 6
# words between "qui"/"die" after a kind of partner and its verb ("die ons zakelijk wil ondersteunen")
PARTNER_CLAUSE = 4
PAST_MARKERS = ("last year", "last season", "last winter", "last summer", "used to", "vorig jaar", "vorig seizoen",
                "vorige winter", "vorige zomer", "vorig najaar", "vorig voorjaar", "vorige keer", "l an dernier",
                "l annee derniere", "la saison derniere", "l ete dernier", "l hiver dernier", "autrefois",
                "vroeger")
NOW_MARKERS = ("now", "nu", "this year", "dit jaar", "this season", "dit seizoen", "cette annee", "cette saison",
               "aujourd hui", "maintenant", "momenteel", "currently", "actuellement", "still", "nog steeds",
               "toujours", "but", "maar", "mais")
# as word tuples, split once
PAST_MARKERS, NOW_MARKERS = (tuple(tuple(marker.split()) for marker in markers) for markers in (PAST_MARKERS, NOW_MARKERS))
CONDITIONS = {("als", "ze"), ("als", "je"), ("als", "jullie"), ("als", "u"), ("if", "you"), ("if", "they"),
              ("si", "vous"), ("si", "ils"), ("si", "elles"), ("a", "condition"), ("op", "voorwaarde"),
              ("on", "condition"), ("provided", "they"), ("provided", "you"), ("pourvu", "qu")}
SHOW_WORDS = {"show", "shows", "spectacle", "spectacles", "voorstelling", "voorstellingen", "concert", "concerts",
              "performance", "piece", "stuk"}
SHOW_ENDINGS = ("voorstelling", "show")
LOOKING = ("looking", "zoek", "cherch", "search", "seek", "recherch")
WHO_WORDS = {"wie", "welke", "welk", "qui", "quel", "quelle", "quels", "quelles", "who", "which", "anyone", "iemand",
             "quelqu"}
ANSWER_LENGTH = 10  # words: a list of kinds, not a sentence of its own
# "nous sommes | un groupe", "we zijn (nog) | een groep", "on est | un groupe": (copula, subject, adverb)
SELF_COPULAS = ({"sommes", "est", "zijn", "are", "re", "suis", "ben", "am"},
                {"nous", "on", "we", "wij", "je", "ik", "i"},
                {"nog", "juste", "just", "only", "maar", "seulement", "toujours", "still"})
KIND_LINKS = {"de", "d", "du", "des", "van", "voor", "for", "of"}  # "lieu de résidence", "space for exhibitions"
LEADING = ("dirig", "leid", "lead", "begeleid", "accompagn", "anim", "guide", "coach")
# A room named without its use ("een zaal", "un lieu") is for rehearsing unless the sentence
# says it is for playing or showing.
DEFAULT_SPACE = "rehearsal_space"
# "Welke residentieplek heeft nog twee weken vrij?": the question is who has it.
QUESTION_OPENERS = {"welke", "welk", "wie", "quel", "quelle", "quels", "quelles", "qui", "which", "who", "any"}
# ... but a stage named without its use is for playing on ("Vous cherchez une scène ?").
STAGE_WORDS = {"scene", "podium", "stage", "buhne"}
STAGE_DEFAULT = "performance_venue"
# "we tour with our own technician", "notre propre régie", "onze eigen techniekers": held, not asked.
OWN_WORDS = {"own", "eigen", "propre", "propres"}
MY_WORDS = {"mes", "mijn", "my", "mon", "ma", "nos", "onze", "our", "notre"}
FOR_RENT = {("a", "louer"), ("te", "huur"), ("for", "rent"), ("to", "rent"), ("for", "hire"), ("te", "huren")}
PROVIDED = {"fourni", "fournie", "fournis", "fournies", "provided", "included", "inbegrepen", "inclus", "incluse",
            "compris", "comprise", "offert", "offerte", "offerts", "offertes", "voorzien", "geregeld"}
WELCOMED = {"welkom", "welcome", "bienvenu", "bienvenus", "bienvenue", "bienvenues", "appreciated", "apprecie",
            "appreciee", "appreciees"}
# "Heeft er een ...", "Qui aurait ...", "Does anyone have ...": asking who has it.
ASKED_HAVE = {"heeft", "hebben", "has", "have", "aurait", "auraient", "dispose", "disposerait", "reste"}


def understand(text: str | None, reference_date: dt.date | None = None,
               vocabulary: Lexicon | None = None, organiser: bool | None = None,
               searching: bool = False, name: str | None = None) -> Understanding:
    """Read a free-text description; `reference_date` places months without a year.

    `organiser`: the text is an organisation's (True) or a maker's (False), so workshops
    or mediation it wants to organise ("nous voulons proposer des ateliers") are needs, and a
    participatory project is sought, not offered; None: read it from the text ("Wij zijn een
    school", "Je suis chorégraphe"). `searching`: the text is a search, a request by nature,
    so what it names without a cue word is sought ("Welk cultuurcentrum geeft
    coproductiegeld?"). `name`: the profile's own name, which names nothing it offers or needs."""
    vocabulary = vocabulary or lexicon()
    result = Understanding()
    if not text or not text.strip():
        return result
    reference_date = reference_date or dt.date.today()
    result.language = detect_language(text, vocabulary)
    text = ADDRESS.sub(" ", text)
    text = PLACE_NAME.sub(lambda match: "_" + match.group(0)[len(match.group(1)):], text)
    name_words = tuple(tokens(name or ""))
    sentences = [(sentence, _without_name(tokens(sentence), name_words)) for sentence in _sentences(text)]
    sentences = [(sentence, words) for sentence, words in sentences if words]
    found = [(sentence, words, vocabulary.find(words, CONCEPT_SECTIONS + READING_SECTIONS))
             for sentence, words in sentences]
    if organiser is None:
        speaker = next((kind for number, (_, words, hits) in enumerate(found)
                        if (kind := self_kind(hits, words, opening=number == 0))), None)
        if speaker is None and any(word in SINGULAR_I for _, words, _ in found for word in words):
            speaker = ARTIST  # a person writing "I" for themself, not "we" for an institution
        organiser = speaker not in (None, ARTIST)
    else:
        speaker = "organisation" if organiser else ARTIST
    sought: list[str] = []
    reading = _Reading(reference_date, vocabulary, result, organiser or searching, searching,
                       speaker if speaker is None else (ARTIST if speaker == ARTIST else "organisation"),
                       TermsReader(vocabulary))
    purposes = Counter(h.key for _, _, hits in found for h in hits if h.section == "space_purposes")
    text_purpose = purposes.most_common(1)[0][0] if purposes else None
    by_sentence = [Counter(h.key for h in hits if h.section == "space_purposes") for _, _, hits in found]
    reading.care_home = any(word.startswith(CARE_HOMES) for _, words, _ in found for word in words) or any(
        phrase in " ".join(words) for _, words, _ in found for phrase in CARE_HOME_PHRASES)
    reading.workshops_named = any(h.key == "workshops" and h.section == "exchange_types"
                                  for _, _, hits in found for h in hits)
    # A residency said not to be needed ("pas de résidence, juste une salle") is not the room's.
    negation_starts = [[start for start, _ in phrase_positions(words, vocabulary.cues_by_first["negation"])]
                       for _, words, _ in found]
    reading.residency_named = any(h.key == "residency" and h.section == "exchange_types" and not any(
        h.start - NEGATION_REACH <= start < h.start for start in starts)
        for (_, _, hits), starts in zip(found, negation_starts) for h in hits)
    for number, (sentence, words, hits) in enumerate(found):
        # A room a sentence names without its use is for what the next sentence, or else the one
        # before, says ("La grande salle est vide le matin. Les artistes qui voudraient y répéter
        # ..."); failing both, for what the whole text is mostly about.
        neighbours = [by_sentence[other] for other in (number + 1, number - 1) if 0 <= other < len(found)]
        reading.text_purpose = next((counts.most_common(1)[0][0] for counts in neighbours if counts), text_purpose)
        sought += reading.sentence(sentence, words, hits)
    reading.terms.finish(result.offers, result.needs, result.evidence)
    if not sought and (result.offers or result.needs):
        # No cue points at a partner, but a text that only offers names one it is not: whom it
        # addresses ("Plaatselijke kunstenaars mogen die gratis gebruiken"). A maker's text that
        # also asks names its own members or its public that way ("un groupe de chanson (4
        # musiciens)"); an organisation's names the makers it works with.
        named = [kind for number, (_, words, hits) in enumerate(found)
                 for kind in named_kinds(hits, words, opening=number == 0)]
        if result.offers and all(need["type"] in reading.asked_in_return for need in result.needs):
            sought = named  # a text that offers, asking only in return, addresses those it names
        elif (organiser or any(need["type"] == "artistic_collaboration" for need in result.needs)) \
                and ARTIST in named:
            sought = [ARTIST]  # whoever asks to make work together asks it of the makers it names
    result.partner_kinds = combine(sought)
    result.offers = _merge(result.offers)
    result.needs = _merge(result.needs)
    return result


def _without_name(words: list[str], name_words: tuple[str, ...]) -> list[str]:
    """The words with the profile's own name blanked: "Cinema Actor's Studio" does not offer a
    studio, "ARAU (Atelier de Recherche ...)" does not need workshops."""
    if not name_words:
        return words
    size = len(name_words)
    masked = list(words)
    for position in range(len(words) - size + 1):
        if tuple(words[position:position + size]) == name_words:
            masked[position:position + size] = [NAME_PLACEHOLDER] * size
    return masked


def _sentences(text: str) -> list[str]:
    return [part.strip() for part in SENTENCE_BREAK.split(text) if part and part.strip()]


@dataclass
class _Reading:
    """One text being read, sentence by sentence."""

    reference_date: dt.date
    vocabulary: Lexicon
    result: Understanding
    organiser: bool
    searching: bool
    speaker: str | None  # "artist", "organisation" or None when the text does not say
    terms: TermsReader  # the terms of the exchanges (size, support, price, bargains), read alongside
    sought_artist: bool = False  # the sentence being read asks for an artist
    # What the text's rooms are for, when a sentence names a room and not its use.
    text_purpose: str | None = None
    last_kind: str | None = None  # the direction the previous sentence ended on
    asked_who: bool = False  # the previous sentence asked who would do something ("Wie brengt ...?")
    sought_organisation: bool = False  # the sentence asks for an organisation, not a maker
    # what is asked only as the condition of what is given ("als ze een workshop willen geven")
    asked_in_return: set = field(default_factory=set)
    wishing: bool = False  # the sentence being read says what someone would like, not what is
    residency_named: bool = False  # the text is about a residency, whose room a bare "zaal" is
    artist_asked: bool = False  # a sentence so far asked for an artist
    # The text names workshops: a maker who makes work with a group and leads workshops is read
    # by its workshops, which half meet a need to make work together (weights.json substitutes).
    workshops_named: bool = False
    care_home: bool = False  # the text is about a care home, whose "bewoners" are its residents

    def sentence(self, sentence: str, words: list[str], hits: list[Hit]) -> list[str]:
        """Read one sentence into the result; the partner kinds it asks for."""
        result, vocabulary = self.result, self.vocabulary
        for section, target in (("disciplines", result.disciplines), ("audiences", result.audiences),
                                ("themes", result.themes)):
            for hit in hits:
                if hit.section == section and section == "audiences" and any(
                        word in AUDIENCE_NEGATIONS for word in words[max(0, hit.start - 2):hit.start]):
                    continue  # "pas de jeune public pour cette pièce", "no children"
                if hit.section == "audiences" and hit.key == "schools" and any(
                        h.section == "audiences" and h.key == "children" and h.start <= hit.start < h.end
                        and h.end - h.start > hit.end - hit.start for h in hits):
                    continue  # "une école de devoirs" is a homework club for children, not a school
                if hit.section == "audiences" and hit.key == "local_residents" and self.care_home and \
                        " ".join(words[hit.start:hit.end]) in CARE_RESIDENTS:
                    continue  # "de bewoners van ons woonzorgcentrum" live there: elderly, not the neighbourhood
                if hit.section == section:
                    result.evidence.append({"field": section, "key": hit.key,
                                            "words": hit_words(words, hit.start, hit.end), "cue": None})
                    if hit.key not in target:
                        target.append(hit.key)
        if diverse_origins(words) and "culturally_diverse" not in result.audiences:
            result.audiences.append("culturally_diverse")
            result.evidence.append({"field": "audiences", "key": "culturally_diverse", "words": sentence, "cue": None})
        for key in audiences_by_age(" ".join(words)):
            if key not in result.audiences:
                result.audiences.append(key)
                result.evidence.append({"field": "audiences", "key": key, "words": sentence, "cue": None})
        word_lemmas = lemmas(words, result.language)
        cues = cue_positions(words, vocabulary)
        question = is_question(sentence, words)
        others = [h for h in hits if h.section == "partner_kinds" and (not describes_self(h, words) or (
            h.start == 0 and h.end < len(words) and words[h.end] in RELATIVE_PRONOUNS))]
        in_need = {start: partner_in_need(words, start, others) for start, kind in cues if kind == "need"}
        cues = [(start, "offer" if kind == "need" and (asks_the_reader(words, start) or in_need[start])
                 else "need" if kind == "offer" and (given_to_the_writer(words, start) or
                                                     given_by_a_partner(words, start, others)) else kind)
                for start, kind in cues]
        # "Makers die een plek zoeken, ...": the partners whose need the writer meets are addressed.
        addressed_in_need = [hit.key for hit in in_need.values() if hit is not None]
        breaks = clause_breaks(sentence)
        negations = phrase_positions(words, vocabulary.cues_by_first["negation"])
        possessed = phrase_positions(words, vocabulary.cues_by_first["possessed"])
        placed_periods = find_placed_periods(" ".join(words), self.reference_date, vocabulary)
        periods = [(start, end) for _, start, end in placed_periods]
        amount = find_amount(sentence)
        stated = self.terms.read(sentence, words)
        audiences = list(dict.fromkeys(h.key for h in hits if h.section == "audiences"))
        giving = givings(words, word_lemmas)
        guests = {position for h in hits if h.section == "partner_kinds" and h.key == ARTIST
                  for position in range(h.start, h.end)}
        allowed = [] if self.searching else [(position, "offer") for position in permissions(words, guests)]
        intents = [start for start, _ in phrase_positions(words, vocabulary.cues_by_first["intent"])]
        # "We willen gratis workshops geven": the verb after the writer's intent is the writer's.
        intended = [(g.position, "offer") for g in giving if g.person != "third"
                    and any(0 < g.position - start <= 10 for start in intents)]
        signals = sorted(set(cues + allowed + intended + [(g.position, "offer") for g in giving
                                                          if self._gives(g, cues)]))
        need_positions = [start for start, kind in signals if kind == "need"]
        offer_positions = [start for start, kind in signals if kind == "offer"]
        # "Nous aimerions travailler avec une autrice", "we'd love to collaborate with a composer":
        # who a wish is about is asked for too.
        sought, addressed = sought_kinds(hits, words, sorted(need_positions + intents), question and self.searching,
                                         offer_positions)
        # "Wie brengt de jongeren mee? Jeugdhuis, school, bib, maakt niet uit.": the kinds that answer
        # the question are the partners asked for, for what the question asked (not a way into schools)
        answered = [hit.key for hit in others] if self.asked_who and not cues and len(words) <= ANSWER_LENGTH \
            and any(h.start <= 1 for h in others) else []
        self.asked_who = question and bool(words) and words[0] in WHO_WORDS
        # "Nous accueillons gratuitement des artistes en résidence", "We host artists": whom it hosts.
        addressed += [hit.key for hit in hits if hit.section == "partner_kinds" and any(
            word in HOSTING_VERBS for word in words[max(0, hit.start - 3):hit.start])]
        programmed = self._programmed(hits, need_positions)
        if programmed and ARTIST not in sought:
            sought.append(ARTIST)
        kinds_named = [h for h in hits if h.section == "partner_kinds"]
        # "maison de jeunes", "dienstencentrum" name a kind of partner, not an audience reached.
        exchange_hits = [h for h in hits if h.section == "exchange_types" and not (
            h.key == "audience_reach" and any(k.start < h.end and h.start < k.end for k in kinds_named))]
        exchange_hits += self._spaces(hits, words)
        own_purposes = {h.key for h in hits if h.section == "space_purposes"}
        past_until = told_as_past(words, self.reference_date)
        if past_until:
            # "Vorig seizoen hadden we een gastregisseur", "En 2023, nous avons accueilli une compagnie
            # en résidence", "we used to offer residencies, but ...": what was, not what is offered or sought
            exchange_hits = [hit for hit in exchange_hits if hit.start >= past_until]
        exchange_hits = [as_used(hit, words, self.text_purpose, own_purposes) for hit in exchange_hits
                         if not self._says_who_it_is(hit, words) and not self._only_a_time(hit, words)
                         and not self._only_a_subject(hit, words)]
        if stated.fee_as_budget:
            # "die uitkoopsom wordt productiebudget": the fee is the budget, not a stage to play on
            fee, budget = stated.fee_as_budget
            exchange_hits = [h for h in exchange_hits if not (h.start < fee.end and fee.start < h.end)]
            if not any(h.key == "coproduction_budget" for h in exchange_hits):
                exchange_hits.append(Hit("exchange_types", "coproduction_budget", budget.start, budget.end))
        self.sought_artist = ARTIST in sought
        self.sought_organisation = any(kind != ARTIST for kind in sought)
        self.artist_asked = self.artist_asked or self.sought_artist
        forced = self._inferred(hits, words, sought, need_positions, exchange_hits, giving, question, programmed)
        if amount is not None and not any(h.key == "coproduction_budget" for h in exchange_hits) and signals \
                and not stated.amount_is_a_term:  # "huur 60 euro per dag", "max 200 euro": no money on offer
            exchange_hits.append(Hit("exchange_types", "coproduction_budget", signals[0][0] + 1, signals[0][0] + 1))
        if not exchange_hits and audiences and signals and any(w.startswith(PARTNER_WORDS) for w in words):
            exchange_hits.append(Hit("exchange_types", "audience_reach", signals[0][0] + 1, signals[0][0] + 1))
        if not exchange_hits and periods and any(word in AVAILABLE_WORDS for word in words):
            # "In juli 2027 zijn we beschikbaar": the dates of what the writer already said it gives.
            start, end = periods[0]
            for item in result.offers:
                item.setdefault("period", {"start": start.isoformat(), "end": end.isoformat()})
        barters = barter_positions(words)
        main_kinds = [kind for start, kind in signals if not barters or start < barters[0]] or \
            ([self.last_kind] if barters and self.last_kind else [])  # "... zoeken we een lokaal. En échange : ..."
        decided = [(hit, self._direction(hit, words, signals, giving, intents, barters, main_kinds, forced, question,
                                         tuple(exchange_hits)))
                   for hit in sorted(exchange_hits, key=lambda h: h.start) if hit.start >= past_until]
        if stated.fee_as_budget:
            decided = [(hit, cue or ((hit.start, "need" if self.speaker == ARTIST else "offer")
                                     if hit.key == "coproduction_budget" else None)) for hit, cue in decided]
        other_need = any(cue and cue[1] == "need" and hit.key != "coproduction_budget" for hit, cue in decided) or \
            any(item["type"] != "coproduction_budget" for item in result.needs)
        placed: list[Placed] = []
        for hit, cue in decided:
            if cue is None:
                continue
            if hit.key == "coproduction_budget" and cue[1] == "need" and other_need and stated.limits(hit):
                continue  # "ons budget is klein", "my budget is 300 euros": what it can pay for its need
            cue_start, cue_kind = cue
            item = {"type": hit.key}
            cue_phrase = cue_words(words, cue_start, vocabulary) if cue_start != hit.start else None
            if (cue_kind == "need" and hit.start and words[hit.start - 1] in OWN_WORDS) or \
                    is_negated(hit, cue_start, words, negations, breaks) or (
                    cue_kind == "need" and said_not_needed(hit, words, negations + possessed, breaks, signals)) or (
                    # "Voorstellingen programmeren doen we niet", "Residenties bieden we niet aan"
                    cue_kind == "offer" and hit.start < cue_start and any(
                        cue_start < start <= cue_start + 3 for start, _ in negations)) or \
                    any(end <= hit.start <= end + 2 for _, end in possessed):  # "we already have a venue"
                result.negated.append({"direction": cue_kind, "type": hit.key})
                result.evidence.append({"field": "negated", "key": hit.key,
                                        "words": hit_words(words, hit.start, hit.end), "cue": cue_phrase})
                continue
            result.evidence.append({"field": "needs" if cue_kind == "need" else "offers", "key": hit.key,
                                    "words": hit_words(words, hit.start, hit.end), "cue": cue_phrase})
            if cue_kind == "need" and hedged(words, hit):
                item["optional"] = True
            if hit.key == "coproduction_budget" and amount is not None:
                item["amount_eur"] = amount
            if hit.key in ("audience_reach", "workshops", "audience_mediation") and audiences:
                item["audiences"] = audiences
            target = result.needs if cue_kind == "need" else result.offers
            made = [{**item, "period": {"start": start.isoformat(), "end": end.isoformat()}}
                    for start, end in own_periods(hit, placed_periods, [h for h, c in decided if c])] or [item]
            target += made
            placed.append(Placed(hit.key, cue_kind, hit.start, hit.end, hit_words(words, hit.start, hit.end), made))
        self.terms.attach(stated, placed, hits, breaks, result.evidence)
        if signals:
            self.last_kind = signals[-1][1]
        return sought + answered + addressed + addressed_in_need

    def _inferred(self, hits: list[Hit], words: list[str], sought: list[str], need_positions: list[int],
                  exchange_hits: list[Hit], giving, question: bool, programmed: int | None) -> dict[Hit, str]:
        """What a sentence asks or gives without naming its type: a maker to create with, a
        public to reach, a stage for those it programmes. Each is added to `exchange_hits` with the
        direction it was read in (the returned map), which no cue overrules."""
        forced: dict[Hit, str] = {}

        def infer(key: str, start: int, end: int, direction: str) -> None:
            made = Hit("exchange_types", key, start, end)
            exchange_hits.append(made)
            forced[made] = direction

        def named(key: str) -> bool:
            return any(h.key == key for h in exchange_hits)

        for hit in hits:
            if hit.section == "partner_kinds" and hit.key == ARTIST and hit.key in sought and \
                    asks_to_make_together(words, hit.start) and not words[hit.start].startswith(ADVISERS) and \
                    not any(0 < h.start - hit.start <= 12 and h.key in GIVEN_BY_ARTISTS
                            and not words[h.start].startswith(GUIDING) for h in exchange_hits):
                infer("artistic_collaboration", hit.start, hit.end, "need")
        for hit in hits:
            if hit.section == "partner_kinds" and hit.key == ARTIST and self.speaker != ARTIST and \
                    works_with(words, hit.start) and not named("artistic_collaboration"):
                # "On voudrait travailler avec een kunstenaar", "we'd love to collaborate with a composer"
                infer("artistic_collaboration", hit.start, hit.end, "need")
                if ARTIST not in sought:
                    sought.append(ARTIST)
        for position in self._someone_to_lead(words, need_positions):
            if not named("artistic_collaboration"):
                infer("artistic_collaboration", position, position + 1, "need")
        self.wishing = any(word in WISH_WORDS for word in words)
        if self.speaker == "organisation" and self.wishing and makes_together(words) and \
                not named("artistic_collaboration"):
            # "Elles aimeraient créer quelque chose d'artistique ensemble": a wish to make work together
            infer("artistic_collaboration", len(words), len(words), "need")
        if self.speaker != "organisation" and any(kind != ARTIST for kind in sought) and \
                makes_together(words) and not named("artistic_collaboration"):
            infer("artistic_collaboration", len(words), len(words), "offer")
        allowed_to_rehearse = others_may_rehearse(words)
        if allowed_to_rehearse is not None and not named("rehearsal_space") and self.speaker != ARTIST and \
                not any(cue < allowed_to_rehearse[0] for cue in need_positions):
            # "Local companies are welcome to rehearse there", "daar kan gerepeteerd worden",
            # "gezelschappen kunnen er gratis repeteren": the writer's room, offered to rehearse in.
            infer("rehearsal_space", *allowed_to_rehearse, "offer")
        made_with = made_with_a_group(hits, words)
        # "qui wil ons project met senioren ondersteunen": the writer's own project, supported, not made by another
        our_project = made_with is not None and made_with[0] > 0 and words[made_with[0] - 1] in POSSESSIVES and \
            words[made_with[0]] in PROJECT_NOUNS
        if our_project and question:
            made_with = None
        asked_to_make = made_with is not None and not our_project and (
            any(cue < made_with[0] for cue in need_positions) or (
            question and any(word in ("wie", "qui", "who", "anyone", "anybody", "iemand")
                             for word in words[:made_with[0]])) or (
            # "on aimerait un projet théâtre avec nos élèves": a wish to make work with the writer's own group
            self.wishing and own_group(words, *made_with)))
        if made_with is not None and not asked_to_make and self.speaker != "organisation" and \
                not named("artistic_collaboration"):
            # "We create immersive installations with local residents", "je crée des parades avec
            # des habitants": a maker whose practice is making work with a group offers it.
            infer("artistic_collaboration", *made_with, "offer")
        if asked_to_make and self.speaker != ARTIST and not named("artistic_collaboration"):
            # "We're looking for a maker to create a new piece with our group", "wie wil daarmee
            # iets maken met de jongeren van ons huis?": someone asked to make work with a group.
            infer("artistic_collaboration", *made_with, "need")
        stage_sought = hosts_sought(hits, words)
        shown = stage_sought is not None and any(word in EXHIBITIONS
                                                 for word in words[stage_sought[0]:stage_sought[1] + 1])
        hosted = "exhibition_space" if shown else "performance_venue"
        if stage_sought is not None and self.speaker != "organisation" and not named(hosted) and \
                (need_positions or self.wishing or question):
            # "looking for care homes that want to book us", "des communes qui voudraient nous
            # accueillir", "cherche à jouer dans des maisons de quartier": places to play are asked;
            # "une asbl qui veut hosten une expo": a place to show it
            infer(hosted, *stage_sought, "need")
        brought = group_brought(hits, words, giving, exchange_hits)
        if brought is not None and self.speaker != ARTIST and not named("audience_reach"):
            # "wij zorgen voor de kinderen", "we can bring a group of forty participants", "de groep
            # samenbrengen doen wij": the writer brings the people.
            infer("audience_reach", *brought, "offer")
        exchange_hits += self._reach_through(hits, words, sought, exchange_hits, forced)
        show = next((n for n, word in enumerate(words) if word in SHOW_WORDS or word.endswith(SHOW_ENDINGS)), None)
        if show is not None and question and not named("performance_venue") and self.speaker != "organisation" and \
                any(h.section == "partner_kinds" and h.key != ARTIST and h.start < show for h in hits) and \
                any(word.startswith(LOOKING) for word in words[:show]):
            # "any cultural centre looking for a family show?", "welk cultuurcentrum zoekt nog een
            # familievoorstelling?": the writer has the show, and asks for a stage to play it on
            infer("performance_venue", show, show + 1, "need")
        if not named("audience_reach"):
            for hit in hits:
                if show is not None and hit.start <= show < hit.end and named("performance_venue"):
                    continue  # the show's public, not a public sought
                if hit.section == "audiences" and any(0 < hit.start - cue <= 3 for cue in need_positions):
                    # "Nous cherchons des jeunes de 12 à 16 ans": the people themselves are sought;
                    # "nous cherchons des classes de 5e-6e": pupils are sought through their schools
                    if hit.key == "schools" and not named("school_network"):
                        infer("school_network", hit.start, hit.end, "need")
                    elif hit.key != "schools":
                        infer("audience_reach", hit.start, hit.end, "need")
                    break
        if question and words[0] in ("wie", "qui", "who") and not named("audience_reach") \
                and any(g.person != "first" and any(h.section == "audiences" and 0 < h.start - g.position <= 4
                                                    for h in hits) for g in giving):
            # "Wie brengt de jongeren mee?", "Qui peut amener des familles ?": reaching a public is asked
            infer("audience_reach", 0, 1, "need")
        if self.speaker == "organisation" and not named("performance_venue") and any(
                word.startswith("programm") and not word.startswith("programmat") for word in words) and any(
                h.section in ("disciplines", "space_purposes") for h in hits):
            # "CC De Pletterij programmeert theater, muziek en comedy": a stage for those who play
            infer("performance_venue", 0, 1, "offer")
        if programmed and self.speaker == "organisation" and not named("performance_venue") and any(
                h.section == "space_purposes" and h.key == "performance_venue" for h in hits):
            # "We zoeken straattheater, circus en muziek die buiten kunnen spelen": a stage to play on
            infer("performance_venue", programmed, programmed, "offer")
        booked = self._booked(hits, words, sought, need_positions)
        if booked is not None and self.speaker != ARTIST and not named("performance_venue"):
            # "on cherche des artistes de cirque qui jouent dehors", "we zoeken muzikanten die komen
            # spelen": artists asked to play on the writer's occasion are offered a stage
            infer("performance_venue", *booked, "offer")
        return forced

    @staticmethod
    def _booked(hits: list[Hit], words: list[str], sought: list[str],
                need_positions: list[int]) -> tuple[int, int] | None:
        """Where the artists a need asks for are asked to play: the kind, then "qui jouent", "die
        (komen) spelen", "who play" a few words on."""
        if ARTIST not in sought:
            return None
        for hit in hits:
            if hit.section == "partner_kinds" and hit.key == ARTIST and any(0 <= hit.start - cue <= 8
                                                                            for cue in need_positions):
                for relative in range(hit.end, min(len(words), hit.end + PLAY_REACH)):
                    if words[relative] in RELATIVE_PRONOUNS and any(
                            word.startswith(PERFORMING) for word in words[relative + 1:relative + 4]):
                        return hit.start, relative + 4
        return None

    @staticmethod
    def _says_who_it_is(hit: Hit, words: list[str]) -> bool:
        """"Nous sommes un groupe de chanson", "we zijn een groep van vijf": the writer says what
        it is, not that it brings or seeks a group of people; nor does "met onze groepen" name
        more than the writer's own members."""
        if hit.key == "audience_reach" and hit.start and words[hit.start - 1] in POSSESSIVES and \
                words[hit.start] in ("groepen", "groupes", "groups", "leden", "membres", "members"):
            return True
        return hit.key == "audience_reach" and hit.start >= 2 and words[hit.start - 1] in SELF_COPULAS[0] and (
            words[hit.start - 2] in SELF_COPULAS[1] or hit.start >= 3 and words[hit.start - 2] in SELF_COPULAS[2]
            and words[hit.start - 3] in SELF_COPULAS[1])

    @staticmethod
    def _only_a_time(hit: Hit, words: list[str]) -> bool:
        """"I will open my studio to young people during the residency", "tijdens de workshop":
        an exchange named to say when something happens is not given or asked again."""
        before = words[max(0, hit.start - 3):hit.start]
        return any(word in DURING for word in before) and all(
            word in DURING or word in DETERMINERS for word in before[next(
                n for n, word in enumerate(before) if word in DURING):])

    @staticmethod
    def _only_a_subject(hit: Hit, words: list[str]) -> bool:
        """"un projet théâtre sur le harcèlement et les réseaux sociaux", "een voorstelling over
        promotie": what a work is about is not given or asked."""
        about = [n for n in range(max(0, hit.start - SUBJECT_REACH), hit.start) if words[n] in ABOUT_WORDS]
        return bool(about) and any(word in WORK_NOUNS for word in words[max(0, about[-1] - WORK_REACH):about[-1]])

    @staticmethod
    def _someone_to_lead(words: list[str], need_positions: list[int]) -> list[int]:
        """"On cherche quelqu'un pour diriger un projet", "wie wil ons koor leiden": a person
        asked to lead the group's own project is asked to make work with it."""
        found = []
        for position, word in enumerate(words):
            if word in SOMEONE and any(0 < position - cue <= 3 for cue in need_positions) and \
                    any(w.startswith(LEADING) for w in words[position + 1:position + 5]) and \
                    any(w in ("projet", "project", "projecten", "traject", "projets", "projects") for w in words):
                found.append(position)
        return found

    def _programmed(self, hits: list[Hit], need_positions: list[int]) -> int | None:
        """Where a need cue asks for art itself ("we zoeken straattheater, circus en muziek",
        "on cherche du jazz"): those who make it are the partners asked for."""
        for hit in hits:
            if hit.section == "disciplines" and any(0 < hit.start - cue <= 3 for cue in need_positions) and \
                    not any(h.section in ("exchange_types", "partner_kinds")
                            and h.start < hit.end and hit.start < h.end
                            for h in hits):  # "een theatergezelschap" is a maker asked for, not art itself
                return hit.start
        return None

    def _reach_through(self, hits: list[Hit], words: list[str], sought: list[str], exchange_hits: list[Hit],
                       forced: dict[Hit, str]) -> list[Hit]:
        """Asking for a school is asking for a way into schools ("Welke school wil meedoen?",
        "anyone with contacts in secondary schools?"); asking for an organisation that works
        with a public is asking to reach that public ("une asbl qui accompagne des
        personnes sans papiers")."""
        found = []
        named = {h.key for h in exchange_hits}
        for hit in hits:
            if hit.section != "partner_kinds" or hit.key not in sought:
                continue
            if hit.key == "school" and "school_network" not in named and not any(
                    kind not in (ARTIST, "school") for kind in sought):
                made = Hit("exchange_types", "school_network", hit.start, hit.end)
            elif hit.key == "school" and "audience_reach" not in named:
                # "lokale partners: wijkcentra, scholen, OCMW's": a school among other kinds of
                # organisation is asked, as they are, for the people it reaches
                made = Hit("exchange_types", "audience_reach", hit.start, hit.end)
            elif hit.key not in (ARTIST, "school") and "audience_reach" not in named and not (
                    hit.key in STAGE_KINDS and "performance_venue" in named) and (any(
                    h.section == "audiences" and 0 < h.start - hit.start <= 12 for h in hits) or (
                    self.speaker == ARTIST and self.result.audiences and hit.key in REACHING_KINDS)):
                made = Hit("exchange_types", "audience_reach", hit.start, hit.end)
            else:
                continue
            forced[made] = "need"
            named.add(made.key)
            found.append(made)
        return found

    def _gives(self, giving, cues: list[tuple[int, str]]) -> bool:
        """A verb of giving that says the writer gives: its subject is the writer, or, in a
        profile written in the third person ("Sara geeft workshops"), no one else is asked."""
        if giving.person == "first":
            return True
        if self.searching or giving.person == "third":
            return False
        return not any(kind == "need" and start < giving.position for start, kind in cues)

    def _spaces(self, hits: list[Hit], words: list[str]) -> list[Hit]:
        """Rooms named without their use, as the kind of space the sentence's purpose says."""
        taken = [h for h in hits if h.section in ("exchange_types", "partner_kinds")
                 or (h.section == "spaces" and h.key == "not_a_space")]
        purposes = [h for h in hits if h.section == "space_purposes"
                    and not any(k.start < h.end and h.start < k.end for k in hits if k.section == "partner_kinds")]
        found = []
        for hit in hits:
            if hit.section != "spaces" or hit.key != "space" or \
                    any(t.start < hit.end and hit.start < t.end for t in taken):
                continue
            if any(t.start == hit.end or (t.start - hit.end == 1 and words[hit.end] in KIND_LINKS)
                   for t in taken if t.section == "exchange_types"):
                continue  # "un lieu de résidence", "a space for exhibitions": the kind that follows says it
            if says_what_it_is(words, hit.start):
                continue  # "wij zijn een kleine studio": the writer, not a room it offers or asks
            if words[hit.start] == "local" and (not hit.start or words[hit.start - 1] not in FRENCH_DETERMINERS):
                continue  # "local residents", "a local artist": English, not "un local"
            if words[hit.start] == "location" and hit.start and words[hit.start - 1] in ("une", "la", "en", "de"):
                continue  # "une location est demandée": French rent, not an English location
            if purposes:
                nearest = min(purposes, key=lambda p: (abs(p.start - hit.start), p.start < hit.start))
                kind = nearest.key
            else:
                kind = self.text_purpose or (STAGE_DEFAULT if words[hit.start] in STAGE_WORDS else DEFAULT_SPACE)
            if self.residency_named:
                kind = "residency"  # "une résidence ... juste un plateau": the room is the residency's
            found.append(Hit("exchange_types", kind, hit.start, hit.end))
        return found

    def _direction(self, hit: Hit, words: list[str], signals: list[tuple[int, str]], giving,
                   intents: list[int], barters: list[int], main_kinds: list[str],
                   forced: dict[Hit, str], question: bool = False,
                   exchange_hits_in_sentence: tuple[Hit, ...] = ()) -> tuple[int, str] | None:
        """(position of what decided, "offer" | "need") for one thing named, or None."""
        if hit in forced:
            return hit.start, forced[hit]
        condition = next((n for n in range(hit.start) if tuple(words[n:n + 2]) in CONDITIONS), None)
        if condition is not None and hit.key not in HOSTED and not any(
                word in FIRST_PERSON_SUBJECTS for word in words[condition + 2:hit.start]):
            # "mogen er gratis repeteren, als ze een workshop willen geven", "if you'd do a workshop for
            # the kids too", "à condition qu'ils animent un atelier": what the other side gives is asked
            self.asked_in_return.add(hit.key)
            return condition, "need"
        if hit.key in LED_BY_OTHERS and hit.start and words[hit.start - 1] in MY_WORDS and (
                self.speaker == ARTIST or any(word in SINGULAR_I for word in words) or (
                    self.result.language == "fr" and "je" in words)):
            return hit.start, "offer"  # "une MJ qui voudrait accueillir mes ateliers BD": the maker's own
        if not question and any(tuple(words[i:i + 2]) in FOR_RENT for i in range(hit.end, hit.end + 3)):
            return hit.start, "offer"  # "Salle de 200 places à louer", "zaal te huur"
        if any(word in PROVIDED for word in words[hit.end:hit.end + 3]):
            return hit.start, "offer"  # "un dossier pédagogique est fourni", "technique inbegrepen"
        if any(word in WELCOMED for word in words[hit.end:hit.end + 3]) and not any(
                word in FIRST_PERSON_SUBJECTS for word in words[hit.end:hit.end + 3]) and not any(
                word in RELATIVE_PRONOUNS for word in words[max(0, hit.start - 6):hit.start]):
            # not "les compagnies qui cherchent un lieu ... zijn welkom": those are welcome
            return hit.start, "need"  # "Speelkansen zijn ook welkom", "des dates sont les bienvenues"
        if hit.key == "coproduction_budget" and self.artist_asked and self.speaker != ARTIST and not any(
                kind == "need" and 0 <= hit.start - start <= 3 for start, kind in signals):
            # "nous cherchons un artiste ..., avec une bourse de 5 000 euros", "Budget around 2,000
            # euros": money that comes with a request for an artist is the writer's to give.
            return hit.start, "offer"
        if hit.key == "artistic_collaboration":
            # Makers offer to make work together, organisations ask for it; a writer who does not
            # say who they are and asks for no artist brings the project ("nous cherchons des
            # jeunes pour un projet participatif").
            if self.speaker is not None:
                return hit.start, "offer" if self.speaker == ARTIST else "need"
            if self.wishing and not self.sought_organisation and any(
                    word in FIRST_PERSON_SUBJECTS for word in words[:hit.start]) and not any(
                    g.person == "first" for g in giving):
                return hit.start, "need"  # "Dit jaar willen we graag een kunstwerk laten maken"
            return hit.start, "need" if self.sought_artist else "offer"
        bargain = [start for start in barters if start <= hit.start]
        if bargain:
            side = max(bargain)
            # "in ruil voor een workshop", "en échange d'un atelier": the counterpart of the main
            # clause; "on peut offrir en échange une visite": the verb just before still governs.
            prepositional = side < len(words) and words[side] in ("voor", "de", "d", "du", "des", "for", "of", "van")
            reach = 2 if prepositional else 5
            inside = [signal for signal in signals if side - reach <= signal[0] <= hit.start]
            if inside:
                return inside[-1]
            others = [g for g in giving if g.position >= side]
            if others and prepositional and others[0].position >= hit.end and others[0].person != "third":
                # "In ruil voor een gratis repetitiestudio geef ik ...": the writer gives, and asks this.
                return others[0].position, "need"
            if others:
                # "in ruil kan ik workshops geven": the writer gives; "als ze in ruil een workshop
                # geven", "dat ... in ruil een paar workshops geeft": the other side does.
                return others[0].position, "offer" if others[0].person == "first" else "need"
            if main_kinds:
                return side, "offer" if main_kinds[-1] == "need" else "need"
        if hit.key == "residency" and hit.start and words[hit.start - 1] in ("artist", "artiste", "kunstenaar"):
            return hit.start, "offer"  # looking for an artist in residence: hosting one
        if hit.key == "residency" and self.speaker == "organisation" and self.sought_artist:
            return hit.start, "offer"  # "nous cherchons des artistes ... lors d'une résidence courte": ours
        before = [start for start, _ in signals if start < hit.start]
        if any(g.person == "first" and 0 < g.position - hit.start <= 8 for g in giving) and any(
                words[position] in FIRST_PERSON_SUBJECTS
                for position in range(max(before, default=-1) + 1, hit.start)):
            return hit.start, "offer"  # "zoek een bibliotheek waar ik een tekenworkshop kan doen"
        if hit.key in HOSTED and any(0 <= start - hit.end <= 2 for start in hosting_positions(words)) and \
                not any(kind == "need" and start < hit.start for start, kind in signals):
            return hit.start, "offer"  # "venir en résidence chez nous"
        if self.searching and question and hit.key not in ("audience_reach", "school_network") and not (
                hit.end < len(words) and words[hit.end] in RELATIVE_PRONOUNS) and any(
                0 < hit.start - position <= 15 or 0 < position - hit.end < 3
                for position, word in enumerate(words) if word.startswith(OTHERS_WANT)):
            # "Quelle école serait intéressée par des ateliers ?": we bring them; "... par une
            # exposition itinérante ?": we bring the work and ask the room to show it in.
            return hit.start, "need" if hit.key in HOSTED else "offer"
        if hit.key == "workshops" and any(
                h.key in HOSTED and h.start < hit.start and any(w in PURPOSE_LINKS for w in words[h.end:hit.start])
                for h in exchange_hits_in_sentence):
            return hit.start, "offer"  # "a space to run drama sessions": what the writer will do there
        if hit.key in HOSTED and any(cue_end <= start < hit.start for start in hosting_positions(words)
                                     for cue_end in [max((p for p, _ in signals if p < hit.start), default=-1)]):
            return hit.start, "offer"  # "een gezelschap dat bij ons repeteert (zaal 10 x 8 m)"
        if hit.key in HOSTED and says_what_it_is(words, hit.start):
            return None  # "wij zijn een kleine studio": the writer, not a room
        if question and hit.key in HOSTED and (any(word in ASKED_HAVE for word in words[:hit.start]) or (
                words[0] in QUESTION_OPENERS and any(word in ASKED_HAVE for word in words[hit.end:]))) and \
                not any(word in POSSESSIVES for word in words[max(0, hit.start - 3):hit.start]):
            return hit.start, "need"  # "Heeft een cultuurcentrum nog speeldata vrij?": the asked party's
        if owned_and_available(words, hit.start) or (
                not signals and any(word in AVAILABLE_WORDS for word in words[max(0, hit.start - 2):hit.end + 2])):
            return hit.start, "offer"
        cue = governing_cue(hit, signals)
        if hit.key in LED_BY_OTHERS and any(start < hit.start for start in intents):
            # Organisations want workshops led for their public; makers want to lead them.
            # A writer who does not say it is an organisation and will give them itself ("wij willen
            # gratis workshops geven", "would love to run a session") offers them.
            gives_itself = any(g.position > hit.start or g.person == "first" for g in giving)
            leads = self.speaker == ARTIST or (self.speaker is None and gives_itself)
            cue = (max(start for start in intents if start < hit.start), "need" if self.organiser and not leads
                   else "offer")
        if hit.key == "audience_reach" and any(start < hit.start for start in intents):
            cue = (max(start for start in intents if start < hit.start), "need")  # "we willen jongeren bereiken"
        if hit.key == "audience_reach" and (hit.start and words[hit.start - 1] in POSSESSIVES
                                            or hit.start < len(words) and words[hit.start] in POSSESSIVES):
            cue = (hit.start, "offer")
        if cue is None and self.searching and (held_by_the_writer(words, hit) or said_free(words, hit)):
            cue = (hit.start, "offer")  # "We hebben een lege winkelruimte", "Gratis oefenlokaal!"
        if cue is None and self.searching:
            cue = (hit.start, "need")
        if cue is None and hit.key in GIVEN_WITHOUT_CUE[self.organiser] and not intents and not self.wishing:
            cue = (hit.start, "offer")
        return cue



def _merge(items: list[dict]) -> list[dict]:
    """One entry per (type, period); a later mention adds what an earlier lacked."""
    merged: dict[tuple, dict] = {}
    for item in items:
        key = (item["type"], str(item.get("period")))
        if key in merged:
            _add_missing(merged[key], item)
        else:
            merged[key] = dict(item)
    # An undated mention adds nothing when the same type also comes with a period, but the terms
    # it states ("De zaal is 120 m2") are the dated one's.
    dated = {item["type"] for item in merged.values() if "period" in item}
    for item in merged.values():
        if "period" not in item and item["type"] in dated:
            for other in merged.values():
                if other["type"] == item["type"] and "period" in other:
                    _add_missing(other, {name: value for name, value in item.items() if name in TERM_FIELDS})
    return [item for item in merged.values() if "period" in item or item["type"] not in dated]


# The terms of an exchange (terms.py): lists and the space are joined across mentions.
TERM_FIELDS = ("in_return", "space", "support", "price", "price_eur", "in_kind", "budget_eur")


def _add_missing(item: dict, other: dict) -> None:
    """What `other` says that `item` does not: a new key, list members, or members of its space."""
    for name, value in other.items():
        if name not in item:
            item[name] = [*value] if isinstance(value, list) else {**value} if isinstance(value, dict) else value
        elif name in ("in_return", "support", "in_kind"):
            item[name] = list(dict.fromkeys(item[name] + value))
        elif name == "space":
            space = {**item[name]}
            for member, amount in value.items():
                if member == "features":
                    space["features"] = list(dict.fromkeys(space.get("features", []) + amount))
                else:
                    space.setdefault(member, amount)
            item[name] = space
