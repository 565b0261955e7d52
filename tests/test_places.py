"""Places resolve from Dutch or French names, postcodes and coordinates; unknown places are reported."""
import pytest

from matcher.places.gazetteer import PlaceNotFound, distance_km, gazetteer


@pytest.mark.parametrize("name", ["Schaerbeek", "Schaarbeek", "SCHAARBEEK", "schaerbeek", "1030"])
def test_schaerbeek_in_any_form(name):
    """Dutch, French, any case, or the postcode: all land in Schaarbeek."""
    place = gazetteer().resolve_text(name)
    assert place.municipality.nis == "21015"


@pytest.mark.parametrize("name, nis", [
    ("Sint-Joost-ten-Node", "21014"), ("saint-josse-ten-noode", "21014"), ("Liège", "62063"),
    ("liege", "62063"), ("Elsene", "21009"), ("Ixelles", "21009"), ("Brussels", "21004"),
])
def test_accents_hyphens_and_english_names(name, nis):
    """Accents, hyphens and common English names do not matter."""
    assert gazetteer().resolve_text(name).municipality.nis == nis


def test_village_and_postcode_of_a_deelgemeente():
    """A village name from the postcode list resolves to a point near it."""
    by_name = gazetteer().resolve_text("Strombeek-Bever")
    by_code = gazetteer().resolve_text("1853")
    assert distance_km(by_name.lat, by_name.lon, by_code.lat, by_code.lon) < 0.5


def test_coordinates_are_taken_as_given():
    """lat,lon text gives that point."""
    place = gazetteer().resolve_text("50.8466, 4.3517")
    assert (place.lat, place.lon) == (50.8466, 4.3517)
    assert place.municipality.name_nl == "Brussel"


@pytest.mark.parametrize("text, message", [
    ("Atlantis", "unknown municipality 'Atlantis'"),
    ("9999", "unknown Belgian postcode '9999'"),
    ("Haren", "several places"),
    ("", "empty place"),
])
def test_unresolvable_places_are_reported(text, message):
    """Nothing is guessed: an unknown or ambiguous place raises with the reason."""
    with pytest.raises(PlaceNotFound, match=message):
        gazetteer().resolve_text(text)


def test_distance_brussels_leuven():
    """Haversine distance Brussels-Leuven is about 24 km."""
    brussels = gazetteer().resolve_text("Brussel")
    leuven = gazetteer().resolve_text("Leuven")
    assert 22 < distance_km(brussels.lat, brussels.lon, leuven.lat, leuven.lon) < 27


def test_regions_and_provinces():
    """Regions and provinces list their municipalities, in any of the three languages."""
    assert len(gazetteer().region("Brussels Capital Region")) == 19
    assert len(gazetteer().region("Vlaams-Brabant")) == len(gazetteer().region("Brabant flamand")) == 65
