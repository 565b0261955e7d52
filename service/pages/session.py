"""Who is looking at a page: anonymous, signed in with a profile's owner key, or the admin.

A person signs in by giving their profile's id and owner key (or the admin
key alone). Both are kept in an HttpOnly, SameSite=Lax cookie and checked
again on every request with the same rules as the API (service/auth.py), so
a key stops working the moment its profile is deleted. Signed-in visitors see
contact details; only the owner and the admin may change a profile.
"""
from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from typing import Annotated
from urllib.parse import urlsplit

from fastapi import Depends, HTTPException, Request, Response, status

from matcher.engine import Matcher
from matcher.errors import ProfileNotFound

from .. import auth
from ..deps import MatcherDep, SettingsDep
from ..settings import Settings

SESSION_COOKIE = "matcher_session"
SESSION_SECONDS = 90 * 24 * 3600
MAX_KEY_CHARS = 512


@dataclass(frozen=True)
class Visitor:
    """The person behind a request; `key` is only ever used to check, never shown."""

    profile_id: str | None = None
    profile_name: str | None = None
    is_admin: bool = False
    key: str | None = None

    @property
    def signed_in(self) -> bool:
        return self.is_admin or self.profile_id is not None

    def may_change(self, profile_id: str) -> bool:
        return self.is_admin or self.profile_id == profile_id


ANONYMOUS = Visitor()


def encode_session(profile_id: str | None, key: str) -> str:
    raw = json.dumps([profile_id, key], separators=(",", ":")).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_session(value: str | None) -> tuple[str | None, str] | None:
    if not value or len(value) > 4 * MAX_KEY_CHARS:
        return None
    try:
        raw = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
        profile_id, key = json.loads(raw.decode("utf-8"))
    except (binascii.Error, UnicodeDecodeError, ValueError, TypeError):
        return None
    if not isinstance(key, str) or not (profile_id is None or isinstance(profile_id, str)):
        return None
    return profile_id, key


def check_sign_in(matcher: Matcher, profile_id: str | None, key: str, settings: Settings) -> Visitor | None:
    """The visitor these credentials make, or None when they do not fit (run on the matcher's thread)."""
    if auth.is_admin(key, settings) and not profile_id:
        return Visitor(is_admin=True, key=key)
    if not profile_id:
        return None
    try:
        is_owner = matcher.is_owner(profile_id, key)
    except ProfileNotFound:
        return None
    if is_owner:
        return Visitor(profile_id=profile_id, profile_name=matcher.get(profile_id).name, key=key)
    if auth.is_admin(key, settings):
        return Visitor(is_admin=True, key=key)
    return None


async def current_visitor(request: Request, matcher: MatcherDep, settings: SettingsDep) -> Visitor:
    session = decode_session(request.cookies.get(SESSION_COOKIE))
    if session is None:
        return ANONYMOUS
    profile_id, key = session
    return await matcher.call(check_sign_in, profile_id, key, settings) or ANONYMOUS


VisitorDep = Annotated[Visitor, Depends(current_visitor)]


def remember(response: Response, request: Request, profile_id: str | None, key: str) -> None:
    response.set_cookie(SESSION_COOKIE, encode_session(profile_id, key), max_age=SESSION_SECONDS, path="/",
                        httponly=True, samesite="lax", secure=request.url.scheme == "https")


def forget(response: Response) -> None:
    response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="lax")


async def same_origin(request: Request) -> None:
    """Refuse form posts sent from another site (the cookie is SameSite=Lax too; this is a second lock)."""
    origin = request.headers.get("origin")
    if not origin or origin == "null":
        return
    host = request.headers.get("host", "")
    if urlsplit(origin).netloc.lower() != host.lower():
        raise HTTPException(status.HTTP_403_FORBIDDEN, "form sent from another site")


SameOrigin = Depends(same_origin)
