"""Every error the library raises, in one place, each with a stable `code`.

Callers tell errors apart by class or by `code`, never by the wording of the
message: the message is for people (and may change), the code is for
programs (the web pages word their own message from it, in three languages).
The classes keep their old bases (ValueError, KeyError, ...) so that code
catching those still works; each is also importable from its old module.
"""
from __future__ import annotations


class MatcherError(Exception):
    """A request the matcher cannot answer as asked."""

    code = "matcher_error"


class InvalidRequest(MatcherError, ValueError):
    """A request parameter is out of range or malformed.

    `code` and `values` say the same as `reason` for those who word it themselves (the pages, in
    three languages): `too_long` with `limit`, `required`, `unknown_place`, `ambiguous_place`, or
    `invalid` for the rest."""

    def __init__(self, field_name: str, reason: str, code: str = "invalid", **values):
        super().__init__(f"{field_name}: {reason}")
        self.field_name = field_name
        self.reason = reason
        self.code = code
        self.values = values


class ProfileNotFound(KeyError):
    """No profile with that id."""

    code = "not_found"

    def __str__(self) -> str:
        return f"no profile with id '{self.args[0]}'"


class StorageError(Exception):
    """The database cannot be used as asked."""

    code = "storage_error"


class PlaceNotFound(ValueError):
    """A place name, postcode or coordinate that the gazetteer cannot place.

    `part` says which part of a location was refused: municipality, postcode or coordinates."""

    code = "unknown_place"

    def __init__(self, message: str, part: str = "place"):
        super().__init__(message)
        self.part = part


class AmbiguousPlace(PlaceNotFound):
    """A place name shared by places too far apart to pick one: a postcode says which."""

    code = "ambiguous_place"


class InvalidPlace(ValueError):
    """The profile's location cannot be placed on the map; `code` is the PlaceNotFound's."""

    def __init__(self, field_name: str, reason: str, code: str = PlaceNotFound.code):
        super().__init__(f"{field_name}: {reason}")
        self.field_name = field_name
        self.reason = reason
        self.code = code


class ModelNotFound(FileNotFoundError):
    """The embedding model named in MATCHER_MODEL cannot be loaded offline."""

    code = "model_not_found"


class ProfileFileError(Exception):
    """A profile file cannot be read at all."""

    code = "bad_profile_file"


class JudgmentsError(ValueError):
    """The judgments file cannot be used as given."""

    code = "bad_judgments"


__all__ = ["AmbiguousPlace", "InvalidPlace", "InvalidRequest", "JudgmentsError", "MatcherError", "ModelNotFound",
           "PlaceNotFound", "ProfileFileError", "ProfileNotFound", "StorageError"]


class WeightsError(ValueError):
    """models/weights.json is missing, broken, or holds an unknown, missing or out-of-range key."""

    code = "bad_weights"


class SettingsError(ValueError):
    """A setting is malformed; the message names its variable."""

    code = "bad_setting"


class IntroductionNotFound(KeyError):
    """No introduction with that id."""

    code = "not_found"

    def __str__(self) -> str:
        return f"no introduction with id '{self.args[0]}'"


class IntroductionNotAllowed(MatcherError):
    """This profile may not do that to this introduction (only the profile asked answers it)."""

    code = "not_allowed"


class IntroductionConflict(MatcherError):
    """An introduction stands in the way (`existing_id` names it).

    `reason` says how: "waiting" (the pair has one waiting for an answer), "introduced" (accepted),
    "declined" (the one asked declined before), "answered" (it is no longer waiting), "not_accepted"
    (working together needs an accepted one)."""

    code = "conflict"

    def __init__(self, message: str, existing_id: str | None = None, reason: str | None = None):
        super().__init__(message)
        self.existing_id = existing_id
        self.reason = reason


class TooManyIntroductions(MatcherError):
    """A profile reached a cap on introduction requests; `setting` names it, `limit` is its value."""

    code = "too_many"

    def __init__(self, message: str, setting: str | None = None, limit: int | None = None,
                 retry_after_seconds: int | None = None):
        super().__init__(message)
        self.setting = setting
        self.limit = limit
        self.retry_after_seconds = retry_after_seconds
