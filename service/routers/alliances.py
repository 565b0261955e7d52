"""POST /alliances: proposed groups of complementary partners in an area, each with its picture."""
from __future__ import annotations

from fastapi import APIRouter

from matcher.alliances.svg import alliance_svg
from matcher.engine import Matcher

from ..deps import KEY_OPTIONAL, MatcherDep, RateLimited
from ..schemas.alliances import AlliancesPublic, AlliancesRequest
from ..schemas.errors import error_responses

router = APIRouter(tags=["alliances"])


@router.post("/alliances", dependencies=[RateLimited], openapi_extra=KEY_OPTIONAL,
             responses=error_responses(400, 413, 422, 429))
async def alliances(request: AlliancesRequest, matcher: MatcherDep) -> AlliancesPublic:
    """Groups in an area that together have what each member lacks, best first; the body of
    `matcher alliances --json`, with each group's picture as an SVG string in `svg`."""
    result = await matcher.read(Matcher.alliances, **request.model_dump())
    body = result.as_dict()
    for alliance, answer in zip(result.alliances, body["alliances"]):
        answer["svg"] = alliance_svg(alliance)
    return AlliancesPublic.model_validate(body)
