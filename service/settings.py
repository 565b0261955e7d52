"""The service's one settings object, read from the environment when the app is built.

| variable | field | default |
| --- | --- | --- |
| `MATCHER_DB` | `db_path` | `matcher.db` |
| `MATCHER_MODEL` | `model` | the bundled all-MiniLM-L6-v2 |
| `MATCHER_ADMIN_KEY` | `admin_key` | none: admin calls are refused |
| `MATCHER_MAX_BODY_BYTES` | `max_body_bytes` | 1 MB |
| `MATCHER_RATE_LIMIT` | `rate_limit` | `60/minute` per client for writes and search; `off` disables it |
"""
from __future__ import annotations

import os
from typing import Mapping

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, field_validator

from .rate_limit import Rate

MIN_ADMIN_KEY_CHARS = 16
PLACEHOLDER_KEYS = {"changethis", "changeme", "change-me", "secret", "admin", "password", "test", "key"}
ENVIRONMENT = {
    "db_path": "MATCHER_DB",
    "model": "MATCHER_MODEL",
    "admin_key": "MATCHER_ADMIN_KEY",
    "max_body_bytes": "MATCHER_MAX_BODY_BYTES",
    "rate_limit": "MATCHER_RATE_LIMIT",
}


class SettingsError(ValueError):
    """A setting of the service is missing or malformed."""


class Settings(BaseModel):
    """Everything the service can be told; built once per app, never at import time."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    db_path: str = "matcher.db"
    model: str | None = None
    admin_key: SecretStr | None = None
    max_body_bytes: int = Field(default=1_048_576, ge=1)
    rate_limit: str = "60/minute"

    @field_validator("admin_key", mode="before")
    @classmethod
    def _no_placeholder_key(cls, value):
        if isinstance(value, SecretStr):
            value = value.get_secret_value()
        if value is None or value == "":
            return None
        if value.strip().lower() in PLACEHOLDER_KEYS or len(value) < MIN_ADMIN_KEY_CHARS:
            raise ValueError(f"must be at least {MIN_ADMIN_KEY_CHARS} characters and not a placeholder; "
                             "make one with: python -c 'import secrets; print(secrets.token_urlsafe())'")
        return value

    @field_validator("rate_limit")
    @classmethod
    def _readable_rate(cls, value: str) -> str:
        Rate.parse(value)
        return value

    @property
    def rate(self) -> Rate | None:
        """The write and search limit per client, or None when switched off."""
        return Rate.parse(self.rate_limit)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides) -> "Settings":
        """Settings from MATCHER_* variables; keyword arguments win over the environment."""
        environ = os.environ if environ is None else environ
        values = {name: environ[variable] for name, variable in ENVIRONMENT.items() if environ.get(variable)}
        values.update({name: value for name, value in overrides.items() if value is not None})
        try:
            return cls(**values)
        except ValidationError as error:
            first = error.errors()[0]
            name = str(first["loc"][0]) if first["loc"] else "settings"
            message = str(first["msg"]).removeprefix("Value error, ")
            raise SettingsError(f"{ENVIRONMENT.get(name, name)}: {message}") from None
