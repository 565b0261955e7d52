"""Maps drawn from the shipped municipality boundaries, for pages to inline as SVG.

No online tiles: the outlines come from data/geo/be_municipalities.topojson
(through `matcher.places.boundaries`), projected with a plain equirectangular
projection scaled by cos(latitude), which is true enough at Belgium's size.
Three views: the Brussels region, Brussels and its surroundings, and
Belgium; a page gets the smallest view that holds all its points. The
projected, simplified outlines of each view are computed once per process.
A page about an area (alliances) gets a view of that area instead (`area_picture`):
the place and radius asked, the region or province asked, or else the box
around its members, with the members' municipalities named.

This module only computes geometry; `templates/_map.html` draws it.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from matcher.places.boundaries import boundaries
from matcher.places.gazetteer import gazetteer

BRUSSELS_REGION = "Brussels Hoofdstedelijk Gewest"
NOMINAL_WIDTH = 560  # CSS pixels at full size; the SVG scales down on small screens
SUBPIXELS = 2  # path coordinates are whole half-pixels: short numbers, still smooth
SIMPLIFY_PX = 0.6  # outline points closer than this to the simplified line are dropped
MARKER_RADIUS = 13
ASKER_RADIUS = 12
# Around Brussels: the region's box widened by about 15 km each way.
AREA_MARGIN_LON, AREA_MARGIN_LAT = 0.22, 0.14
KM_PER_DEGREE_LAT = 111.2
AREA_MARGIN = 0.08  # an area view leaves this share of its size around the area asked
MIN_AREA_KM = 6.0  # an area view is never narrower than this, so a one-town group still shows its town


@dataclass(frozen=True)
class View:
    name: str
    bbox: tuple[float, float, float, float]  # min lon, min lat, max lon, max lat

    def holds(self, lat: float, lon: float) -> bool:
        min_lon, min_lat, max_lon, max_lat = self.bbox
        return min_lon <= lon <= max_lon and min_lat <= lat <= max_lat


@dataclass(frozen=True)
class Projection:
    """lon/lat to SVG user units (pixels at nominal width x SUBPIXELS)."""

    min_lon: float
    max_lat: float
    x_scale: float
    y_scale: float
    width: int
    height: int

    @classmethod
    def fit(cls, bbox: tuple[float, float, float, float], width_px: int) -> "Projection":
        min_lon, min_lat, max_lon, max_lat = bbox
        shrink = math.cos(math.radians((min_lat + max_lat) / 2))
        units = width_px * SUBPIXELS
        y_scale = units / ((max_lon - min_lon) * shrink)
        return cls(min_lon, max_lat, y_scale * shrink, y_scale, units,
                   int(math.ceil((max_lat - min_lat) * y_scale)))

    def xy(self, lon: float, lat: float) -> tuple[float, float]:
        return (lon - self.min_lon) * self.x_scale, (self.max_lat - lat) * self.y_scale

    def project(self, ring: np.ndarray) -> np.ndarray:
        return np.column_stack(((ring[:, 0] - self.min_lon) * self.x_scale, (self.max_lat - ring[:, 1]) * self.y_scale))


@dataclass(frozen=True)
class BaseMap:
    """A view's outlines as SVG path data: the region highlighted, the rest plain."""

    view: View
    projection: Projection
    outlines: str
    highlight: str


@dataclass(frozen=True)
class Pin:
    """A point to mark: `label` is the number shown (empty for the asker), `text` says what it is."""

    lat: float
    lon: float
    label: str
    text: str


@dataclass(frozen=True)
class PlacedPin:
    x: float
    y: float
    label: str
    text: str
    anchor_x: float  # the true position, when the marker was moved aside to stay readable
    anchor_y: float

    @property
    def moved(self) -> bool:
        return abs(self.x - self.anchor_x) > 0.5 or abs(self.y - self.anchor_y) > 0.5


@dataclass(frozen=True)
class PlaceName:
    """A municipality named on the map, written at its town centre."""

    x: float
    y: float
    text: str


@dataclass(frozen=True)
class MapPicture:
    """Everything the template needs to draw one map."""

    view: str
    width: int
    height: int
    outlines: str
    highlight: str
    asker: PlacedPin | None
    pins: list[PlacedPin]
    marker_radius: int
    asker_radius: int
    places: tuple[PlaceName, ...] = ()
    bbox: tuple[float, float, float, float] | None = None  # min lon, min lat, max lon, max lat shown


def brussels_nis() -> frozenset[str]:
    return frozenset(m.nis for m in gazetteer().region(BRUSSELS_REGION))


@lru_cache(maxsize=1)
def views() -> dict[str, View]:
    """The three views, smallest first."""
    outlines = boundaries().outlines
    region = [outlines[nis].bbox for nis in brussels_nis() if nis in outlines]
    box = (min(b[0] for b in region), min(b[1] for b in region), max(b[2] for b in region), max(b[3] for b in region))
    pad_lon, pad_lat = (box[2] - box[0]) * 0.04, (box[3] - box[1]) * 0.04
    everything = [o.bbox for o in outlines.values()]
    country = (min(b[0] for b in everything), min(b[1] for b in everything),
               max(b[2] for b in everything), max(b[3] for b in everything))
    return {
        "brussels": View("brussels", (box[0] - pad_lon, box[1] - pad_lat, box[2] + pad_lon, box[3] + pad_lat)),
        "brussels_area": View("brussels_area", (box[0] - AREA_MARGIN_LON, box[1] - AREA_MARGIN_LAT,
                                                box[2] + AREA_MARGIN_LON, box[3] + AREA_MARGIN_LAT)),
        "belgium": View("belgium", (country[0] - 0.03, country[1] - 0.03, country[2] + 0.03, country[3] + 0.03)),
    }


def choose_view(points: list[tuple[float, float]]) -> View:
    """The smallest view holding every (lat, lon); Belgium when there are none."""
    for view in views().values():
        if points and all(view.holds(lat, lon) for lat, lon in points):
            return view
    return views()["belgium"]


def simplify(points: np.ndarray, tolerance: float) -> np.ndarray:
    """Ramer-Douglas-Peucker: keep the points that matter at this scale."""
    if len(points) < 3:
        return points
    keep = np.zeros(len(points), dtype=bool)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        if last <= first + 1:
            continue
        start, end = points[first], points[last]
        between = points[first + 1:last]
        dx, dy = end - start
        length = math.hypot(dx, dy)
        if length == 0:
            distances = np.hypot(between[:, 0] - start[0], between[:, 1] - start[1])
        else:
            distances = np.abs(dx * (between[:, 1] - start[1]) - dy * (between[:, 0] - start[0])) / length
        farthest = int(np.argmax(distances))
        if distances[farthest] > tolerance:
            middle = first + 1 + farthest
            keep[middle] = True
            stack += [(first, middle), (middle, last)]
    return points[keep]


def ring_path(points: np.ndarray) -> str:
    """`M x y l dx dy ...z` in whole units: relative steps keep the numbers short."""
    whole = np.rint(points).astype(np.int64)
    steps = np.diff(whole, axis=0)
    steps = steps[(steps != 0).any(axis=1)]
    if len(steps) < 2:
        return ""
    moves = " ".join(f"{dx} {dy}" for dx, dy in steps.tolist())
    return f"M{whole[0, 0]} {whole[0, 1]}l{moves}z".replace(" -", "-")


@lru_cache(maxsize=None)
def base_map(view_name: str) -> BaseMap:
    """A view's projected, simplified outlines; computed once per view per process."""
    return draw(views()[view_name])


@lru_cache(maxsize=64)
def area_map(bbox: tuple[float, float, float, float]) -> BaseMap:
    """The outlines of an area view; the same areas are asked for again and again (the next proposals)."""
    return draw(View("area", bbox))


def draw(view: View) -> BaseMap:
    """A view's outlines, projected and simplified at its scale."""
    projection = Projection.fit(view.bbox, NOMINAL_WIDTH)
    min_lon, min_lat, max_lon, max_lat = view.bbox
    highlighted = brussels_nis()
    plain, region = [], []
    tolerance = SIMPLIFY_PX * SUBPIXELS
    for nis, outline in sorted(boundaries().outlines.items()):
        left, bottom, right, top = outline.bbox
        if right < min_lon or left > max_lon or top < min_lat or bottom > max_lat:
            continue
        for polygon in outline.polygons:
            for ring in polygon:
                path = ring_path(simplify(projection.project(ring), tolerance))
                if path:
                    (region if nis in highlighted else plain).append(path)
    return BaseMap(view, projection, "".join(plain), "".join(region))


def place_pins(projection: Projection, pins: list[Pin], radius: float, taken: list[tuple[float, float]]
               ) -> list[PlacedPin]:
    """Project pins, moving each one that would cover another along a small spiral."""
    placed = []
    gap = 2 * radius + 2
    for pin in pins:
        anchor_x, anchor_y = projection.xy(pin.lon, pin.lat)
        x, y = anchor_x, anchor_y
        step = 0
        while any(math.hypot(x - ox, y - oy) < gap for ox, oy in taken) and step < 60:
            step += 1
            angle = step * 2.4  # the golden angle spreads neighbours evenly
            distance = gap * (0.8 + 0.25 * step ** 0.5)
            x, y = anchor_x + distance * math.cos(angle), anchor_y + distance * math.sin(angle)
        x = min(max(x, radius), projection.width - radius)
        y = min(max(y, radius), projection.height - radius)
        taken.append((x, y))
        placed.append(PlacedPin(round(x, 1), round(y, 1), pin.label, pin.text,
                                round(anchor_x, 1), round(anchor_y, 1)))
    return placed


def picture(asker: Pin | None, pins: list[Pin]) -> MapPicture | None:
    """The map for an asker and its numbered pins; None when nothing has a place in Belgium's box."""
    country = views()["belgium"]
    asker = asker if asker is not None and country.holds(asker.lat, asker.lon) else None
    pins = [pin for pin in pins if country.holds(pin.lat, pin.lon)]
    points = [(p.lat, p.lon) for p in ([asker] if asker else []) + pins]
    if not points:
        return None
    base = base_map(choose_view(points).name)
    projection = base.projection
    marker_radius = MARKER_RADIUS * SUBPIXELS
    asker_radius = ASKER_RADIUS * SUBPIXELS
    taken: list[tuple[float, float]] = []
    placed_asker = place_pins(projection, [asker], asker_radius, taken)[0] if asker else None
    placed = place_pins(projection, pins, marker_radius, taken)
    return MapPicture(base.view.name, projection.width, projection.height, base.outlines, base.highlight,
                      placed_asker, placed, marker_radius, asker_radius)


def area_box(points: list[tuple[float, float]], centre: tuple[float, float] | None = None,
             radius_km: float | None = None) -> tuple[float, float, float, float]:
    """The box (min lon, min lat, max lon, max lat) showing a place and radius and every (lat, lon) point,
    with a margin, rounded so that the same area gives the same box."""
    lats = [lat for lat, _ in points]
    lons = [lon for _, lon in points]
    if centre is not None:
        reach_km = max(radius_km or 0.0, MIN_AREA_KM / 2)
        reach_lat = reach_km / KM_PER_DEGREE_LAT
        reach_lon = reach_km / (KM_PER_DEGREE_LAT * math.cos(math.radians(centre[0])))
        lats += [centre[0] - reach_lat, centre[0] + reach_lat]
        lons += [centre[1] - reach_lon, centre[1] + reach_lon]
    middle_lat = (min(lats) + max(lats)) / 2
    min_lat_span = MIN_AREA_KM / KM_PER_DEGREE_LAT
    min_lon_span = min_lat_span / math.cos(math.radians(middle_lat))
    lat_pad = max((max(lats) - min(lats)) * AREA_MARGIN, (min_lat_span - (max(lats) - min(lats))) / 2)
    lon_pad = max((max(lons) - min(lons)) * AREA_MARGIN, (min_lon_span - (max(lons) - min(lons))) / 2)
    return (round(min(lons) - lon_pad, 3), round(min(lats) - lat_pad, 3),
            round(max(lons) + lon_pad, 3), round(max(lats) + lat_pad, 3))


def region_box(region: str) -> tuple[float, float, float, float] | None:
    """The box around a region's or province's municipalities (min lon, min lat, max lon, max lat)."""
    outlines = boundaries().outlines
    boxes = [outlines[m.nis].bbox for m in gazetteer().region(region) if m.nis in outlines]
    if not boxes:
        return None
    return (float(min(b[0] for b in boxes)), float(min(b[1] for b in boxes)),
            float(max(b[2] for b in boxes)), float(max(b[3] for b in boxes)))


def area_picture(centre: Pin | None, pins: list[Pin], places: list[tuple[str, float, float]],
                 radius_km: float | None = None, region: str | None = None) -> MapPicture | None:
    """The map of an area: the place and radius asked, or the region or province asked, or else the box
    around the pins; the pins numbered and `places` (name, lat, lon) named; None when nothing has a place
    in Belgium's box."""
    country = views()["belgium"]
    centre = centre if centre is not None and country.holds(centre.lat, centre.lon) else None
    pins = [pin for pin in pins if country.holds(pin.lat, pin.lon)]
    if not pins and centre is None:
        return None
    points = [(p.lat, p.lon) for p in pins]
    box = region_box(region) if region and centre is None else None
    if box is not None:
        points += [(box[1], box[0]), (box[3], box[2])]
    bbox = area_box(points, (centre.lat, centre.lon) if centre else None, radius_km if centre else None)
    base = area_map(bbox)
    projection = base.projection
    marker_radius = MARKER_RADIUS * SUBPIXELS
    asker_radius = ASKER_RADIUS * SUBPIXELS
    taken: list[tuple[float, float]] = []
    placed_centre = place_pins(projection, [centre], asker_radius, taken)[0] if centre else None
    placed = place_pins(projection, pins, marker_radius, taken)
    named = []
    for text, lat, lon in places:
        if base.view.holds(lat, lon):
            x, y = projection.xy(lon, lat)
            named.append(PlaceName(round(x, 1), round(y, 1), text))
    return MapPicture("area", projection.width, projection.height, base.outlines, base.highlight,
                      placed_centre, placed, marker_radius, asker_radius, tuple(named), bbox)
