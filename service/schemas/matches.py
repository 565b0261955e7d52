"""Ranked suggestions: the body of GET /profiles/{id}/matches and POST /search,
the same as `matcher match --json` and `matcher search --json`."""
from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from matcher.ranking.reasons import REASON_KEYS

SUGGESTION_EXAMPLE = {
    "id": "cie-lumen", "name": "Cie Lumen", "kind": "artist", "score": 0.83,
    "components": {"affinity": 0.71, "needs": 0.92, "audience": 0.8, "distance": 0.95, "novelty": 1.0},
    "reasons": ["Zoekt een repetitieruimte in juli–augustus 2027; je biedt dit aan", "Beiden werken met jongeren",
                "3,2 km van elkaar"],
    "reason_details": [
        {"key": "meets_their_need", "params": {"need": "rehearsal_space", "need_amount_eur": None,
                                               "need_start": "2027-07-01", "need_end": "2027-08-31"},
         "text": "Zoekt een repetitieruimte in juli–augustus 2027; je biedt dit aan", "missing": False},
        {"key": "both_audiences", "params": {"audiences": ["youth"]}, "text": "Beiden werken met jongeren",
         "missing": False},
        {"key": "distance", "params": {"km": 3.2}, "text": "3,2 km van elkaar", "missing": False},
    ],
    "distance_km": 3.2, "municipality": "Sint-Jans-Molenbeek",
}


class ReasonPublic(BaseModel):
    """One reason, as `key` (what kind of reason), `params` (what it says: lexicon keys, numbers, ISO dates)
    and `text` (the sentence, as in `reasons`); `missing` is true for a reason that says what is missing."""

    key: Literal[REASON_KEYS]  # type: ignore[valid-type]  # the library's keys, so the enum cannot drift
    params: dict[str, Any]
    text: str
    missing: bool


class SuggestionPublic(BaseModel):
    """One suggested partner: its score in [0, 1], each component, and why, in the asker's language."""

    model_config = ConfigDict(json_schema_extra={"examples": [SUGGESTION_EXAMPLE]})
    id: str
    name: str
    kind: Literal["organisation", "artist"]
    score: float
    components: dict[str, float | None]
    reasons: list[str] = Field(description="why, in sentences; the same as the texts of `reason_details`")
    reason_details: list[ReasonPublic] = Field(description="each reason with its key and what it says")
    distance_km: float | None = None
    municipality: str | None = None


class UnderstoodPublic(BaseModel):
    """What was read from a free text: language, lexicon keys, and offers and needs with periods."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "language": "nl", "disciplines": ["dance"], "audiences": ["youth"], "themes": [],
        "offers": [], "needs": [{"type": "rehearsal_space", "period": {"start": "2027-07-01", "end": "2027-08-31"}}],
        "negated": [], "partner_kinds": ["venue"]}]})
    language: str | None = None
    disciplines: list[str] = []
    audiences: list[str] = []
    themes: list[str] = []
    offers: list[dict[str, Any]] = []
    needs: list[dict[str, Any]] = []
    negated: list[dict[str, Any]] = []
    partner_kinds: list[str] = []  # the kinds of partner asked for, most specific first


class MatchQuery(BaseModel):
    profile_id: str


class NothingWithinReachPublic(BaseModel):
    """Said when a ranking with a place and a radius found nobody within reach."""

    radius_km: float = Field(description="the radius: the search's radius_km or the profile's max_distance_km")
    nearest_km: float | None = Field(description="how far the nearest profile with a known place is; "
                                                 "null when none has one")
    text: str = Field(description="the same in the asker's language: 'niets binnen 40 km; het dichtstbij op 80 km'")


class MatchesPublic(BaseModel):
    """Suggestions for a stored profile, best first."""

    model_config = ConfigDict(json_schema_extra={"examples": [
        {"query": {"profile_id": "gc-de-markten"}, "matches": [SUGGESTION_EXAMPLE]}]})
    query: MatchQuery
    matches: list[SuggestionPublic]
    nothing_within_reach: NothingWithinReachPublic | None = Field(
        default=None, description="null unless the profile has a place and a max_distance_km and nobody is within reach")
