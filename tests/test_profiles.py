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


@pytest.mark.parametrize("written", [0, "0", 1_750_000_000, 1.5, True, "1700000000", "2027-07-01T00:00:00",
                                     "01/07/2027", None])
def test_a_date_is_written_year_month_day(written):
    """A number (once read as seconds since 1970, so 0 was stored as 1970-01-01) or any other form
    than YYYY-MM-DD is refused, on the end of the period that holds it."""
    found = problems(profile("x", offers=[{"type": "residency", "period": {"start": written, "end": "2027-08-01"}}],
                             needs=[{"type": "residency", "period": {"start": "2027-07-01", "end": written}}]))
    reason = "must be a date written YYYY-MM-DD" + (f" (got {written!r})" if written is not None else "")
    assert found == {"offers[0].period.start": reason, "needs[0].period.end": reason}


def test_a_date_with_spaces_around_is_read():
    """' 2027-07-01 ' is the 1st of July 2027, as other strings of the format are stripped."""
    period = Profile.model_validate(profile("x", offers=[{"type": "residency", "period": {
        "start": " 2027-07-01 ", "end": "2027-07-31"}}])).offers[0].period
    assert (period.start.isoformat(), period.days) == ("2027-07-01", 31)


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
