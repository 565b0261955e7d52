"""What the library answers, in one shape per question: an import report, and ranked
suggestions (a match or a search) with their reasons. The CLI prints them, the service
serialises `as_dict()`, and the checks of a ranking request's limit and kind live beside them."""
from __future__ import annotations

from dataclasses import dataclass, field

from matcher.errors import InvalidRequest
from matcher.profile_files import Problem
from matcher.profiles import MAX_DESCRIPTION_CHARS
from matcher.ranking.reasons import Reason

MAX_LIMIT = 100


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
class MatchResult:
    query: dict
    matches: list[Suggestion]

    def as_dict(self) -> dict:
        return {"query": self.query, "matches": [m.as_dict() for m in self.matches]}


def check_limit(limit: int) -> int:
    if not isinstance(limit, int) or isinstance(limit, bool) or not 1 <= limit <= MAX_LIMIT:
        raise InvalidRequest("limit", f"must be a whole number from 1 to {MAX_LIMIT}; got {limit!r}")
    return limit


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
