"""Reasons are short, in the asker's language, and true of both profiles."""
import pytest

from matcher.reasons import explain, format_amount, format_period
from matcher.scoring import score_pair

from factories import day, exchange, prepared


def pair(language="en", need_period=("2027-07-01", "2027-08-15"), offer_period=("2027-07-01", "2027-08-31"),
         asked=None, offered=None, partners=()):
    asker = prepared("artist", kind="artist", language=language, audiences=["youth"], disciplines=["dance"],
                     partners=partners,
                     needs=[exchange("rehearsal_space", *need_period),
                            exchange("coproduction_budget", amount=asked)] if asked else
                     [exchange("rehearsal_space", *need_period)])
    centre = prepared("centre", lat=50.86, audiences=["youth", "elderly"], disciplines=["dance", "music"],
                      offers=[exchange("rehearsal_space", *offer_period)] +
                             ([exchange("coproduction_budget", amount=offered)] if offered else []),
                      needs=[exchange("workshops", audiences=["youth"])])
    return asker, centre, explain(asker, centre, score_pair(asker, centre))


@pytest.mark.parametrize("language, expected", [
    ("en", "Offers a rehearsal space in July–August 2027; you seek this from 1 July to 15 August 2027"),
    ("nl", "Biedt een repetitieruimte aan in juli–augustus 2027; u zoekt dit van 1 juli tot 15 augustus 2027"),
    ("fr", "Propose une salle de répétition en juillet–août 2027 ; vous cherchez cela du 1er juillet au 15 août 2027"),
])
def test_offer_for_need_in_three_languages(language, expected):
    """The first reason says what is offered for what is sought, with both periods, in the asker's language."""
    assert pair(language)[2][0] == expected


def test_at_most_four_reasons_with_distance_and_shared_audience():
    """1 to 4 sentences; here: the need met, their need, the audience, the distance."""
    reasons = pair()[2]
    assert 1 <= len(reasons) <= 4
    assert "Both work with teenagers" in reasons
    assert any(r.endswith("km away") for r in reasons)


def test_partial_period_is_said():
    """A period that only partly covers the need says how much."""
    reasons = pair(need_period=("2027-07-01", "2027-08-31"), offer_period=("2027-07-01", "2027-07-31"))[2]
    assert "Period only partly overlaps: 50% of the days you need" in reasons


def test_no_overlap_is_said():
    """The right thing in the wrong period says both periods."""
    reasons = pair(offer_period=("2027-01-01", "2027-01-31"))[2]
    assert "Period does not overlap: offered January 2027, you need 1 July – 15 August 2027" in reasons


def test_budget_short_is_said():
    """A budget below the ask says both amounts."""
    reasons = pair(asked=5000, offered=2000)[2]
    assert "Budget offered 2,000 EUR, you ask 5,000 EUR" in reasons


def test_existing_partner_is_said_first():
    """An existing partner is told as such."""
    assert pair(partners=["centre"])[2][0].startswith("Already a partner")


def test_formats():
    assert format_amount(5000, "nl") == "5.000 euro"
    assert format_amount(5000, "fr") == "5\u202f000 €"
    assert format_period(day("2027-07-01"), day("2027-08-31"), "fr") == "juillet–août 2027"


def test_rival_is_said():
    """A candidate competing for the same thing is told as such."""
    asker = prepared("a", kind="artist", needs=[exchange("residency")])
    rival = prepared("r", kind="artist", needs=[exchange("residency")])
    assert "Also seeks a residency, and offers none" in explain(asker, rival, score_pair(asker, rival))
