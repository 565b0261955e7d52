"""The HTTP service through FastAPI's TestClient: every route, every error, exact `detail` strings."""
from __future__ import annotations

import hashlib
import json
import sqlite3

import pytest
from fastapi.testclient import TestClient

from matcher.understanding.concepts import concept_phrases
from matcher.embedding import HashingEmbedder
from matcher.engine import Matcher
from matcher.understanding.lexicon import lexicon
from matcher.storage.store import Store
from service import auth
from service.body_limit import too_large_detail
from service.server import create_app
from service.settings import Settings

from conftest import profile

ADMIN_KEY = "admin-key-for-the-tests-0123456789"
ADMIN = {"Authorization": f"Bearer {ADMIN_KEY}"}
EMAIL, PHONE = "secret-contact@example.org", "+32 2 555 01 23"


def centre(id="gc-noord", **fields) -> dict:
    """A community centre in Schaerbeek that offers a rehearsal room and reaches young people."""
    return profile(id, "organisation", **{
        "description": "Gemeenschapscentrum met een dansstudio en een sterke jongerenwerking.",
        "disciplines": ["dance", "theatre"], "audiences": ["youth", "local_residents"],
        "location": {"municipality": "Schaarbeek"},
        "offers": [{"type": "rehearsal_space", "period": {"start": "2027-07-01", "end": "2027-08-31"}}],
        "needs": [{"type": "workshops", "audiences": ["youth"]}],
        "contact": {"email": EMAIL, "phone": PHONE}, **fields})


def company(id="cie-lumen", **fields) -> dict:
    """A dance company in Brussels looking for a rehearsal room in summer."""
    return profile(id, "artist", **{
        "description": "Dance company making a new piece with teenagers; we give workshops.",
        "disciplines": ["dance"], "audiences": ["youth"], "location": {"municipality": "Brussel"},
        "offers": [{"type": "workshops", "audiences": ["youth"]}],
        "needs": [{"type": "rehearsal_space", "period": {"start": "2027-07-15", "end": "2027-08-15"}}],
        "contact": {"email": f"{id}@example.org", "phone": "+32 470 00 00 00"}, **fields})


def bearer(key: str) -> dict:
    return {"Authorization": f"Bearer {key}"}


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(db_path=str(tmp_path / "service.db"), model="hashing", admin_key=ADMIN_KEY, rate_limit="off")


@pytest.fixture
def client(settings):
    with TestClient(create_app(settings)) as client:
        yield client


def create(client, body: dict) -> str:
    """Create a profile; returns its owner key."""
    response = client.post("/profiles", json=body)
    assert response.status_code == 201, response.text
    return response.json()["owner_key"]


@pytest.fixture
def owner_key(client) -> str:
    """gc-noord and cie-lumen exist; this is gc-noord's owner key."""
    key = create(client, centre())
    create(client, company())
    return key


def library_matcher(settings) -> Matcher:
    return Matcher(Store(settings.db_path), embedder=HashingEmbedder())


# -- health and documentation -------------------------------------------------

def test_health(client):
    """/health says ok, how many profiles there are and which model is used."""
    assert client.get("/health").json() == {"status": "ok", "profiles": 0, "model": "hashing-384"}
    create(client, centre())
    assert client.get("/health").json()["profiles"] == 1


def test_openapi_documents_every_route_with_models(client):
    """/openapi.json lists every route with a response schema; /docs serves the interactive page."""
    document = client.get("/openapi.json").json()
    operations = {(method.upper(), path) for path, item in document["paths"].items() for method in item}
    assert operations == {
        ("GET", "/health"), ("GET", "/profiles"), ("POST", "/profiles"), ("POST", "/profiles/bulk"),
        ("GET", "/profiles/{profile_id}"), ("PUT", "/profiles/{profile_id}"), ("DELETE", "/profiles/{profile_id}"),
        ("GET", "/profiles/{profile_id}/matches"), ("GET", "/profiles/{profile_id}/understood"), ("POST", "/search"),
        ("GET", "/profiles/{profile_id}/export"),
        ("POST", "/profiles/{profile_id}/key"),
        ("POST", "/alliances"), ("POST", "/introductions"), ("GET", "/introductions"),
        ("POST", "/introductions/{introduction_id}/accept"), ("POST", "/introductions/{introduction_id}/decline"),
        ("POST", "/introductions/{introduction_id}/withdraw"),
        ("POST", "/introductions/{introduction_id}/worked-together"),
    }
    for path, item in document["paths"].items():
        for method, operation in item.items():
            ok = next(code for code in operation["responses"] if code.startswith("2"))
            if ok != "204":
                assert "schema" in operation["responses"][ok]["content"]["application/json"], (method, path)
    assert document["components"]["schemas"]["ProfileCreate"]["examples"]
    assert "swagger" in client.get("/docs").text.lower()


def test_app_opens_nothing_until_started(tmp_path):
    """Building the app opens no database: the Matcher is created in the lifespan."""
    path = tmp_path / "later.db"
    app = create_app(Settings(db_path=str(path), model="hashing"))
    assert not path.exists()
    with TestClient(app) as client:
        assert client.get("/health").status_code == 200
    assert path.exists()


def test_restart_builds_the_index_from_the_cache(settings, monkeypatch):
    """A restarted service matches as before without embedding anything again."""
    with TestClient(create_app(settings)) as client:
        create(client, centre())
        create(client, company())
        before = client.get("/profiles/gc-noord/matches").json()

    def no_embedding(self, texts, progress=False):
        raise AssertionError(f"embedded again: {texts}")

    monkeypatch.setattr(HashingEmbedder, "encode", no_embedding)
    with TestClient(create_app(settings)) as client:
        assert client.get("/profiles/gc-noord/matches").json() == before


# -- create -------------------------------------------------------------------

def test_create_returns_the_profile_and_its_owner_key_once(client, settings):
    """POST /profiles answers 201 with the profile and an owner key; only the key's sha256 is stored."""
    response = client.post("/profiles", json=centre())
    assert response.status_code == 201
    body = response.json()
    assert response.headers["location"] == "/profiles/gc-noord"
    assert body["profile"]["contact"]["email"] == EMAIL
    key = body["owner_key"]
    assert len(key) >= 40
    stored = sqlite3.connect(settings.db_path).execute(
        "select owner_key_hash from profiles where id = 'gc-noord'").fetchone()[0]
    assert stored == hashlib.sha256(key.encode()).hexdigest()
    assert "owner_key" not in client.get("/profiles/gc-noord", headers=bearer(key)).json()


def test_create_existing_id_is_409(client, owner_key):
    """Creating an id that exists is a conflict, and leaves the profile as it was."""
    response = client.post("/profiles", json=centre(name="Someone Else"))
    assert response.status_code == 409
    assert response.json() == {"detail": "profile 'gc-noord' already exists; change it with PUT and its owner key"}
    assert client.get("/profiles/gc-noord").json()["name"] == "Gc Noord"


@pytest.mark.parametrize("change, detail", [
    ({"kind": "museum"}, "kind: unknown value 'museum'; expected one of 'organisation' or 'artist'"),
    ({"name": None}, "name: Input should be a valid string"),
    ({"colour": "blue"}, "colour: is not a known field"),
    ({"location": {"postcode": "10000"}},
     "location.postcode: '10000' is not a Belgian postcode (four digits); for a place abroad give "
     "location.country (got '10000')"),
    ({"offers": [{"type": "rehearsal_space", "period": {"start": "2027-08-01", "end": "2027-07-01"}}]},
     "offers[0].period: end 2027-07-01 is before start 2027-08-01"),
    ({"location": {"municipality": "Atlantis"}}, None),
    ({"contact": {"email": "a@example.org", "note": "\ud800"}},
     "contact.note: Input should be a valid string, unable to parse raw data as a unicode string (got '\\ud800')"),
])
def test_create_invalid_field_is_422_naming_it(client, change, detail):
    """An invalid profile is refused with 422; `detail` and `errors` name the field."""
    response = client.post("/profiles", content=json.dumps({**centre(), **change}),
                           headers={"Content-Type": "application/json"})
    assert response.status_code == 422
    body = response.json()
    field = body["errors"][0]["field"]
    assert field.startswith(next(iter(change)))
    if detail is not None:
        assert body["detail"] == detail
    else:
        assert body["detail"].startswith("location.municipality: ")
    assert client.get("/health").json()["profiles"] == 0


def test_create_missing_field(client):
    """A missing required field is named."""
    body = centre()
    del body["kind"]
    response = client.post("/profiles", json=body)
    assert response.status_code == 422
    assert response.json() == {"detail": "kind: is required", "errors": [{"field": "kind", "message": "is required"}]}


def test_malformed_json_is_400(client):
    """A body that is not JSON is a 400."""
    response = client.post("/profiles", content=b"{not json", headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert response.json() == {"detail": "body: invalid JSON: Expecting property name enclosed in double quotes "
                                          "at character 1"}


def test_missing_body_is_422(client):
    """No body at all: the body is named as missing."""
    response = client.post("/search")
    assert response.status_code == 422
    assert response.json()["detail"] == "body: is required"


# -- read and list --------------------------------------------------------------

def test_read_shows_contact_only_to_owner_and_admin(client, owner_key):
    """GET /profiles/{id} hides contact from anonymous callers and other keys."""
    assert client.get("/profiles/gc-noord").json()["contact"] is None
    assert client.get("/profiles/gc-noord", headers=bearer("not-a-key")).json()["contact"] is None
    other_key = create(client, company("cie-other"))
    assert client.get("/profiles/gc-noord", headers=bearer(other_key)).json()["contact"] is None
    assert client.get("/profiles/gc-noord", headers=bearer(owner_key)).json()["contact"]["email"] == EMAIL
    assert client.get("/profiles/gc-noord", headers=ADMIN).json()["contact"]["phone"] == PHONE


def test_read_unknown_is_404(client):
    """An unknown id is a 404 naming it."""
    response = client.get("/profiles/nobody")
    assert response.status_code == 404
    assert response.json() == {"detail": "no profile with id 'nobody'"}


def test_list_is_paginated_and_filtered(client, owner_key):
    """GET /profiles pages by id and filters by kind and text."""
    create(client, company("cie-aura"))
    page = client.get("/profiles", params={"limit": 2, "offset": 1}).json()
    assert [p["id"] for p in page["items"]] == ["cie-lumen", "gc-noord"]
    assert (page["total"], page["limit"], page["offset"]) == (3, 2, 1)
    artists = client.get("/profiles", params={"kind": "artist"}).json()
    assert [p["id"] for p in artists["items"]] == ["cie-aura", "cie-lumen"]
    assert artists["total"] == 2
    found = client.get("/profiles", params={"q": "Gemeenschapscentrum"}).json()
    assert [p["id"] for p in found["items"]] == ["gc-noord"]


@pytest.mark.parametrize("params, detail", [
    ({"limit": 0}, "limit: Input should be greater than or equal to 1 (got '0')"),
    ({"limit": 101}, "limit: Input should be less than or equal to 100 (got '101')"),
    ({"limit": "ten"}, "limit: Input should be a valid integer, unable to parse string as an integer (got 'ten')"),
    ({"offset": -1}, "offset: Input should be greater than or equal to 0 (got '-1')"),
    ({"kind": "museum"}, "kind: unknown value 'museum'; expected one of 'organisation' or 'artist'"),
])
def test_list_bad_parameters_are_422(client, params, detail):
    """Out-of-range paging and unknown kinds are refused, naming the parameter."""
    response = client.get("/profiles", params=params)
    assert response.status_code == 422
    assert response.json()["detail"] == detail


# -- replace ------------------------------------------------------------------

def test_owner_replaces_and_the_index_follows(client, owner_key):
    """PUT with the owner key replaces the profile; matches see the change at once."""
    response = client.put("/profiles/gc-noord", json=centre(name="GC Noord Renewed"), headers=bearer(owner_key))
    assert response.status_code == 200
    assert response.json()["name"] == "GC Noord Renewed"
    assert client.get("/profiles/gc-noord").json()["name"] == "GC Noord Renewed"
    names = [m["name"] for m in client.get("/profiles/cie-lumen/matches").json()["matches"]]
    assert names == ["GC Noord Renewed"]
    # the owner key still works after a replace
    assert client.delete("/profiles/gc-noord", headers=bearer(owner_key)).status_code == 204


def test_admin_replaces_any_profile(client, owner_key):
    """The admin key may replace a profile it does not own."""
    response = client.put("/profiles/gc-noord", json=centre(name="By Admin"), headers=ADMIN)
    assert response.status_code == 200


def test_replace_without_key_is_401(client, owner_key):
    """PUT without a key is a 401 asking for one."""
    response = client.put("/profiles/gc-noord", json=centre())
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert response.json() == {"detail": "this needs Authorization: Bearer KEY "
                                         "(the profile's owner key or the admin key)"}


@pytest.mark.parametrize("key", ["wrong-key", "cie-lumen's key"])
def test_replace_with_another_key_is_403(client, owner_key, key):
    """PUT with a key that is neither the owner's nor the admin's is a 403; another profile's key included."""
    if key == "cie-lumen's key":
        key = create(client, company("cie-other"))
    response = client.put("/profiles/gc-noord", json=centre(name="Hijacked"), headers=bearer(key))
    assert response.status_code == 403
    assert response.json() == {"detail": "this key may not change profile 'gc-noord'"}
    assert client.get("/profiles/gc-noord").json()["name"] == "Gc Noord"


def test_replace_id_must_match_path(client, owner_key):
    """The body's id must be the path's."""
    response = client.put("/profiles/gc-noord", json=centre("gc-zuid"), headers=bearer(owner_key))
    assert response.status_code == 422
    assert response.json() == {"detail": "id: must be the id in the path, 'gc-noord'; got 'gc-zuid'",
                               "errors": [{"field": "id", "message": "must be the id in the path, 'gc-noord'; "
                                                                     "got 'gc-zuid'"}]}


def test_replace_unknown_is_404(client):
    """PUT does not create: an unknown id is a 404."""
    response = client.put("/profiles/gc-noord", json=centre(), headers=ADMIN)
    assert response.status_code == 404
    assert response.json() == {"detail": "no profile with id 'gc-noord'"}


# -- delete -------------------------------------------------------------------

def test_owner_deletes_for_good(client, owner_key, settings):
    """DELETE removes the row, its offers and needs and its cached embeddings, and it leaves the matches."""
    assert [m["id"] for m in client.get("/profiles/cie-lumen/matches").json()["matches"]] == ["gc-noord"]
    response = client.delete("/profiles/gc-noord", headers=bearer(owner_key))
    assert response.status_code == 204
    assert response.content == b""
    assert client.get("/profiles/gc-noord").status_code == 404
    assert client.get("/profiles/cie-lumen/matches").json()["matches"] == []
    db = sqlite3.connect(settings.db_path)
    for table in ("profiles", "offers", "needs"):
        column = "id" if table == "profiles" else "profile_id"
        assert db.execute(f"select count(*) from {table} where {column} = 'gc-noord'").fetchone()[0] == 0
    # cie-lumen's own words and the concept labels are left
    assert db.execute("select count(*) from embeddings").fetchone()[0] == 1 + len(concept_phrases(lexicon()))


def test_admin_deletes_any_profile(client, owner_key):
    """The admin key may delete any profile."""
    assert client.delete("/profiles/gc-noord", headers=ADMIN).status_code == 204


@pytest.mark.parametrize("headers, status, detail", [
    ({}, 401, "this needs Authorization: Bearer KEY (the profile's owner key or the admin key)"),
    ({"Authorization": "Basic abc"}, 401,
     "this needs Authorization: Bearer KEY (the profile's owner key or the admin key)"),
    (bearer("wrong-key"), 403, "this key may not change profile 'gc-noord'"),
])
def test_delete_refused(client, owner_key, headers, status, detail):
    """DELETE without the owner or admin key is refused and deletes nothing."""
    response = client.delete("/profiles/gc-noord", headers=headers)
    assert (response.status_code, response.json()) == (status, {"detail": detail})
    assert client.get("/profiles/gc-noord").status_code == 200


def test_delete_unknown_is_404(client):
    """DELETE of an unknown id is a 404."""
    response = client.delete("/profiles/nobody", headers=ADMIN)
    assert (response.status_code, response.json()) == (404, {"detail": "no profile with id 'nobody'"})


# -- admin and bulk -------------------------------------------------------------

def test_bulk_import_needs_the_admin_key(client, owner_key):
    """POST /profiles/bulk stores many profiles with the admin key, and refuses every other key."""
    body = [company("cie-a"), company("cie-b"), centre(name="Replaced")]
    assert client.post("/profiles/bulk", json=body).json() == {
        "detail": "this needs Authorization: Bearer KEY with the admin key"}
    refused = client.post("/profiles/bulk", json=body, headers=bearer(owner_key))
    assert (refused.status_code, refused.json()) == (403, {"detail": "this key is not the admin key"})
    response = client.post("/profiles/bulk", json=body, headers=ADMIN)
    assert response.status_code == 200
    assert response.json() == {"added": 2, "replaced": 1, "refused": 0, "problems": []}
    assert client.get("/health").json()["profiles"] == 4
    assert "cie-b" in {m["id"] for m in client.get("/profiles/cie-a/matches").json()["matches"]}


def test_bulk_with_an_invalid_profile_stores_nothing(client):
    """One unplaceable profile refuses the whole import, naming its position and field."""
    body = [company("cie-a"), company("cie-b", location={"municipality": "Atlantis"})]
    response = client.post("/profiles/bulk", json=body, headers=ADMIN)
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert detail.startswith("1 invalid profile(s), nothing imported: [1].location.municipality: ")
    assert response.json()["errors"][0]["field"] == "[1].location.municipality"
    assert client.get("/health").json()["profiles"] == 0
    skipped = client.post("/profiles/bulk", params={"skip_invalid": True}, json=body, headers=ADMIN).json()
    assert (skipped["added"], skipped["refused"], skipped["problems"][0]["where"]) == (1, 1, "[1]")


@pytest.mark.parametrize("body, detail", [
    ([company("cie-a"), company("cie-a")], "1 invalid profile(s), nothing imported: [1].id: id 'cie-a' appears "
                                           "twice (first at body: [0])"),
    ([company("cie-a"), {"id": "x", "kind": "artist"}], "[1].name: is required"),
    ({"id": "x"}, "body: Input should be a valid list"),
])
def test_bulk_bad_bodies_are_422(client, body, detail):
    """Duplicate ids and invalid records are named by their position in the array."""
    response = client.post("/profiles/bulk", json=body, headers=ADMIN)
    assert (response.status_code, response.json()["detail"]) == (422, detail)


def test_admin_calls_refused_without_an_admin_key(tmp_path):
    """With no MATCHER_ADMIN_KEY configured admin calls are 403, whatever key is sent; owners still work."""
    settings = Settings(db_path=str(tmp_path / "m.db"), model="hashing", rate_limit="off")
    with TestClient(create_app(settings)) as client:
        key = create(client, centre())
        for headers in ({}, bearer("anything-at-all-here")):
            response = client.post("/profiles/bulk", json=[company()], headers=headers)
            assert (response.status_code, response.json()) == (403, {"detail": auth.NO_ADMIN_CONFIGURED})
        assert client.put("/profiles/gc-noord", json=centre(), headers=bearer(ADMIN_KEY)).status_code == 403
        assert client.put("/profiles/gc-noord", json=centre(), headers=bearer(key)).status_code == 200


# -- matches, search, understood ------------------------------------------------

def test_matches_are_the_library_answer(client, owner_key, settings):
    """GET /profiles/{id}/matches answers exactly what `matcher match --json` prints."""
    response = client.get("/profiles/gc-noord/matches", params={"limit": 5})
    assert response.status_code == 200
    expected = library_matcher(settings).match("gc-noord", limit=5).as_dict()
    assert response.json() == expected
    assert expected["matches"][0]["id"] == "cie-lumen"


def test_matches_filter_by_kind(client, owner_key):
    """`kind` keeps only organisations or artists."""
    create(client, centre("gc-zuid"))
    kinds = {m["kind"] for m in client.get("/profiles/cie-lumen/matches", params={"kind": "artist"}).json()["matches"]}
    assert kinds <= {"artist"}


def test_matches_see_new_profiles_without_restart(client, owner_key):
    """A profile created over HTTP is matched at once (the index is updated, not rebuilt)."""
    create(client, company("cie-nieuw"))
    ids = [m["id"] for m in client.get("/profiles/gc-noord/matches").json()["matches"]]
    assert "cie-nieuw" in ids


@pytest.mark.parametrize("path, params, status, detail", [
    ("/profiles/nobody/matches", {}, 404, "no profile with id 'nobody'"),
    ("/profiles/gc-noord/matches", {"limit": 0}, 422, "limit: Input should be greater than or equal to 1 (got '0')"),
    ("/profiles/gc-noord/matches", {"limit": 101}, 422,
     "limit: Input should be less than or equal to 100 (got '101')"),
    ("/profiles/gc-noord/matches", {"kind": "people"}, 422,
     "kind: unknown value 'people'; expected one of 'organisation' or 'artist'"),
    ("/profiles/nobody/understood", {}, 404, "no profile with id 'nobody'"),
])
def test_matches_bad_requests(client, owner_key, path, params, status, detail):
    """Unknown ids are 404, out-of-range limits and unknown kinds 422."""
    response = client.get(path, params=params)
    assert (response.status_code, response.json()["detail"]) == (status, detail)


def test_search_is_the_library_answer(client, owner_key, settings):
    """POST /search answers exactly what `matcher search --json` prints."""
    request = {"text": "a rehearsal room for a dance piece with teenagers", "near": "Brussel",
               "kind": "organisation", "limit": 3}
    response = client.post("/search", json=request)
    assert response.status_code == 200
    expected = library_matcher(settings).search(request["text"], near="Brussel", kind="organisation",
                                                limit=3).as_dict()
    assert response.json() == expected
    assert [m["id"] for m in expected["matches"]] == ["gc-noord"]


@pytest.mark.parametrize("body, detail", [
    ({"text": ""}, "text: String should have at least 1 character (got '')"),
    ({"text": "   "}, "text: must not be empty"),
    ({"text": "dance", "limit": 101}, "limit: Input should be less than or equal to 100 (got 101)"),
    ({"text": "dance", "limit": True}, "limit: Input should be a valid integer (got True)"),
    ({"text": "dance", "kind": "museum"}, "kind: unknown value 'museum'; expected one of 'organisation' or 'artist'"),
    ({"text": "dance", "colour": "blue"}, "colour: is not a known field"),
    ({"text": "x" * 10_001}, "text: is 10,001 characters; at most 10,000 allowed"),
    ({"near": "Brussel"}, "text: is required"),
])
def test_search_bad_requests_are_422(client, body, detail):
    """Invalid search requests are 422s naming the field."""
    response = client.post("/search", json=body)
    assert (response.status_code, response.json()["detail"]) == (422, detail)


@pytest.mark.parametrize("near, detail", [
    ("Atlantis", "near: unknown municipality 'Atlantis'"),
    ("9999", "near: unknown Belgian postcode '9999'"),
    ("999,999", "near: coordinates '999,999' are out of range: latitude -90 to 90, longitude -180 to 180"),
])
def test_search_unknown_place_is_422_naming_near(client, near, detail):
    """A place the gazetteer cannot place is refused, naming `near`."""
    response = client.post("/search", json={"text": "dance", "near": near})
    assert (response.status_code, response.json()["detail"]) == (422, detail)
    assert response.json()["errors"][0]["field"] == "near"


@pytest.mark.parametrize("method, path, body", [
    ("POST", "/search", {"text": "\x00 😀 \u202e", "near": "50.85;4.35"}),
    ("POST", "/search", {"text": "in juli 2027 zoeken we 5000 euro " * 300}),
    ("POST", "/search", {"text": "dance", "near": "1,2,3"}),
    ("POST", "/search", {"text": "dance", "limit": True}),
    ("POST", "/search", {"text": "dance", "limit": 1e300}),
    ("POST", "/search", [1, 2]),
    ("POST", "/profiles", {"id": "a?#%", "kind": "artist", "name": "\x00", "location": {"lat": 0, "lon": 0}}),
    ("POST", "/profiles", {"id": "x", "kind": "artist", "name": "x", "location": {"lat": 50.8}}),
    ("POST", "/profiles", '{"id": "x", "kind": "artist", "name": "x", "max_distance_km": NaN, '
                          '"offers": [{"type": "promotion", "amount_eur": 1e400}]}'),
    ("POST", "/profiles/bulk", []),
    ("GET", "/profiles?offset=100000000000000000000000", None),
    ("GET", "/profiles?q=%25%25__%00", None),
    ("GET", "/profiles/%F0%9F%98%80/matches?limit=100", None),
])
def test_odd_input_never_answers_500(client, method, path, body):
    """Odd but possible input gets an answer below 500."""
    if isinstance(body, str):  # raw text, for what JSON encoders refuse to write (NaN, 1e400)
        response = client.request(method, path, content=body, headers={**ADMIN, "Content-Type": "application/json"})
    else:
        response = client.request(method, path, json=body, headers=ADMIN)
    assert response.status_code < 500, response.text


def test_understood(client, owner_key, settings):
    """GET /profiles/{id}/understood shows what was read from the description, as stored, with its evidence."""
    response = client.get("/profiles/gc-noord/understood")
    assert response.status_code == 200
    library = library_matcher(settings)
    assert response.json() == {"profile_id": "gc-noord", **library.understood_with_evidence("gc-noord").as_dict()}
    assert response.json()["understood"] == library.understood("gc-noord")


# -- privacy ------------------------------------------------------------------

def test_anonymous_callers_never_see_contact(client, owner_key):
    """No route shows an email or phone number to a caller without the owner or admin key."""
    create(client, company("cie-aura"))
    client.post("/profiles/bulk", json=[company("cie-bulk")], headers=ADMIN)
    secrets_shown = [EMAIL, PHONE, "@example.org", "+32"]
    answers = [
        client.get("/profiles"),
        client.get("/profiles", params={"q": "example.org"}),
        client.get("/profiles", params={"q": "secret-contact"}),
        client.get("/profiles", params={"limit": 100}, headers=ADMIN),
        client.post("/search", json={"text": "dance rehearsal youth Schaarbeek"}),
    ]
    for profile_id in ("gc-noord", "cie-lumen", "cie-aura", "cie-bulk"):
        answers += [client.get(f"/profiles/{profile_id}"),
                    client.get(f"/profiles/{profile_id}", headers=bearer("guess")),
                    client.get(f"/profiles/{profile_id}/matches"),
                    client.get(f"/profiles/{profile_id}/understood")]
    for answer in answers:
        assert answer.status_code == 200, answer.request.url
        for secret in secrets_shown:
            assert secret not in answer.text, (answer.request.url, secret)
    assert client.get("/profiles", params={"q": "example.org"}).json()["total"] == 0


# -- errors -------------------------------------------------------------------

def test_unknown_routes_and_methods_answer_json(client):
    """Unknown paths are 404 and wrong methods 405, both as JSON."""
    assert client.get("/nowhere").json() == {"detail": "Not Found"}
    response = client.patch("/profiles/gc-noord", json={})
    assert (response.status_code, response.json()) == (405, {"detail": "Method Not Allowed"})


def test_unexpected_errors_are_json_500_without_internals(tmp_path, monkeypatch):
    """A bug becomes a JSON 500 that reveals nothing, never a stack trace."""
    def broken(self, *args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(Matcher, "match", broken)
    settings = Settings(db_path=str(tmp_path / "m.db"), model="hashing", rate_limit="off")
    with TestClient(create_app(settings), raise_server_exceptions=False) as client:
        response = client.get("/profiles/x/matches")
    assert response.status_code == 500
    assert response.json() == {"detail": "internal error: the server log has the details"}


def test_body_over_the_limit_is_413(tmp_path):
    """Bodies over the limit are refused, by Content-Length and by the bytes actually sent."""
    settings = Settings(db_path=str(tmp_path / "m.db"), model="hashing", rate_limit="off", max_body_bytes=2000)
    with TestClient(create_app(settings)) as client:
        big = {"text": "x" * 3000}
        response = client.post("/search", json=big)
        assert (response.status_code, response.json()) == (413, {"detail": too_large_detail(2000)})
        assert response.json() == {"detail": "request body is larger than the limit of 2,000 bytes"}

        def chunks():  # no Content-Length: sent chunked
            yield b'{"text": "'
            yield b"x" * 3000
            yield b'"}'

        streamed = client.post("/search", content=chunks(), headers={"Content-Type": "application/json"})
        assert (streamed.status_code, streamed.json()) == (413, {"detail": too_large_detail(2000)})
        lying = client.post("/search", content=json.dumps(big).encode(),
                            headers={"Content-Type": "application/json", "Content-Length": "20"})
        assert (lying.status_code, lying.json()) == (413, {"detail": too_large_detail(2000)})
        assert client.post("/search", json={"text": "dance"}).status_code == 200
        assert client.get("/health").status_code == 200
