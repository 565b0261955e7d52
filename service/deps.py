"""Dependencies, named like the types routes receive, so a route reads like its signature."""
from __future__ import annotations

from typing import Annotated

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from . import auth
from .rate_limit import RateLimiter, retry_after_header
from .settings import Settings
from .shared_matcher import SharedMatcher

bearer = HTTPBearer(auto_error=False, description="The profile's owner key (given once, on creation) "
                                                  "or the admin key (MATCHER_ADMIN_KEY).")


async def get_settings(request: Request) -> Settings:
    return request.app.state.settings


async def get_matcher(request: Request) -> SharedMatcher:
    return request.app.state.matcher


async def get_key(credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]) -> str | None:
    return credentials.credentials if credentials else None


SettingsDep = Annotated[Settings, Depends(get_settings)]
MatcherDep = Annotated[SharedMatcher, Depends(get_matcher)]
KeyDep = Annotated[str | None, Depends(get_key)]


async def get_required_key(key: KeyDep) -> str:
    if key is None:
        raise auth.unauthorized(auth.NEEDS_KEY)
    return key


RequiredKeyDep = Annotated[str, Depends(get_required_key)]


async def require_admin(key: KeyDep, settings: SettingsDep) -> None:
    auth.check_admin(key, settings)


def client_address(request: Request) -> str:
    """The client's address: the peer's, or the one a trusted proxy (MATCHER_TRUSTED_PROXIES) forwarded,
    which the app's ProxyHeadersMiddleware put in its place."""
    return request.client.host if request.client else "unknown"


async def rate_limited(request: Request, key: KeyDep, settings: SettingsDep) -> None:
    """429 with Retry-After when this client has used up its writes and searches; the admin is exempt."""
    check_rate(request, exempt=auth.is_admin(key, settings))


def check_rate(request: Request, exempt: bool = False) -> None:
    """Take one of this client's writes and searches, or raise 429 with Retry-After; the pages
    call it with `exempt` for a visitor signed in as the admin."""
    limiter: RateLimiter | None = request.app.state.rate_limiter
    if limiter is None or exempt:
        return
    wait = limiter.acquire(client_address(request))
    if wait > 0:
        raise HTTPException(status.HTTP_429_TOO_MANY_REQUESTS,
                            f"too many requests: at most {limiter.rate} for writes and searches; "
                            f"retry in {retry_after_header(wait)} s",
                            headers={"Retry-After": retry_after_header(wait)})


RateLimited = Depends(rate_limited)
AdminOnly = Depends(require_admin)
# For routes where a key is optional (it shows contact, or lifts the rate limit): OpenAPI then lists
# "no key" beside the bearer key (FastAPI appends this to the route's security requirements).
KEY_OPTIONAL = {"security": [{}]}
