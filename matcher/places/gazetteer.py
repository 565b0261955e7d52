"""Where a profile is: municipality names, postcodes and coordinates to a point.

Uses the public gazetteer shipped in data/geo (Statbel municipalities, bpost
postcodes, the Flemish mergers of 1 January 2025). Names match in Dutch or
French, any case, with or without accents and hyphens ("Schaerbeek",
"schaarbeek", "SINT-JOOST-TEN-NODE"). A place that cannot be resolved raises
`PlaceNotFound` (`AmbiguousPlace` for a name shared by places far apart);
nothing is guessed.

Municipalities are those of today: a former municipality's name ("Borgloon")
resolves to the merged one (Tongeren-Borgloon) at the former town's own point.
Only Belgian places are looked up: a place in another country is known by its
coordinates or not at all, and a point outside Belgium lies in no municipality.
"""
from __future__ import annotations

import csv
import math
import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from matcher.errors import AmbiguousPlace, PlaceNotFound
from matcher.paths import DATA_DIR

GEO_DIR = DATA_DIR / "geo"
MERGERS_FILE = "be_mergers_2025.csv"
HOME_COUNTRY = "BE"  # the only country whose names and postcodes the gazetteer knows
EARTH_RADIUS_KM = 6371.0088
# A postcode whose villages lie further apart than this has no single point.
POSTCODE_SPREAD_LIMIT_KM = 15.0

# English and common alternative names people write for Belgian places.
ALIASES = {
    "brussels": "Brussel",
    "brussels capital": "Brussels Hoofdstedelijk Gewest",
    "city of brussels": "Brussel",
    "ville de bruxelles": "Brussel",
    "stad brussel": "Brussel",
    "antwerp": "Antwerpen",
    "ghent": "Gent",
    "bruges": "Brugge",
    "louvain": "Leuven",
    "malines": "Mechelen",
    "molenbeek": "Sint-Jans-Molenbeek",
    "sint jans molenbeek": "Sint-Jans-Molenbeek",
    "saint josse": "Sint-Joost-ten-Node",
    "sint joost": "Sint-Joost-ten-Node",
    "woluwe saint lambert": "Sint-Lambrechts-Woluwe",
    "woluwe saint pierre": "Sint-Pieters-Woluwe",
    "watermael boitsfort": "Watermaal-Bosvoorde",
    "berchem sainte agathe": "Sint-Agatha-Berchem",
}


@dataclass(frozen=True)
class Municipality:
    nis: str
    name_nl: str
    name_fr: str
    region: str
    province: str
    main_postcode: str
    population: int
    lat: float
    lon: float
    former: tuple[str, ...] = ()  # Dutch names of the municipalities merged into it, largest first

    def name(self, language: str = "nl") -> str:
        return self.name_fr if language == "fr" else self.name_nl


@dataclass(frozen=True)
class Place:
    """A resolved point, with the municipality it lies in when known. A place abroad given
    without coordinates has no point (lat and lon None)."""

    lat: float | None
    lon: float | None
    municipality: Municipality | None
    label: str
    country: str | None = "BE"  # None: a point outside Belgium whose country was not given


def fold(text: str) -> str:
    """Lower case, no accents, hyphens and apostrophes as spaces, single spaces."""
    if text.isascii():  # most text: nothing to take accents off, and this runs for every sentence read
        no_accents = text
    else:
        decomposed = unicodedata.normalize("NFKD", text)
        no_accents = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    spaced = re.sub(r"[\s\-'’`.,/()]+", " ", no_accents.casefold())
    return spaced.strip()


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle (haversine) distance."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlambda = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


class Gazetteer:
    """Belgian municipalities and postcodes, looked up by folded name or number."""

    def __init__(self, geo_dir: Path = GEO_DIR):
        self.geo_dir = Path(geo_dir)
        self.municipalities: list[Municipality] = []
        self._by_name: dict[str, Municipality] = {}
        # a name of a municipality as it was before a merger (folded) -> that former municipality
        self._former: dict[str, Municipality] = {}
        self._by_postcode_main: dict[str, Municipality] = {}
        self._postcode_points: dict[str, list[tuple[float, float, str]]] = {}
        self._village_points: dict[str, list[tuple[float, float, str]]] = {}
        self._regions: dict[str, list[Municipality]] = {}
        self._by_nis: dict[str, Municipality] = {}
        self._load()

    def _load(self) -> None:
        with open(self.geo_dir / "be_municipalities.csv", encoding="utf-8") as handle:
            shipped = [Municipality(
                nis=row["nis"], name_nl=row["name_nl"], name_fr=row["name_fr"],
                region=row["region_nl"], province=row["province_nl"],
                main_postcode=row["main_postcode"],
                population=int(row["population_2020"] or 0),
                lat=float(row["lat"]), lon=float(row["lon"]),
            ) for row in csv.DictReader(handle)]
        current = self._merged(shipped)
        for municipality in dict.fromkeys(current[m.nis] for m in shipped):
            self.municipalities.append(municipality)
            self._by_name.setdefault(fold(municipality.name_nl), municipality)
            self._by_name.setdefault(fold(municipality.name_fr), municipality)
            for area in (municipality.region, municipality.province):
                if area:
                    self._regions.setdefault(fold(area), []).append(municipality)
        for former in shipped:
            today = current[former.nis]
            self._by_nis[former.nis] = today
            self._by_postcode_main.setdefault(former.main_postcode, today)
            if today.former:
                for name in (former.name_nl, former.name_fr):
                    self._by_name.setdefault(fold(name), today)
                    self._former.setdefault(fold(name), former)
        with open(self.geo_dir / "be_postcodes.csv", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                point = (float(row["lat"]), float(row["lon"]), row["place"])
                self._postcode_points.setdefault(row["postcode"], []).append(point)
                self._village_points.setdefault(fold(row["place"]), []).append(point)
        self._add_region_aliases()

    def _merged(self, shipped: list[Municipality]) -> dict[str, Municipality]:
        """Each shipped (2019) municipality's NIS code -> the municipality it is part of today.

        A merged municipality takes its point, main postcode, province and code from its most
        populous part, and the names and population of the whole (mergers CSV, data/README.md)."""
        by_nis = {m.nis: m for m in shipped}
        parts: dict[tuple[str, str], list[Municipality]] = {}
        with open(self.geo_dir / MERGERS_FILE, encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                parts.setdefault((row["municipality_nl"], row["municipality_fr"]), []).append(
                    by_nis[row["former_nis"]])
        current = dict(by_nis)
        for (name_nl, name_fr), members in parts.items():
            members.sort(key=lambda m: -m.population)
            merged = replace(members[0], name_nl=name_nl, name_fr=name_fr,
                             population=sum(m.population for m in members),
                             former=tuple(m.name_nl for m in members))
            for member in members:
                current[member.nis] = merged
        return current

    def _add_region_aliases(self) -> None:
        regions = self._regions
        aliases = {
            "brussels hoofdstedelijk gewest": ["brussels capital region", "region de bruxelles capitale",
                                               "brussels gewest", "brussels region", "bruxelles capitale"],
            "vlaams gewest": ["vlaanderen", "flanders", "flandre", "region flamande"],
            "waals gewest": ["wallonie", "wallonia", "walloon region", "region wallonne"],
            "provincie vlaams brabant": ["vlaams brabant", "brabant flamand", "flemish brabant"],
            "provincie antwerpen": ["antwerpen provincie", "province d anvers", "province of antwerp"],
            "provincie oost vlaanderen": ["oost vlaanderen", "flandre orientale", "east flanders"],
            "provincie west vlaanderen": ["west vlaanderen", "flandre occidentale", "west flanders"],
            "provincie limburg": ["limburg", "limbourg"],
            "provincie waals brabant": ["waals brabant", "brabant wallon", "walloon brabant"],
            "provincie henegouwen": ["henegouwen", "hainaut"],
            "provincie luik": ["province de liege", "province of liege"],
            "provincie namen": ["province de namur", "province of namur"],
            "provincie luxemburg": ["luxembourg belge", "province de luxembourg", "province of luxembourg"],
        }
        for canonical, names in aliases.items():
            for name in names:
                if canonical in regions:
                    regions.setdefault(name, regions[canonical])

    # -- look-ups -------------------------------------------------------
    def municipality(self, name: str) -> Municipality | None:
        """Today's municipality a name (Dutch, French, English, or of a former municipality) is of."""
        return self._by_name.get(self._name_key(name))

    def former_municipality(self, name: str) -> Municipality | None:
        """The municipality a name was of before a merger ("Borgloon"), with its own point; None
        for a name of today's municipality that was never merged."""
        return self._former.get(self._name_key(name))

    def _name_key(self, name: str) -> str:
        key = fold(name)
        if key in self._by_name:
            return key
        alias = ALIASES.get(key)
        return fold(alias) if alias else key

    def region(self, name: str) -> list[Municipality]:
        """Municipalities of a region or province ("Vlaams-Brabant", "Brussels Capital Region")."""
        key = fold(name)
        key = fold(ALIASES.get(key, key))
        return list(self._regions.get(key) or self._regions.get("provincie " + key) or [])

    def postcode_point(self, postcode: str) -> tuple[float, float, str] | None:
        points = self._postcode_points.get(postcode)
        if not points:
            return None
        return _single_point(points) or _single_point(_without_strays(points))

    def village_point(self, name: str) -> tuple[float, float, str] | None:
        points = self._village_points.get(fold(name))
        return _single_point(points) if points else None

    def town_centre(self, municipality: Municipality) -> tuple[float, float]:
        """The point of the main postcode (the town centre) rather than the area
        centroid, which for the City of Brussels lies out in Laeken."""
        point = self.postcode_point(municipality.main_postcode)
        if point and distance_km(point[0], point[1], municipality.lat, municipality.lon) < 10:
            return point[0], point[1]
        return municipality.lat, municipality.lon

    def municipality_at(self, lat: float, lon: float) -> Municipality | None:
        """The municipality whose boundary holds the point; None outside Belgium."""
        from matcher.places.boundaries import boundaries

        nis = boundaries().municipality_at(lat, lon)
        return self._by_nis.get(nis) if nis is not None else None

    def nearest_municipality(self, lat: float, lon: float) -> Municipality:
        """For a point known to be Belgian (a Belgian postcode's): the municipality whose boundary
        holds it, else the one with the nearest centre (the shipped boundaries are simplified)."""
        return self.municipality_at(lat, lon) or \
            min(self.municipalities, key=lambda m: distance_km(lat, lon, m.lat, m.lon))

    def resolve(self, municipality: str | None = None, postcode: str | None = None,
                lat: float | None = None, lon: float | None = None, country: str = HOME_COUNTRY) -> Place:
        """The point for a location; coordinates win, then postcode, then name.

        Names and postcodes are looked up only for a Belgian location: a place in another country
        is where its coordinates say, in no Belgian municipality, and without coordinates it has
        no point at all (a Dutch 6811 is Arnhem, not the Belgian 6811)."""
        country = country.upper()
        if country != HOME_COUNTRY:
            label = " ".join(part for part in (postcode, municipality) if part) or \
                (f"{lat:.4f}, {lon:.4f}" if lat is not None else "")
            return Place(lat, lon, None, f"{label} ({country})".lstrip(), country)
        named = self.municipality(municipality) if municipality else None
        if municipality and named is None:
            if fold(municipality) in self._village_points:
                village = self.village_point(municipality)
                if village is None:
                    raise AmbiguousPlace(f"'{municipality}' names several places far apart: give a postcode",
                                         "municipality")
            else:
                raise PlaceNotFound(f"unknown municipality '{municipality}'", "municipality")
        if lat is not None and lon is not None:
            inside = named or self.municipality_at(lat, lon)
            # a point outside Belgium given without a country: where it is, in no country we know
            return Place(lat, lon, inside, named.name_nl if named else f"{lat:.4f}, {lon:.4f}",
                         HOME_COUNTRY if inside else None)
        if postcode:
            point = self.postcode_point(postcode)
            if point is None:
                raise PlaceNotFound(f"unknown Belgian postcode '{postcode}'", "postcode")
            plat, plon, label = point
            owner = named or self._by_postcode_main.get(postcode) or self.nearest_municipality(plat, plon)
            return Place(plat, plon, owner, f"{postcode} {label}")
        if named is not None:
            # a former municipality's name is placed at that town, not at the merged one's centre
            town = self.former_municipality(municipality) or named
            lat, lon = self.town_centre(town)
            return Place(lat, lon, named, town.name_nl)
        plat, plon, label = village  # type: ignore[misc]
        return Place(plat, plon, self.nearest_municipality(plat, plon), label)

    def resolve_served(self, name: str) -> list[Place]:
        """The places a profile says it serves: a province or region ("Limburg", "Vlaanderen":
        the centre of each of its municipalities), a municipality (today's or a former one's
        name) or a village. A name that is both ("Antwerpen") is the municipality, unless written
        as the province ("provincie Antwerpen"); "Limburg" is the province."""
        key = fold(name)
        area = self._regions.get(key)
        if not area and self.municipality(name) is None and key not in self._village_points:
            area = self.region(name)
        if area:
            return [Place(*self.town_centre(m), m, m.name_nl) for m in area]
        if key not in self._village_points and self.municipality(name) is None:
            raise PlaceNotFound(f"unknown municipality, province or region '{name}'", "municipality")
        return [self.resolve(municipality=name)]

    def resolve_text(self, text: str) -> Place:
        """A place typed by a person: "Schaarbeek", "1030", "50.85,4.35"."""
        cleaned = text.strip()
        if not cleaned:
            raise PlaceNotFound("empty place")
        coordinates = re.fullmatch(r"(-?\d+(?:\.\d+)?)\s*[,;]\s*(-?\d+(?:\.\d+)?)", cleaned)
        if coordinates:
            lat, lon = float(coordinates.group(1)), float(coordinates.group(2))
            if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                raise PlaceNotFound(f"coordinates '{cleaned}' are out of range: latitude -90 to 90, "
                                    f"longitude -180 to 180", "coordinates")
            return self.resolve(lat=lat, lon=lon)
        if re.fullmatch(r"\d{4}", cleaned):
            return self.resolve(postcode=cleaned)
        leading_postcode = re.fullmatch(r"(\d{4})\s+(.+)", cleaned)
        if leading_postcode:
            return self.resolve(postcode=leading_postcode.group(1))
        return self.resolve(municipality=cleaned)


def _without_strays(points: list[tuple[float, float, str]]) -> list[tuple[float, float, str]]:
    """The villages of one postcode near most of the others: one postcode is one area, so a
    village placed 40 km away (3700 "Sluizen" at the coast) was placed by the wrong namesake.
    All of them when no clear majority lies together."""
    lat = sorted(p[0] for p in points)[len(points) // 2]
    lon = sorted(p[1] for p in points)[len(points) // 2]
    near = [p for p in points if distance_km(lat, lon, p[0], p[1]) <= POSTCODE_SPREAD_LIMIT_KM]
    return near if len(near) * 3 >= len(points) * 2 else points


def _single_point(points: list[tuple[float, float, str]]) -> tuple[float, float, str] | None:
    """The mean point of places sharing a name or postcode, if they lie close together."""
    lat = sum(p[0] for p in points) / len(points)
    lon = sum(p[1] for p in points) / len(points)
    if any(distance_km(lat, lon, p[0], p[1]) > POSTCODE_SPREAD_LIMIT_KM for p in points):
        return None
    return lat, lon, points[0][2]


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The shared gazetteer, loaded once per process."""
    return Gazetteer()
