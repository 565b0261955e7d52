"""Owner keys: the secret that lets a person change their own profile.

A key is handed out once, when its profile is created; only its sha256 is
stored, and a key is compared with it in constant time.
"""
from __future__ import annotations

import hashlib
import hmac
import secrets

OWNER_KEY_BYTES = 32


def new_owner_key() -> str:
    return secrets.token_urlsafe(OWNER_KEY_BYTES)


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def key_fits(key: str | None, key_hash: str | None) -> bool:
    """Whether `key` is the one `key_hash` was made from; no key, or no stored hash, never fits."""
    if key is None or not key_hash:
        return False
    return hmac.compare_digest(hash_key(key), key_hash)
