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
    """Ranked partners for a request in Dutch, French or English; the same body as `matcher search --json`."""
    result = await matcher.call(Matcher.search, request.text, near=request.near, kind=request.kind,
                                limit=request.limit)
    return SearchResultPublic.model_validate(result.as_dict())
