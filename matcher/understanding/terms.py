"""The terms of the exchanges a text states (docs/profile-format.md, "Terms of an exchange").

The reader (reader.py) finds what is offered and needed; this module reads, from the same
sentences, on what terms: "Onze zaal van 120 m2 met dansvloer, 200 zitplaatsen" gives the
room `space: {area_m2: 120, seated: 200, features: [dance_floor]}`; "een residentie met
verblijf, begeleiding en een toonmoment" gives the residency `support: [lodging, coaching,
showing]`; "Kunstenaars kunnen gratis in residentie komen, als ze in ruil een workshop geven"
links the residency offered and the workshop asked (`in_return`) and makes the residency
`price: free`. Its words are in the lexicon's `exchange_terms` section (data/lexicon.md).

Where a term goes:
- `space` (size, seats, standing places, beds, features) goes to the space (rehearsal_space,
  performance_venue, exhibition_space, residency) named nearest before it in the sentence, else
  nearest after it ("a 15 by 12 metre studio"); from a sentence that names no exchange at all
  ("Salle de 90 m² avec plancher de danse, 4 lits."), to the text's space when it names one and
  only one. On a need the figures are the minimums asked, as the format says. Beds on a
  residency or rehearsal space mean lodging comes with it.
- `support` goes to a residency, else a rehearsal space, of the same sentence: on an offer,
  what the sentence names after the residency ("nous accueillons ... en résidence et mettons à
  leur disposition notre équipe technique"); a rehearsal space and anything sought take only what
  is joined to them ("met", "avec", "with", "waar", a colon): "a residency and a dramaturg" asks
  for two things, not a residency with coaching. `room` goes to a residency only (a rehearsal
  space is the room). A sentence of its own ("Pas de soutien financier, mais un accompagnement
  technique.") gives its support to the text's only residency.
- `in_return`: the two sides of a bargain ("in ruil voor", "en échange de", "in exchange for",
  "op voorwaarde dat", "terugbetaald") are linked both ways: each offer before the phrase names
  the needs after it, each need the offers, as the format defines `in_return` on offers and on
  needs. A sentence that opens with the phrase ("In ruil vragen we een workshop") bargains
  for the previous sentence's exchanges. What stands after the phrase is asked in return, not
  support or a price of what comes before it.
- `price` goes to offers only: `free` ("gratis repetitieruimte", "une résidence gratuite",
  "het is gratis", "free of charge"; English "free" only just before what is offered: "our
  gallery is free in August" says when), `rent` ("te huur", "loyer", "for hire", to a space) with
  `price_eur` when an amount goes with it, `in_kind` only where the text says so ("in natura",
  "en nature", "terugbetaald"). A bargain alone makes no price: the text says what it costs or
  nothing is read. **A price per day or per week is kept as written** ("60 euro per dag" is
  `price_eur: 60`): the format's `price_eur` is "the rent or fee asked for the period", and an
  offer's period is when it is available, not how long one rents it, so multiplying by it would
  invent a sum nobody asked; the figure people compare is the one they wrote. "Gratis" said of a
  need ("preferably for free", "a free workshop" asked for) is a budget of 0.
- `budget_eur` goes to needs only: an amount with "max", "tot", "onder de", "my budget is",
  "kan ... betalen" goes to the needs of its sentence (else the text's only kind of need).
  **"We hebben geen budget", "pas de budget", "no budget", "zonder vergoeding" give
  `budget_eur: 0` to every need of the text except a coproduction_budget**: a writer without
  money can pay for none of what it asks, and says so once, often in a sentence of its own;
  asking for money is not paying for it. Said in the clause of an offer, or of money ("pas de
  budget de coproduction chez nous, mais...", "wij zoeken geen geld"), it says nothing of what
  the writer can pay.
- `in_kind` goes to a co-production offered in the same sentence (or the text's only one):
  the hall, a technical crew, lodging, materials, and a fee turned into production budget
  ("die uitkoopsom wordt productiebudget").
A negation just before a term drops it ("ni d'une équipe technique", "no sound system").
Nothing is read from the profile's own name: the reader masked it before this module sees the
words.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from matcher.profiles import SPACE_TYPES, SUPPORTED_TYPES
from matcher.understanding.lexicon import Hit, Lexicon, tokens
from matcher.understanding.periods import find_amounts
from matcher.understanding.roles import ASK_FORMS, BARTER_PHRASES, BARTER_STARTS

SECTION = "exchange_terms"
PREFIX = 4  # stems are indexed by this many letters; none is shorter
# What a number before these words counts. "places" alone is a seat in the sentence of a room
# ("une salle de 200 places") or asked of one ("Il faut environ 300 places"); offered on its own
# it may be tickets ("nous offrons 30 places").
COUNTS = ("area_m2", "seated", "standing", "beds", "places")
# How far after "gratis" what is free may stand ("gratis een week de zaal gebruiken").
FREE_REACH = 4
# "gratis" that says how something is given, not which thing is free: "gratis ter beschikking",
# "mogen gratis gebruiken", "het is gratis".
HOW_IT_IS_GIVEN = {"ter", "te", "aan", "voor", "mogen", "mag", "kunnen", "kan", "gebruiken", "in", "op", "worden",
                   "zijn", "is", "blijft", "en", "maar", "of"}
# "het is gratis", "c'est gratuit", "liefst gratis", "idéalement gratuit": said of what came before.
SAID_OF = {"is", "zijn", "blijft", "est", "sont", "c", "reste", "restent", "liefst", "graag", "voorkeur",
           "idealement", "preferably", "ideally", "possible"}
# How far before an amount a word that makes it a limit or a price may stand.
LIMIT_REACH, OWN_BUDGET_REACH, PAY_REACH, ASKED_REACH, GIVEN_REACH = 3, 5, 4, 3, 5
NEGATION_REACH = 3
CONTRAST = {"maar", "mais", "but", "wel", "toch", "par", "however"}
# Words between the two figures of a range, as the reader folds them ("à" is "a").
RANGE_WORDS = frozenset({"a", "tot", "to", "-", "–"})
DASHED_RANGE = re.compile(r"(?<![\d.,])(\d{1,4})\s*[-–—]\s*(\d{1,4})(?![\d.,])")
DIMENSIONS = re.compile(r"^(\d{1,3})x(\d{1,3})$")  # "10x8"
GLUED_AREA = re.compile(r"^(\d{1,5})m2$")  # "120m2"


@dataclass(frozen=True)
class Found:
    """A phrase of the `exchange_terms` lexicon at tokens [start, end): its group and key."""

    group: str
    key: str
    start: int
    end: int


@dataclass(frozen=True)
class Term:
    """One term a sentence states at tokens [start, end): `name` is where it goes in an exchange
    ("space.area_m2", "space.features", "support", "price", "in_kind", "money", "no_budget",
    "free") and `value` what goes there."""

    name: str
    value: object
    start: int
    end: int
    limit: bool = False  # an amount the writer can pay at most ("max 200 euro")
    asked: bool = False  # an amount asked as a price ("huur 60 euro per dag")
    low: int | None = None  # the first figure of a range ("80 à 150 places"): a need's minimum


@dataclass
class Placed:
    """An exchange the reader took from a sentence: its type, direction ("offer" or "need"),
    where it was named and by which words, and the items made of it (one per period)."""

    type: str
    direction: str
    start: int
    end: int
    named: str
    items: list[dict]


@dataclass
class SentenceTerms:
    """What one sentence states about terms, before it is given to the exchanges read from it."""

    words: list[str]
    found: list[Found]
    terms: list[Term]
    colons: set[int] = field(default_factory=set)  # token positions that follow a colon
    # The first amount is a price or what a need can pay, not money offered or asked for itself.
    amount_is_a_term: bool = False
    # Spans of "ons budget", "budget max", "my budget is": the writer's own means, not a need for money.
    own_budget: list[tuple[int, int]] = field(default_factory=list)
    # (fee word, budget word) of "die uitkoopsom wordt productiebudget", or None.
    fee_as_budget: tuple[Found, Found] | None = None

    def limits(self, hit: Hit) -> bool:
        """A co-production word that says what the writer can pay: "ons budget is klein",
        "budget max 250 euro", "my budget is 300 euros"."""
        if any(start < hit.end and hit.start < end for start, end in self.own_budget):
            return True
        return self.words[hit.start:hit.end] == ["budget"] and any(
            term.name == "money" and term.limit and 0 < term.start - hit.start <= 4 for term in self.terms)


class _Phrases:
    """The phrases of the `exchange_terms` section, looked up by their first word."""

    def __init__(self, section: dict):
        self.by_first: dict[str, list[tuple[tuple[str, ...], bool, str, str]]] = {}
        # Stems ("dansvloer*") by their first PREFIX letters, so a word is tried only against those.
        self.prefixes: dict[str, list[tuple[str, str, str]]] = {}
        for group, content in section.items():
            if group in ("about", "numbers"):
                continue
            if set(content) <= {"nl", "fr", "en"}:
                self._add_terms(content, group, group)
            else:
                for key, terms in content.items():
                    self._add_terms(terms, group, key)
        self.numbers = {word: value for words in section.get("numbers", {}).values()
                        for word, value in words.items()}

    def _add_terms(self, by_language: dict, group: str, key: str) -> None:
        for terms in by_language.values():
            for term in terms:
                words = tuple(tokens(term.rstrip("*")))
                if not words:
                    continue
                if term.endswith("*") and len(words) == 1:
                    if len(words[0]) < PREFIX:
                        raise ValueError(f"{SECTION}.{group}: the stem '{term}' must have at least {PREFIX} letters")
                    self.prefixes.setdefault(words[0][:PREFIX], []).append((words[0], group, key))
                else:
                    self.by_first.setdefault(words[0], []).append((words, term.endswith("*"), group, key))

    def find(self, words: list[str]) -> list[Found]:
        """Every phrase in `words`; within a group a phrase inside a longer one is dropped
        ("zonder vergoeding" is no fee, "lumière naturelle" no stage light)."""
        found = set()
        for position, word in enumerate(words):
            for phrase, prefix_last, group, key in self.by_first.get(word, ()):
                end = position + len(phrase)
                if tuple(words[position:end]) == phrase or (prefix_last and _matches(phrase, words, position)):
                    found.add(Found(group, key, position, end))
            for stem, group, key in self.prefixes.get(word[:PREFIX], ()):
                if word.startswith(stem):
                    found.add(Found(group, key, position, position + 1))
        ordered = sorted(found, key=lambda f: (f.start, -(f.end - f.start), f.group, f.key))
        longer = [f for f in ordered if f.end - f.start > 1]
        return [f for f in ordered if not any(
            other.group == f.group and other.start <= f.start and f.end <= other.end
            and other.end - other.start > f.end - f.start for other in longer)]


def _matches(phrase: tuple[str, ...], words: list[str], position: int) -> bool:
    """A phrase whose last word is a stem ("try-out*") at `position`."""
    end = position + len(phrase)
    return end <= len(words) and tuple(words[position:end - 1]) == phrase[:-1] and words[end - 1].startswith(phrase[-1])


@lru_cache(maxsize=4)
def _phrases(vocabulary: Lexicon) -> _Phrases:
    """The term phrases of a lexicon, indexed once (an empty index for a lexicon without them)."""
    return _Phrases(vocabulary.data.get(SECTION, {}))


class TermsReader:
    """The terms of one text, read sentence by sentence along with the reader.

    `read` takes a sentence's words before the reader decides its exchanges (the reader asks it
    whether an amount is a price, and whether "budget" is the writer's means); `attach` gives
    the terms to the exchanges read from that sentence; `finish` gives what a sentence without
    exchanges of its own left to the text's only exchange that can take it."""

    def __init__(self, vocabulary: Lexicon):
        self.phrases = _phrases(vocabulary)
        self.negations = vocabulary.cues_by_first.get("negation", {})
        self.previous: list[Placed] = []  # the exchanges of the sentence read before
        self.pending: list[tuple[Term, str]] = []  # terms for the text, with the words that named them

    # -- reading ------------------------------------------------------------------------------

    def read(self, sentence: str, words: list[str]) -> SentenceTerms:
        """The terms a sentence states (`words` as the reader has them, the name masked)."""
        found = self.phrases.find(words)
        negated = self._negated_positions(words)
        terms = self._counts(words, found, sentence) + self._money(sentence, words, found)
        for item in found:
            if item.group == "features" and item.key != "not_a_feature":
                terms.append(Term("space.features", item.key, item.start, item.end))
            elif item.group == "support" and item.key != "not_support":
                terms.append(Term("support", item.key, item.start, item.end))
            elif item.group == "in_kind":
                terms.append(Term("in_kind", item.key, item.start, item.end))
            elif item.group == "price" and item.key in ("free", "free_before", "free_after"):
                terms.append(Term("free", item.key, item.start, item.end))
            elif item.group == "price" and item.key in ("rent", "in_kind"):
                terms.append(Term("price", item.key, item.start, item.end))
            elif item.group == "no_budget" and not _about_money_sought(words, item):
                terms.append(Term("no_budget", 0, item.start, item.end))
        fee_as_budget = self._fee_as_budget(found)
        if fee_as_budget:
            terms.append(Term("in_kind", "fee_as_budget", fee_as_budget[0].start, fee_as_budget[1].end))
        terms = [term for term in terms if term.name == "no_budget" or term.start not in negated]
        money = [term for term in terms if term.name == "money"]
        return SentenceTerms(words, found, terms, colons=_colons(sentence),
                             amount_is_a_term=bool(money) and money[0].start == _first_amount(sentence),
                             own_budget=[(f.start, f.end) for f in found if f.group == "own_budget"],
                             fee_as_budget=fee_as_budget)

    def _negated_positions(self, words: list[str]) -> set[int]:
        """Positions a negation reaches ("ni d'une équipe technique", "pas de technique", "no
        sound system"): the few words after it, up to a "but"."""
        reached = set()
        for position, word in enumerate(words):
            for phrase in self.negations.get(word, ()):
                if tuple(words[position:position + len(phrase)]) == phrase:
                    end = position + len(phrase)
                    for after in range(end, min(end + NEGATION_REACH + 1, len(words))):
                        if words[after] in CONTRAST:
                            break
                        reached.add(after)
        return reached

    def _counts(self, words: list[str], found: list[Found], sentence: str = "") -> list[Term]:
        """Sizes, seats, standing places and beds: a number and its unit ("120 m2", "200
        zitplaatsen", "4 lits", "seats 80", "10 x 8 m", "12 m sur 10", "60-100 seats")."""
        # The words lose the dash: "60-100" must stay a range, not become the 60,100 of "60.100".
        dashed = {pair for pair in DASHED_RANGE.findall(sentence)}
        units: dict[int, Found] = {}
        for unit in (f for f in found if f.group == "units"):
            if unit.start not in units or units[unit.start].key not in COUNTS:
                units[unit.start] = unit  # "80 seats" counts seats; "seats 80" is read from its end
        ending = {f.end: f for f in found if f.group == "units" and f.key in ("seats_verb", "standing_before")}
        terms = []
        numbers = self.phrases.numbers
        position = used = 0  # `used`: where the last unit read after a number ends
        while position < len(words):
            if not (words[position][:1].isdigit() or words[position] in numbers):
                position += 1
                continue
            dashed_range = (words[position], words[position + 1]) in dashed if position + 1 < len(words) else False
            number, after = self._number(words, position, joined=not dashed_range)
            if number is None:
                position += 1
                continue
            low = None
            if dashed_range:
                second, second_end = self._number(words, after)
                counted = units.get(second_end)
                if second is not None and second > number and counted is not None and counted.key in COUNTS:
                    low, number, after = number, second, second_end
            elif after + 1 < len(words) and words[after] in RANGE_WORDS and after not in units:
                # "80 à 150 places", "80 tot 150 zitplaatsen": one count, from the first to the second
                second, second_end = self._number(words, after + 1)
                counted = units.get(second_end)
                if second is not None and second > number and counted is not None and counted.key in COUNTS:
                    low, number, after = number, second, second_end
            unit = units.get(after)
            before = ending.get(position)
            glued = DIMENSIONS.match(words[position])
            if before and before.start >= used:
                # "that seats 80, standing 200": the word before the number says what it counts
                name = "space.seated" if before.key == "seats_verb" else "space.standing"
                terms.append(Term(name, number, before.start, after))
            elif glued:
                if unit and unit.key == "metre":
                    terms.append(Term("space.area_m2", int(glued.group(1)) * int(glued.group(2)), position, unit.end))
            elif GLUED_AREA.match(words[position]):
                terms.append(Term("space.area_m2", number, position, after))
            elif unit and unit.key in COUNTS:
                terms.append(Term("space." + unit.key, number, position, unit.end, low=low))
            elif area := self._area_of_sides(words, units, number, position, after):
                terms.append(area)
            if terms and terms[-1].start >= position:
                used = terms[-1].end
            position = max(after, position + 1)
        return terms

    def _number(self, words: list[str], position: int, joined: bool = True) -> tuple[int | None, int]:
        """The number at `position` and where it ends: "120", "1 200" (written "1.200", unless
        `joined` is false), "120m2", "10x8", "vier"."""
        word = words[position]
        if word.isdigit() and word.isascii() and len(word) <= 9:  # '²' is a digit to isdigit(), not to int()
            value, end = int(word), position + 1
            if joined and value < 1000 and end < len(words) and len(words[end]) == 3 and words[end].isdigit() and words[end].isascii():
                value, end = value * 1000 + int(words[end]), end + 1
            return value, end
        if (match := GLUED_AREA.match(word)) or (match := DIMENSIONS.match(word)):
            return int(match.group(1)), position + 1
        if word in self.phrases.numbers:
            return self.phrases.numbers[word], position + 1
        return None, position + 1

    def _area_of_sides(self, words: list[str], units: dict[int, Found], first: int, position: int,
                       after: int) -> Term | None:
        """"10 x 8 m", "8 op 10 meter", "12 m sur 10", "15 by 12 metre": the area of a floor."""
        cursor = after
        metre_first = cursor in units and units[cursor].key == "metre"
        if metre_first:
            cursor = units[cursor].end
        if cursor not in units or units[cursor].key != "by":
            return None
        second, cursor = self._number(words, units[cursor].end)
        if second is None:
            return None
        if cursor in units and units[cursor].key == "metre":
            return Term("space.area_m2", first * second, position, units[cursor].end)
        return Term("space.area_m2", first * second, position, cursor) if metre_first else None

    def _money(self, sentence: str, words: list[str], found: list[Found]) -> list[Term]:
        """Amounts in euro that are a price asked ("huur 60 euro per dag", "tarif : 40 euros par
        jour") or the most a need can pay ("max 250 euro", "my budget is 300 euros", "ik kan 100
        euro betalen"); money given ("een vergoeding van 500 euro") is neither."""
        by_group: dict[str, list[Found]] = {}
        for item in found:
            by_group.setdefault(item.group, []).append(item)
        rent_named = any(f.key == "rent" for f in by_group.get("price", ()))
        terms = []
        for start_char, end_char, value in find_amounts(sentence):
            start = len(tokens(sentence[:start_char]))
            end = max(start + 1, len(tokens(sentence[:end_char])))
            if start >= len(words) or words[start] == "_":
                continue  # a figure in the profile's own name

            def near(group: str, before: int, after: int = 0, key: str | None = None, start=start, end=end) -> bool:
                return any((start - before <= f.end <= start or end <= f.start <= end + after)
                           and (key is None or f.key == key) for f in by_group.get(group, ()))

            given = near("money_given", GIVEN_REACH, 1)
            limit = near("budget_limit", LIMIT_REACH) or near("own_budget", OWN_BUDGET_REACH) or \
                near("pay", PAY_REACH, PAY_REACH)
            rate = any(f.start == end for f in by_group.get("rate", ()))
            asked = not given and (rent_named or rate or near("price", ASKED_REACH, key="asked"))
            if limit or asked:
                terms.append(Term("money", value, start, end, limit=limit, asked=asked and not limit))
        return terms

    @staticmethod
    def _fee_as_budget(found: list[Found]) -> tuple[Found, Found] | None:
        """"Die uitkoopsom wordt productiebudget", "le cachet devient budget de production": a
        fee, then a word of becoming, then a production budget, in that order."""
        group = [f for f in found if f.group == "fee_as_budget"]
        for fee in (f for f in group if f.key == "fee"):
            for becomes in (f for f in group if f.key == "becomes" and f.start >= fee.end):
                budget = next((f for f in group if f.key == "budget" and f.start >= becomes.end), None)
                if budget:
                    return fee, budget
        return None

    # -- attaching ----------------------------------------------------------------------------

    def attach(self, stated: SentenceTerms, placed: list[Placed], hits: list[Hit], clause_breaks: set[int],
               evidence: list[dict]) -> None:
        """Give a sentence's terms to the exchanges read from it; keep for the text what a
        sentence without exchanges of its own states."""
        words = stated.words
        bargain = self._bargain(words, stated.found)
        if bargain:
            self._link(bargain, placed, words, evidence)
        for term in stated.terms:
            in_return = bargain is not None and term.start >= bargain[1]
            candidates = [p for p in placed if not in_return or p.start >= bargain[1]]
            target = self._target(term, candidates, hits, stated)
            if target:
                for place in target:
                    for item in place.items:
                        _apply(item, place.direction, term, _span(words, term), evidence)
            elif target is not None and not in_return and (not placed or term.name == "no_budget" and not any(
                    p.direction == "offer" and _same_clause(p.start, term.start, clause_breaks) for p in placed)):
                self.pending.append((term, _span(words, term)))
        self.previous = placed

    def _target(self, term: Term, placed: list[Placed], hits: list[Hit], stated: SentenceTerms) -> list[Placed] | None:
        """The exchanges of the sentence a term belongs to; [] when the text may decide, None
        when the term belongs to none."""
        name = term.name
        if name.startswith("space."):
            return _nearest([p for p in placed if p.type in SPACE_TYPES], term)
        if name == "support":
            return self._supported(term, placed, stated)
        if name == "in_kind":
            return [p for p in placed if p.type == "coproduction_budget" and p.direction == "offer"]
        if name == "price":
            offers = [p for p in placed if p.direction == "offer"]
            return _nearest([p for p in offers if p.type in SPACE_TYPES] if term.value == "rent" else offers, term)
        if name == "free":
            return self._free(term, placed, hits, stated.words)
        if name == "money":
            needs = [p for p in placed if p.direction == "need" and p.type != "coproduction_budget"]
            offers = [p for p in placed if p.direction == "offer"]
            if term.limit:
                return needs
            return _nearest([p for p in offers if p.type in SPACE_TYPES] or offers, term)
        return []  # no_budget: the needs of the whole text

    @staticmethod
    def _supported(term: Term, placed: list[Placed], stated: SentenceTerms) -> list[Placed]:
        """The residency (else rehearsal space) a support term comes with: on an offer one named
        before it; otherwise one it is joined to ("avec hébergement", "waar ze begeleiding geven")."""
        joined = [f for f in stated.found if f.group == "with"]

        def comes_with(place: Placed) -> bool:
            if place.start <= term.start < place.end:
                return True  # "met overnachting" is the residency's word and its lodging
            if place.start > term.start:
                return False
            between = range(place.end, term.start + 1)
            tied = any(f.start in between for f in joined) or any(position in between for position in stated.colons)
            return tied or (place.type == "residency" and place.direction == "offer")

        for kind in SUPPORTED_TYPES:
            if term.value == "room" and kind != "residency":
                break
            found = [p for p in placed if p.type == kind and comes_with(p)]
            if found:
                return found
        return []

    @staticmethod
    def _free(term: Term, placed: list[Placed], hits: list[Hit], words: list[str]) -> list[Placed] | None:
        """What is free: for "gratis", "free" the exchange named just after it ("gratis
        repetitieruimte", "a free workshop"), nothing when something else is ("een gratis concert",
        "a free dance piece": free for the public); for "gratuit" the exchange just before it ("une
        résidence gratuite"); said of it ("het is gratis", "gratis ter beschikking", "free of
        charge", "gratuitement"), the exchange nearest before it."""
        if term.value == "free_before":
            window = range(term.end, term.end + FREE_REACH)
            following = [p for p in placed if p.start in window]
            if following:
                return [min(following, key=lambda p: p.start)]
            said_of = words[term.start] == "gratis" and (
                term.end == len(words) or words[term.end] in HOW_IT_IS_GIVEN
                or (term.start and words[term.start - 1] in SAID_OF))
            if not said_of:
                return None  # "free outdoor activities", "een gratis concert"
        elif term.value == "free_after":
            just_before = [p for p in placed if 0 <= term.start - p.end <= 1]
            if just_before:
                return just_before[-1:]
            if not (term.start and words[term.start - 1] in SAID_OF):
                return None  # "des places gratuites": tickets, not what is offered
        before = [p for p in placed if p.start < term.start]
        return [max(before, key=lambda p: p.start)] if before else []

    @staticmethod
    def _bargain(words: list[str], found: list[Found]) -> tuple[int, int] | None:
        """(start, end) of the first phrase whose sequel is the other side of a bargain."""
        spans = [(f.start, f.end) for f in found if f.group == "bargain"]
        for position, word in enumerate(words):
            if word in BARTER_STARTS:
                for phrase in BARTER_PHRASES:
                    if tuple(words[position:position + len(phrase)]) == phrase:
                        spans.append((position, position + len(phrase)))
        return min(spans) if spans else None

    def _link(self, bargain: tuple[int, int], placed: list[Placed], words: list[str], evidence: list[dict]) -> None:
        """Each side of a bargain names the other in `in_return` (an offer the needs, a need the
        offers); a sentence that opens with the bargain trades for the previous sentence's."""
        start, end = bargain
        given = [p for p in placed if p.start < start] or self.previous
        other = [p for p in placed if p.start >= end]
        cue = " ".join(words[start:end])
        for one in given:
            for two in other:
                if one.direction == two.direction or one.type == two.type:
                    continue
                for first, second in ((one, two), (two, one)):
                    for item in first.items:
                        _apply(item, first.direction, Term("in_return", second.type, 0, 0), second.named, evidence,
                               cue)

    # -- the text -----------------------------------------------------------------------------

    def finish(self, offers: list[dict], needs: list[dict], evidence: list[dict]) -> None:
        """Give what sentences left to the text: a term to the text's only exchange that can take
        it; "no budget" to every need but a co-production."""
        for term, words in self.pending:
            if term.name == "no_budget":
                for item in needs:
                    _apply(item, "need", term, words, evidence)
                continue
            groups = _groups(term, offers, needs)
            if len(groups) == 1:
                (direction, _), items = next(iter(groups.items()))
                for item in items:
                    _apply(item, direction, term, words, evidence)
        self.pending = []


# -- helpers ----------------------------------------------------------------------------------

def _groups(term: Term, offers: list[dict], needs: list[dict]) -> dict[tuple[str, str], list[dict]]:
    """The items of the text that can take a term, by (direction, type): one group means one
    exchange. Support goes to a residency only (a room's support is said with the room), and no
    room: the theatre a text describes is not its residency's studio."""
    name = term.name
    if name == "support":
        eligible = [("offer", offers, ("residency",)), ("need", needs, ("residency",))] if term.value != "room" else []
    elif name == "space.places":
        eligible = [("need", needs, SPACE_TYPES)]
    elif name.startswith("space."):
        eligible = [("offer", offers, SPACE_TYPES), ("need", needs, SPACE_TYPES)]
    elif name in ("price", "free"):
        eligible = [("offer", offers, SPACE_TYPES)]
    elif name == "in_kind":
        eligible = [("offer", offers, ("coproduction_budget",))]
    elif name == "money" and term.limit:
        eligible = [("need", needs, tuple(item["type"] for item in needs if item["type"] != "coproduction_budget"))]
    elif name == "money":
        eligible = [("offer", offers, SPACE_TYPES)]
    else:
        eligible = []
    groups: dict[tuple[str, str], list[dict]] = {}
    for direction, items, types in eligible:
        for item in items:
            if item["type"] in types:
                groups.setdefault((direction, item["type"]), []).append(item)
    return groups


def _nearest(placed: list[Placed], term: Term) -> list[Placed]:
    """The exchange named nearest before the term, else nearest after it."""
    before = [p for p in placed if p.start < term.start]
    if before:
        return [max(before, key=lambda p: p.start)]
    after = [p for p in placed if p.start >= term.start]
    return [min(after, key=lambda p: p.start)] if after else []


def _same_clause(first: int, second: int, clause_breaks: set[int]) -> bool:
    low, high = sorted((first, second))
    return not any(low < position <= high for position in clause_breaks)


def _about_money_sought(words: list[str], found: Found) -> bool:
    """"Pas de budget de coproduction chez nous", "geen budget voor coproducties": no money to
    give; "wij zoeken geen geld", "not looking for money": none asked. Neither says what the
    writer can pay."""
    following = " ".join(words[found.end:found.end + 4])
    return "coproduc" in following or "co produc" in following or \
        any(word in ASK_FORMS for word in words[max(0, found.start - 2):found.start])


def _colons(sentence: str) -> set[int]:
    """Token positions that follow a colon ("en résidence : plateau, régie, logement")."""
    positions, count = set(), 0
    for piece in sentence.split(":")[:-1]:
        count += len(tokens(piece))
        positions.add(count)
    return positions


def _first_amount(sentence: str) -> int | None:
    """The token position of the sentence's first amount, the one the reader takes."""
    amounts = find_amounts(sentence)
    return len(tokens(sentence[:amounts[0][0]])) if amounts else None


def _span(words: list[str], term: Term) -> str:
    return " ".join(words[term.start:max(term.end, term.start + 1)])


def _apply(item: dict, direction: str, term: Term, words: str, evidence: list[dict], cue: str | None = None) -> None:
    """Write one term into an item where the format allows it there; the first value said wins.
    Each value written is recorded in `evidence` with the words that said it."""
    kind = item["type"]
    name, value = term.name, term.value
    if name == "free":
        name, value = ("price", "free") if direction == "offer" else ("budget_eur", 0)
    elif name == "no_budget":
        name = "budget_eur"
    elif name == "money":
        if term.limit and direction == "need":
            name = "budget_eur"
        elif term.asked and direction == "offer" and item.get("price", "rent") == "rent":
            _write(item, "price", "rent", direction, words, evidence, cue, key=f"{kind}.price.rent")
            name = "price_eur"
        else:
            return
    if name.startswith("space.") and kind in SPACE_TYPES:
        member = name.split(".", 1)[1]
        member = "seated" if member == "places" else member
        space = item.setdefault("space", {})
        if member == "features":
            _add(space, "features", value, direction, f"{kind}.space.features.{value}", words, evidence, cue)
        else:
            if direction == "need" and term.low is not None:
                value = term.low  # a need asks at least the range's first figure; an offer holds up to its last
            _write(space, member, value, direction, words, evidence, cue, key=f"{kind}.space.{member}")
        if member == "beds" and kind in SUPPORTED_TYPES:
            _add(item, "support", "lodging", direction, f"{kind}.support.lodging", words, evidence, cue)
    elif name == "support" and kind in SUPPORTED_TYPES and not (value == "room" and kind != "residency"):
        _add(item, "support", value, direction, f"{kind}.support.{value}", words, evidence, cue)
    elif name == "in_kind" and kind == "coproduction_budget" and direction == "offer":
        _add(item, "in_kind", value, direction, f"{kind}.in_kind.{value}", words, evidence, cue)
    elif name == "in_return" and value != kind:
        _add(item, "in_return", value, direction, f"{kind}.in_return.{value}", words, evidence, cue)
    elif name == "price" and direction == "offer":
        _write(item, "price", value, direction, words, evidence, cue, key=f"{kind}.price.{value}")
    elif name == "price_eur" and direction == "offer":
        _write(item, "price_eur", value, direction, words, evidence, cue, key=f"{kind}.price_eur")
    elif name == "budget_eur" and direction == "need" and kind != "coproduction_budget":
        _write(item, "budget_eur", value, direction, words, evidence, cue, key=f"{kind}.budget_eur")


def _write(target: dict, name: str, value, direction: str, words: str, evidence: list[dict], cue: str | None,
           key: str) -> None:
    if name not in target:
        target[name] = value
        _record(evidence, direction, key, words, cue)


def _add(target: dict, name: str, value, direction: str, key: str, words: str, evidence: list[dict],
         cue: str | None) -> None:
    values = target.setdefault(name, [])
    if value not in values:
        values.append(value)
        _record(evidence, direction, key, words, cue)


def _record(evidence: list[dict], direction: str, key: str, words: str, cue: str | None) -> None:
    """Evidence in the shape of the rest (`field`, `key`, `words`, `cue`): the field says which
    side's terms ("offer_terms", "need_terms"), the key where the value went ("residency.support.
    lodging", "rehearsal_space.space.area_m2"), the words what said it, the cue the bargain's phrase."""
    entry = {"field": f"{direction}_terms", "key": key, "words": words, "cue": cue}
    if entry not in evidence:
        evidence.append(entry)
