"""POST /alliances: proposed groups of complementary partners in an area, each with its picture;
`?format=csv` answers the same groups as a CSV file, one row per member."""
from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response

from matcher.alliances.export import alliances_csv
from matcher.alliances.svg import alliance_svg
from matcher.engine import Matcher

from ..deps import KEY_OPTIONAL, MatcherDep, RateLimited
from ..schemas.alliances import AlliancesPublic, AlliancesRequest
from ..schemas.errors import error_responses

router = APIRouter(tags=["alliances"])
CSV_ANSWER = {200: {"content": {"text/csv": {"schema": {"type": "string"}}},
                    "description": "with `?format=csv`: one row per member of each group"}}


@router.post("/alliances", dependencies=[RateLimited], openapi_extra=KEY_OPTIONAL, response_model=AlliancesPublic,
             responses={**error_responses(400, 413, 422, 429), **CSV_ANSWER})
async def alliances(request: AlliancesRequest, matcher: MatcherDep,
                    format: Annotated[Literal["json", "csv"], Query(description="json (default) or csv")] = "json"
                    ) -> AlliancesPublic | Response:
    """Groups in an area that together have what each member lacks, best first; the body of
    `matcher alliances --json`, with each group's picture as an SVG string in `svg`. With `?format=csv`,
    the groups as a file: alliance, member, id, name, kind, municipality, brings, receives, new and
    existing ties, shared themes, score."""
    result = await matcher.read(Matcher.alliances, **request.model_dump())
    if format == "csv":
        return Response(alliances_csv(result.alliances), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": 'attachment; filename="alliances.csv"'})
    body = result.as_dict()
    for alliance, answer in zip(result.alliances, body["alliances"]):
        answer["svg"] = alliance_svg(alliance)
    return AlliancesPublic.model_validate(body)
