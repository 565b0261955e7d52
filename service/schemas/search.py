"""POST /search: a free-text request in Dutch, French or English."""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from matcher.profiles import MAX_DESCRIPTION_CHARS
from matcher.results import MAX_LIMIT, MAX_RADIUS_KM

from .matches import SUGGESTION_EXAMPLE, NothingWithinReachPublic, SuggestionPublic, UnderstoodPublic
from .numbers import WholeNumber

SEARCH_EXAMPLE = {
    "text": "Ik zoek een repetitieruimte in de zomer voor een dansvoorstelling met jongeren",
    "near": "Brussel", "kind": "organisation", "limit": 10,
}


class SearchRequest(BaseModel):
    """What is sought, and optionally where and which kind of partner."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [SEARCH_EXAMPLE]})
    text: str = Field(min_length=1, max_length=MAX_DESCRIPTION_CHARS, json_schema_extra={"pattern": r"\S"},
                      description="the request, in Dutch, French or English (not only spaces)")
    near: str | None = Field(default=None, max_length=200,
                             description="a municipality, village, postcode or 'lat,lon'")
    radius_km: float | None = Field(default=None, gt=0, le=MAX_RADIUS_KM, strict=True,
                                    description="only profiles within this distance of near (needs near)")
    kind: Literal["organisation", "artist"] | None = None
    limit: WholeNumber = Field(default=10, ge=1, le=MAX_LIMIT, strict=True)  # no silent true -> 1


class SearchQuery(BaseModel):
    """The request as read: its text, place and kind, what was understood from it, and its language."""

    text: str
    near: str | None = None
    radius_km: float | None = Field(default=None, description="the radius given, or the one the text sets")
    kind: Literal["organisation", "artist"] | None = None
    understood: UnderstoodPublic
    language: str | None = None
    radius_read: str | None = Field(default=None, description="the words of the text that set the radius "
                                                              "(\"niet verder dan 40 km\"), when radius_km was not given")


class SearchResultPublic(BaseModel):
    """Suggestions for a free-text request, best first."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "query": {**{k: v for k, v in SEARCH_EXAMPLE.items() if k != "limit"}, "language": "nl",
                  "understood": {"language": "nl", "disciplines": ["dance"], "audiences": ["youth"],
                                 "themes": [], "offers": [], "negated": [],
                                 "needs": [{"type": "rehearsal_space"}]}},
        "matches": [SUGGESTION_EXAMPLE]}]})
    query: SearchQuery
    matches: list[SuggestionPublic]
    nothing_within_reach: NothingWithinReachPublic | None = Field(
        default=None, description="null unless near and radius_km are given and nobody is within reach")
