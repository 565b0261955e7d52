"""The profile model refuses bad records with the field and the reason."""
import pytest
from pydantic import ValidationError

from matcher.profile_files import explain, field_name
from matcher.profiles import Profile

from conftest import profile


def problems(record: dict) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        Profile.model_validate(record)
    return {field_name(e["loc"]): explain(e) for e in caught.value.errors()}


def test_minimal_profile_is_valid():
    """id, kind and name are enough."""
    assert Profile.model_validate(profile("x")).is_free_text_only


def test_missing_id_is_named():
    """A record without id says 'id is required'."""
    assert problems({"kind": "artist", "name": "A"}) == {"id": "is required"}


def test_unknown_discipline_names_the_value_and_position():
    """An unknown discipline key is refused with its position and the allowed keys."""
    found = problems(profile("x", disciplines=["dance", "jazzz"]))
    assert list(found) == ["disciplines[1]"]
    assert "'jazzz'" in found["disciplines[1]"] and "'theatre'" in found["disciplines[1]"]


def test_period_end_before_start():
    """A period that ends before it starts is refused on the period."""
    found = problems(profile("x", offers=[{"type": "residency",
                                           "period": {"start": "2027-08-01", "end": "2027-07-01"}}]))
    assert list(found) == ["offers[0].period"]
    assert "before start" in found["offers[0].period"]


def test_huge_description_is_refused_without_echoing_it():
    """A 10 MB description is refused, and the message stays short."""
    found = problems(profile("x", description="a" * 10_000_000))
    assert "10,000,000 characters; at most 10,000" in found["description"]
    assert len(found["description"]) < 200


def test_unknown_field_is_refused():
    """A misspelt field is not silently dropped."""
    assert problems(profile("x", disciplnes=["dance"])) == {"disciplnes": "is not a field of the profile format"}


@pytest.mark.parametrize("location, field", [
    ({}, "location"),
    ({"lat": 50.8}, "location"),
    ({"postcode": "10000"}, "location.postcode"),
])
def test_bad_locations(location, field):
    """A location needs a municipality, a postcode, or lat and lon together."""
    assert field in problems(profile("x", location=location))


def test_public_form_hides_contact():
    """The public form never carries contact details."""
    item = Profile.model_validate(profile("x", contact={"email": "a@example.org"}))
    assert "contact" not in item.public()
    assert item.exchange()["contact"] == {"email": "a@example.org"}
