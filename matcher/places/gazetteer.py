"""Where a profile is: municipality names, postcodes and coordinates to a point.

Uses the public gazetteer shipped in data/geo (Statbel municipalities, bpost
postcodes). Names match in Dutch or French, any case, with or without accents
and hyphens ("Schaerbeek", "schaarbeek", "SINT-JOOST-TEN-NODE"). A place that
cannot be resolved raises `PlaceNotFound` (`AmbiguousPlace` for a name shared by
places far apart); nothing is guessed.
"""
from __future__ import annotations

import csv
import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from matcher.errors import AmbiguousPlace, PlaceNotFound
from matcher.paths import DATA_DIR

GEO_DIR = DATA_DIR / "geo"
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

    def name(self, language: str = "nl") -> str:
        return self.name_fr if language == "fr" else self.name_nl


@dataclass(frozen=True)
class Place:
    """A resolved point, with the municipality it lies in when known."""

    lat: float
    lon: float
    municipality: Municipality | None
    label: str


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
        self._by_postcode_main: dict[str, Municipality] = {}
        self._postcode_points: dict[str, list[tuple[float, float, str]]] = {}
        self._village_points: dict[str, list[tuple[float, float, str]]] = {}
        self._regions: dict[str, list[Municipality]] = {}
        self._by_nis: dict[str, Municipality] = {}
        self._load()

    def _load(self) -> None:
        with open(self.geo_dir / "be_municipalities.csv", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                municipality = Municipality(
                    nis=row["nis"], name_nl=row["name_nl"], name_fr=row["name_fr"],
                    region=row["region_nl"], province=row["province_nl"],
                    main_postcode=row["main_postcode"],
                    population=int(row["population_2020"] or 0),
                    lat=float(row["lat"]), lon=float(row["lon"]),
                )
                self.municipalities.append(municipality)
                self._by_nis[municipality.nis] = municipality
                self._by_name.setdefault(fold(municipality.name_nl), municipality)
                self._by_name.setdefault(fold(municipality.name_fr), municipality)
                self._by_postcode_main.setdefault(municipality.main_postcode, municipality)
                for area in (municipality.region, municipality.province):
                    if area:
                        self._regions.setdefault(fold(area), []).append(municipality)
        with open(self.geo_dir / "be_postcodes.csv", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                point = (float(row["lat"]), float(row["lon"]), row["place"])
                self._postcode_points.setdefault(row["postcode"], []).append(point)
                self._village_points.setdefault(fold(row["place"]), []).append(point)
        self._add_region_aliases()

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
        key = fold(name)
        if key in self._by_name:
            return self._by_name[key]
        alias = ALIASES.get(key)
        return self._by_name.get(fold(alias)) if alias else None

    def region(self, name: str) -> list[Municipality]:
        """Municipalities of a region or province ("Vlaams-Brabant", "Brussels Capital Region")."""
        key = fold(name)
        key = fold(ALIASES.get(key, key))
        return list(self._regions.get(key) or self._regions.get("provincie " + key) or [])

    def postcode_point(self, postcode: str) -> tuple[float, float, str] | None:
        points = self._postcode_points.get(postcode)
        if not points:
            return None
        return _single_point(points)

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

    def nearest_municipality(self, lat: float, lon: float) -> Municipality:
        """The municipality whose boundary holds the point, else the one with the nearest centre."""
        from matcher.places.boundaries import boundaries

        nis = boundaries().municipality_at(lat, lon)
        if nis is not None and nis in self._by_nis:
            return self._by_nis[nis]
        return min(self.municipalities, key=lambda m: distance_km(lat, lon, m.lat, m.lon))

    def resolve(self, municipality: str | None = None, postcode: str | None = None,
                lat: float | None = None, lon: float | None = None) -> Place:
        """The point for a location; coordinates win, then postcode, then name."""
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
            inside = named or (self.nearest_municipality(lat, lon) if _in_belgium_area(lat, lon) else None)
            return Place(lat, lon, inside, named.name_nl if named else f"{lat:.4f}, {lon:.4f}")
        if postcode:
            point = self.postcode_point(postcode)
            if point is None:
                raise PlaceNotFound(f"unknown Belgian postcode '{postcode}'", "postcode")
            plat, plon, label = point
            owner = named or self._by_postcode_main.get(postcode) or self.nearest_municipality(plat, plon)
            return Place(plat, plon, owner, f"{postcode} {label}")
        if named is not None:
            lat, lon = self.town_centre(named)
            return Place(lat, lon, named, named.name_nl)
        plat, plon, label = village  # type: ignore[misc]
        return Place(plat, plon, self.nearest_municipality(plat, plon), label)

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


def _single_point(points: list[tuple[float, float, str]]) -> tuple[float, float, str] | None:
    """The mean point of places sharing a name or postcode, if they lie close together."""
    lat = sum(p[0] for p in points) / len(points)
    lon = sum(p[1] for p in points) / len(points)
    if any(distance_km(lat, lon, p[0], p[1]) > POSTCODE_SPREAD_LIMIT_KM for p in points):
        return None
    return lat, lon, points[0][2]


def _in_belgium_area(lat: float, lon: float) -> bool:
    """A generous box around Belgium: matching is for this region's field."""
    return 49.0 <= lat <= 52.0 and 2.0 <= lon <= 7.0


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The shared gazetteer, loaded once per process."""
    return Gazetteer()
