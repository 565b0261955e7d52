"""Which profiles lie in an area: a place and a radius, a list of
municipalities, or a region or province.

An area is resolved once, where the request comes in: an unknown place,
municipality or region raises `InvalidRequest` naming the field, never a
guess. A profile without a known place lies in no area but "everywhere"; one
that serves other places (`serves`) lies in every area that holds one of them.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from matcher.errors import InvalidRequest, PlaceNotFound
from matcher.places.gazetteer import Gazetteer, distance_km, gazetteer
from matcher.understanding.preparation import Prepared

DEFAULT_RADIUS_KM = 10.0
MAX_RADIUS_KM = 200.0
MAX_MUNICIPALITIES = 100


@dataclass(frozen=True)
class Area:
    """A circle around a point, a set of municipalities (Dutch names), or everywhere."""

    label: str
    centre: tuple[float, float] | None = None
    radius_km: float | None = None
    municipalities: frozenset[str] | None = None

    def contains(self, profile: Prepared) -> bool:
        """Whether the profile is in the area, or serves a place in it (`serves`)."""
        if self.centre is not None:
            return any(distance_km(self.centre[0], self.centre[1], lat, lon) <= self.radius_km
                       for lat, lon in profile.points)
        if self.municipalities is not None:
            return profile.municipality in self.municipalities or \
                bool(profile.served_municipalities & self.municipalities)
        return True


EVERYWHERE = Area("everywhere")


def resolve_area(near: str | None = None, radius_km: float | None = None,
                 municipalities: Sequence[str] | None = None, region: str | None = None,
                 places: Gazetteer | None = None) -> Area:
    """The area a request names: at most one of `near` (with `radius_km`), `municipalities`, `region`."""
    given = [name for name, value in (("near", near), ("municipalities", municipalities), ("region", region))
             if value is not None]
    if len(given) > 1:
        raise InvalidRequest(given[1], f"give one of near, municipalities or region, not both {given[0]} "
                                       f"and {given[1]}")
    if radius_km is not None:
        if near is None:
            raise InvalidRequest("radius_km", "needs near: the place the radius is measured from")
        if isinstance(radius_km, bool) or not 0 < radius_km <= MAX_RADIUS_KM:
            raise InvalidRequest("radius_km", f"must be more than 0 and at most {MAX_RADIUS_KM:g}; got {radius_km!r}")
    places = places or gazetteer()
    if near is not None:
        try:
            place = places.resolve_text(near)
        except PlaceNotFound as error:
            raise InvalidRequest("near", str(error), code=error.code) from None
        radius = DEFAULT_RADIUS_KM if radius_km is None else float(radius_km)
        return Area(f"{radius:g} km around {near.strip()}", (place.lat, place.lon), radius)
    if municipalities is not None:
        return _municipalities(municipalities, places)
    if region is not None:
        found = places.region(region) if region.strip() else []
        if not found:
            raise InvalidRequest("region", f"unknown region or province '{region}'; for example "
                                           f"'Brussels Capital Region', 'Vlaams-Brabant', 'Oost-Vlaanderen'")
        return Area(region.strip(), municipalities=frozenset(m.name_nl for m in found))
    return EVERYWHERE


def _municipalities(names: Sequence[str], places: Gazetteer) -> Area:
    names = [name.strip() for name in names if name.strip()]
    if not names:
        raise InvalidRequest("municipalities", "must name at least one municipality")
    if len(names) > MAX_MUNICIPALITIES:
        raise InvalidRequest("municipalities", f"names {len(names)}; at most {MAX_MUNICIPALITIES} allowed")
    found = []
    for name in names:
        municipality = places.municipality(name)
        if municipality is None:
            raise InvalidRequest("municipalities", f"unknown municipality '{name}'", code="unknown_place")
        found.append(municipality.name_nl)
    return Area(", ".join(dict.fromkeys(found)), municipalities=frozenset(found))
