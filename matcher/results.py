"""What the library answers, in one shape per question: an import report, and ranked
suggestions (a match or a search) with their reasons. The CLI prints them, the service
serialises `as_dict()`, and the checks of a ranking request's limit and kind live beside them."""
from __future__ import annotations

from dataclasses import dataclass, field

from matcher.errors import InvalidRequest
from matcher.profile_files import Problem
from matcher.profiles import MAX_DESCRIPTION_CHARS
from matcher.ranking.reasons import Reason, format_km

MAX_LIMIT = 100
MAX_RADIUS_KM = 200.0  # as for an area of alliances (places/areas.py)

NOTHING_WITHIN = {
    "nl": ("niets binnen {radius} km", "; het dichtstbij op {nearest} km"),
    "fr": ("rien dans un rayon de {radius} km", " ; le plus proche à {nearest} km"),
    "en": ("nothing within {radius} km", "; the nearest is {nearest} km away"),
}


@dataclass
class ImportReport:
    added: int = 0
    replaced: int = 0
    refused: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def stored(self) -> int:
        return self.added + self.replaced


@dataclass
class Suggestion:
    id: str
    name: str
    kind: str
    score: float
    components: dict[str, float | None]
    reasons: list[Reason]
    distance_km: float | None = None
    municipality: str | None = None

    def as_dict(self) -> dict:
        # "reasons" stays a list of sentences (a public interface); "reason_details" adds what each says.
        return {
            "id": self.id, "name": self.name, "kind": self.kind, "score": round(self.score, 4),
            "components": {k: (None if v is None else round(v, 4)) for k, v in self.components.items()},
            "reasons": [reason.text for reason in self.reasons],
            "reason_details": [reason.as_dict() for reason in self.reasons],
            "distance_km": None if self.distance_km is None else round(self.distance_km, 1),
            "municipality": self.municipality,
        }


@dataclass
class NothingWithinReach:
    """A ranking with a place and a radius (a search's `radius_km`, a profile's max_distance_km)
    that found nobody within reach: said, with how far the nearest profile with a known place
    is, rather than an empty list. `nearest_km` is None when no profile has a known place."""

    radius_km: float
    nearest_km: float | None
    language: str = "en"

    def text(self, language: str | None = None) -> str:
        """"niets binnen 40 km; het dichtstbij op 80 km", in `language` or the asker's."""
        language = language if language in NOTHING_WITHIN else self.language if self.language in NOTHING_WITHIN \
            else "en"
        nothing, nearest = NOTHING_WITHIN[language]
        text = nothing.format(radius=_whole_km(self.radius_km, language))
        if self.nearest_km is not None:
            text += nearest.format(nearest=_whole_km(self.nearest_km, language))
        return text

    def as_dict(self) -> dict:
        return {"radius_km": self.radius_km,
                "nearest_km": None if self.nearest_km is None else round(self.nearest_km, 1),
                "text": self.text()}


def _whole_km(km: float, language: str) -> str:
    """A radius as asked ("5", "12,5") and a distance as reasons write it ("7,2", "80")."""
    return f"{km:.0f}" if float(km).is_integer() else format_km(km, language)


@dataclass
class MatchResult:
    query: dict
    matches: list[Suggestion]
    nothing_within_reach: NothingWithinReach | None = None

    def as_dict(self) -> dict:
        return {"query": self.query, "matches": [m.as_dict() for m in self.matches],
                "nothing_within_reach": None if self.nothing_within_reach is None else
                self.nothing_within_reach.as_dict()}


def check_limit(limit: int) -> int:
    if not isinstance(limit, int) or isinstance(limit, bool) or not 1 <= limit <= MAX_LIMIT:
        raise InvalidRequest("limit", f"must be a whole number from 1 to {MAX_LIMIT}; got {limit!r}")
    return limit


def check_radius(radius_km: float | None, near: str | None) -> float | None:
    """A search's radius around its place: more than 0 and at most MAX_RADIUS_KM, and only with a place."""
    if radius_km is None:
        return None
    if isinstance(radius_km, bool) or not isinstance(radius_km, (int, float)) or \
            not 0 < radius_km <= MAX_RADIUS_KM:
        raise InvalidRequest("radius_km", f"must be more than 0 and at most {MAX_RADIUS_KM:g}; got {radius_km!r}")
    if not near:
        raise InvalidRequest("radius_km", "needs near: the place the radius is measured from")
    return float(radius_km)


def check_kind(kind: str | None) -> str | None:
    if kind not in (None, "organisation", "artist"):
        raise InvalidRequest("kind", f"must be 'organisation' or 'artist'; got {kind!r}")
    return kind


def check_text(text: str) -> str:
    """A free text to read: not empty, at most as long as a profile's description."""
    if not isinstance(text, str) or not text.strip():
        raise InvalidRequest("text", "must not be empty", code="required")
    if len(text) > MAX_DESCRIPTION_CHARS:
        raise InvalidRequest("text", f"is {len(text):,} characters; at most {MAX_DESCRIPTION_CHARS:,} allowed",
                             code="too_long", limit=MAX_DESCRIPTION_CHARS)
    return text
