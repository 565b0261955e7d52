"""The one rule table (matcher/ranking/rules.py) and the checked weights it is built from (matcher/ranking/weights.py):
every scorer reads the same rules, and a change to the data reaches all of them."""
import json

import numpy as np
import pytest

from matcher.ranking.index import MatchIndex
from matcher.ranking.pairwise import pairwise, pairwise_plainly
from matcher.profiles import DISCIPLINES, EXCHANGE_TYPES
from matcher.ranking.rules import DISCIPLINE_BIT, bits
from matcher.ranking.scoring import need_met, score_pair
from matcher.ranking.weights import WEIGHTS_PATH, Weights, WeightsError, load_weights

from factories import exchange, prepared

WEIGHTS = load_weights()
RULES = WEIGHTS.rules


def weights_with(change) -> Weights:
    """The shipped weights with `change(values)` applied to their JSON."""
    values = json.loads(WEIGHTS_PATH.read_text(encoding="utf-8"))
    change(values)
    return Weights.from_dict(values)


# -- the table -------------------------------------------------------------
def test_substitutes_meet_a_need_at_their_factor():
    """A residency meets a rehearsal-space need at the substitute factor; the same type at 1; others 0."""
    substitutes = WEIGHTS.needs.substitutes
    assert RULES.type_factor("rehearsal_space", "residency") == substitutes["rehearsal_space"]["residency"] > 0
    assert RULES.type_factor("residency", "rehearsal_space") == substitutes["residency"]["rehearsal_space"] > 0
    assert RULES.type_factor("workshops", "workshops") == 1.0
    assert RULES.type_factor("coproduction_budget", "residency") == 0.0
    assert ("residency", substitutes["rehearsal_space"]["residency"]) in RULES.offers_meeting("rehearsal_space")
    assert ("rehearsal_space", substitutes["rehearsal_space"]["residency"]) in RULES.needs_met_by("residency")


def test_every_exchange_type_meets_its_own_kind_first():
    """Each type's own offers come first at factor 1, and each offer type meets its own need."""
    for exchange_type in EXCHANGE_TYPES:
        assert RULES.offers_meeting(exchange_type)[0] == (exchange_type, 1.0)
        assert (exchange_type, 1.0) in RULES.needs_met_by(exchange_type)
    assert len(EXCHANGE_TYPES) >= 10


@pytest.mark.parametrize(("left", "right"), [tuple(pair) for pair in WEIGHTS.needs.related_disciplines])
def test_related_disciplines_count_as_shared_both_ways(left, right):
    """Each related pair shares a discipline in both directions, in the plain and the masked form."""
    assert RULES.share_a_discipline(frozenset({left}), frozenset({right}))
    assert RULES.share_a_discipline(frozenset({right}), frozenset({left}))
    mask = RULES.shares_a_discipline_mask(frozenset({left}), np.array([DISCIPLINE_BIT[right]], dtype=np.uint32))
    assert mask.tolist() == [True]


def test_unrelated_disciplines_do_not_share_unless_one_is_open():
    """Film and dance share nothing; naming none or being multidisciplinary shares with all."""
    film, dance = frozenset({"film"}), frozenset({"dance"})
    assert not RULES.share_a_discipline(film, dance)
    assert RULES.share_a_discipline(film, frozenset())
    assert RULES.share_a_discipline(film, frozenset({"multidisciplinary"}))
    codes = np.array([bits(d, DISCIPLINE_BIT) for d in (dance, frozenset(), frozenset({"multidisciplinary"}))],
                     dtype=np.uint32)
    assert RULES.shares_a_discipline_mask(film, codes).tolist() == [False, True, True]


def test_discipline_factor_only_for_sensitive_types():
    """An offer from another discipline is worth less for a residency, not for a rehearsal room."""
    assert "residency" in RULES.discipline_sensitive and "rehearsal_space" not in RULES.discipline_sensitive
    assert RULES.discipline_factor("residency", shared=False) == WEIGHTS.needs.no_shared_discipline < 1
    assert RULES.discipline_factor("residency", shared=True) == 1.0
    assert RULES.discipline_factor("rehearsal_space", shared=False) == 1.0


def test_calibration_maps_floor_to_0_and_ceiling_to_1():
    """Cosines at or below the floor count 0, at or above the ceiling 1, numbers and arrays alike."""
    floor, ceiling = WEIGHTS.affinity.cosine_floor, WEIGHTS.affinity.cosine_ceiling
    assert RULES.calibrated_cosine(floor) == 0.0 and RULES.calibrated_cosine(ceiling) == 1.0
    assert RULES.calibrated_cosine((floor + ceiling) / 2) == pytest.approx(0.5)
    assert RULES.calibrated_cosine(np.array([-1.0, 1.0])).tolist() == [0.0, 1.0]


# -- every scorer reads it -----------------------------------------------------
def puppeteer_and_theatre():
    """A puppetry artist who needs a residency, and a theatre that offers one (related disciplines)."""
    maker = prepared("puppeteer", "artist", disciplines=["puppetry"], needs=[exchange("residency")],
                     offers=[exchange("workshops")])
    theatre = prepared("theatre", disciplines=["theatre"], offers=[exchange("residency")],
                       needs=[exchange("workshops")])
    return maker, theatre


def test_related_disciplines_meet_a_need_alike_in_matches_and_alliances():
    """The puppeteer's residency need is fully met by the theatre in the plain scorer and the alliance
    matrices (the alliance matrices once ignored related disciplines and gave 0.4)."""
    maker, theatre = puppeteer_and_theatre()
    assert need_met(maker.needs[0], maker, theatre, WEIGHTS).score == 1.0
    fast, plain = pairwise([maker, theatre], WEIGHTS), pairwise_plainly([maker, theatre], WEIGHTS)
    assert fast.need_met.tolist() == plain.need_met.tolist() == [[0.0, 1.0], [1.0, 0.0]]


def test_a_related_pair_added_to_the_data_reaches_every_scorer():
    """Film and photography made related in the weights alone: plain, index and alliance matrices all
    count a film maker's residency from a photography centre in full; before, all three at the factor."""
    maker = prepared("film-maker", "artist", disciplines=["film"], needs=[exchange("residency")])
    centre = prepared("photo-centre", disciplines=["photography"], offers=[exchange("residency")])
    related = weights_with(lambda w: w["needs"]["related_disciplines"].append(["film", "photography"]))
    for weights, expected in ((WEIGHTS, WEIGHTS.needs.no_shared_discipline), (related, 1.0)):
        assert need_met(maker.needs[0], maker, centre, weights).score == pytest.approx(expected)
        assert pairwise([maker, centre], weights).need_met[0, 1] == pytest.approx(expected)
        index = MatchIndex(8, weights=weights)
        index.add(centre)
        assert index.scores(maker)[0] == pytest.approx(score_pair(maker, centre, weights).score, abs=1e-6)
    assert score_pair(maker, centre, related).score > score_pair(maker, centre, WEIGHTS).score


def test_a_substitute_added_to_the_data_reaches_every_scorer():
    """An exhibition space made to meet a performance-venue need at 0.5, in the weights alone."""
    company = prepared("company", "artist", disciplines=["dance"], needs=[exchange("performance_venue")])
    gallery = prepared("gallery", disciplines=["dance"], offers=[exchange("exhibition_space")])
    changed = weights_with(lambda w: w["needs"]["substitutes"]["performance_venue"].update(exhibition_space=0.5))
    assert need_met(company.needs[0], company, gallery, WEIGHTS).score == 0.0
    assert need_met(company.needs[0], company, gallery, changed).score == 0.5
    assert pairwise([company, gallery], changed).need_met[0, 1] == 0.5
    index = MatchIndex(8, weights=changed)
    index.add(gallery)
    assert index.scores(company)[0] == pytest.approx(score_pair(company, gallery, changed).score, abs=1e-6)


# -- the weights are checked -----------------------------------------------------
def test_shipped_weights_load():
    """models/weights.json is valid and every discipline has its related set."""
    assert set(RULES.related) == set(DISCIPLINES)
    assert "theatre" in RULES.related["puppetry"] and "puppetry" in RULES.related["theatre"]


@pytest.mark.parametrize(("change", "message"), [
    (lambda w: w["affinity"].update(text_typo=0.1),
     "weights.json: affinity.text_typo: unknown key; expected one of text, concepts, disciplines, themes, "
     "cosine_floor, cosine_ceiling, text_across_languages"),
    (lambda w: w["affinity"].pop("text"), "weights.json: affinity.text: missing"),
    (lambda w: w["novelty"].update(rival_factor=1.5), "weights.json: novelty.rival_factor: input should be less "
                                                      "than or equal to 1; got 1.5"),
    (lambda w: w["needs"]["related_disciplines"].append(["puppetry", "jazz"]),
     "weights.json: needs.related_disciplines.7.1: input should be"),
    (lambda w: w["needs"]["substitutes"]["rehearsal_space"].update(castle=0.5),
     "weights.json: needs.substitutes.rehearsal_space.castle: input should be"),
    (lambda w: w["affinity"].update(cosine_ceiling=0.1), "weights.json: affinity.cosine_ceiling: must be above "
                                                         "cosine_floor (0.15); got 0.1"),
    (lambda w: w.update(extra_section={}), "weights.json: extra_section: unknown key; expected one of affinity, "),
])
def test_bad_weights_are_refused_naming_the_key(change, message):
    """An unknown, missing or out-of-range key is an error that names it."""
    with pytest.raises(WeightsError) as refused:
        weights_with(change)
    assert str(refused.value).startswith(message)


def test_a_broken_weights_file_stops_the_command_with_its_reason(tmp_path, monkeypatch, capsys):
    """A misspelt key in the weights file stops `matcher` at start with the key named, not a traceback."""
    from matcher.ranking import weights as weights_module
    from matcher.cli import main

    values = json.loads(WEIGHTS_PATH.read_text(encoding="utf-8"))
    values["direction"]["needz"] = values["direction"].pop("needs")
    bad = tmp_path / "weights.json"
    bad.write_text(json.dumps(values), encoding="utf-8")
    monkeypatch.setattr(weights_module, "WEIGHTS_PATH", bad)
    load_weights.cache_clear()
    try:
        assert main(["search", "--db", str(tmp_path / "m.db"), "dans"]) == 1
    finally:
        load_weights.cache_clear()
    err = capsys.readouterr().err
    assert "weights.json: direction.needz: unknown key; expected one of affinity, needs, audience" in err

