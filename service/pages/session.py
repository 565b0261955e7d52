"""Who is looking at a page: anonymous, signed in with a profile's owner key, or the admin.

A person signs in by giving their profile's id and owner key (or the admin
key alone). The key is checked once, with the same rules as the API
(service/auth.py), and a server-side session is opened
(matcher/storage/sessions.py): the browser keeps only the session's random
id, in an HttpOnly, SameSite=Lax cookie; the database keeps its hash. Every
request looks the session up again, so a session stops working the moment it
is signed out, it expires (MATCHER_SESSION_DAYS), its profile is deleted or
its owner key is rotated; an admin session ends when MATCHER_ADMIN_KEY
changes. Only the owner and the admin may change a profile.

The functions taking a Matcher run on its thread (`SharedMatcher.call`).
"""
from __future__ import annotations

import hmac
from dataclasses import dataclass
from typing import Annotated
from urllib.parse import urlsplit

from fastapi import Depends, HTTPException, Request, Response, status

from matcher.engine import Matcher
from matcher.errors import ProfileNotFound
from matcher.owner_keys import hash_key
from matcher.profiles import Profile

from .. import auth
from ..deps import MatcherDep, SettingsDep
from ..settings import Settings

SESSION_COOKIE = "matcher_session"
MAX_KEY_CHARS = 512


@dataclass(frozen=True)
class Visitor:
    """The person behind a request; `session_id` is only ever used to look the session up again."""

    profile_id: str | None = None
    profile_name: str | None = None
    is_admin: bool = False
    session_id: str | None = None

    @property
    def signed_in(self) -> bool:
        return self.is_admin or self.profile_id is not None

    def may_change(self, profile_id: str) -> bool:
        return self.is_admin or self.profile_id == profile_id


ANONYMOUS = Visitor()


def check_sign_in(matcher: Matcher, profile_id: str | None, key: str, settings: Settings) -> Visitor | None:
    """The visitor these credentials make (without a session yet), or None when they do not fit."""
    if not key or len(key) > MAX_KEY_CHARS:
        return None
    if auth.is_admin(key, settings) and not profile_id:
        return Visitor(is_admin=True)
    if not profile_id:
        return None
    try:
        is_owner = matcher.is_owner(profile_id, key)
    except ProfileNotFound:
        return None
    if is_owner:
        return Visitor(profile_id=profile_id, profile_name=matcher.get(profile_id).name)
    if auth.is_admin(key, settings):
        return Visitor(is_admin=True)
    return None


def sign_in(matcher: Matcher, profile_id: str | None, key: str, settings: Settings) -> Visitor | None:
    """Check the credentials and open a session for them: the signed-in visitor, with the new
    session's id, or None when they do not fit."""
    visitor = check_sign_in(matcher, profile_id, key, settings)
    if visitor is None:
        return None
    session_id = matcher.sessions.open(None if visitor.is_admin else visitor.profile_id, hash_key(key),
                                       settings.session_days * 24 * 3600)
    return Visitor(visitor.profile_id, visitor.profile_name, visitor.is_admin, session_id)


def open_owner_session(matcher: Matcher, profile_id: str, owner_key: str, settings: Settings) -> Visitor:
    """A session for the owner of a profile just created with `owner_key`."""
    session_id = matcher.sessions.open(profile_id, hash_key(owner_key), settings.session_days * 24 * 3600)
    return Visitor(profile_id=profile_id, profile_name=matcher.get(profile_id).name, session_id=session_id)


def find_visitor(matcher: Matcher, session_id: str | None, settings: Settings) -> Visitor:
    """The visitor whose session this is; ANONYMOUS when it is not open any more."""
    session = matcher.sessions.find(session_id)
    if session is None:
        return ANONYMOUS
    if session.profile_id is None:
        admin_key = settings.admin_key.get_secret_value() if settings.admin_key else None
        if admin_key is None or not hmac.compare_digest(session.key_hash, hash_key(admin_key)):
            return ANONYMOUS  # the admin key changed, or admin calls are off now
        return Visitor(is_admin=True, session_id=session_id)
    try:
        name = matcher.get(session.profile_id).name
    except ProfileNotFound:
        return ANONYMOUS
    return Visitor(profile_id=session.profile_id, profile_name=name, session_id=session_id)


def sign_out(matcher: Matcher, session_id: str | None) -> None:
    """End the session for good: the cookie, if kept or copied, signs nobody in again."""
    matcher.sessions.end(session_id)


def check_visitor_may_change(matcher: Matcher, session_id: str | None, profile_id: str, settings: Settings) -> None:
    """403 unless the session is still open and its owner or the admin may change this profile;
    run in the same call as the write it allows, like `auth.check_may_change`."""
    if not find_visitor(matcher, session_id, settings).may_change(profile_id):
        raise HTTPException(status.HTTP_403_FORBIDDEN, f"this session may not change profile '{profile_id}'")


def replace_as_visitor(matcher: Matcher, profile: Profile, session_id: str | None, settings: Settings) -> None:
    """Replace a stored profile when the visitor's session may change it (the edit page)."""
    check_visitor_may_change(matcher, session_id, profile.id, settings)
    matcher.save_profile(profile)


def delete_as_visitor(matcher: Matcher, profile_id: str, session_id: str | None, settings: Settings) -> None:
    """Delete a profile for good when the visitor's session may change it; its sessions go with it."""
    check_visitor_may_change(matcher, session_id, profile_id, settings)
    matcher.delete_profile(profile_id)


def rotate_key_as_visitor(matcher: Matcher, profile_id: str, session_id: str | None, settings: Settings) -> str:
    """A new owner key for a profile when the visitor's session may change it; every session of
    the profile ends (the owner's own too: `open_owner_session` opens a new one)."""
    check_visitor_may_change(matcher, session_id, profile_id, settings)
    return matcher.rotate_owner_key(profile_id)


async def current_visitor(request: Request, matcher: MatcherDep, settings: SettingsDep) -> Visitor:
    session_id = request.cookies.get(SESSION_COOKIE)
    if not session_id:
        return ANONYMOUS
    return await matcher.read(find_visitor, session_id, settings)


VisitorDep = Annotated[Visitor, Depends(current_visitor)]


def remember(response: Response, request: Request, session_id: str, settings: Settings) -> None:
    response.set_cookie(SESSION_COOKIE, session_id, max_age=settings.session_days * 24 * 3600, path="/",
                        httponly=True, samesite="lax", secure=request.url.scheme == "https")


def forget(response: Response) -> None:
    response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="lax")


async def same_origin(request: Request) -> None:
    """Refuse form posts sent from another site (beside the form token and the SameSite=Lax cookie)."""
    origin = request.headers.get("origin")
    if not origin or origin == "null":
        return
    host = request.headers.get("host", "")
    if urlsplit(origin).netloc.lower() != host.lower():
        raise HTTPException(status.HTTP_403_FORBIDDEN, "form sent from another site")


SameOrigin = Depends(same_origin)
