"""Each scoring component on its own, and the reciprocal blend."""
import pytest

from matcher.ranking.scoring import (COMPONENTS, affinity, amount_cover, audience_fit, distance_score, load_weights,
                             needs_met, offer_fit, period_coverage, score_pair)

from factories import exchange, prepared

WEIGHTS = load_weights()


def test_period_coverage_is_share_of_needed_days():
    """An offer of July covers half of a July-August need (31 of 62 days)."""
    need = exchange("rehearsal_space", "2027-07-01", "2027-08-31")
    assert period_coverage(need, exchange("rehearsal_space", "2027-07-01", "2027-07-31")) == pytest.approx(0.5)
    assert period_coverage(need, exchange("rehearsal_space", "2027-06-01", "2027-09-30")) == 1.0
    assert period_coverage(need, exchange("rehearsal_space", "2027-01-01", "2027-01-31")) == 0.0
    assert period_coverage(need, exchange("rehearsal_space")) == 1.0, "an offer with no period is any time"


def test_amount_cover():
    """2,000 EUR offered for 5,000 asked covers 40%."""
    assert amount_cover(exchange("coproduction_budget", amount=5000),
                        exchange("coproduction_budget", amount=2000)) == pytest.approx(0.4)
    assert amount_cover(exchange("coproduction_budget", amount=5000),
                        exchange("coproduction_budget", amount=8000)) == 1.0


def test_offer_of_another_type_meets_nothing():
    """A residency offer does not meet a need for co-production money."""
    assert offer_fit(exchange("coproduction_budget"), exchange("residency")) == 0.0


def test_audience_reach_need_met_by_partner_audiences():
    """A centre that needs to reach newcomers is met by a partner who works with newcomers."""
    centre = prepared("centre", needs=[exchange("audience_reach", audiences=["newcomers", "youth"])])
    partner = prepared("partner", audiences=["newcomers"])
    score, met = needs_met(centre, partner)
    assert score == pytest.approx(0.5) and met[0].audiences == {"newcomers"}


def test_a_search_that_names_no_public_does_not_fail_a_partner_who_seeks_one():
    """A search states only what it seeks: one that names no public says nothing of whom it could
    bring, so a workshop leader who needs to reach newcomers is not marked down against a leader
    with no such need; a search that names a public it does not reach still fails that need."""
    search = prepared("search", needs=[exchange("workshops")])
    seeks_reach = prepared("a", offers=[exchange("workshops")], needs=[exchange("audience_reach", audiences=["newcomers"])])
    seeks_nothing = prepared("b", offers=[exchange("workshops")])
    assert needs_met(seeks_reach, search, partner_is_searching=True) == (None, [])
    assert score_pair(search, seeks_reach).score == pytest.approx(score_pair(search, seeks_nothing).score)
    youth_search = prepared("youth", audiences=["youth"], needs=[exchange("workshops")])
    assert needs_met(seeks_reach, youth_search, partner_is_searching=True)[0] == 0.0


def test_an_optional_need_counts_for_less_than_the_main_one():
    """"A small venue, and ideally to reach locals": the hall that meets the venue need ranks above
    the centre that only reaches locals, by optional_share (a half) of a need; with both needs
    plain, the two would tie."""
    venue, reach = exchange("performance_venue"), exchange("audience_reach", audiences=["local_residents"], optional=True)
    search = prepared("search", needs=[venue, reach])
    hall = prepared("hall", offers=[exchange("performance_venue")])
    centre = prepared("centre", audiences=["local_residents"])
    share = WEIGHTS.needs.optional_share
    assert share == 0.5
    assert needs_met(search, hall)[0] == pytest.approx(1 / (1 + share))
    assert needs_met(search, centre)[0] == pytest.approx(share / (1 + share))
    plain = prepared("plain", needs=[venue, exchange("audience_reach", audiences=["local_residents"])])
    assert needs_met(plain, hall)[0] == needs_met(plain, centre)[0] == 0.5


def test_audience_fit_uses_asked_audiences_first():
    """Audience fit is the share of the wanted audiences the partner reaches."""
    centre = prepared("c", audiences=["elderly"], needs=[exchange("audience_reach", audiences=["youth"])])
    assert audience_fit(centre, prepared("p", audiences=["youth", "schools"])) == 1.0
    assert audience_fit(centre, prepared("p", audiences=["elderly"])) == 0.0
    assert audience_fit(prepared("nobody"), prepared("p", audiences=["youth"])) is None


def test_distance_decays_with_km():
    """Closer is better; at the half-score distance the score is one half."""
    half = WEIGHTS.distance.half_score_km
    assert distance_score(0, WEIGHTS) == 1.0
    assert distance_score(half, WEIGHTS) == pytest.approx(0.5)
    assert distance_score(5, WEIGHTS) > distance_score(30, WEIGHTS)


def test_beyond_max_distance_is_not_suggested():
    """A partner beyond either side's max_distance_km gets no score at all."""
    brussels = prepared("b", max_km=20)
    liege = prepared("l", lat=50.63, lon=5.57)
    assert score_pair(brussels, liege) is None
    assert score_pair(liege, brussels) is None
    assert score_pair(prepared("b2"), liege) is not None


def test_affinity_uses_vectors_disciplines_and_themes():
    """Profiles with the same disciplines, themes and text are closer than unrelated ones."""
    a = prepared("a", disciplines=["dance"], themes=["migration"], text=[1, 0, 0], concepts=[1, 0, 0])
    b = prepared("b", disciplines=["dance", "theatre"], themes=["migration"], text=[0.9, 0.1, 0], concepts=[1, 0.1, 0])
    c = prepared("c", disciplines=["music"], themes=["ageing"], text=[0, 1, 0], concepts=[0, 0, 1])
    assert affinity(a, b, WEIGHTS) > 0.9 > 0.1 > affinity(a, c, WEIGHTS)


def test_reciprocal_blend_needs_both_sides():
    """A pair good for one side only ranks below a pair good for both."""
    artist = prepared("artist", kind="artist", audiences=["youth"],
                      needs=[exchange("rehearsal_space", "2027-07-01", "2027-08-31")])
    mutual = prepared("mutual", offers=[exchange("rehearsal_space", "2027-07-01", "2027-08-31")],
                      needs=[exchange("audience_reach", audiences=["youth"])], audiences=["youth"])
    one_sided = prepared("one-sided", offers=[exchange("rehearsal_space", "2027-07-01", "2027-08-31")],
                         needs=[exchange("coproduction_budget", amount=10000)], audiences=["elderly"])
    assert score_pair(artist, mutual).score > score_pair(artist, one_sided).score


def test_partner_who_gains_nothing_pulls_the_pair_down():
    """Even a perfect answer to the asker's need ranks low when the partner's own needs are not met at all."""
    artist = prepared("artist", kind="artist", offers=[exchange("workshops")],
                      needs=[exchange("rehearsal_space", "2027-07-01", "2027-08-31")])
    centre = prepared("centre", offers=[exchange("rehearsal_space", "2027-07-01", "2027-08-31")],
                      needs=[exchange("coproduction_budget", amount=20000)])
    both_gain = prepared("both", offers=[exchange("rehearsal_space", "2027-07-01", "2027-08-31")],
                         needs=[exchange("workshops")])
    one_sided, mutual = score_pair(artist, centre), score_pair(artist, both_gain)
    assert one_sided.directions[0] == pytest.approx(mutual.directions[0])
    assert one_sided.score < 0.9 * mutual.score
    assert one_sided.score < one_sided.directions[0], "the partner's side counts"


def test_existing_partner_is_pushed_down_not_hidden():
    """An existing partner still appears, with novelty 0 and a lower score."""
    asker = prepared("a", partners=["old"], needs=[exchange("residency")])
    old = prepared("old", offers=[exchange("residency")])
    new = prepared("new", offers=[exchange("residency")])
    old_pair, new_pair = score_pair(asker, old), score_pair(asker, new)
    assert old_pair is not None and old_pair.components["novelty"] == 0.0
    assert old_pair.score < new_pair.score
    assert score_pair(old, asker).components["novelty"] == 0.0, "a tie listed on either side counts"


def test_components_are_in_unit_range():
    """Every component is in [0, 1] or None."""
    pair = score_pair(prepared("a", needs=[exchange("residency")], audiences=["youth"]),
                      prepared("b", offers=[exchange("residency")], text=[1, 0]))
    assert set(pair.components) == set(COMPONENTS)
    assert all(v is None or 0.0 <= v <= 1.0 for v in pair.components.values())
    assert 0.0 <= pair.score <= 1.0


def test_rival_seeking_the_same_thing_is_pushed_down():
    """A candidate that also seeks a residency and offers none ranks below an otherwise equal one."""
    asker = prepared("a", kind="artist", needs=[exchange("residency")], text=[1, 0])
    rival = prepared("rival", kind="artist", needs=[exchange("residency")], text=[1, 0])
    neutral = prepared("neutral", kind="artist", needs=[exchange("promotion")], text=[1, 0])
    host = prepared("host", needs=[exchange("residency")], offers=[exchange("residency")], text=[1, 0])
    assert score_pair(asker, rival).score < score_pair(asker, neutral).score
    assert score_pair(asker, host).score > score_pair(asker, neutral).score, "seeking and offering it is no rival"
