"""Which language a page is in, and its words.

The language comes from a `lang` query parameter (which is then kept in a
cookie), else that cookie, else the browser's Accept-Language, else English.
Words live in `messages.py`; labels of lexicon keys (disciplines, audiences,
offer and need types, themes) come from the library's lexicon, so the pages
say what the matcher says.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from fastapi import Request

from matcher.places.gazetteer import gazetteer
from matcher.ranking.reasons import AUDIENCE_WORDS, format_amount, format_count, format_km, format_period
from matcher.understanding.lexicon import lexicon

from .messages import MESSAGES, ORGANISATION_TYPE_LABELS, PARTNER_KIND_LABELS, REGION_LABELS

LANGUAGES = ("nl", "fr", "en")
LANGUAGE_NAMES = {"nl": "Nederlands", "fr": "Français", "en": "English"}
FALLBACK = "en"
LANGUAGE_COOKIE = "lang"
LANGUAGE_COOKIE_SECONDS = 365 * 24 * 3600


def accepted_language(header: str | None) -> str | None:
    """The best of nl/fr/en in an Accept-Language header ("fr-BE,fr;q=0.9,nl;q=0.8"), or None."""
    if not header:
        return None
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate(header.split(",")):
        tag, _, parameters = part.strip().partition(";")
        quality = 1.0
        for parameter in parameters.split(";"):
            name, _, value = parameter.strip().partition("=")
            if name == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        primary = tag.strip().lower().split("-")[0]
        if primary in LANGUAGES and quality > 0:
            ranked.append((-quality, position, primary))
    return min(ranked)[2] if ranked else None


def chosen_language(request: Request) -> tuple[str, bool]:
    """(language, whether the `lang` query parameter asked for it and the cookie should keep it)."""
    asked = (request.query_params.get("lang") or "").lower()
    if asked in LANGUAGES:
        return asked, True
    kept = (request.cookies.get(LANGUAGE_COOKIE) or "").lower()
    if kept in LANGUAGES:
        return kept, False
    return accepted_language(request.headers.get("accept-language")) or FALLBACK, False


class MissingMessage(AttributeError):
    """A page asked for a message that `messages.py` does not hold."""


@dataclass(frozen=True)
class Words:
    """The messages of one language: `words.key` or `words("key", name=...)` in templates."""

    language: str

    def __call__(self, key: str, **values) -> str:
        try:
            text = MESSAGES[key][self.language]
        except KeyError:
            raise MissingMessage(f"no message '{key}' in '{self.language}'") from None
        numbers = {name: format_count(value, self.language) for name, value in values.items()
                   if isinstance(value, int) and not isinstance(value, bool)}
        return text.format(**{**values, **numbers}) if values else text

    def __getattr__(self, key: str) -> str:
        if key not in MESSAGES:  # also answers hasattr() probes by Jinja
            raise MissingMessage(f"no message '{key}'")
        return self(key)

    # -- labels of the profile format's keys, as the library words them ------
    def label(self, section: str, key: str) -> str:
        """A discipline, audience, exchange type, theme, organisation type or partner kind key in this language."""
        if section == "regions":
            return REGION_LABELS.get(key, {}).get(self.language, key)
        if section == "types":
            return ORGANISATION_TYPE_LABELS.get(key, {}).get(self.language, key.replace("_", " "))
        if section == "partner_kinds":
            labels = PARTNER_KIND_LABELS.get(key) or ORGANISATION_TYPE_LABELS.get(key, {})
            return labels.get(self.language, key.replace("_", " "))
        if section == "themes" and key.startswith("free:"):
            return key[5:]
        return lexicon().label(section, key, self.language)

    def audience_words(self, keys) -> str:
        words = [AUDIENCE_WORDS[self.language].get(k, k) for k in keys]
        return ", ".join(words)

    def period(self, start: str | dt.date | None, end: str | dt.date | None) -> str:
        if not start or not end:
            return ""
        first = start if isinstance(start, dt.date) else dt.date.fromisoformat(start)
        last = end if isinstance(end, dt.date) else dt.date.fromisoformat(end)
        return format_period(first.toordinal(), last.toordinal(), self.language)

    def amount(self, value: float | None) -> str:
        return "" if value is None else format_amount(value, self.language)

    def km(self, value: float | None) -> str:
        return "" if value is None else format_km(value, self.language)

    def place(self, municipality: str | None) -> str:
        """A municipality's name as this language writes it ("Sint-Gillis" is "Saint-Gilles" in French)."""
        if not municipality or self.language != "fr":
            return municipality or ""
        found = gazetteer().municipality(municipality)
        return found.name("fr") if found else municipality

    def language_name(self, code: str | None) -> str:
        return self(f"language_{code}") if code in LANGUAGES else (code or "—")

    def exchange(self, item: dict) -> str:
        """One offer or need in a line: what · when · how much · for whom."""
        parts = [self.label("exchange_types", item["type"])]
        period = item.get("period") or {}
        if period.get("start") and period.get("end"):
            parts.append(self.period(period["start"], period["end"]))
        if item.get("amount_eur") is not None:
            parts.append(self.amount(item["amount_eur"]))
        if item.get("audiences"):
            parts.append(self("for_audiences", audiences=self.audience_words(item["audiences"])))
        return " · ".join(parts)
