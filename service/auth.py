"""Who may do what: owner keys, the admin key, and the rules that use them.

Reading is open. Changing a profile needs `Authorization: Bearer KEY` with
the profile's owner key (handed out once, when it was created; only its
sha256 is stored; see matcher/owner_keys.py) or the admin key
(MATCHER_ADMIN_KEY). Without an admin key configured, admin actions are
refused, never open. Keys are compared in constant time.

The checks that need a stored profile take the Matcher and run on its thread
(`SharedMatcher.call`), so that a check and the write it allows happen together.
"""
from __future__ import annotations

import hmac

from fastapi import HTTPException, status

from matcher.engine import Matcher
from matcher.profiles import Profile

from .settings import Settings

NEEDS_KEY = "this needs Authorization: Bearer KEY (the profile's owner key or the admin key)"
NEEDS_ADMIN_KEY = "this needs Authorization: Bearer KEY with the admin key"
NO_ADMIN_CONFIGURED = "admin calls are refused: the server has no MATCHER_ADMIN_KEY"
NOT_ADMIN_KEY = "this key is not the admin key"


def is_admin(key: str | None, settings: Settings) -> bool:
    if key is None or settings.admin_key is None:
        return False
    return hmac.compare_digest(key.encode("utf-8"), settings.admin_key.get_secret_value().encode("utf-8"))


def may_change(matcher: Matcher, profile_id: str, key: str | None, settings: Settings) -> bool:
    """The owner and the admin may change a profile (raises ProfileNotFound, for the admin too)."""
    return matcher.is_owner(profile_id, key) or is_admin(key, settings)


def key_holder(matcher: Matcher, key: str | None, profile_ids) -> str | None:
    """Which of these profiles `key` is the owner key of (each compared in constant time), if any."""
    return next((profile_id for profile_id in profile_ids if matcher.is_owner(profile_id, key)), None)


def may_see_contact(matcher: Matcher, profile_id: str, key: str | None, settings: Settings) -> bool:
    """Whether the holder of `key` may see a profile's contact, by the library's one rule
    (matcher/introductions.py): its owner, the admin, or a profile it accepted an introduction
    with; a key is only compared with the owner keys of those (raises ProfileNotFound)."""
    if is_admin(key, settings):
        return True
    viewer = key_holder(matcher, key, [profile_id, *sorted(matcher.introductions.introduced_with(profile_id))])
    return matcher.introductions.may_see_contact(viewer, profile_id)


def unauthorized(detail: str) -> HTTPException:
    return HTTPException(status.HTTP_401_UNAUTHORIZED, detail, headers={"WWW-Authenticate": "Bearer"})


def check_may_change(matcher: Matcher, profile_id: str, key: str, settings: Settings) -> None:
    """403 unless `key` is this profile's owner key or the admin key; ProfileNotFound (404) first."""
    if not may_change(matcher, profile_id, key, settings):
        raise HTTPException(status.HTTP_403_FORBIDDEN, f"this key may not change profile '{profile_id}'")


def replace_if_allowed(matcher: Matcher, profile: Profile, key: str, settings: Settings) -> None:
    """Replace a stored profile when `key` may change it; the API's PUT and the edit page both
    save this way. The stored owner key hash is kept."""
    check_may_change(matcher, profile.id, key, settings)
    matcher.save_profile(profile)


def delete_if_allowed(matcher: Matcher, profile_id: str, key: str, settings: Settings) -> None:
    """Delete a stored profile when `key` may change it."""
    check_may_change(matcher, profile_id, key, settings)
    matcher.delete_profile(profile_id)


def rotate_key_if_allowed(matcher: Matcher, profile_id: str, key: str, settings: Settings) -> str:
    """A new owner key for a profile when `key` may change it: the old key stops working and every
    page session of the profile ends, at once (see Matcher.rotate_owner_key)."""
    check_may_change(matcher, profile_id, key, settings)
    return matcher.rotate_owner_key(profile_id)


def check_admin(key: str | None, settings: Settings) -> None:
    """403 when no admin key is configured or `key` is another; 401 without a key."""
    if settings.admin_key is None:
        raise HTTPException(status.HTTP_403_FORBIDDEN, NO_ADMIN_CONFIGURED)
    if key is None:
        raise unauthorized(NEEDS_ADMIN_KEY)
    if not is_admin(key, settings):
        raise HTTPException(status.HTTP_403_FORBIDDEN, NOT_ADMIN_KEY)
