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
    assert len(gazetteer().region("Vlaams-Brabant")) == len(gazetteer().region("Brabant flamand")) == 63
    assert len(gazetteer().region("Vlaanderen")) == 285  # since the mergers of 1 January 2025


@pytest.mark.parametrize("name, municipality, near", [
    ("Borgloon", "Tongeren-Borgloon", "3840"), ("Looz", "Tongeren-Borgloon", "3840"),
    ("Tongeren-Borgloon", "Tongeren-Borgloon", "3700"), ("Herne", "Pajottegem", "1540"),
    ("Pajottegem", "Pajottegem", "1755"), ("Borsbeek", "Antwerpen", "2150"), ("Kortessem", "Hasselt", "3723"),
    ("Zwijndrecht", "Beveren-Kruibeke-Zwijndrecht", "2070"), ("Moerbeke", "Lokeren", "9180"),
])
def test_merged_municipalities_of_2025(name, municipality, near):
    """A former municipality resolves to the merged one, at its own town; the new name resolves too."""
    place = gazetteer().resolve_text(name)
    town = gazetteer().resolve_text(near)
    assert place.municipality.name_nl == municipality
    assert distance_km(place.lat, place.lon, town.lat, town.lon) < 5


def test_a_merged_municipality_is_stored_by_its_new_name_from_postcode_and_point():
    """A postcode or a point in a former municipality lies in the merged one."""
    assert gazetteer().resolve_text("3840").municipality.name_nl == "Tongeren-Borgloon"
    assert gazetteer().resolve_text("50.8037, 5.3346").municipality.name_nl == "Tongeren-Borgloon"
    assert gazetteer().municipality("Tongeren-Borgloon").name("fr") == "Tongres-Borgloon"


@pytest.mark.parametrize("postcode, municipality", [("3700", "Tongeren-Borgloon"), ("9500", "Geraardsbergen"),
                                                    ("8600", "Diksmuide")])
def test_a_postcode_with_a_misplaced_village_still_resolves(postcode, municipality):
    """One village of the postcode list placed at a namesake far away does not make the postcode unknown."""
    assert gazetteer().resolve_text(postcode).municipality.name_nl == municipality


def test_arnhem_stays_in_the_netherlands():
    """A Dutch place with coordinates keeps its point, in no Belgian municipality, 166 km from Brussels."""
    arnhem = gazetteer().resolve(municipality="Arnhem", postcode="6811", lat=51.9851, lon=5.8987, country="NL")
    brussels = gazetteer().resolve_text("Brussel")
    assert arnhem.municipality is None and arnhem.country == "NL"
    assert 160 < distance_km(arnhem.lat, arnhem.lon, brussels.lat, brussels.lon) < 170


def test_maastricht_is_not_mellet():
    """A Dutch postcode is not looked up in the Belgian list: without coordinates there is no point."""
    maastricht = gazetteer().resolve(municipality="Maastricht", postcode="6211", country="NL")
    assert (maastricht.lat, maastricht.lon, maastricht.municipality) == (None, None, None)
    assert gazetteer().resolve_text("6211").label == "6211 Mellet"  # the Belgian 6211 is for Belgian places


def test_coordinates_abroad_without_a_country_lie_in_no_municipality():
    """A point in Arnhem given without a country keeps its point, and no Belgian municipality is made up."""
    place = gazetteer().resolve(lat=51.9851, lon=5.8987)
    assert (place.lat, place.lon, place.municipality, place.country) == (51.9851, 5.8987, None, None)


@pytest.mark.parametrize("name, count", [("Mechelen", 1), ("Limburg", 38), ("provincie Antwerpen", 67),
                                         ("Brussels Capital Region", 19), ("Borgloon", 1)])
def test_places_served(name, count):
    """A municipality served is one place; a province or region is each of its municipalities."""
    assert len(gazetteer().resolve_served(name)) == count


def test_an_unknown_place_served_is_reported():
    """A served place that is no municipality, province or region is refused by name."""
    with pytest.raises(PlaceNotFound, match="unknown municipality, province or region 'Atlantis'"):
        gazetteer().resolve_served("Atlantis")
