"""The Matcher is the service's only door to the library's data, and errors are told apart by
class or code, never by their wording: the service's sources never reach the Store, each Matcher
method the service uses works on a real SQLite database, and an unknown and an ambiguous place
carry their own codes through to the page's message."""
from __future__ import annotations

import ast
import inspect
from pathlib import Path

import pytest
from conftest import PROJECT, profile
from fastapi.testclient import TestClient
from forms import post_form

import matcher.embedding
import matcher.engine
import matcher.errors
import matcher.evaluation
import matcher.places.gazetteer
import matcher.profile_files
import matcher.storage.store
import matcher.understanding.preparation
from matcher.alliances.proposals import profile_types
from matcher.errors import AmbiguousPlace, InvalidRequest, PlaceNotFound, ProfileNotFound
from matcher.owner_keys import hash_key, new_owner_key
from matcher.places.gazetteer import gazetteer
from matcher.profiles import Profile
from service.pages.messages import MESSAGES
from service.server import create_app
from service.settings import Settings

SERVICE_SOURCES = sorted((PROJECT / "service").rglob("*.py"))


def reaches_the_store(path: Path) -> list[str]:
    """What in one source file goes past the Matcher: importing matcher.storage, `Store`, `.store`."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("matcher.storage"):
            found.append(f"line {node.lineno}: from matcher.storage import ...")
        elif isinstance(node, ast.Import) and any(alias.name.startswith("matcher.storage") for alias in node.names):
            found.append(f"line {node.lineno}: import matcher.storage")
        elif isinstance(node, ast.Attribute) and node.attr in ("store", "storage"):
            found.append(f"line {node.lineno}: .{node.attr}")
        elif isinstance(node, ast.Name) and node.id == "Store":
            found.append(f"line {node.lineno}: Store")
    return found


@pytest.mark.parametrize("path", SERVICE_SOURCES, ids=lambda path: str(path.relative_to(PROJECT)))
def test_the_service_never_reaches_past_the_matcher(path):
    """No module under service/ imports matcher.storage or touches a Matcher's `.store`."""
    assert reaches_the_store(path) == []


def test_the_scan_sees_a_store_when_there_is_one(tmp_path):
    """The scan above is not blind: it finds each way of reaching the store."""
    source = tmp_path / "leaky.py"
    source.write_text("from matcher.storage.store import Store\nimport matcher.storage\n\n"
                      "def count(matcher):\n    return matcher.store.count() + Store(':memory:').count()\n",
                      encoding="utf-8")
    assert reaches_the_store(source) == ["line 1: from matcher.storage import ...",
                                         "line 2: import matcher.storage", "line 5: .store", "line 5: Store"]


# -- the Matcher's methods, on a real database --------------------------------------------------
@pytest.fixture
def stocked(matcher):
    """Three profiles: an organisation with a contact and an owner key, two artists imported without."""
    matcher.save_profile(Profile.model_validate(profile(
        "gc-noord", name="GC Noord", type="community_centre", location={"municipality": "Schaarbeek"},
        description="Gemeenschapscentrum met een dansstudio.", contact={"email": "noord@example.org"})),
        owner_key_hash=hash_key("the-owner-key"))
    for profile_id in ("cie-lumen", "trio-zuid"):
        matcher.save_profile(Profile.model_validate(profile(profile_id, "artist", description="Dansgezelschap.")))
    return matcher


def test_get_stored_exists_and_count(stocked):
    """A stored profile by id, with its contact and what was derived; unknown ids raise ProfileNotFound."""
    assert stocked.get("gc-noord").contact.email == "noord@example.org"
    assert stocked.stored("gc-noord").derived["place"]["municipality"] == "Schaarbeek"
    assert stocked.exists("gc-noord") and not stocked.exists("nobody")
    assert stocked.count() == 3
    for read in (stocked.get, stocked.stored, stocked.contact):
        with pytest.raises(ProfileNotFound, match="no profile with id 'nobody'"):
            read("nobody")


def test_list_profiles_pages_filters_and_counts(stocked):
    """A page in id order, with the total of all that fit, by kind and by words in the profile."""
    profiles, total = stocked.list_profiles(limit=2)
    assert [p.id for p in profiles] == ["cie-lumen", "gc-noord"] and total == 3
    profiles, total = stocked.list_profiles(limit=2, offset=2)
    assert [p.id for p in profiles] == ["trio-zuid"] and total == 3
    profiles, total = stocked.list_profiles(kind="artist", query="zuid")
    assert [p.id for p in profiles] == ["trio-zuid"] and total == 1


@pytest.mark.parametrize("arguments, field_name", [
    ({"kind": "band"}, "kind"), ({"limit": 0}, "limit"), ({"offset": -1}, "offset")])
def test_list_profiles_refuses_bad_arguments_naming_them(matcher, arguments, field_name):
    """Out-of-range arguments raise InvalidRequest naming the argument."""
    with pytest.raises(InvalidRequest) as caught:
        matcher.list_profiles(**arguments)
    assert caught.value.field_name == field_name


def test_contact_and_owner_key(stocked):
    """The contact as given; the owner key fits only its own profile, and a bulk import has none."""
    assert stocked.contact("gc-noord") == {"email": "noord@example.org"}
    assert stocked.contact("cie-lumen") is None
    assert stocked.is_owner("gc-noord", "the-owner-key")
    assert not stocked.is_owner("gc-noord", "another-key") and not stocked.is_owner("gc-noord", None)
    assert not stocked.is_owner("cie-lumen", "the-owner-key")
    with pytest.raises(ProfileNotFound):
        stocked.is_owner("nobody", "the-owner-key")


def test_new_owner_keys_differ_and_are_stored_hashed():
    """Two new keys differ; what is stored is their sha256, never the key."""
    first, second = new_owner_key(), new_owner_key()
    assert first != second and len(hash_key(first)) == 64 and first not in hash_key(first)


def test_profile_types_come_from_the_store(stocked):
    """The alliances read each profile's finer kind through a Store method, not their own SQL."""
    assert profile_types(stocked) == {"gc-noord": "community_centre", "cie-lumen": None, "trio-zuid": None}


def test_close_closes_the_database(stocked):
    """After close the database is not used any more."""
    stocked.close()
    with pytest.raises(Exception, match="closed"):
        stocked.count()


# -- errors in one module, told apart by code ---------------------------------------------------------
ERROR_CLASSES = [member for _, member in inspect.getmembers(matcher.errors, inspect.isclass)
                 if issubclass(member, Exception) and member.__module__ == "matcher.errors"]


@pytest.mark.parametrize("error_class", ERROR_CLASSES, ids=lambda error_class: error_class.__name__)
def test_every_error_has_a_code_and_a_one_line_summary(error_class):
    """Each error class says in one line what went wrong, and carries a code programs can test."""
    assert error_class.__doc__ and error_class.__doc__.strip().splitlines()[0].endswith(".")
    arguments = ("field", "reason") if error_class.__name__ in ("InvalidRequest", "InvalidPlace") else ("message",)
    assert error_class(*arguments).code


@pytest.mark.parametrize("module, name", [
    (matcher.engine, "InvalidRequest"), (matcher.engine, "MatcherError"), (matcher.storage.store, "ProfileNotFound"),
    (matcher.storage.store, "StorageError"), (matcher.places.gazetteer, "PlaceNotFound"),
    (matcher.understanding.preparation, "InvalidPlace"),
    (matcher.embedding, "ModelNotFound"), (matcher.profile_files, "ProfileFileError"),
    (matcher.evaluation, "JudgmentsError")])
def test_old_import_paths_give_the_same_classes(module, name):
    """Code importing an error from its old module gets the class in matcher.errors."""
    assert getattr(module, name) is getattr(matcher.errors, name)


@pytest.mark.parametrize("text, error_class, code", [
    ("Atlantis", PlaceNotFound, "unknown_place"), ("9999", PlaceNotFound, "unknown_place"),
    ("Haren", AmbiguousPlace, "ambiguous_place")])
def test_unknown_and_ambiguous_places_have_their_own_codes(text, error_class, code):
    """The gazetteer says which of the two went wrong by class and code."""
    with pytest.raises(PlaceNotFound) as caught:
        gazetteer().resolve_text(text)
    assert type(caught.value) is error_class and caught.value.code == code


@pytest.mark.parametrize("near, code", [("Atlantis", "unknown_place"), ("Haren", "ambiguous_place")])
def test_the_place_code_reaches_a_search(matcher, near, code):
    """A search near a place that cannot be placed raises InvalidRequest on `near` with the place's code."""
    with pytest.raises(InvalidRequest) as caught:
        matcher.search("een repetitieruimte", near=near)
    assert (caught.value.field_name, caught.value.code) == ("near", code)


@pytest.mark.parametrize("location, field_name, code", [
    ({"municipality": "Atlantis"}, "location.municipality", "unknown_place"),
    ({"municipality": "Haren"}, "location.municipality", "ambiguous_place"),
    ({"postcode": "9999"}, "location.postcode", "unknown_place")])
def test_the_place_code_reaches_a_save(matcher, location, field_name, code):
    """Saving a profile placed nowhere, or in two places, names the location field and the code."""
    with pytest.raises(InvalidRequest) as caught:
        matcher.save_profile(Profile.model_validate(profile("somewhere", location=location)))
    assert (caught.value.field_name, caught.value.code) == (field_name, code)


# -- the pages choose their message by code ------------------------------------------------------------
@pytest.fixture
def client(tmp_path):
    settings = Settings(db_path=str(tmp_path / "door.db"), model="hashing", rate_limit="off")
    with TestClient(create_app(settings)) as client:
        yield client


@pytest.mark.parametrize("near, message", [("Atlantis", "err_unknown_place"), ("Haren", "err_ambiguous_place")])
@pytest.mark.parametrize("path, params", [
    ("/ui/search", {"text": "een repetitieruimte"}), ("/ui/alliances", {"area": "near"})])
def test_search_and_alliance_pages_word_each_place_code(client, path, params, near, message):
    """An unknown and an ambiguous place each get their own message beside the place field."""
    response = client.get(path, params={**params, "near": near, "lang": "fr"})
    assert response.status_code == 422
    assert MESSAGES[message]["fr"] in response.text


@pytest.mark.parametrize("place, message", [("Atlantis", "err_unknown_place"), ("Haren", "err_ambiguous_place")])
def test_the_profile_form_words_each_place_code(client, place, message):
    """The new-profile form tells an unknown place from an ambiguous one."""
    response = post_form(client, "/ui/new-profile?lang=en", data={"kind": "artist", "name": "Trio", "place": place})
    assert response.status_code == 422
    assert MESSAGES[message]["en"] in response.text
