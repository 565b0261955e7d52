"""The profile form: what a person typed, turned into a `Profile`, and back.

`ProfileForm` keeps every field as typed, so a form with a mistake comes back
exactly as it was sent, with a message beside each field at fault. Checking
is the library's: the typed values become the exchange format and go through
`Profile.model_validate`, then `Matcher.save_profile` places the location;
their errors are mapped back to the form's fields. The form itself only adds
what a form needs (a row with dates but no type, half a period, a rent amount
with a price that is not rent).

Editing keeps what the form does not show: the profile's other fields come from
the stored profile, and each offer or need row carries the terms it does not
show (`ExchangeRow.kept`, a hidden field of the row) so that they travel with
their row. A term that no longer fits a row's type once the type is changed (a
`space` on what is now `workshops`) is dropped, not refused.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from pydantic import ValidationError
from starlette.datastructures import ImmutableMultiDict

from matcher.places.gazetteer import PlaceNotFound, fold, gazetteer
from matcher.profile_files import explain
from matcher.profiles import (AUDIENCES, DISCIPLINES, EXCHANGE_TYPES, HOME_COUNTRY, LANGUAGES, PARTNER_KINDS,
                              SPACE_FEATURES, SPACE_TYPES, SUPPORT, SUPPORTED_TYPES, Exchange, Location, Profile)

MIN_ROWS = 2
EXTRA_ROWS = 1
MAX_ROWS = 50
MAX_SLUG_CHARS = 60
SECTIONS = ("offers", "needs")
ROW_PARTS = ("type", "start", "end", "amount", "note")
SIZE_PARTS = ("area_m2", "seated", "standing", "beds")  # a space's numbers: what it has, or a need's minimum
TERM_TEXT_PARTS = {"offers": SIZE_PARTS + ("price", "price_eur"), "needs": SIZE_PARTS + ("budget",)}
ROW_CHOICES = {"audiences": AUDIENCES, "features": SPACE_FEATURES, "support": SUPPORT, "in_return": EXCHANGE_TYPES}
# The keys of an offer or need (matcher.profiles.Exchange) a row's fields edit; a row keeps the others as they came.
EDITED_KEYS = {
    "offers": frozenset({"type", "period", "amount_eur", "audiences", "note", "space", "support", "in_return",
                         "price", "price_eur"}),
    "needs": frozenset({"type", "period", "amount_eur", "audiences", "note", "space", "support", "in_return",
                        "budget_eur"}),
}
# Terms only some types have (Exchange._terms_fit_the_type): dropped from a row whose type no longer fits them.
TYPED_TERMS = {"space": SPACE_TYPES, "support": SUPPORTED_TYPES, "in_kind": ("coproduction_budget",)}
# Which of them each type has, for the page to show only those; a row whose type is not chosen shows every one.
TERMS_OF_TYPE = {"": tuple(TYPED_TERMS), **{key: tuple(term for term, types in TYPED_TERMS.items() if key in types)
                                            for key in EXCHANGE_TYPES}}
# Every field of a row's terms, as the page names them after the row ("offers-0-area_m2").
TERM_PARTS = SIZE_PARTS + ("features", "support", "price", "price_eur", "budget", "in_return")
# The profile's fields the form edits (location and contact in part); the others are kept from the stored profile.
FORM_KEYS = frozenset({"id", "kind", "type", "name", "description", "languages", "disciplines", "audiences",
                       "themes", "location", "serves", "max_distance_km", "partner_kinds", "offers", "needs",
                       "contact"})
CONTACT_FIELDS = ("email", "phone", "website")
BROAD_PARTNER_KINDS = ("artist", "organisation")


@dataclass(frozen=True)
class Problem:
    """What is wrong with a field: a message key of messages.py and its values."""

    message: str
    values: dict = field(default_factory=dict)


# Library error codes the pages word themselves (messages.py has `err_` + the code); the rest show the reason.
WORDED_CODES = ("unknown_place", "ambiguous_place", "required", "too_long")


def library_problem(code: str, reason: str, values: dict | None = None) -> Problem:
    """A library refusal (InvalidRequest, PlaceNotFound) as a message chosen by its code."""
    if code in WORDED_CODES:
        return Problem(f"err_{code}", dict(values or {}))
    return Problem("err_other", {"reason": reason})


@dataclass
class ExchangeRow:
    """One offer or need row as typed; `kept` holds the row's terms the form does not show."""

    type: str = ""
    start: str = ""
    end: str = ""
    amount: str = ""
    note: str = ""
    audiences: list[str] = field(default_factory=list)
    area_m2: str = ""
    seated: str = ""
    standing: str = ""
    beds: str = ""
    features: list[str] = field(default_factory=list)
    support: list[str] = field(default_factory=list)
    price: str = ""  # offers: "", "free", "rent" or "in_kind"
    price_eur: str = ""  # offers: the rent or fee
    budget: str = ""  # needs: the most the asker can pay; "0" is no budget
    in_return: list[str] = field(default_factory=list)
    kept: dict = field(default_factory=dict)

    @property
    def has_terms(self) -> bool:
        return any((self.area_m2, self.seated, self.standing, self.beds, self.features, self.support, self.price,
                    self.price_eur, self.budget, self.in_return))

    @property
    def empty(self) -> bool:
        """Nothing typed in it (what it keeps unseen does not count: emptying a row removes it)."""
        return not (self.type or self.start or self.end or self.amount or self.note or self.audiences
                    or self.has_terms)

    @property
    def kept_json(self) -> str:
        return json.dumps(self.kept, ensure_ascii=False, sort_keys=True) if self.kept else ""

    @classmethod
    def from_exchange(cls, item: Exchange, section: str) -> "ExchangeRow":
        """A stored offer or need as a row; what the row does not edit goes to `kept`."""
        space = item.space.model_dump(exclude_none=True) if item.space else {}
        return cls(
            type=item.type, start=item.period.start.isoformat() if item.period else "",
            end=item.period.end.isoformat() if item.period else "",
            amount=_number_text(item.amount_eur), note=item.note or "", audiences=list(item.audiences),
            **{part: _number_text(space.get(part)) for part in SIZE_PARTS},
            features=list(space.get("features", [])), support=list(item.support), in_return=list(item.in_return),
            price=(item.price or "") if section == "offers" else "",
            price_eur=_number_text(item.price_eur) if section == "offers" else "",
            budget=_number_text(item.budget_eur) if section == "needs" else "",
            kept={key: value for key, value in item.model_dump(mode="json", exclude_defaults=True).items()
                  if key not in EDITED_KEYS[section]})


@dataclass
class ProfileForm:
    """The profile form's fields, as typed."""

    id: str = ""
    kind: str = ""
    type: str = ""
    name: str = ""
    description: str = ""
    languages: list[str] = field(default_factory=list)
    languages_other: str = ""
    disciplines: list[str] = field(default_factory=list)
    audiences: list[str] = field(default_factory=list)
    themes: str = ""
    place: str = ""
    max_distance_km: str = ""
    partner_kinds: list[str] = field(default_factory=list)
    country: str = ""  # empty: Belgium
    serves: str = ""
    offers: list[ExchangeRow] = field(default_factory=list)
    needs: list[ExchangeRow] = field(default_factory=list)
    email: str = ""
    phone: str = ""
    website: str = ""
    problems: dict[str, Problem] = field(default_factory=dict)

    # -- in ------------------------------------------------------------------
    @classmethod
    def from_profile(cls, profile: Profile) -> "ProfileForm":
        contact = profile.contact.model_dump(exclude_none=True) if profile.contact else {}
        country = profile.location.country if profile.location else HOME_COUNTRY
        form = cls(
            id=profile.id, kind=profile.kind, type=profile.type or "", name=profile.name,
            description=profile.description or "",
            languages=[code for code in profile.languages if code in LANGUAGES],
            languages_other=", ".join(code for code in profile.languages if code not in LANGUAGES),
            disciplines=list(profile.disciplines), audiences=list(profile.audiences),
            themes=", ".join(profile.themes), place=place_text(profile.location),
            max_distance_km=_number_text(profile.max_distance_km), partner_kinds=list(profile.partner_kinds),
            country="" if country == HOME_COUNTRY else country, serves=", ".join(profile.serves),
            offers=[ExchangeRow.from_exchange(item, "offers") for item in profile.offers],
            needs=[ExchangeRow.from_exchange(item, "needs") for item in profile.needs],
            email=str(contact.get("email", "")), phone=str(contact.get("phone", "")),
            website=str(contact.get("website", "")))
        return form.with_blank_rows()

    @classmethod
    def from_submission(cls, data: ImmutableMultiDict) -> "ProfileForm":
        def text(name: str) -> str:
            return str(data.get(name, "")).strip()

        def chosen(name: str, allowed) -> list[str]:
            return [value for value in data.getlist(name) if value in allowed]

        form = cls(
            id=text("id"), kind=text("kind"), type=text("type"), name=text("name"),
            description=str(data.get("description", "")).strip(),
            languages=chosen("languages", LANGUAGES), languages_other=text("languages_other"),
            disciplines=chosen("disciplines", DISCIPLINES), audiences=chosen("audiences", AUDIENCES),
            themes=text("themes"), place=text("place"), max_distance_km=text("max_distance_km"),
            partner_kinds=chosen("partner_kinds", PARTNER_KINDS), country=text("country"), serves=text("serves"),
            email=text("email"), phone=text("phone"), website=text("website"))
        for section in SECTIONS:
            rows = getattr(form, section)
            for row in range(MAX_ROWS):
                prefix = f"{section}-{row}-"
                if not any(key.startswith(prefix) for key in data.keys()):
                    break
                rows.append(ExchangeRow(
                    **{part: text(prefix + part) for part in ROW_PARTS + TERM_TEXT_PARTS[section]},
                    **{name: chosen(prefix + name, allowed) for name, allowed in ROW_CHOICES.items()},
                    kept=_kept(text(prefix + "kept"), section)))
        return form

    def with_blank_rows(self) -> "ProfileForm":
        """Empty rows to fill in: at least MIN_ROWS, and EXTRA_ROWS more than are filled."""
        for section in SECTIONS:
            rows = [row for row in getattr(self, section) if not row.empty]
            wanted = min(MAX_ROWS, max(MIN_ROWS, len(rows) + EXTRA_ROWS))
            setattr(self, section, rows + [ExchangeRow() for _ in range(wanted - len(rows))])
        return self

    # -- out -----------------------------------------------------------------
    def exchange(self, profile_id: str, base: Profile | None = None) -> tuple[dict, dict[str, dict[int, int]]]:
        """The exchange-format dict, and for offers and needs which form row each list item came from.

        `base` is the stored profile when editing: what the form does not show (partners and any other
        field it does not edit, other contact fields, coordinates of an unchanged place) is kept from it."""
        data: dict = {key: value for key, value in base.exchange().items() if key not in FORM_KEYS} if base else {}
        data.update({"id": profile_id, "kind": self.kind or None, "name": self.name})
        if self.type:
            data["type"] = self.type
        if self.description:
            data["description"] = self.description
        others = [code.lower() for code in re.split(r"[\s,;]+", self.languages_other) if code]
        data["languages"] = list(dict.fromkeys(self.languages + others))
        data["disciplines"] = self.disciplines
        data["audiences"] = self.audiences
        data["themes"] = [theme.strip() for theme in re.split(r"[,;\n]", self.themes) if theme.strip()]
        country = self.country.upper() or HOME_COUNTRY
        if (base is not None and base.location is not None and self.place == place_text(base.location)
                and country == base.location.country):
            data["location"] = base.location.model_dump(exclude_none=True)
        elif self.place:
            data["location"] = {**parse_place(self.place), **({"country": self.country} if self.country else {})}
        data["serves"] = served_places(self.serves)
        if self.max_distance_km:
            data["max_distance_km"] = _number(self.max_distance_km)
        # The format lists the most specific first: ticked types before "artist" or "organisation".
        data["partner_kinds"] = sorted(self.partner_kinds, key=lambda key: (key in BROAD_PARTNER_KINDS,
                                                                            PARTNER_KINDS.index(key)))
        rows_of: dict[str, dict[int, int]] = {}
        for section in SECTIONS:
            items, rows_of[section] = [], {}
            for row, entry in enumerate(getattr(self, section)):
                if entry.empty:
                    continue
                rows_of[section][len(items)] = row
                items.append(_exchange(entry, section))
            data[section] = items
        contact = dict(base.contact.model_dump(exclude_none=True)) if base is not None and base.contact else {}
        for name in CONTACT_FIELDS:
            contact.pop(name, None)
            if getattr(self, name):
                contact[name] = getattr(self, name)
        if contact:
            data["contact"] = contact
        return data, rows_of

    def check(self, profile_id: str, base: Profile | None = None) -> Profile | None:
        """The profile these fields make, or None with `problems` filled in."""
        self.problems = {}
        for section in SECTIONS:
            for row, entry in enumerate(getattr(self, section)):
                if not entry.empty and not entry.type:
                    self.problems[f"{section}-{row}-type"] = Problem("err_type_needed")
                if bool(entry.start) != bool(entry.end):
                    self.problems[f"{section}-{row}-period"] = Problem("err_both_dates")
                if section == "offers" and entry.price_eur and entry.price not in ("", "rent"):
                    self.problems[f"{section}-{row}-price_eur"] = Problem("err_rent_amount")
        data, rows_of = self.exchange(profile_id, base)
        try:
            profile = Profile.model_validate(data)
        except ValidationError as error:
            for problem in error.errors():
                name = form_field(tuple(problem["loc"]), rows_of)
                self.problems.setdefault(name, field_problem(name, problem))
            profile = None
        self._check_place(data.get("location"))
        self._check_served(data["serves"])
        return None if self.problems else profile

    def _check_place(self, location: dict | None) -> None:
        """Whether the gazetteer knows the place, now, so that it is reported with the other mistakes
        (`Matcher.save_profile` checks it again when saving)."""
        if not location or "place" in self.problems:
            return
        try:
            place = Location.model_validate(location)
            gazetteer().resolve(place.municipality, place.postcode, place.lat, place.lon, place.country)
        except ValidationError:
            return  # the model's own errors on the place are already listed
        except PlaceNotFound as error:
            self.add_library_problem("location", str(error), error.code)

    def _check_served(self, served: list[str]) -> None:
        """Whether the gazetteer knows each place served, naming every one it does not."""
        if "serves" in self.problems:
            return
        unknown = []
        for name in served:
            try:
                gazetteer().resolve_served(name)
            except PlaceNotFound:
                unknown.append(name)
        if unknown:
            self.problems["serves"] = Problem("err_unknown_served", {"places": ", ".join(unknown)})

    def add_library_problem(self, field_name: str, reason: str, code: str = "invalid") -> None:
        """An error `Matcher.save_profile` raised (InvalidRequest), shown beside its field."""
        name = "place" if field_name.startswith("location") else field_name.split("[")[0]
        self.problems[name] = library_problem(code, reason)

    @property
    def first_problem_field(self) -> str | None:
        return next(iter(self.problems), None)


def _kept(text: str, section: str) -> dict:
    """A row's hidden field back as the terms it keeps; only keys the row does not edit (the page wrote it,
    and the model checks what it holds)."""
    try:
        kept = json.loads(text) if text else {}
    except ValueError:
        return {}
    if not isinstance(kept, dict):
        return {}
    return {key: value for key, value in kept.items() if key not in EDITED_KEYS[section]}


def _exchange(entry: ExchangeRow, section: str) -> dict:
    item: dict = {**entry.kept, "type": entry.type or None}
    if entry.start and entry.end:
        item["period"] = {"start": entry.start, "end": entry.end}
    if entry.amount:
        item["amount_eur"] = _number(entry.amount)
    if entry.audiences:
        item["audiences"] = entry.audiences
    if entry.note:
        item["note"] = entry.note
    space: dict = {part: _number(getattr(entry, part)) for part in SIZE_PARTS if getattr(entry, part)}
    if entry.features:
        space["features"] = entry.features
    if space:
        item["space"] = space
    if entry.support:
        item["support"] = entry.support
    if entry.in_return:
        item["in_return"] = entry.in_return
    if section == "offers" and (entry.price or entry.price_eur):
        item["price"] = entry.price or "rent"  # an amount alone is a rent
        if entry.price_eur:
            item["price_eur"] = _number(entry.price_eur)
    if section == "needs" and entry.budget:
        item["budget_eur"] = _number(entry.budget)
    for term, types in TYPED_TERMS.items():
        if term in item and entry.type not in types:
            del item[term]  # the type was changed to one without it: nothing left to fix on the page
    return item


def _number(text: str) -> str:
    """"4.000", "4 000 €", "2,5" as the number people mean; anything else is left for the model to refuse."""
    cleaned = re.sub(r"\s|€|(?i:eur(?:o|os)?)$", "", text)
    if re.fullmatch(r"\d{1,3}(\.\d{3})+", cleaned):  # Dutch thousands: 4.000
        cleaned = cleaned.replace(".", "")
    elif re.fullmatch(r"\d+,\d+", cleaned):  # decimal comma: 2,5
        cleaned = cleaned.replace(",", ".")
    return cleaned


def parse_number(text: str) -> float | None:
    """A number as people type it ("10", "2,5", "4.000"), or None."""
    try:
        return float(_number(text))
    except ValueError:
        return None


def _number_text(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else str(value)


def place_text(location: Location | None) -> str:
    """How a stored location reads in the form's one place field."""
    if location is None:
        return ""
    if location.postcode and location.municipality:
        return f"{location.postcode} {location.municipality}"
    if location.postcode or location.municipality:
        return location.postcode or location.municipality or ""
    return f"{location.lat}, {location.lon}"


def served_places(text: str) -> list[str]:
    """The places served, as typed in one field: "Mechelen, Bonheiden" or one per line."""
    return [name.strip() for name in re.split(r"[,;\n]", text) if name.strip()]


def parse_place(text: str) -> dict:
    """The one place field as a location: "1030", "1030 Schaarbeek", "Schaarbeek" or "50.86, 4.37"."""
    coordinates = re.fullmatch(r"(-?\d+(?:\.\d+)?)\s*[,;]\s*(-?\d+(?:\.\d+)?)", text)
    if coordinates:
        return {"lat": coordinates.group(1), "lon": coordinates.group(2)}
    if re.fullmatch(r"\d+", text):
        return {"postcode": text}
    with_postcode = re.fullmatch(r"(\d{4})\s+(.+)", text)
    if with_postcode:
        return {"postcode": with_postcode.group(1), "municipality": with_postcode.group(2)}
    return {"municipality": text}


def slug(name: str) -> str:
    """An id made from a name: "GC De Markten" -> "gc-de-markten"."""
    words = re.sub(r"[^0-9a-z]+", "-", fold(name)).strip("-")
    return words[:MAX_SLUG_CHARS].rstrip("-") or "profile"


def form_field(loc: tuple, rows_of: dict[str, dict[int, int]]) -> str:
    """Where the model found a problem -> the form field that shows it."""
    head = str(loc[0]) if loc else ""
    if head in SECTIONS and len(loc) > 1 and isinstance(loc[1], int):
        row = rows_of[head].get(loc[1], loc[1])
        part = str(loc[2]) if len(loc) > 2 else "type"
        if part == "space":
            part = str(loc[3]) if len(loc) > 3 else SIZE_PARTS[0]
        part = {"amount_eur": "amount", "budget_eur": "budget"}.get(part, part)
        if part not in ROW_PARTS + TERM_TEXT_PARTS[head] + tuple(ROW_CHOICES) + ("period",):
            part = "type"  # a term the row keeps unseen: shown by what the row is
        return f"{head}-{row}-{part}"
    if head == "location":
        return "country" if len(loc) > 1 and loc[1] == "country" else "place"
    if head == "languages":
        return "languages_other"
    if head == "contact":
        return str(loc[1]) if len(loc) > 1 else "email"
    if head == "max_distance_km":
        return "max_distance_km"
    return head or "name"


def field_problem(name: str, error: dict) -> Problem:
    """A pydantic error as a message in the page's language (the library's words when no message fits)."""
    kind = error.get("type", "")
    context = error.get("ctx") or {}
    message = str(error.get("msg", ""))
    if kind == "missing" or kind == "string_too_short":
        return Problem("err_choose" if name == "kind" else "err_required")
    if kind in ("literal_error", "enum"):
        return Problem("err_choose")
    if kind == "string_pattern_mismatch":
        return Problem("err_postcode" if name == "place" else "err_id_pattern")
    if "is not a Belgian postcode" in message:
        return Problem("err_postcode")
    if kind == "string_too_long":
        return Problem("err_too_long", {"limit": context.get("max_length")})
    if kind == "too_long":
        return Problem("err_too_many", {"limit": context.get("max_length")})
    if kind in ("int_parsing", "int_from_float"):
        return Problem("err_whole_number")
    if kind in ("float_parsing", "float_type", "finite_number"):
        return Problem("err_number")
    if kind == "greater_than":
        return Problem("err_positive")
    if kind == "greater_than_equal":
        return Problem("err_not_negative")
    if kind in ("less_than_equal", "less_than"):
        return Problem("err_at_most", {"limit": context.get("le", context.get("lt"))})
    if kind.startswith("date"):
        return Problem("err_date")
    if "is before start" in message:
        return Problem("err_end_before_start")
    if "ISO 639-1" in message:
        code = re.search(r"'([^']*)'", message)
        return Problem("err_language_code", {"value": code.group(1) if code else ""})
    if message.startswith("Value error, theme"):
        return Problem("err_theme")
    if "ISO 3166-1" in message:
        return Problem("err_country")
    return Problem("err_other", {"reason": explain(error)})
