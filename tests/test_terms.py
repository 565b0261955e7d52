"""The terms of an exchange (docs/profile-format.md, "Terms of an exchange") through the library a
user calls: profiles with terms are imported into SQLite, matched by the index, and the ranking and
the reasons follow the terms. Each test has two candidates that differ only in the one term."""
import pytest

from matcher.engine import Matcher

from conftest import profile, write_jsonl

JULY = {"start": "2027-07-01", "end": "2027-07-31"}


def centre(id, place="Mechelen", **offer_terms):
    return profile(id, name=f"Centrum {id}", disciplines=["dance"], location={"municipality": place},
                   offers=[{"type": "residency", "period": JULY, **offer_terms}])


def maker(id="maker", offers=(), language="nl", **need_terms):
    return profile(id, kind="artist", name="Dansgezelschap", disciplines=["dance"], languages=[language],
                   location={"municipality": "Mechelen"}, offers=list(offers),
                   needs=[{"type": need_terms.pop("need_type", "residency"), "period": JULY, **need_terms}])


def ranked(matcher: Matcher, tmp_path, records, asker="maker"):
    matcher.import_files([write_jsonl(tmp_path / "p.jsonl", records)])
    result = matcher.match(asker).as_dict()
    return [m["id"] for m in result["matches"]], {m["id"]: m for m in result["matches"]}


def texts(match) -> list[str]:
    return match["reasons"]


def test_a_residency_asking_a_workshop_in_return_suits_the_maker_who_gives_workshops(matcher, tmp_path):
    records = [centre("ruil", in_return=["workshops"], price="in_kind"), centre("andere")]
    order, _ = ranked(matcher, tmp_path, records + [maker(offers=[{"type": "workshops"}])])
    assert order.index("ruil") < 2
    order, matches = ranked(matcher, tmp_path, records + [maker(offers=[{"type": "promotion"}])])
    assert order.index("andere") < order.index("ruil")
    assert "Vraagt workshops in ruil; je biedt er geen aan" in texts(matches["ruil"])


def test_the_return_met_is_said(matcher, tmp_path):
    _, matches = ranked(matcher, tmp_path, [centre("ruil", in_return=["workshops"]),
                                            maker(offers=[{"type": "workshops"}])])
    assert "Vraagt workshops in ruil; je biedt dit aan" in texts(matches["ruil"])


def test_a_space_below_the_minimum_ranks_lower_and_says_both_figures(matcher, tmp_path):
    order, matches = ranked(matcher, tmp_path, [
        centre("klein", space={"area_m2": 90}), centre("groot", space={"area_m2": 150}),
        maker(space={"area_m2": 120})])
    assert order.index("groot") < order.index("klein")
    assert "90 m²; je vraagt minstens 120 m²" in texts(matches["klein"])
    assert not any("m²" in text for text in texts(matches["groot"]))


def test_no_beds_where_lodging_is_asked_is_a_partial_match(matcher, tmp_path):
    order, matches = ranked(matcher, tmp_path, [
        centre("zonder", space={"beds": 0}), centre("met", space={"beds": 4}), maker(space={"beds": 3})])
    assert order.index("met") < order.index("zonder")
    assert "0 bedden; je vraagt minstens 3 bedden" in texts(matches["zonder"])


def test_a_need_for_coaching_finds_a_supported_residency_above_a_bare_room(matcher, tmp_path):
    order, matches = ranked(matcher, tmp_path, [
        centre("kaal", support=["room"]), centre("begeleid", support=["room", "coaching", "technical"]),
        maker(support=["coaching", "technical"], language="en")])
    assert order.index("begeleid") < order.index("kaal")
    assert "Without coaching and technical support, which you ask" in texts(matches["kaal"])


def test_a_residency_with_coaching_meets_a_need_for_production_support_in_part(matcher, tmp_path):
    order, matches = ranked(matcher, tmp_path, [
        centre("kaal", support=["room"]), centre("begeleid", support=["room", "coaching"]),
        maker(need_type="production_support", language="fr")])
    assert order.index("begeleid") < order.index("kaal")
    assert texts(matches["begeleid"])[0] == "Propose une résidence avec accompagnement en juillet 2027 ; vous " \
        "cherchez un accompagnement de production en juillet 2027, ce qui y répond en partie"


def test_no_budget_is_respected_and_the_cost_is_said(matcher, tmp_path):
    order, matches = ranked(matcher, tmp_path, [
        centre("huur", price="rent", price_eur=400), centre("gratis", price="free"), maker(budget_eur=0)])
    assert order.index("gratis") < order.index("huur")
    assert "Kost 400 euro; je hebt geen budget" in texts(matches["huur"])
    assert "Gratis" in texts(matches["gratis"])


def test_a_rent_within_the_budget_is_not_held_against_it(matcher, tmp_path):
    _, matches = ranked(matcher, tmp_path, [
        centre("huur", price="rent", price_eur=200), centre("gratis", price="free"), maker(budget_eur=300)])
    assert matches["huur"]["score"] == pytest.approx(matches["gratis"]["score"], abs=1e-6)
    assert "Kost 200 euro" in texts(matches["huur"])


def test_what_a_need_gives_in_return_counts_as_an_offer(matcher, tmp_path):
    """A maker who gives a workshop in return for a room meets the centre that seeks workshops."""
    seeking = profile("zoekt-workshops", name="GC", disciplines=["dance"], location={"municipality": "Mechelen"},
                      offers=[{"type": "rehearsal_space"}], needs=[{"type": "workshops"}])
    other = profile("zoekt-niets", name="GC 2", disciplines=["dance"], location={"municipality": "Mechelen"},
                    offers=[{"type": "rehearsal_space"}], needs=[{"type": "promotion"}])
    order, matches = ranked(matcher, tmp_path, [
        seeking, other, maker(need_type="rehearsal_space", in_return=["workshops"])])
    assert order.index("zoekt-workshops") < order.index("zoekt-niets")
    assert any(text.startswith("Zoekt workshops") for text in texts(matches["zoekt-workshops"]))


def test_a_residency_ranks_above_a_technical_crew_when_the_crew_is_only_optional(matcher, tmp_path):
    """A maker needing a residency and, if possible, technical help: the centre with the residency
    comes before the one with only a crew; with both needs required they would tie on needs."""
    asker = maker(offers=[{"type": "workshops"}])
    asker["needs"].append({"type": "technical_support", "period": JULY, "optional": True})
    crew = profile("crew", name="Centrum crew", disciplines=["dance"], location={"municipality": "Mechelen"},
                   offers=[{"type": "technical_support", "period": JULY}])
    order, matches = ranked(matcher, tmp_path, [asker, centre("residentie"), crew])
    assert order.index("residentie") < order.index("crew")
    assert matches["residentie"]["components"]["needs"] > matches["crew"]["components"]["needs"]


@pytest.mark.parametrize("offer, field, reason", [
    ({"type": "workshops", "space": {"area_m2": 20}}, "offers[0]", "space: only a rehearsal_space"),
    ({"type": "workshops", "support": ["coaching"]}, "offers[0]", "support: only a residency or rehearsal_space"),
    ({"type": "residency", "price_eur": 50}, "offers[0]", "price_eur: give it with price 'rent'"),
    ({"type": "residency", "space": {"beds": -1}}, "offers[0].space.beds", "greater than or equal to 0"),
    ({"type": "residency", "in_return": ["lessons"]}, "offers[0].in_return[0]", "rehearsal_space"),
    ({"type": "residency", "optional": True}, "offers[0]", "optional: only a need can be optional"),
])
def test_bad_terms_are_refused_naming_the_field_and_nothing_is_stored(matcher, tmp_path, offer, field, reason):
    good = centre("goed")
    matcher.import_files([write_jsonl(tmp_path / "good.jsonl", [good])])
    bad = profile("slecht", name="Slecht", location={"municipality": "Gent"}, offers=[offer])
    report = matcher.import_files([write_jsonl(tmp_path / "bad.jsonl", [dict(good, name="Veranderd"), bad])])
    assert len(report.problems) == 1
    problem = report.problems[0]
    assert problem.field == field and reason in problem.reason
    assert matcher.store.ids() == {"goed"}
    assert matcher.store.db["profiles"].get("goed")["name"] == "Centrum goed"
