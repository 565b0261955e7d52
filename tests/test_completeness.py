"""How complete a profile is, and what to add: thin directory records (a name and an address) get no
offers or needs read from their names and a low figure; the figure and the list reach the API."""
from __future__ import annotations

import csv
import json
import re

import httpx
import pytest

from matcher.completeness import WEIGHTS, completeness
from matcher.profiles import Profile

from conftest import DEMO_PROFILES, PROJECT, profile
from serving import running_server

RESARTIS = PROJECT / "data" / "residencies" / "resartis_residencies_2014_nocontacts.csv"
# Names a reader could take for what the place offers or seeks: a workshop, a studio, a gallery.
TELLING_NAMES = ["Atelier de Recherche et d'Action Urbaines", "Cinema Actor's Studio", "Théâtre Royal des Galeries"]
# The demo's real Brussels and Flemish venues and centres (data/demo/README.md); its makers are invented.
REAL_KINDS = {"venue", "cultural_centre", "community_centre", "arts_organisation", "residency_centre"}
ADMIN_KEY = "admin-key-for-the-completeness-tests-0123"


def full_profile(**changes) -> dict:
    """A profile that says everything matching uses."""
    return {**profile(
        "gc-volledig", name="GC Volledig", type="community_centre",
        description="Gemeenschapscentrum in Schaarbeek met een dansstudio en een grote zaal. We werken met "
                    "jongeren en buurtbewoners rond migratie en de stad, en zoeken makers die met hen een "
                    "voorstelling willen maken in de zomer van 2027.",
        disciplines=["dance"], audiences=["youth", "local_residents"], location={"municipality": "Schaarbeek"},
        offers=[{"type": "rehearsal_space", "period": {"start": "2027-07-01", "end": "2027-08-31"},
                 "space": {"area_m2": 120}}],
        needs=[{"type": "artistic_collaboration", "period": {"start": "2027-07-01", "end": "2027-08-31"}}],
        contact={"email": "volledig@example.org"}), **changes}


def thin(name="Théâtre Royal des Galeries", **location) -> dict:
    """A directory record: a name and an address, nothing else."""
    return profile("thin", name=name, location=location or {"postcode": "1000"})


def figure(record: dict):
    return completeness(Profile.model_validate(record))


# -- the figure and the list ---------------------------------------------------------------------------
def test_weights_make_a_hundred():
    """The weights are points out of 100."""
    assert sum(WEIGHTS.values()) == 100


def test_a_thin_record_scores_only_its_place_and_lists_the_rest_by_gain():
    """A name and an address earn the place's share; the rest is listed, what helps most first, contact last."""
    result = figure(thin())
    assert result.percent == 17  # place: 15 of the 85 points that apply (no periods or space to judge)
    assert [(item.key, item.gain) for item in result.to_add] == [
        ("description", 24), ("offers", 18), ("needs", 18), ("disciplines_or_themes", 14), ("audiences", 9),
        ("contact", 0)]


def test_a_profile_that_says_everything_is_complete():
    """Everything matching uses is there: 100, nothing to add."""
    result = figure(full_profile())
    assert (result.percent, result.to_add) == (100, [])


@pytest.mark.parametrize("key, added", [
    ("description", {"description": "Théâtre de répertoire au centre de Bruxelles : nous programmons des "
                                    "comédies et des classiques pour un large public, et nous cherchons des "
                                    "compagnies belges et françaises pour des coproductions en 2027, avec une résidence "
                                    "de création."}),
    ("disciplines_or_themes", {"disciplines": ["theatre"]}),
    ("disciplines_or_themes", {"themes": ["humour"]}),
    ("audiences", {"audiences": ["general_public"]}),
    ("offers", {"offers": [{"type": "promotion"}]}),
    ("needs", {"needs": [{"type": "audience_reach", "audiences": ["youth"]}]}),
])
def test_adding_what_is_listed_raises_the_figure(key, added):
    """Each item added to a thin record takes it off the list and raises the figure."""
    before, after = figure(thin()), figure({**thin(), **added})
    assert key in [item.key for item in before.to_add]
    assert key not in [item.key for item in after.to_add]
    assert after.percent > before.percent


def test_contact_is_listed_but_does_not_move_the_figure():
    """Contact changes no ranking, so it weighs nothing (and the public figure does not tell whether a
    profile has private contact details); it is still listed until given."""
    without = figure(full_profile(contact=None))
    assert without.percent == 100 and [(item.key, item.gain) for item in without.to_add] == [("contact", 0)]


def test_what_is_read_from_the_description_counts_like_what_is_stated():
    """Offers, needs, disciplines and audiences read from a paragraph are not listed as missing."""
    result = figure(profile("collectief", "artist", name="Collectief Ruis", location={"municipality": "Gent"},
                            description="Wij zijn een dansgezelschap uit Gent en maken voorstellingen voor "
                                        "jongeren. We zoeken een repetitieruimte in juli 2027. We geven workshops "
                                        "dans in scholen in het najaar van 2027."))
    listed = {item.key for item in result.to_add}
    assert not listed & {"offers", "needs", "disciplines_or_themes", "audiences"}, listed


def test_periods_count_for_what_happens_at_a_time_only():
    """A need to reach an audience needs no period; a room without one is half of two dated items."""
    timeless = figure({**thin(), "needs": [{"type": "audience_reach", "audiences": ["youth"]}]})
    assert "periods" not in [item.key for item in timeless.to_add]
    half = figure({**thin(), "needs": [{"type": "residency", "period": {"start": "2027-07-01", "end": "2027-07-31"}},
                                       {"type": "rehearsal_space"}]})
    whole = figure({**thin(), "needs": [{"type": "residency", "period": {"start": "2027-07-01", "end": "2027-07-31"}},
                                        {"type": "rehearsal_space", "period": {"start": "2027-07-01",
                                                                               "end": "2027-07-31"}}]})
    assert [item.gain for item in half.to_add if item.key == "periods"] == [5]
    assert whole.percent > half.percent and "periods" not in [item.key for item in whole.to_add]


def test_the_size_of_a_space_counts_only_for_a_space_offered():
    """A room offered without its size is listed; with its seats it is not; workshops have no size."""
    room = {"type": "rehearsal_space", "period": {"start": "2027-07-01", "end": "2027-08-31"}}
    unsized = figure(full_profile(offers=[room]))
    assert [item.key for item in unsized.to_add] == ["space_size"] and unsized.percent == 95
    assert figure(full_profile(offers=[{**room, "space": {"seated": 80}}])).percent == 100
    workshops = figure(full_profile(offers=[{"type": "workshops", "period": room["period"]}]))
    assert (workshops.percent, workshops.to_add) == (100, [])


def test_a_short_description_earns_its_share():
    """A one-line description earns part of its points; the list asks for more."""
    short = figure(full_profile(description="Gemeenschapscentrum in Schaarbeek."))
    assert 80 < short.percent < 100 and [item.key for item in short.to_add] == ["description"]


# -- thin records from real directories ---------------------------------------------------------------
def real_thin_records() -> list[dict]:
    """Every Res Artis residency of 2014 (Belgian ones at their postcode), the demo's real Brussels and
    Flemish venues and centres, and names that look like offers: id, kind, name and place only."""
    records = []
    with open(RESARTIS, encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.DictReader(handle)):
            postcode = re.search(r"\b(\d{4})\b", row["address"]) if row["country"] == "Belgium" else None
            records.append({"id": f"resartis-{number}", "kind": "organisation", "name": row["name"].strip(),
                            "postcode": postcode.group(1) if postcode else ""})
    for line in DEMO_PROFILES.read_text(encoding="utf-8").splitlines():
        demo = json.loads(line)
        if demo.get("type") in REAL_KINDS:
            records.append({"id": f"demo-{demo['id']}", "kind": "organisation", "name": demo["name"],
                            "postcode": "1000"})
    records += [{"id": f"telling-{n}", "kind": "organisation", "name": name, "postcode": "1000"}
                for n, name in enumerate(TELLING_NAMES)]
    return records


@pytest.fixture
def thin_directory(matcher, tmp_path):
    """The real names, exported as a directory would (CSV: id, kind, name, postcode) and imported."""
    records = real_thin_records()
    path = tmp_path / "directory.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["id", "kind", "name", "postcode"])
        writer.writeheader()
        writer.writerows(records)
    report = matcher.import_files([path])
    assert report.added == len(records) and not report.problems
    return [record["id"] for record in records]


def test_thin_records_import_without_anything_read_from_their_names(matcher, thin_directory):
    """No offer, need, audience, discipline, theme or kind of partner comes from a name alone."""
    assert len(thin_directory) > 550
    invented = {}
    for profile_id in thin_directory:
        understood = matcher.understood(profile_id)
        found = {field: understood[field] for field in ("offers", "needs", "audiences", "disciplines", "themes",
                                                        "partner_kinds") if understood[field]}
        if found:
            invented[matcher.stored(profile_id).profile.name] = found
    assert invented == {}
    prepared = matcher.prepared_many(thin_directory)
    assert not any(p.offers or p.needs or p.audiences or p.disciplines for p in prepared)


def test_a_search_gets_no_offer_from_a_thin_record(matcher, thin_directory):
    """Asking for a studio, a workshop or an exhibition space, no thin record is said to offer one."""
    result = matcher.search("Ik zoek een studio of een atelier, een repetitieruimte en een tentoonstellingsruimte "
                            "in Brussel", limit=20)
    assert result.matches
    said = [(suggestion.name, reason.text) for suggestion in result.matches for reason in suggestion.reasons
            if reason.key not in ("distance", "not_offered")]
    assert said == []


def test_thin_records_are_told_what_to_add(matcher, thin_directory):
    """Every thin record is asked first for a description, then for what it offers and seeks."""
    figures = [completeness(stored.profile, stored.derived)
               for stored in map(matcher.stored, thin_directory)]
    assert max(result.percent for result in figures) <= 17
    assert {tuple(item.key for item in result.to_add[:3]) for result in figures} == {
        ("description", "offers", "needs")}


# -- through the real service ------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("completeness")
    with running_server(folder / "served.db", folder / "serve.log", MATCHER_ADMIN_KEY=ADMIN_KEY) as url:
        yield url


def test_the_api_gives_everyone_the_figure_and_the_owner_what_to_add(server):
    """GET /profiles/{id}: the figure for anyone, `to_add` only with the owner's or the admin's key; the
    body read can be sent back with PUT as it is."""
    with httpx.Client(base_url=server, timeout=10) as client:
        created = client.post("/profiles", json=thin())
        assert created.status_code == 201, created.text
        owner = {"Authorization": f"Bearer {created.json()['owner_key']}"}
        assert client.get("/profiles/thin").json()["completeness"] == {"percent": 17, "to_add": None}
        body = client.get("/profiles/thin", headers=owner).json()
        assert body["completeness"]["percent"] == 17
        assert [item["key"] for item in body["completeness"]["to_add"]] == [
            "description", "offers", "needs", "disciplines_or_themes", "audiences", "contact"]
        admin = client.get("/profiles/thin", headers={"Authorization": f"Bearer {ADMIN_KEY}"}).json()
        assert admin["completeness"] == body["completeness"]

        body["needs"] = [{"type": "coproduction_budget", "period": {"start": "2027-09-01", "end": "2027-12-31"}}]
        assert client.put("/profiles/thin", json=body, headers=owner).status_code == 200
        after = client.get("/profiles/thin", headers=owner).json()["completeness"]
        assert after["percent"] > 17 and "needs" not in [item["key"] for item in after["to_add"]]


def test_the_openapi_document_names_the_keys(server):
    """The schema lists every key `to_add` can hold, so clients can word them."""
    schema = httpx.get(f"{server}/openapi.json", timeout=10).json()["components"]["schemas"]
    assert set(schema["ToAddPublic"]["properties"]["key"]["enum"]) == set(WEIGHTS)


def test_every_key_and_its_points_are_documented():
    """docs/interface.md lists each key `to_add` can hold with its points, and only those."""
    interface = (PROJECT / "docs" / "interface.md").read_text(encoding="utf-8")
    table = interface.split("| key | add | points |", 1)[1].split("\n\n", 1)[0]
    documented = re.findall(r"^\| `([a-z_]+)` \| .+ \| (\d+) \|$", table, flags=re.MULTILINE)
    assert {key: int(points) for key, points in documented} == WEIGHTS
