"""Places told honestly in ranking: an unknown place is not 20 km away, a place abroad is where its
coordinates say, a profile may serve several places, and a search that finds nobody within its
radius says so. The fast paths (index, pair matrices) agree with the plain scorer on all of it."""
from __future__ import annotations

import httpx
import numpy as np
import pytest

from matcher.errors import InvalidRequest
from matcher.places.gazetteer import distance_km, gazetteer
from matcher.ranking.index import MatchIndex
from matcher.ranking.pairwise import pairwise, pairwise_plainly
from matcher.ranking.scoring import pair_distance_km, rank_plainly, score_pair, within_reach
from matcher.ranking.weights import load_weights
from matcher.understanding.concepts import ConceptSpace, concept_phrases
from matcher.understanding.lexicon import lexicon

from conftest import profile, write_jsonl
from factories import ABROAD, exchange, prepared, random_profiles, unit
from serving import running_server

WEIGHTS = load_weights()
DIM = 8
_phrases = concept_phrases(lexicon())
SPACE = ConceptSpace([(section, key) for section, key, _ in _phrases],
                     np.random.default_rng(5).normal(size=(len(_phrases), 5)).astype(np.float32))
BRUSSELS = (50.8466, 4.3517)
TEXT = [1, 0.5, 0, 0, 0.2, 0, 0, 0]


def printmaking(id, lat, lon, max_km=None, **fields):
    """A printmaking residency: what the asker below is looking for."""
    return prepared(id, lat=lat, lon=lon, max_km=max_km, disciplines=["visual_arts"], text=TEXT,
                    offers=[exchange("residency")], space=SPACE, **fields)


def printmaker(max_km=None):
    return prepared("asker", kind="artist", lat=BRUSSELS[0], lon=BRUSSELS[1], max_km=max_km,
                    disciplines=["visual_arts"], text=TEXT, needs=[exchange("residency")], space=SPACE)


# -- the plain scorer and the fast paths -------------------------------------------------------

def places_in_play(pairs) -> set[str]:
    """Which kinds of place decide for some pair: unknown, abroad, a place served, an unknown distance
    refused by a stated max distance, a known one beyond it."""
    abroad = set(ABROAD)
    found = set()
    for first, second in pairs:
        km = pair_distance_km(first, second)
        if km is None:
            found.add("unknown refused" if not within_reach(first, second, km) else "unknown")
        elif not within_reach(first, second, km):
            found.add("beyond reach")
        if {(first.lat, first.lon), (second.lat, second.lon)} & abroad:
            found.add("abroad")
        if km is not None and (first.served or second.served) and \
                km < distance_km(*first.points[0], *second.points[0]) - 1:
            found.add("served nearer")
    return found


@pytest.fixture(scope="module")
def population():
    return random_profiles(160, seed=11, dim=DIM, space=SPACE)


def test_index_equals_the_plain_scorer_on_places(population):
    """Every index score equals score_pair, and -inf exactly where score_pair says out of reach, over
    random profiles with unknown places, places abroad and places served."""
    index = MatchIndex(DIM, SPACE)
    for item in population:
        index.add(item)
    queries = population[:40]
    assert places_in_play((q, c) for q in queries for c in population) == \
        {"unknown", "unknown refused", "beyond reach", "abroad", "served nearer"}
    for query in queries:
        scores = index.scores(query)
        for row, candidate in enumerate(population):
            plain = None if candidate.id == query.id else score_pair(query, candidate, WEIGHTS)
            if plain is None:
                assert scores[row] == -np.inf
            else:
                assert scores[row] == pytest.approx(plain.score, abs=2e-4)
        expected = [c.id for c, _ in rank_plainly(query, population, 10, WEIGHTS)]
        assert [i for i, _ in index.top(query, 10)] == expected


def test_pair_matrices_equal_the_plain_scorer_on_places(population):
    """pairwise() gives scoring's km, reach and closeness for every pair, places served and unknown included."""
    pool = population[:60]
    fast, plain = pairwise(pool, WEIGHTS), pairwise_plainly(pool, WEIGHTS)
    np.testing.assert_allclose(fast.km, plain.km, atol=1e-6)
    np.testing.assert_array_equal(fast.reach, plain.reach)
    np.testing.assert_allclose(fast.closeness, plain.closeness, atol=1e-9)
    assert np.isnan(plain.km).any() and not plain.reach.all()


def test_an_unknown_place_ranks_below_a_known_one_40_km_away():
    """Two equal residencies, one 40 km away and one with no known place: the placed one comes first."""
    asker = printmaker()
    near = printmaking("leuven-40km", 50.88, 4.92)
    unplaced = printmaking("unplaced", None, None)
    assert 35 < pair_distance_km(asker, near) < 45
    assert score_pair(asker, near, WEIGHTS).score > score_pair(asker, unplaced, WEIGHTS).score
    index = MatchIndex(DIM, SPACE)
    for item in (near, unplaced):
        index.add(item)
    assert [i for i, _ in index.top(asker, 2)] == ["leuven-40km", "unplaced"]


@pytest.mark.parametrize("asker_km, candidate_km", [(50, None), (None, 50)])
def test_an_unknown_place_is_not_within_a_stated_max_distance(asker_km, candidate_km):
    """When either side states max_distance_km, a candidate with no known place is not suggested:
    it is not known to be within reach."""
    asker = printmaker(max_km=asker_km)
    near = printmaking("near", 50.88, 4.92, max_km=candidate_km)
    unplaced = printmaking("unplaced", None, None, max_km=candidate_km)
    assert score_pair(asker, unplaced, WEIGHTS) is None
    index = MatchIndex(DIM, SPACE)
    for item in (near, unplaced):
        index.add(item)
    assert [i for i, _ in index.top(asker, 5)] == ["near"]


def test_a_place_served_counts_from_the_nearest():
    """A company in Gent that also serves Mechelen is ~2 km from an asker in Mechelen, within its 10 km."""
    mechelen = gazetteer().resolve_text("Mechelen")
    gent = gazetteer().resolve_text("Gent")
    asker = prepared("asker", lat=mechelen.lat + 0.01, lon=mechelen.lon, max_km=10, needs=[exchange("residency")],
                     space=SPACE)
    company = prepared("company", lat=gent.lat, lon=gent.lon, offers=[exchange("residency")], space=SPACE,
                       served=[(mechelen.lat, mechelen.lon)], served_municipalities=["Mechelen"])
    assert pair_distance_km(asker, company) < 2
    index = MatchIndex(DIM, SPACE)
    index.add(company)
    assert [i for i, _ in index.top(asker, 5)] == ["company"]
    assert index.ids_in_municipalities(["Mechelen"]) == ["company"]
    assert index.ids_within(mechelen.lat, mechelen.lon, 5) == ["company"]


# -- profiles as imported ---------------------------------------------------------------

def test_places_as_stored(matcher):
    """Arnhem with coordinates stays in NL; Maastricht without them has no point, never 'Mellet'; Borgloon
    is stored as Tongeren-Borgloon; a profile serving a province has each of its municipalities' places."""
    report = matcher.import_records(records([
        profile("arnhem", location={"municipality": "Arnhem", "postcode": "6811 AB", "country": "NL",
                                    "lat": 51.9851, "lon": 5.8987}),
        profile("maastricht", location={"municipality": "Maastricht", "postcode": "6211", "country": "nl"}),
        profile("borgloon", location={"municipality": "Borgloon"}),
        profile("limburg-wide", location={"municipality": "Hasselt"}, serves=["Limburg", "Borgloon"]),
    ]))
    assert report.stored == 4, report.problems
    arnhem, maastricht, borgloon, limburg = (matcher.stored(i).derived for i in
                                             ("arnhem", "maastricht", "borgloon", "limburg-wide"))
    assert (arnhem["place"]["municipality"], arnhem["place"]["country"]) == (None, "NL")
    assert (maastricht["place"]["lat"], maastricht["place"]["municipality"]) == (None, None)
    assert borgloon["place"]["municipality"] == "Tongeren-Borgloon"
    assert {p["municipality"] for p in limburg["served"]} >= {"Tongeren-Borgloon", "Bilzen-Hoeselt", "Genk"}
    brussels = gazetteer().resolve_text("Brussel")
    assert 160 < distance_km(brussels.lat, brussels.lon, arnhem["place"]["lat"], arnhem["place"]["lon"]) < 170


@pytest.mark.parametrize("fields, field, message", [
    ({"location": {"municipality": "Arnhem", "country": "Nederland"}}, "location.country",
     "'Nederland' is not an ISO 3166-1 alpha-2 country code"),
    ({"location": {"postcode": "6811 AB"}}, "location.postcode", "not a Belgian postcode"),
    ({"location": {"municipality": "Gent"}, "serves": ["Mechelen", "Atlantis"]}, "serves[1]",
     "unknown municipality, province or region 'Atlantis'"),
    ({"location": {"municipality": "Gent"}, "serves": ["Mechelen", ""]}, "serves[1]", "at least 1 character"),
])
def test_bad_places_name_the_field(tmp_path, matcher, fields, field, message):
    """A bad country, a postcode that is not Belgian without a country, a served place nobody knows:
    refused, naming the field."""
    path = write_jsonl(tmp_path / "bad.jsonl", [profile("bad", **fields)])
    report = matcher.import_files([path])
    assert report.stored == 0
    assert [(p.field, message in p.reason) for p in report.problems] == [(field, True)]


def records(items):
    from matcher.profile_files import Record
    from matcher.profiles import Profile

    return [Record(Profile.model_validate(item), "test", f"item {n}") for n, item in enumerate(items)]


# -- nothing within reach is said -------------------------------------------------------

RESIDENCIES = [
    profile("tongeren-prints", description="Residentie voor grafiek en prentkunst", disciplines=["visual_arts"],
            offers=[{"type": "residency"}], location={"municipality": "Tongeren-Borgloon"}),
    profile("arles-prints", description="Résidence de gravure à Arles", disciplines=["visual_arts"],
            offers=[{"type": "residency"}], location={"municipality": "Arles", "country": "FR"}),
]
QUERY = "Ik zoek een residentie voor grafiek en prentkunst"


def test_nothing_within_reach_is_said_by_the_library(matcher):
    """A search near Gent within 40 km finds nothing (Tongeren is ~120 km, Arles unplaced) and says so,
    with the nearest distance, in the asker's language; without a radius the placed one comes first."""
    matcher.import_records(records(RESIDENCIES))
    result = matcher.search(QUERY, near="Gent", radius_km=40)
    assert result.matches == []
    said = result.nothing_within_reach
    assert said.radius_km == 40 and 115 < said.nearest_km < 130
    assert said.text().startswith("niets binnen 40 km; het dichtstbij op 1")
    assert said.text("fr").startswith("rien dans un rayon de 40 km ; le plus proche à 1")
    unlimited = matcher.search(QUERY, near="Gent")
    assert [m.id for m in unlimited.matches] == ["tongeren-prints", "arles-prints"]
    assert unlimited.nothing_within_reach is None
    assert matcher.search(QUERY, near="Hasselt", radius_km=40).nothing_within_reach is None


def test_a_match_within_a_max_distance_says_nothing_is_near(matcher):
    """A printmaker in Arlon who travels 20 km hears that nobody is that near, and how far the nearest is."""
    matcher.import_records(records(RESIDENCIES + [
        profile("arlon-maker", "artist", description="Graveur, je cherche une résidence", disciplines=["visual_arts"],
                needs=[{"type": "residency"}], location={"municipality": "Arlon"}, max_distance_km=20)]))
    result = matcher.match("arlon-maker")
    assert result.matches == []
    assert result.nothing_within_reach.text().startswith("rien dans un rayon de 20 km ; le plus proche à 1")
    assert result.as_dict()["nothing_within_reach"]["radius_km"] == 20


@pytest.mark.parametrize("arguments, field", [({"radius_km": 40}, "radius_km"),
                                              ({"near": "Gent", "radius_km": 0}, "radius_km"),
                                              ({"near": "Gent", "radius_km": 500}, "radius_km")])
def test_a_bad_radius_is_refused(matcher, arguments, field):
    """A radius needs a place, and lies between 0 and 200 km."""
    with pytest.raises(InvalidRequest) as refused:
        matcher.search(QUERY, **arguments)
    assert refused.value.field_name == field


def test_nothing_within_reach_over_real_http(tmp_path):
    """Through a real `matcher serve`: the API result carries nothing_within_reach, and the search page
    says it in the page's language instead of listing far profiles."""
    with running_server(tmp_path / "served.db", tmp_path / "serve.log",
                        MATCHER_ADMIN_KEY="admin-key-for-the-tests-0123456789") as url:
        admin = {"Authorization": "Bearer admin-key-for-the-tests-0123456789"}
        imported = httpx.post(f"{url}/profiles/bulk", headers=admin, json=RESIDENCIES, timeout=60)
        assert imported.status_code in (200, 201), imported.text
        found = httpx.post(f"{url}/search", json={"text": QUERY, "near": "Gent", "radius_km": 40}, timeout=60)
        assert found.status_code == 200, found.text
        body = found.json()
        assert body["matches"] == []
        assert body["nothing_within_reach"]["radius_km"] == 40
        assert 115 < body["nothing_within_reach"]["nearest_km"] < 130
        assert body["query"]["radius_km"] == 40
        page = httpx.get(f"{url}/ui/search", params={"text": QUERY, "near": "Gent", "radius_km": "40", "lang": "en"},
                         timeout=60)
        assert page.status_code == 200
        assert "Nothing within 40 km; the nearest is 1" in page.text
        assert "tongeren-prints" not in page.text
