"""What meets a need, through the plain scorer (scoring.offer_fit and need_met) on small hand-made
profiles: substitutes, related disciplines, discipline-sensitive types. The expected factors are read
from models/weights.json as the file states them (factories.NEED_RULES), not from the loaded weights."""
import pytest

from matcher.profiles import EXCHANGE_TYPES
from matcher.ranking.scoring import need_met, offer_fit

from factories import DISCIPLINE_SENSITIVE, NEED_RULES, RELATED_PAIRS, exchange, prepared

SUBSTITUTE_FACTOR = NEED_RULES["substitutes"]["rehearsal_space"]["residency"]  # a residency for a room: 0.9
REVERSE_FACTOR = NEED_RULES["substitutes"]["residency"]["rehearsal_space"]  # a room for a residency: 0.6
NO_SHARED_DISCIPLINE = NEED_RULES["no_shared_discipline"]  # 0.4
SUMMER = ("2027-07-01", "2027-08-31")


def puppeteer(need_type="residency"):
    return prepared("puppeteer", kind="artist", disciplines=["puppetry"], needs=[exchange(need_type, *SUMMER)])


def host(id, disciplines, offer_type="residency"):
    return prepared(id, disciplines=disciplines, offers=[exchange(offer_type, *SUMMER)])


def met(asker, partner) -> float:
    return need_met(asker.needs[0], asker, partner).score


# -- substitutes -------------------------------------------------------------------------------------
def test_the_factors_are_the_stated_ones():
    """The factors in models/weights.json are partial (between 0 and 1), and a room is not discipline-sensitive
    while a residency is."""
    assert 0 < REVERSE_FACTOR < SUBSTITUTE_FACTOR < 1 and 0 < NO_SHARED_DISCIPLINE < 1
    assert "rehearsal_space" not in DISCIPLINE_SENSITIVE and "residency" in DISCIPLINE_SENSITIVE


def test_a_residency_offer_meets_a_rehearsal_space_need_at_the_substitute_factor():
    """A residency offered for the summer meets a summer rehearsal-space need at the substitute factor."""
    assert offer_fit(exchange("rehearsal_space", *SUMMER), exchange("residency", *SUMMER)) == \
        pytest.approx(SUBSTITUTE_FACTOR)
    assert met(puppeteer("rehearsal_space"), host("theatre", ["theatre"])) == pytest.approx(SUBSTITUTE_FACTOR)


def test_a_rehearsal_space_offer_meets_a_residency_need_at_the_reverse_factor():
    """The other way round, a room for a residency, counts for the (smaller) reverse factor."""
    assert offer_fit(exchange("residency"), exchange("rehearsal_space")) == pytest.approx(REVERSE_FACTOR)
    room = host("theatre", ["theatre"], offer_type="rehearsal_space")
    assert met(puppeteer("residency"), room) == pytest.approx(REVERSE_FACTOR)


def test_a_substitute_covers_only_the_days_it_is_offered():
    """A residency in July alone meets half a July-August rehearsal-space need: factor x 31/62 days."""
    july = exchange("residency", "2027-07-01", "2027-07-31")
    assert offer_fit(exchange("rehearsal_space", *SUMMER), july) == pytest.approx(SUBSTITUTE_FACTOR * 0.5)


def test_the_own_type_beats_its_substitute():
    """Of a rehearsal space and a residency offered by one partner, the rehearsal space meets the need (1.0)."""
    both = prepared("centre", offers=[exchange("residency", *SUMMER), exchange("rehearsal_space", *SUMMER)])
    found = need_met(puppeteer("rehearsal_space").needs[0], puppeteer("rehearsal_space"), both)
    assert found.score == 1.0 and found.offer.type == "rehearsal_space"


def test_types_that_are_no_substitutes_meet_nothing():
    """A performance venue does not meet a rehearsal-space need; a residency does not meet a workshop need."""
    assert offer_fit(exchange("rehearsal_space"), exchange("performance_venue")) == 0.0
    assert offer_fit(exchange("workshops"), exchange("residency")) == 0.0


# -- related disciplines -------------------------------------------------------------------------------
def test_a_puppetry_artist_gets_a_theatre_residency_in_full():
    """Puppetry and theatre are related: the theatre's residency meets the puppeteer's need in full."""
    assert met(puppeteer(), host("theatre", ["theatre"])) == 1.0


def test_a_puppetry_artist_gets_a_film_residency_at_the_no_shared_discipline_factor():
    """Puppetry and film share nothing: the film centre's residency counts for no_shared_discipline."""
    assert met(puppeteer(), host("film-centre", ["film"])) == pytest.approx(NO_SHARED_DISCIPLINE)


@pytest.mark.parametrize("first, second", RELATED_PAIRS + [(b, a) for a, b in RELATED_PAIRS])
def test_every_related_pair_counts_as_shared_both_ways(first, second):
    """For each related pair of the weights file, either side's residency meets the other's need in full."""
    asker = prepared("asker", kind="artist", disciplines=[first], needs=[exchange("residency")])
    assert met(asker, host("partner", [second])) == 1.0


def test_related_is_not_transitive():
    """Puppetry is related to theatre and theatre to music theatre, but puppetry and music are not related."""
    assert ("puppetry", "theatre") in RELATED_PAIRS and ("music_theatre", "music") in RELATED_PAIRS
    assert met(puppeteer(), host("orchestra", ["music"])) == pytest.approx(NO_SHARED_DISCIPLINE)


@pytest.mark.parametrize("asker_disciplines, partner_disciplines", [
    (["puppetry"], ["multidisciplinary"]), (["multidisciplinary"], ["film"]), ([], ["film"]), (["puppetry"], []),
    (["puppetry", "dance"], ["film", "dance"]),
])
def test_open_or_shared_disciplines_are_not_reduced(asker_disciplines, partner_disciplines):
    """Multidisciplinary on either side, no discipline named, or one shared: the residency counts in full."""
    asker = prepared("asker", kind="artist", disciplines=asker_disciplines, needs=[exchange("residency")])
    assert met(asker, host("partner", partner_disciplines)) == 1.0


# -- discipline-sensitive types ------------------------------------------------------------------------
@pytest.mark.parametrize("need_type", sorted(DISCIPLINE_SENSITIVE))
def test_a_sensitive_type_from_another_discipline_is_reduced(need_type):
    """A film centre's offer of a discipline-sensitive type meets a puppeteer's need at no_shared_discipline."""
    assert met(puppeteer(need_type), host("film-centre", ["film"], need_type)) == pytest.approx(NO_SHARED_DISCIPLINE)


@pytest.mark.parametrize("need_type", [t for t in EXCHANGE_TYPES if t not in DISCIPLINE_SENSITIVE])
def test_a_type_that_is_not_sensitive_is_not_reduced(need_type):
    """A rehearsal space (or any type not discipline-sensitive) from a film centre meets a puppeteer's need in
    full: a room is a room."""
    assert met(puppeteer(need_type), host("film-centre", ["film"], need_type)) == 1.0


def test_a_substitute_from_another_discipline_takes_both_factors():
    """A film centre's room for a puppeteer's residency need (sensitive): reverse factor x no_shared_discipline."""
    room = host("film-centre", ["film"], offer_type="rehearsal_space")
    assert met(puppeteer("residency"), room) == pytest.approx(REVERSE_FACTOR * NO_SHARED_DISCIPLINE)
