"""The rules of free-text understanding, on a tiny lexicon defined in tests/toy_lexicon.py."""
import datetime as dt

import pytest

from matcher.understanding.lexicon import Lexicon
from matcher.understanding.periods import find_amount
from matcher.understanding.reader import detect_language, understand

from toy_lexicon import TOY

LEXICON = Lexicon(TOY)
TODAY = dt.date(2026, 11, 24)


def read(text):
    return understand(text, TODAY, LEXICON)


def test_need_with_period_and_audience():
    """A sought thing with its months lands in needs, with the dates of the next such months."""
    found = read("Wij zoeken een repetitieruimte in juli en augustus voor een dansvoorstelling met jongeren.")
    assert found.language == "nl"
    assert found.needs == [{"type": "rehearsal_space", "period": {"start": "2027-07-01", "end": "2027-08-31"}}]
    assert found.disciplines == ["dance"] and found.audiences == ["youth"]


def test_offer_and_need_in_one_text():
    """Cue words decide offer or need, sentence by sentence."""
    found = read("Nous proposons une salle de répétition. On cherche une coproduction de 5 000 €.")
    assert [o["type"] for o in found.offers] == ["rehearsal_space"]
    assert found.needs == [{"type": "coproduction_budget", "amount_eur": 5000}]


def test_negation_drops_the_item():
    """"geen residentie" is not a need; what follows "maar" still is."""
    found = read("We zoeken geen residentie maar een repetitieruimte.")
    assert [n["type"] for n in found.needs] == ["rehearsal_space"]
    assert found.negated == [{"direction": "need", "type": "residency"}]


def test_no_cue_means_no_need_or_offer():
    """A plain description names disciplines and audiences but asks and offers nothing."""
    found = read("Theatre for teenagers about migration.")
    assert (found.needs, found.offers) == ([], [])
    assert found.themes == ["migration"] and found.audiences == ["youth"]


@pytest.mark.parametrize("text, start, end", [
    ("we are looking for a residency from March to May", "2027-03-01", "2027-05-31"),
    ("we are looking for a residency in summer 2028", "2028-07-01", "2028-08-31"),
    ("on cherche une résidence du 3 au 14 mars 2027", "2027-03-03", "2027-03-14"),
    ("we zoeken een residentie van 1 juli tot 15 augustus", "2027-07-01", "2027-08-15"),
    ("we zoeken een residentie in januari", "2027-01-01", "2027-01-31"),
    ("we are looking for a residency 2027-04-01 to 2027-04-20", "2027-04-01", "2027-04-20"),
])
def test_periods(text, start, end):
    """Month ranges, seasons, day ranges and ISO dates, with the year inferred from today."""
    assert read(text).needs[0]["period"] == {"start": start, "end": end}


def test_may_as_a_verb_is_not_a_month():
    """"we may" is not May."""
    assert "period" not in read("We need a residency and we may travel.").needs[0]


@pytest.mark.parametrize("text, amount", [
    ("5.000 euro", 5000), ("5 000 €", 5000), ("€5,000", 5000), ("EUR 5k", 5000),
    ("5000 EUR", 5000), ("2.500 euro", 2500), ("12,5k euro", 12500), ("no money", None),
])
def test_amounts(text, amount):
    """Amounts in euro as people write them."""
    assert find_amount(text) == amount


def test_language_detection():
    """nl, fr and en are told apart; an empty text has no language."""
    assert detect_language("Wij zoeken een zaal voor het project", LEXICON) == "nl"
    assert detect_language("Nous cherchons une salle pour le projet", LEXICON) == "fr"
    assert detect_language("We are looking for a room for the project", LEXICON) == "en"
    assert detect_language("", LEXICON) is None


def test_search_without_cue_seeks():
    """In a search, what is named without a cue word is sought."""
    found = understand("Welke residentie in de zomer voor dans?", TODAY, LEXICON, searching=True)
    assert [n["type"] for n in found.needs] == ["residency"]


def test_own_people_are_neither_brought_nor_sought():
    """"nos groupes" in a seeking sentence are the writer's own members: not sought, and not a
    public offered either (the labelled sets never count them as one; bringing them, "nous
    pouvons amener nos groupes", is what offers to reach them)."""
    toy = Lexicon({**TOY, "exchange_types": {**TOY["exchange_types"], "audience_reach": {
        "label": {"en": "audience reach"}, "terms": {"fr": ["groupes"], "en": [], "nl": []}}}})
    found = understand("On cherche une salle de répétition pour nos groupes de jeunes.", TODAY, toy)
    assert [n["type"] for n in found.needs] == ["rehearsal_space"]
    assert found.offers == []


def test_organisation_wanting_to_organise_workshops_needs_them():
    """An organisation that wants to offer workshops to its public needs someone to lead them."""
    toy = Lexicon({**TOY, "exchange_types": {**TOY["exchange_types"], "workshops": {
        "label": {"en": "workshops"}, "terms": {"fr": ["ateliers"], "en": ["workshops"], "nl": []}}},
        "cues": {**TOY["cues"], "intent": {"fr": ["nous voulons"], "en": ["we want to"], "nl": []},
                 "offer": {**TOY["cues"]["offer"], "fr": ["nous proposons", "proposer"]}}})
    text = "Nous voulons proposer des ateliers aux jeunes."
    assert [n["type"] for n in understand(text, TODAY, toy, organiser=True).needs] == ["workshops"]
    assert [o["type"] for o in understand(text, TODAY, toy).offers] == ["workshops"], "an artist offers them"
