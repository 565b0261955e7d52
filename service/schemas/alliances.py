"""POST /alliances: proposed groups of complementary partners in an area.

The answer is `matcher alliances --json`, with each group's picture added as
an SVG string (`svg`), ready to put in a web page.
"""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from matcher.alliances.proposals import MAX_COUNT, MAX_SIZE, MAX_THEME_CHARS, MIN_SIZE
from matcher.places.areas import MAX_MUNICIPALITIES, MAX_RADIUS_KM

from .numbers import WholeNumber

ALLIANCES_EXAMPLE = {"near": "Schaarbeek", "radius_km": 5, "size": 4, "count": 3, "theme": "jongeren en dans",
                     "language": "nl"}
MEMBER_EXAMPLE = {"id": "gc-de-kriekelaar", "name": "GC De Kriekelaar", "kind": "organisation",
                  "municipality": "Schaarbeek",
                  "brings": ["een repetitieruimte in juli–augustus 2027 voor Compagnie Pas de Côté"],
                  "receives": ["workshops in juli–augustus 2027 van Compagnie Pas de Côté"]}
ALLIANCE_EXAMPLE = {
    "members": [MEMBER_EXAMPLE], "score": 0.91, "need_coverage": 1.0, "coherence": 0.62,
    "components": {"need_coverage": 1.0, "coherence": 0.62, "theme": 0.55, "mix": 1.0, "involvement": 1.0,
                   "proximity": 0.8, "novelty": 1.0},
    "max_distance_km": 3.4, "shared_themes": ["jongeren"],
    "edges": [{"from": "gc-de-kriekelaar", "to": "cie-pas-de-cote", "type": "rehearsal_space",
               "need": "rehearsal_space", "score": 1.0}],
    "open_needs": [{"member": "cie-pas-de-cote", "type": "coproduction_budget", "met": 0.0}],
    "reasons": ["3 van de 4 noden ingevuld binnen de groep",
                "GC De Kriekelaar biedt een repetitieruimte in juli–augustus 2027 aan Compagnie Pas de Côté"],
    "svg": "<svg xmlns=\"http://www.w3.org/2000/svg\" ...>...</svg>",
}


MAX_EXCLUDED = 200
ProfileId = Annotated[str, Field(min_length=1, max_length=200)]


class AlliancesRequest(BaseModel):
    """The area (one of near with radius_km, municipalities, region; none for everywhere), the group size
    and count, an optional theme, and the language of the reasons."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [ALLIANCES_EXAMPLE]})
    near: str | None = Field(default=None, max_length=200, description="a municipality, postcode or 'lat,lon'")
    radius_km: float | None = Field(default=None, gt=0, le=MAX_RADIUS_KM, strict=True,
                                    description="radius around `near` in km (default 10)")
    municipalities: list[str] | None = Field(default=None, min_length=1, max_length=MAX_MUNICIPALITIES,
                                             description="municipality names in Dutch or French")
    region: str | None = Field(default=None, max_length=100,
                               description="a region or province, e.g. 'Brussels Capital Region', 'Vlaams-Brabant'")
    size: WholeNumber = Field(default=5, ge=MIN_SIZE, le=MAX_SIZE, strict=True, description="members per group")
    count: WholeNumber = Field(default=5, ge=1, le=MAX_COUNT, strict=True, description="how many groups, at most")
    theme: str | None = Field(default=None, max_length=MAX_THEME_CHARS, description="a theme in nl, fr or en")
    language: Literal["nl", "fr", "en"] = Field(default="en", description="language of the reasons")
    max_groups_per_profile: WholeNumber = Field(default=1, ge=1, le=MAX_COUNT, strict=True,
                                        description="how many proposed groups one profile may be in")
    pinned: list[ProfileId] = Field(default_factory=list, max_length=MAX_SIZE,
                                    description="ids of profiles that must be in every group")
    excluded: list[ProfileId] = Field(default_factory=list, max_length=MAX_EXCLUDED,
                                      description="ids of profiles that must be in no group")
    skip: WholeNumber = Field(default=0, ge=0, le=MAX_COUNT, strict=True,
                              description="leave out the first proposals: skip=count asks for the next ones")


class AllianceMemberPublic(BaseModel):
    """A member: what it brings to the others and receives from them."""

    id: str
    name: str
    kind: Literal["organisation", "artist"]
    municipality: str | None = None
    brings: list[str]
    receives: list[str]


class AllianceEdgePublic(BaseModel):
    """Who helps whom: `from` meets a `need` of `to` with an offer of `type` (or its audiences)."""

    model_config = ConfigDict(populate_by_name=True)
    from_: str = Field(alias="from")
    to: str
    type: str
    need: str
    score: float
    new: bool = Field(True, description="false when the two already work together (partners or introduced)")


class OpenNeedPublic(BaseModel):
    """A member's need no other member meets well enough; `met` is the best partial score."""

    member: str
    type: str
    met: float


class AlliancePublic(BaseModel):
    """A proposed group, its score and components, who brings what to whom, and its picture."""

    model_config = ConfigDict(json_schema_extra={"examples": [ALLIANCE_EXAMPLE]})
    members: list[AllianceMemberPublic]
    score: float
    need_coverage: float
    coherence: float
    components: dict[str, float]
    max_distance_km: float | None = None
    shared_themes: list[str]
    theme_members: int | None = Field(None, description="members that match the asked theme (none asked: null)")
    new_ties: int = Field(0, description="pairs of members tied by the group who do not work together yet")
    existing_ties: int = Field(0, description="pairs tied by the group who already work together (not new)")
    edges: list[AllianceEdgePublic]
    open_needs: list[OpenNeedPublic]
    reasons: list[str]
    svg: str = Field(description="the group as a self-contained SVG picture")


class AlliancesQuery(BaseModel):
    """The request as read, with the area's name and how many profiles lie in it."""

    area: str
    near: str | None = None
    radius_km: float | None = None
    municipalities: list[str] | None = None
    region: str | None = None
    size: int
    count: int
    theme: str | None = None
    language: str
    pinned: list[str] = []
    excluded: list[str] = []
    skip: int = 0
    profiles_in_area: int


class AlliancesPublic(BaseModel):
    """Proposed alliances, best first (fewer than asked when the area does not allow more)."""

    query: AlliancesQuery
    alliances: list[AlliancePublic]
    notes: list[str] = Field(default_factory=list,
                             description="why fewer groups than asked, or none, in the request's language")
