"""Matcher end to end on small files: import, bad files, re-import, match, search."""
import json

import pytest

from matcher.engine import InvalidRequest, Matcher
from matcher.storage.store import ProfileNotFound, Store

from conftest import REFERENCE_DATE, CountingEmbedder, profile, write_jsonl

CENTRE = profile(
    "gc-zomer", name="GC Zomer", type="community_centre", languages=["nl"],
    description="Gemeenschapscentrum in Schaarbeek met een sterke jongerenwerking.",
    disciplines=["dance", "theatre"], audiences=["youth", "local_residents"],
    location={"municipality": "Schaarbeek"}, max_distance_km=20,
    offers=[{"type": "rehearsal_space", "period": {"start": "2027-07-01", "end": "2027-08-31"}}],
    needs=[{"type": "workshops", "audiences": ["youth"], "period": {"start": "2027-07-01", "end": "2027-08-31"}}],
    contact={"email": "zomer@example.be"})
COMPANY = profile(
    "cie-elan", kind="artist", name="Cie Élan", languages=["fr"],
    description="Compagnie de danse qui crée pour les adolescents. Nous cherchons une salle de répétition "
                "du 1er juillet au 15 août 2027. Nous proposons des ateliers de danse pour les jeunes.",
    location={"municipality": "Saint-Gilles"})
FAR_AWAY = profile(
    "cc-liege", name="CC Liège", description="Centre culturel à Liège avec une salle de répétition en été.",
    disciplines=["dance"], audiences=["youth"], location={"municipality": "Liège"},
    offers=[{"type": "rehearsal_space", "period": {"start": "2027-07-01", "end": "2027-08-31"}}])
WINTER = profile(
    "gc-winter", name="GC Winter", description="Gemeenschapscentrum met een danszaal in januari.",
    disciplines=["dance"], audiences=["youth"], location={"municipality": "Elsene"},
    offers=[{"type": "rehearsal_space", "period": {"start": "2027-01-01", "end": "2027-01-31"}}])


@pytest.fixture
def loaded(matcher, tmp_path):
    report = matcher.import_files([write_jsonl(tmp_path / "p.jsonl", [CENTRE, COMPANY, FAR_AWAY, WINTER])])
    assert report.problems == []
    return matcher


def test_free_text_profile_is_understood(loaded):
    """A French paragraph becomes needs and offers with dates."""
    understood = loaded.understood("cie-elan")
    assert understood["language"] == "fr"
    assert {"type": "rehearsal_space", "period": {"start": "2027-07-01", "end": "2027-08-15"}} in understood["needs"]
    assert "workshops" in [o["type"] for o in understood["offers"]]


def test_match_ranks_the_mutual_fit_first_with_reasons_in_french(loaded):
    """The French company's best partner is the Dutch-speaking centre, explained in French."""
    result = loaded.match("cie-elan")
    assert [m.id for m in result.matches][:1] == ["gc-zomer"]
    best = result.matches[0]
    assert any("Propose" in r.text and "juillet" in r.text for r in best.reasons), best.reasons
    assert any(r.text.startswith("Cherche") for r in best.reasons), best.reasons
    assert 1 <= len(best.reasons) <= 4
    assert set(best.components) == {"affinity", "needs", "audience", "distance", "novelty"}


def test_wrong_period_is_ranked_lower_and_said(loaded):
    """A room in January is below a room in summer, and the reason says the periods do not overlap."""
    ids = [m.id for m in loaded.match("cie-elan").matches]
    assert ids.index("gc-zomer") < ids.index("gc-winter")
    winter = next(m for m in loaded.match("cie-elan").matches if m.id == "gc-winter")
    assert any("ne se recouvrent pas" in r.text for r in winter.reasons), winter.reasons


def test_beyond_max_distance_is_not_suggested(loaded):
    """The centre will not go 90 km to Liège: Liège is not suggested to it."""
    assert "cc-liege" not in [m.id for m in loaded.match("gc-zomer").matches]


def test_search_in_dutch_finds_a_french_company(loaded):
    """A Dutch free-text request finds the French-speaking company, with reasons in Dutch."""
    result = loaded.search("Wij bieden een repetitieruimte in de zomer aan een dansgezelschap voor jongeren",
                           near="Schaarbeek", kind="artist")
    assert result.matches[0].id == "cie-elan"
    assert result.query["language"] == "nl"
    assert any("km van elkaar" in r.text for r in result.matches[0].reasons)


@pytest.mark.parametrize("text, km, words", [
    ("We zoeken een repetitieruimte in de zomer, niet verder dan 40 km.", 40, "niet verder dan 40 km"),
    ("On cherche une salle de répétition en été, dans un rayon de 150 km.", 150, "dans un rayon de 150 km"),
])
def test_a_search_keeps_to_the_distance_its_text_sets(loaded, text, km, words):
    """"Niet verder dan 40 km" keeps the search within 40 km of where it searches from, as
    radius_km would (Liège is 90 km from Schaarbeek); the answer says which words set it."""
    result = loaded.search(text, near="Schaarbeek")
    assert (result.query["radius_km"], result.query["radius_read"]) == (km, words)
    assert ("cc-liege" in [m.id for m in result.matches]) == (km > 100)


def test_a_radius_given_wins_over_the_text(loaded):
    result = loaded.search("Een repetitieruimte in de zomer, niet verder dan 40 km.", near="Schaarbeek",
                           radius_km=150)
    assert (result.query["radius_km"], result.query["radius_read"]) == (150, None)
    assert "cc-liege" in [m.id for m in result.matches]


def test_a_distance_that_says_where_a_place_is_sets_no_limit(loaded):
    result = loaded.search("Repetitieruimte in de zomer, in Liège op 90 km van Brussel.", near="Schaarbeek")
    assert result.query["radius_km"] is None


def test_contact_never_in_results(loaded):
    """Match and search results carry no contact details."""
    text = json.dumps(loaded.match("cie-elan").as_dict()) + json.dumps(loaded.search("dans").as_dict())
    assert "example.be" not in text


@pytest.mark.parametrize("call, field", [
    (lambda m: m.match("cie-elan", limit=0), "limit"),
    (lambda m: m.match("cie-elan", limit=101), "limit"),
    (lambda m: m.match("cie-elan", kind="robot"), "kind"),
    (lambda m: m.search("   "), "text"),
    (lambda m: m.search("dans", near="Atlantis"), "near"),
])
def test_bad_requests_name_the_field(loaded, call, field):
    """Out-of-range or malformed parameters raise InvalidRequest naming the field."""
    with pytest.raises(InvalidRequest) as caught:
        call(loaded)
    assert caught.value.field_name == field


def test_unknown_profile(loaded):
    with pytest.raises(ProfileNotFound):
        loaded.match("nobody")


def test_bad_file_imports_nothing(matcher, tmp_path):
    """One bad record (unknown municipality) and the file imports nothing; the database is as it was."""
    matcher.import_files([write_jsonl(tmp_path / "ok.jsonl", [CENTRE])])
    before = matcher.store.db["profiles"].get("gc-zomer")
    bad = write_jsonl(tmp_path / "bad.jsonl", [dict(CENTRE, name="Changed"), dict(COMPANY, location={"municipality": "Atlantis"})])
    report = matcher.import_files([bad])
    assert [(p.where, p.field, p.reason) for p in report.problems] == [
        ("line 2", "location.municipality", "unknown municipality 'Atlantis'")]
    assert matcher.store.ids() == {"gc-zomer"}
    assert matcher.store.db["profiles"].get("gc-zomer") == before


def test_skip_invalid_imports_the_rest(matcher, tmp_path):
    """--skip-invalid stores the good records and reports the bad."""
    bad = write_jsonl(tmp_path / "bad.jsonl", [CENTRE, dict(COMPANY, location={"municipality": "Atlantis"})])
    report = matcher.import_files([bad], skip_invalid=True)
    assert (report.added, report.refused) == (1, 1)
    assert matcher.store.ids() == {"gc-zomer"}


def test_reimport_replaces_and_never_embeds_unchanged_text_again(tmp_path):
    """Re-importing an unchanged profile, or restarting, embeds nothing; a changed text is embedded once."""
    embedder = CountingEmbedder()
    path = write_jsonl(tmp_path / "p.jsonl", [CENTRE, COMPANY])
    first = Matcher(Store(tmp_path / "m.db"), embedder=embedder, reference_date=REFERENCE_DATE)
    assert first.import_files([path]).added == 2
    embedded = embedder.texts_embedded
    assert embedded > 0
    again = first.import_files([path])
    assert (again.added, again.replaced, embedder.texts_embedded) == (0, 2, embedded)
    restarted = Matcher(Store(tmp_path / "m.db"), embedder=embedder, reference_date=REFERENCE_DATE)
    restarted.match("gc-zomer")
    assert embedder.texts_embedded == embedded
    changed = write_jsonl(tmp_path / "c.jsonl", [dict(COMPANY, description=COMPANY["description"] + " Merci.")])
    restarted.import_files([changed])
    assert embedder.texts_embedded == embedded + 1
    assert restarted.store.get("cie-elan").profile.description.endswith("Merci.")


def test_index_follows_writes(loaded):
    """A saved or deleted profile shows up in, or disappears from, matches without a rebuild."""
    from matcher.profiles import Profile

    loaded.match("cie-elan")  # builds the index
    twin = Profile.model_validate(dict(CENTRE, id="gc-twin", name="GC Twin", partners=[]))
    loaded.save_profile(twin)
    assert "gc-twin" in [m.id for m in loaded.match("cie-elan").matches]
    loaded.delete_profile("gc-twin")
    assert "gc-twin" not in [m.id for m in loaded.match("cie-elan").matches]
    assert "gc-twin" not in loaded.store.ids()


def test_profiles_understood_with_an_older_lexicon_are_understood_again(matcher, tmp_path):
    """After a lexicon update, stored profiles are derived again when the index is built; nothing else changes."""
    matcher.import_files([write_jsonl(tmp_path / "p.jsonl", [CENTRE, COMPANY])])
    row = matcher.store.db["profiles"].get("cie-elan")
    stale = json.loads(row["derived"])
    stale["version"] = "0:old"
    stale["understood"]["needs"] = []
    scoring = dict(json.loads(row["scoring"]), version="0:old")
    matcher.store.db["profiles"].update("cie-elan", {"derived": json.dumps(stale), "scoring": json.dumps(scoring)})
    restarted = Matcher(matcher.store, embedder=matcher.embedder, reference_date=REFERENCE_DATE)
    restarted.match("gc-zomer")
    again = restarted.store.db["profiles"].get("cie-elan")
    assert json.loads(again["derived"])["understood"]["needs"], "needs read again from the text"
    assert again["updated_at"] == row["updated_at"] and again["owner_key_hash"] == row["owner_key_hash"]
