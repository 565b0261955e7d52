"""The profile exchange format (docs/profile-format.md) as typed models.

Validation happens here, once, at the boundary: everything inside the
library trusts a `Profile`.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

DISCIPLINES = (
    "theatre", "dance", "music", "music_theatre", "visual_arts", "literature",
    "film", "circus", "performance_art", "photography", "digital_arts", "design",
    "heritage", "street_arts", "puppetry", "spoken_word", "multidisciplinary",
)
AUDIENCES = (
    "children", "youth", "young_adults", "families", "schools", "elderly",
    "newcomers", "culturally_diverse", "local_residents",
    "people_with_disabilities", "professionals", "general_public",
)
EXCHANGE_TYPES = (
    "rehearsal_space", "performance_venue", "exhibition_space", "residency",
    "coproduction_budget", "technical_support", "production_support",
    "audience_mediation", "workshops", "audience_reach", "promotion",
    "school_network", "artistic_collaboration",
)
ORGANISATION_TYPES = (
    "cultural_centre", "community_centre", "arts_organisation", "venue",
    "residency_centre", "school", "library", "heritage_organisation",
    "amateur_association", "youth_organisation", "social_organisation",
    "local_government", "company", "collective", "solo_artist",
)
# The kind of partner a profile looks for: any artist or any organisation, or a finer type.
PARTNER_KINDS = ("artist", "organisation") + ORGANISATION_TYPES
# The terms of an exchange (docs/profile-format.md, "Terms of an exchange").
SPACE_TYPES = ("rehearsal_space", "performance_venue", "exhibition_space", "residency")
SPACE_FEATURES = (
    "dance_floor", "black_box", "white_walls", "rigging_points", "light", "sound", "projection",
    "kitchen", "wheelchair_access",
)
SUPPORTED_TYPES = ("residency", "rehearsal_space")  # the types whose room may come with support
SUPPORT = ("room", "lodging", "technical", "coaching", "fee", "showing")
PRICES = ("free", "rent", "in_kind")
IN_KIND = ("venue", "technical_crew", "fee_as_budget", "lodging", "materials")
LANGUAGES = ("nl", "fr", "en")
HOME_COUNTRY = "BE"  # the country whose municipalities and postcodes are known (data/geo)
MAX_SERVED_PLACES = 50
MAX_DESCRIPTION_CHARS = 10_000

Discipline = Literal[DISCIPLINES]  # type: ignore[valid-type]
Audience = Literal[AUDIENCES]  # type: ignore[valid-type]
ExchangeType = Literal[EXCHANGE_TYPES]  # type: ignore[valid-type]
ProfileType = Literal[ORGANISATION_TYPES]  # type: ignore[valid-type]
PartnerKind = Literal[PARTNER_KINDS]  # type: ignore[valid-type]
SpaceFeature = Literal[SPACE_FEATURES]  # type: ignore[valid-type]
Support = Literal[SUPPORT]  # type: ignore[valid-type]
Price = Literal[PRICES]  # type: ignore[valid-type]
InKind = Literal[IN_KIND]  # type: ignore[valid-type]

_STRICT = ConfigDict(extra="forbid", str_strip_whitespace=True)
# A municipality, province or region of Belgium a profile serves (resolved when it is placed).
ServedPlace = Annotated[str, Field(min_length=1, max_length=100)]
# What the validators of Profile check, said in the JSON schema too (their messages stay theirs).
LanguageCode = Annotated[str, Field(json_schema_extra={"pattern": "^[A-Za-z]{2}$"})]
Theme = Annotated[str, Field(json_schema_extra={"minLength": 1, "maxLength": 100, "pattern": r"\S"})]


def _no_booleans(value):
    """JSON true is not the number 1 here."""
    if isinstance(value, bool):
        raise ValueError("must be a number, not true or false")
    return value


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _a_written_date(value):
    """A date is written YYYY-MM-DD (or given as a date): a number is not read as seconds since
    1970, which made `0` the 1st of January 1970."""
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value.strip()):
        return value.strip()
    raise ValueError("must be a date written YYYY-MM-DD")


class Period(BaseModel):
    """A stretch of days, both ends inclusive."""

    model_config = _STRICT
    start: dt.date
    end: dt.date

    _written_dates = field_validator("start", "end", mode="before")(_a_written_date)

    @model_validator(mode="after")
    def _end_not_before_start(self) -> "Period":
        if self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}")
        return self

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


class Space(BaseModel):
    """What a space has (on an offer) or the least a need asks of one."""

    model_config = _STRICT
    area_m2: float | None = Field(default=None, ge=0, le=1_000_000)
    seated: int | None = Field(default=None, ge=0, le=1_000_000)
    standing: int | None = Field(default=None, ge=0, le=1_000_000)
    beds: int | None = Field(default=None, ge=0, le=10_000)
    features: list[SpaceFeature] = Field(default_factory=list, max_length=len(SPACE_FEATURES))

    _numbers = field_validator("area_m2", "seated", "standing", "beds", mode="before")(_no_booleans)


def _each_once(values: list) -> list:
    return list(dict.fromkeys(values))


class Exchange(BaseModel):
    """One offer or one need: what is given or asked, when, how much, for whom, and on what terms."""

    model_config = _STRICT
    type: ExchangeType
    period: Period | None = None
    amount_eur: float | None = Field(default=None, ge=0, le=100_000_000)

    _amount_is_a_number = field_validator("amount_eur", "price_eur", "budget_eur", mode="before")(_no_booleans)
    audiences: list[Audience] = Field(default_factory=list, max_length=len(AUDIENCES))
    note: str | None = Field(default=None, max_length=1000)
    in_return: list[ExchangeType] = Field(default_factory=list, max_length=len(EXCHANGE_TYPES))
    space: Space | None = None
    support: list[Support] = Field(default_factory=list, max_length=len(SUPPORT))
    price: Price | None = None
    price_eur: float | None = Field(default=None, ge=0, le=100_000_000)
    in_kind: list[InKind] = Field(default_factory=list, max_length=len(IN_KIND))
    budget_eur: float | None = Field(default=None, ge=0, le=100_000_000)
    # A need asked for only if it can be had ("ideally", "si possible"): it counts for less in
    # how well a partner meets the needs. Only a need can be optional (see Profile.offers).
    optional: bool = False

    _lists_once = field_validator("in_return", "support", "in_kind")(_each_once)

    @model_validator(mode="after")
    def _terms_fit_the_type(self) -> "Exchange":
        # Each message starts with the field it is about: the error names offers[i] or needs[i].
        if self.space is not None and self.type not in SPACE_TYPES:
            raise ValueError(f"space: only a {', '.join(SPACE_TYPES)} has a size and features, not a {self.type}")
        if self.support and self.type not in SUPPORTED_TYPES:
            raise ValueError(f"support: only a {' or '.join(SUPPORTED_TYPES)} comes with support, not a {self.type}")
        if self.in_kind and self.type != "coproduction_budget":
            raise ValueError(f"in_kind: only a coproduction_budget is given in kind, not a {self.type}")
        if self.price_eur is not None and self.price != "rent":
            raise ValueError("price_eur: give it with price 'rent' (the rent or fee asked)")
        return self


def _not_optional(offer: Exchange) -> Exchange:
    if offer.optional:
        raise ValueError("optional: only a need can be optional")
    return offer


Offer = Annotated[Exchange, AfterValidator(_not_optional)]


class Location(BaseModel):
    """Where a profile is. In Belgium (`country` "BE", the default) a municipality, a postcode or
    coordinates; elsewhere only coordinates give a point, and the names are kept as written."""

    model_config = _STRICT
    # first, so that the postcode is checked against it
    country: str = Field(default=HOME_COUNTRY, description="ISO 3166-1 alpha-2 code",
                         json_schema_extra={"pattern": "^[A-Za-z]{2}$"})
    municipality: str | None = Field(default=None, min_length=1, max_length=100)
    postcode: str | None = Field(default=None, min_length=1, max_length=12)
    lat: float | None = Field(default=None, ge=-90, le=90)
    lon: float | None = Field(default=None, ge=-180, le=180)

    _coordinates_are_numbers = field_validator("lat", "lon", mode="before")(_no_booleans)

    @field_validator("postcode", mode="before")
    @classmethod
    def _postcode_as_text(cls, value):
        return str(value) if isinstance(value, int) else value

    @field_validator("postcode")
    @classmethod
    def _postcode_of_the_country(cls, value: str | None, info: ValidationInfo) -> str | None:
        country = info.data.get("country")
        if value is None or country is None:  # a bad country is reported on its own
            return value
        if country == HOME_COUNTRY and not re.fullmatch(r"\d{4}", value):
            raise ValueError(f"'{value}' is not a Belgian postcode (four digits); for a place abroad give "
                             f"location.country")
        if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9 -]*", value):
            raise ValueError(f"'{value}' is not a postcode: letters, digits, spaces and hyphens")
        return value

    @field_validator("country")
    @classmethod
    def _iso_3166_alpha_2(cls, value: str) -> str:
        if not re.fullmatch(r"[A-Za-z]{2}", value):
            raise ValueError(f"'{value}' is not an ISO 3166-1 alpha-2 country code (two letters, such as BE "
                             f"or NL)")
        return value.upper()

    @model_validator(mode="after")
    def _something_to_place(self) -> "Location":
        if (self.lat is None) != (self.lon is None):
            raise ValueError("lat and lon must be given together")
        if self.municipality is None and self.postcode is None and self.lat is None:
            raise ValueError("give at least one of municipality, postcode, or lat + lon")
        return self


class Contact(BaseModel):
    """Private: never shown to anonymous callers. Extra fields (address, ...) are text."""

    model_config = ConfigDict(extra="allow", str_strip_whitespace=True)
    __pydantic_extra__: dict[str, str] = Field(init=False)
    email: str | None = Field(default=None, max_length=320)
    phone: str | None = Field(default=None, max_length=64)
    website: str | None = Field(default=None, max_length=2000)


class Profile(BaseModel):
    """An organisation or an artist, as exchanged between systems."""

    model_config = _STRICT
    # No spaces, slashes, ? or #, and not "." or "..": an id must work as a URL path segment.
    id: str = Field(min_length=1, max_length=128, pattern=r"^[^\s/?#]+$")
    kind: Literal["organisation", "artist"]
    type: ProfileType | None = None
    name: str = Field(min_length=1, max_length=300)
    description: str | None = Field(default=None, max_length=MAX_DESCRIPTION_CHARS)
    languages: list[LanguageCode] = Field(default_factory=list, max_length=20)
    disciplines: list[Discipline] = Field(default_factory=list, max_length=len(DISCIPLINES))
    themes: list[Theme] = Field(default_factory=list, max_length=50)
    audiences: list[Audience] = Field(default_factory=list, max_length=len(AUDIENCES))
    location: Location | None = None
    # Where else it works: municipalities, provinces or regions of Belgium (resolved, and a bad
    # one named, when the profile is placed); distances count from the nearest of these places.
    serves: list[ServedPlace] = Field(default_factory=list, max_length=MAX_SERVED_PLACES)
    max_distance_km: float | None = Field(default=None, gt=0, le=20_000)
    offers: list[Offer] = Field(default_factory=list, max_length=50)
    needs: list[Exchange] = Field(default_factory=list, max_length=50)
    partners: list[str] = Field(default_factory=list, max_length=500)
    # Stated preference, most specific first: a partner of another kind is ranked lower, not hidden.
    partner_kinds: list[PartnerKind] = Field(default_factory=list, max_length=len(PARTNER_KINDS))
    contact: Contact | None = None

    _distance_is_a_number = field_validator("max_distance_km", mode="before")(_no_booleans)

    @field_validator("id")
    @classmethod
    def _not_dot_names(cls, value: str) -> str:
        if value in (".", ".."):
            raise ValueError("'.' and '..' cannot be ids")
        return value

    @field_validator("languages")
    @classmethod
    def _iso_639_1(cls, values: list[str]) -> list[str]:
        for value in values:
            if not re.fullmatch(r"[A-Za-z]{2}", value):
                raise ValueError(f"'{value}' is not an ISO 639-1 language code (two letters)")
        return [value.lower() for value in values]

    @field_validator("themes")
    @classmethod
    def _short_themes(cls, values: list[str]) -> list[str]:
        for value in values:
            if not value.strip() or len(value) > 100:
                raise ValueError(f"theme '{value[:40]}' must be 1 to 100 characters")
        return values

    @field_validator("partner_kinds")
    @classmethod
    def _each_kind_once(cls, values: list[str]) -> list[str]:
        return list(dict.fromkeys(values))

    @property
    def is_free_text_only(self) -> bool:
        """True when the profile states nothing structured beyond its place."""
        return not (self.disciplines or self.audiences or self.offers or self.needs or self.themes)

    def public(self) -> dict:
        """The exchange form without private fields."""
        return self.model_dump(mode="json", exclude_defaults=True, exclude={"contact"})

    def exchange(self) -> dict:
        """The exchange form, complete (contact included)."""
        return self.model_dump(mode="json", exclude_defaults=True)
