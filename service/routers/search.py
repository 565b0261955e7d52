"""POST /search: suggestions for a free-text request."""
from __future__ import annotations

from fastapi import APIRouter

from matcher.engine import Matcher

from ..deps import KEY_OPTIONAL, MatcherDep, RateLimited
from ..schemas.errors import error_responses
from ..schemas.search import SearchRequest, SearchResultPublic

router = APIRouter(tags=["search"])


@router.post("/search", dependencies=[RateLimited], openapi_extra=KEY_OPTIONAL,
             responses=error_responses(400, 413, 422, 429))
async def search(request: SearchRequest, matcher: MatcherDep) -> SearchResultPublic:
    """Ranked partners for a request in Dutch, French or English; the same body as `matcher search --json`.
    With `near` and `radius_km`, only partners within that radius; when there are none, the result
    says so in `nothing_within_reach`, with how far the nearest is."""
    result = await matcher.read(Matcher.search, request.text, near=request.near, kind=request.kind,
                                limit=request.limit, radius_km=request.radius_km)
    return SearchResultPublic.model_validate(result.as_dict())
