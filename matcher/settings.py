"""The one settings object: every `MATCHER_*` variable, read in one place and passed in.

The CLI and the service build it once (`Settings.from_env`, command-line
options win) and hand it to `Matcher.from_settings`; nothing else in the
project reads the environment.

Each variable and what it means is in the one table of the README ("Settings");
`ENVIRONMENT` below maps the variables to the fields, and a test holds the
two together.
"""
from __future__ import annotations

import datetime as dt
import ipaddress
import os
import re
from dataclasses import dataclass
from typing import Literal, Mapping

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, ValidationInfo, field_validator

from matcher.errors import SettingsError

MIN_ADMIN_KEY_CHARS = 16
PLACEHOLDER_KEYS = {"changethis", "changeme", "change-me", "secret", "admin", "password", "test", "key"}
ENVIRONMENT = {
    "db_path": "MATCHER_DB",
    "model": "MATCHER_MODEL",
    "admin_key": "MATCHER_ADMIN_KEY",
    "max_body_bytes": "MATCHER_MAX_BODY_BYTES",
    "rate_limit": "MATCHER_RATE_LIMIT",
    "text_precision": "MATCHER_TEXT_PRECISION",
    "reference_date": "MATCHER_REFERENCE_DATE",
    "sign_in_limit": "MATCHER_SIGN_IN_LIMIT",
    "session_days": "MATCHER_SESSION_DAYS",
    "trusted_proxies": "MATCHER_TRUSTED_PROXIES",
    "introductions_open": "MATCHER_INTRODUCTIONS_OPEN",
    "introductions_per_day": "MATCHER_INTRODUCTIONS_PER_DAY",
    "smtp_host": "MATCHER_SMTP_HOST",
    "smtp_port": "MATCHER_SMTP_PORT",
    "smtp_from": "MATCHER_SMTP_FROM",
    "workers": "MATCHER_WORKERS",
}
UNIT_SECONDS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}
_RATE = re.compile(r"^\s*(\d+)\s*/\s*(second|minute|hour|day)s?\s*$")
OFF = {"off", "none", "0"}


@dataclass(frozen=True)
class Rate:
    """At most `count` requests per `seconds`."""

    count: int
    seconds: float

    @classmethod
    def parse(cls, text: str) -> "Rate | None":
        """'60/minute', '5/second', '1000/hour', '10000/day'; 'off' for no limit."""
        if text.strip().lower() in OFF:
            return None
        found = _RATE.match(text.lower())
        if not found or int(found.group(1)) < 1:
            raise ValueError(f"must look like '60/minute' (a count of at least 1 per second, minute, hour "
                             f"or day) or 'off'; got {text!r}")
        return cls(int(found.group(1)), UNIT_SECONDS[found.group(2)])

    def __str__(self) -> str:
        unit = next((name for name, seconds in UNIT_SECONDS.items() if seconds == self.seconds),
                    f"{self.seconds:g} s")
        return f"{self.count} per {unit}"


class Settings(BaseModel):
    """Everything the matcher and its service can be told; built once, never at import time."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    db_path: str = "matcher.db"
    model: str | None = None
    admin_key: SecretStr | None = None
    max_body_bytes: int = Field(default=1_048_576, ge=1)
    rate_limit: str = "60/minute"
    text_precision: Literal["auto", "float32", "int8"] = "auto"
    reference_date: dt.date | None = None
    sign_in_limit: str = "10/minute"
    session_days: int = Field(default=14, ge=1, le=365)
    trusted_proxies: tuple[str, ...] = ()
    # Caps on introduction requests per profile (matcher/introductions.py): so that nobody gathers
    # contacts by asking everyone, a few at a time and a few a day are plenty for real partners.
    introductions_open: int = Field(default=10, ge=1, le=1000)
    introductions_per_day: int = Field(default=5, ge=1, le=1000)
    # Mail for the outbox of notifications (matcher/mail.py): off without a host.
    smtp_host: str | None = None
    smtp_port: int = Field(default=25, ge=1, le=65535)
    smtp_from: str | None = Field(default=None, validate_default=True)
    # Processes `matcher serve` runs on one port, each with its own index, all following the database.
    workers: int = Field(default=1, ge=1, le=64)

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

    @field_validator("rate_limit", "sign_in_limit")
    @classmethod
    def _readable_rate(cls, value: str) -> str:
        Rate.parse(value)
        return value

    @field_validator("trusted_proxies", mode="before")
    @classmethod
    def _proxy_addresses(cls, value):
        """'10.0.0.5, 192.168.1.0/24' -> each an address or network (CIDR), checked."""
        entries = value.split(",") if isinstance(value, str) else list(value)
        proxies = []
        for entry in (str(entry).strip() for entry in entries):
            if not entry:
                continue
            try:
                ipaddress.ip_network(entry, strict=False)
            except ValueError:
                raise ValueError(f"'{entry}' is not an IP address or network (like 10.0.0.5 or "
                                 "10.0.0.0/24); give addresses separated by commas") from None
            proxies.append(entry)
        return tuple(proxies)

    @field_validator("smtp_from")
    @classmethod
    def _sender_with_host(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is not None and "@" not in value:
            raise ValueError(f"must be an e-mail address to send from; got {value!r}")
        if value is None and info.data.get("smtp_host"):
            raise ValueError("must be set when MATCHER_SMTP_HOST is: the address the mails are sent from")
        return value

    @field_validator("reference_date", mode="before")
    @classmethod
    def _iso_date(cls, value):
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                raise ValueError(f"'{value}' is not a date (YYYY-MM-DD)") from None
        return value

    @property
    def rate(self) -> Rate | None:
        """The write and search limit per client, or None when switched off."""
        return Rate.parse(self.rate_limit)

    @property
    def sign_in_rate(self) -> Rate | None:
        """Sign-in attempts allowed per client and, apart, per profile id; None when switched off."""
        return Rate.parse(self.sign_in_limit)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides) -> "Settings":
        """Settings from MATCHER_* variables; keyword arguments that are not None win over them."""
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
