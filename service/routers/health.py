"""GET /health: is the service up, and with what."""
from __future__ import annotations

from fastapi import APIRouter

from matcher.engine import Matcher

from ..deps import MatcherDep
from ..schemas.health import Health

router = APIRouter(tags=["health"])


def _status(matcher: Matcher) -> Health:
    return Health(status="ok", profiles=matcher.count(), model=matcher.embedder.name)


@router.get("/health")
async def health(matcher: MatcherDep) -> Health:
    """The service answers; how many profiles it holds and its embedding model."""
    return await matcher.read(_status)
