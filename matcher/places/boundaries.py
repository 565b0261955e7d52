"""Municipality boundaries from the shipped TopoJSON (bmesuere/belgium-topojson,
CC0): which municipality a point lies in, and outlines for drawing maps
offline."""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from matcher.paths import DATA_DIR

TOPOJSON_PATH = DATA_DIR / "geo" / "be_municipalities.topojson"


@dataclass(frozen=True)
class Outline:
    nis: str
    polygons: tuple[tuple[np.ndarray, ...], ...]  # polygons of rings, each ring an (n, 2) lon/lat array
    bbox: tuple[float, float, float, float]  # min lon, min lat, max lon, max lat


def _decode_arcs(topology: dict) -> list[np.ndarray]:
    scale = np.asarray(topology["transform"]["scale"])
    translate = np.asarray(topology["transform"]["translate"])
    return [np.cumsum(np.asarray(arc, dtype=np.float64), axis=0) * scale + translate
            for arc in topology["arcs"]]


def _ring(arcs: list[np.ndarray], indices: list[int]) -> np.ndarray:
    points = []
    for index in indices:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.append(arc if not points else arc[1:])
    return np.concatenate(points)


def _ring_contains(ring: np.ndarray, lon: float, lat: float) -> bool:
    x, y = ring[:, 0], ring[:, 1]
    x2, y2 = np.roll(x, -1), np.roll(y, -1)
    crosses = (y > lat) != (y2 > lat)
    with np.errstate(divide="ignore", invalid="ignore"):
        at = x + (lat - y) * (x2 - x) / (y2 - y)
    return bool(np.count_nonzero(crosses & (lon < at)) % 2)


class Boundaries:
    def __init__(self, path: Path = TOPOJSON_PATH):
        with open(path, encoding="utf-8") as handle:
            topology = json.load(handle)
        arcs = _decode_arcs(topology)
        self.outlines: dict[str, Outline] = {}
        for geometry in topology["objects"]["municipalities"]["geometries"]:
            shapes = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
            polygons = tuple(tuple(_ring(arcs, ring) for ring in shape) for shape in shapes)
            every = np.concatenate([ring for polygon in polygons for ring in polygon])
            bbox = (every[:, 0].min(), every[:, 1].min(), every[:, 0].max(), every[:, 1].max())
            nis = geometry["properties"]["nis"]
            self.outlines[nis] = Outline(nis, polygons, bbox)

    def municipality_at(self, lat: float, lon: float) -> str | None:
        """NIS code of the municipality containing the point, or None outside Belgium."""
        for outline in self.outlines.values():
            min_lon, min_lat, max_lon, max_lat = outline.bbox
            if not (min_lon <= lon <= max_lon and min_lat <= lat <= max_lat):
                continue
            for polygon in outline.polygons:
                if _ring_contains(polygon[0], lon, lat) and not any(
                        _ring_contains(hole, lon, lat) for hole in polygon[1:]):
                    return outline.nis
        return None


@lru_cache(maxsize=1)
def boundaries() -> Boundaries:
    return Boundaries()
