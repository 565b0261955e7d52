"""Who may do what: owner keys, the admin key, and the rules that use them.

Reading is open. Changing a profile needs `Authorization: Bearer KEY` with
the profile's owner key (handed out once, when it was created; only its
sha256 is stored) or the admin key (MATCHER_ADMIN_KEY). Without an admin key
configured, admin actions are refused, never open. Keys are compared in
constant time.
"""
from __future__ import annotations

import hashlib
import hmac
import secrets

from fastapi import HTTPException, status

from .settings import Settings

OWNER_KEY_BYTES = 32
NEEDS_KEY = "this needs Authorization: Bearer KEY (the profile's owner key or the admin key)"
NEEDS_ADMIN_KEY = "this needs Authorization: Bearer KEY with the admin key"
NO_ADMIN_CONFIGURED = "admin calls are refused: the server has no MATCHER_ADMIN_KEY"
NOT_ADMIN_KEY = "this key is not the admin key"


def new_owner_key() -> str:
    return secrets.token_urlsafe(OWNER_KEY_BYTES)


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def is_admin(key: str | None, settings: Settings) -> bool:
    if key is None or settings.admin_key is None:
        return False
    return hmac.compare_digest(key.encode("utf-8"), settings.admin_key.get_secret_value().encode("utf-8"))


def is_owner(key: str | None, owner_key_hash: str | None) -> bool:
    if key is None or not owner_key_hash:
        return False
    return hmac.compare_digest(hash_key(key), owner_key_hash)


def may_see_contact(key: str | None, owner_key_hash: str | None, settings: Settings) -> bool:
    return is_owner(key, owner_key_hash) or is_admin(key, settings)


def unauthorized(detail: str) -> HTTPException:
    return HTTPException(status.HTTP_401_UNAUTHORIZED, detail, headers={"WWW-Authenticate": "Bearer"})


def check_may_change(key: str, owner_key_hash: str | None, settings: Settings, profile_id: str) -> None:
    """403 unless `key` is this profile's owner key or the admin key."""
    if not may_see_contact(key, owner_key_hash, settings):
        raise HTTPException(status.HTTP_403_FORBIDDEN, f"this key may not change profile '{profile_id}'")


def check_admin(key: str | None, settings: Settings) -> None:
    """403 when no admin key is configured or `key` is another; 401 without a key."""
    if settings.admin_key is None:
        raise HTTPException(status.HTTP_403_FORBIDDEN, NO_ADMIN_CONFIGURED)
    if key is None:
        raise unauthorized(NEEDS_ADMIN_KEY)
    if not is_admin(key, settings):
        raise HTTPException(status.HTTP_403_FORBIDDEN, NOT_ADMIN_KEY)
