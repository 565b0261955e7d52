"""A partner, not a thing: the exchange type `artistic_collaboration` (making work together) and the
kind of partner sought (`partner_kinds`), from a profile file through the store and the index to the
ranking and its reasons."""
import dataclasses
import io
import json

import pytest

from matcher.profile_files import read_profiles
from matcher.ranking.scoring import score_pair
from matcher.ranking.weights import load_weights
from matcher.understanding.preparation import derive
from matcher.profiles import Profile

from conftest import profile, write_jsonl

WEIGHTS = load_weights()
HERE = {"municipality": "Schaarbeek"}


def test_a_profile_with_the_new_type_and_partner_kinds_imports_and_exports_the_same(matcher, tmp_path):
    """A file with artistic_collaboration and partner_kinds is stored and comes back out unchanged."""
    written = [
        profile("gc-beeld", type="community_centre", location=HERE, disciplines=["photography"],
                partner_kinds=["collective", "artist"],
                needs=[{"type": "artistic_collaboration", "audiences": ["local_residents"]}]),
        profile("fotocollectief", "artist", type="collective", location=HERE, disciplines=["photography"],
                offers=[{"type": "artistic_collaboration", "period": {"start": "2027-03-01", "end": "2027-06-30"}}]),
    ]
    report = matcher.import_files([write_jsonl(tmp_path / "p.jsonl", written)])
    assert report.problems == [] and report.added == 2
    out = io.StringIO()
    assert matcher.export(out, "jsonl") == 2
    assert [json.loads(line) for line in out.getvalue().splitlines()] == sorted(written, key=lambda p: p["id"])
    assert matcher.prepared("gc-beeld").partner_kinds == {"collective", "artist"}
    assert matcher.prepared("fotocollectief").type == "collective"


def test_an_old_file_without_them_still_imports(matcher, tmp_path):
    """Profiles written before the two additions import as before: no kind of partner sought."""
    old = profile("gc-oud", type="community_centre", location=HERE, offers=[{"type": "rehearsal_space"}])
    assert matcher.import_files([write_jsonl(tmp_path / "old.jsonl", [old])]).problems == []
    assert matcher.get("gc-oud").partner_kinds == []
    assert matcher.prepared("gc-oud").partner_kinds == frozenset()
    assert "partner_kinds" not in matcher.get("gc-oud").exchange()


@pytest.mark.parametrize("kinds, field", [(["school", "teacher"], "partner_kinds[1]"),
                                          ("artist", "partner_kinds")])
def test_a_bad_partner_kind_is_named_with_its_field_and_reason(tmp_path, kinds, field):
    """An unknown kind, or a kind not in a list, is refused naming partner_kinds and what is allowed."""
    path = write_jsonl(tmp_path / "p.jsonl", [profile("a", partner_kinds=kinds)])
    records, problems = read_profiles(path)
    assert records == [] and [p.field for p in problems] == [field]
    if isinstance(kinds, list):
        assert problems[0].reason.startswith("unknown value 'teacher'; expected one of 'artist', 'organisation'")


def test_csv_lists_partner_kinds_like_the_other_lists(tmp_path):
    """In CSV, partner_kinds is ';'-separated, as disciplines are."""
    path = tmp_path / "p.csv"
    path.write_text("id,kind,name,partner_kinds,needs\ngc-x,organisation,GC X,school; artist,artistic_collaboration\n",
                    encoding="utf-8")
    records, problems = read_profiles(path)
    assert problems == [] and records[0].profile.partner_kinds == ["school", "artist"]
    assert records[0].profile.needs[0].type == "artistic_collaboration"


def test_the_kinds_stated_win_over_the_kinds_read(tmp_path):
    """derive(): the stated partner_kinds are the effective ones; without them, those read from the text."""
    text = "Wij zoeken een school of een kunstenaar om samen iets te maken met de buurt."
    unstated = derive(Profile(id="a", kind="organisation", name="A", description=text))
    assert unstated["effective"]["partner_kinds"] == unstated["understood"]["partner_kinds"]
    stated = derive(Profile(id="a", kind="organisation", name="A", description=text, partner_kinds=["library"]))
    assert stated["effective"]["partner_kinds"] == ["library"]


# -- ranking ---------------------------------------------------------------------------------------------

def test_a_need_to_create_together_prefers_the_maker_who_offers_it_in_a_fitting_discipline(matcher, tmp_path):
    """An organisation seeking an artistic collaboration in photography ranks a photographer offering it
    above a musician offering it, and both above a photographer who offers only workshops; the reason
    names what the maker makes."""
    asker = profile("gc-buurt", type="community_centre", location=HERE, languages=["nl"],
                    description="Gemeenschapscentrum in Schaarbeek.", disciplines=["photography"],
                    offers=[{"type": "promotion"}],
                    needs=[{"type": "artistic_collaboration", "audiences": ["local_residents"]}])
    makers = [profile(id, "artist", name="Maker", location=HERE, disciplines=disciplines, offers=[{"type": offer}])
              for id, disciplines, offer in [("a-workshops", ["photography"], "workshops"),
                                             ("b-music", ["music"], "artistic_collaboration"),
                                             ("c-photo", ["photography", "theatre"], "artistic_collaboration")]]
    assert matcher.import_files([write_jsonl(tmp_path / "p.jsonl", [asker, *makers])]).problems == []
    result = matcher.match("gc-buurt")
    assert [m.id for m in result.matches] == ["c-photo", "a-workshops", "b-music"]
    first = result.matches[0].reasons[0]
    assert (first.key, first.text) == ("collaborates_for_need", "Maakt werk samen met organisaties (fotografie, "
                                       "theater); je zoekt een kunstenaar om mee te creëren")
    assert first.params["disciplines"] == ["photography", "theatre"]


SAID = {
    "nl": ("Je zoekt een school; dit is er een", "Je zoekt een school; dit is een cultuurcentrum"),
    "fr": ("Vous cherchez une école ; c'en est une", "Vous cherchez une école ; c'est un centre culturel"),
    "en": ("You seek a school; this is one", "You seek a school; this is a cultural centre"),
}


def partners_of_two_types(language: str, partner_kinds: list[str]) -> list[dict]:
    """A maker seeking schools, and a cultural centre and a school alike in all but their type (the
    centre's id sorts first, so it wins a tie)."""
    asker = profile("maker", "artist", name="Asker", languages=[language], location=HERE, disciplines=["theatre"],
                    partner_kinds=partner_kinds, offers=[{"type": "workshops", "audiences": ["schools"]}],
                    needs=[{"type": "audience_reach", "audiences": ["schools"]}])
    alike = dict(name="Partner", location=HERE, disciplines=["theatre"], audiences=["schools"],
                 needs=[{"type": "workshops"}])
    return [asker, profile("a-centre", type="cultural_centre", **alike), profile("b-school", type="school", **alike)]


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_a_school_sought_ranks_a_school_above_an_equal_cultural_centre_and_says_why(matcher, tmp_path, language):
    """With partner_kinds ["school"] the school comes first, the centre's score times other_kind_factor; the
    reasons say it, in the asker's language, in the index's ranking and the plain one alike."""
    path = write_jsonl(tmp_path / "p.jsonl", partners_of_two_types(language, ["school"]))
    assert matcher.import_files([path]).problems == []
    assert matcher.stored("maker").derived["language"] == language
    school, centre = matcher.match("maker").matches
    assert (school.id, centre.id) == ("b-school", "a-centre")
    assert centre.score == pytest.approx(school.score * WEIGHTS.partner_kinds.other_kind_factor)
    assert [i for i, _ in matcher.index.top(matcher.prepared("maker"), 2)] == ["b-school", "a-centre"]
    fits, differs = SAID[language]
    assert fits in [r.text for r in school.reasons]
    said = [r for r in centre.reasons if r.key == "partner_kind_differs"]
    assert [(r.text, r.params, r.missing) for r in said] == [
        (differs, {"sought": ["school"], "partner_kind": "cultural_centre"}, True)]


def test_without_a_kind_sought_the_two_tie(matcher, tmp_path):
    """The same pair without partner_kinds scores the same and says nothing of kinds."""
    assert matcher.import_files([write_jsonl(tmp_path / "p.jsonl", partners_of_two_types("en", []))]
                                ).problems == []
    centre, school = matcher.match("maker").matches
    assert (centre.id, school.id) == ("a-centre", "b-school") and centre.score == pytest.approx(school.score)
    assert not {r.key for m in (centre, school) for r in m.reasons} & {"partner_kind_fits", "partner_kind_differs"}


@pytest.mark.parametrize("sought, fits", [(["artist"], {"maker-x"}), (["organisation"], {"a-centre", "b-school"}),
                                          (["school", "artist"], {"b-school", "maker-x"})])
def test_artist_and_organisation_match_by_kind_and_types_by_type(matcher, tmp_path, sought, fits):
    """'artist' and 'organisation' match a candidate's kind, an organisation type its type: the others
    score other_kind_factor times what they would without a kind sought, the ones that fit the same."""
    records = partners_of_two_types("en", sought)
    records.append(profile("maker-x", "artist", type="company", **{k: v for k, v in records[1].items()
                                                                   if k not in ("id", "kind", "type")}))
    assert matcher.import_files([write_jsonl(tmp_path / "p.jsonl", records)]).problems == []
    asker = matcher.prepared("maker")
    anyone = dataclasses.replace(asker, partner_kinds=frozenset())
    for match in matcher.match("maker").matches:
        unpreferred = score_pair(anyone, matcher.prepared(match.id)).score
        factor = 1.0 if match.id in fits else WEIGHTS.partner_kinds.other_kind_factor
        assert match.score == pytest.approx(unpreferred * factor), match.id


@pytest.mark.parametrize("text, kind", [
    ("We're looking for musicians for our summer fair.", "artist"),
    ("We are looking for a school in Schaerbeek for a project with pupils.", "school"),
    ("Residency for a writer in July, in exchange for a reading.", None),
])
def test_the_for_of_looking_for_is_not_whom_it_is_for(text, kind):
    """"looking for musicians" asks for musicians, though "we're" stands three words before them and
    "for" just before; "a residency for a writer" still says whom the residency is for."""
    from matcher.understanding.reader import understand
    import datetime as dt

    kinds = understand(text, dt.date(2026, 11, 24), searching=True).partner_kinds
    assert (kinds[0] if kinds else None) == kind


@pytest.mark.parametrize("text", [
    "Notre chapiteau est libre en juillet : on y accueille des cies en création.",
    "We're a Brussels choir looking for a conductor to coach us through a new repertoire.",
    "On cherche une costumière pour un spectacle jeune public.",
])
def test_companies_conductors_and_costume_makers_are_artists(text):
    from matcher.understanding.reader import understand
    import datetime as dt

    assert understand(text, dt.date(2026, 11, 24), searching=True).partner_kinds == ["artist"]


@pytest.mark.parametrize("text", ["Graphic designer needed for our festival poster, Leuven.",
                                  "Danseur·euse gezocht pour un duo, repetities in Brussel."])
def test_a_kind_followed_by_needed_or_gezocht_is_asked_for(text):
    from matcher.understanding.reader import understand
    import datetime as dt

    assert understand(text, dt.date(2026, 11, 24), searching=True).partner_kinds == ["artist"]
