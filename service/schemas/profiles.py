"""Profiles over HTTP: the exchange format (matcher.profiles.Profile) in and out.

`contact` is private: a `Profile` leaves the service with its contact only
for the profile's owner and the admin (see service/auth.py).
"""
from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from matcher.completeness import WEIGHTS
from matcher.profiles import Profile

from .matches import UnderstoodPublic

PROFILE_EXAMPLE = {
    "id": "gc-de-markten",
    "kind": "organisation",
    "type": "community_centre",
    "name": "GC De Markten",
    "description": "Gemeenschapscentrum in hartje Brussel met een werking rond migratie en de stad.",
    "languages": ["nl", "fr"],
    "disciplines": ["theatre", "visual_arts"],
    "themes": ["migratie", "stad"],
    "audiences": ["youth", "local_residents"],
    "location": {"municipality": "Brussel", "postcode": "1000", "lat": 50.8503, "lon": 4.347},
    "max_distance_km": 25,
    "offers": [
        {"type": "rehearsal_space", "period": {"start": "2027-07-01", "end": "2027-08-31"},
         "note": "zaal van 120 m2, zwarte vloer"},
        {"type": "coproduction_budget", "amount_eur": 4000},
    ],
    "needs": [{"type": "audience_reach", "audiences": ["newcomers"]}],
    "partners": ["cc-strombeek"],
    "partner_kinds": ["artist"],
    "contact": {"email": "info@example.org", "website": "https://example.org"},
}
PUBLIC_PROFILE_EXAMPLE = {key: value for key, value in PROFILE_EXAMPLE.items() if key != "contact"}
MAX_BULK_PROFILES = 1000


# Ids a path segment cannot be: '.' and '..' (Profile refuses them) and 'bulk' (/profiles/bulk is the
# bulk import, not a profile).
NOT_IDS = (".", "..", "bulk")


def _create_schema(schema: dict) -> None:
    schema["examples"] = [PROFILE_EXAMPLE]
    schema["properties"]["id"]["not"] = {"enum": list(NOT_IDS)}


class ProfileCreate(Profile):
    """A profile as sent to the service: the exchange format (profile-format.md)."""

    model_config = ConfigDict(json_schema_extra=_create_schema)

    @field_validator("id")
    @classmethod
    def _not_a_route(cls, value: str) -> str:
        if value == "bulk":
            raise ValueError("'bulk' cannot be an id: /profiles/bulk is the bulk import")
        return value

    @model_validator(mode="before")
    @classmethod
    def _without_what_the_service_computes(cls, data):
        # A profile read with GET carries `completeness`; sent back with PUT it is not the
        # profile's to say, so it is set aside rather than refused as an unknown field.
        if isinstance(data, dict) and "completeness" in data:
            data = {name: value for name, value in data.items() if name != "completeness"}
        return data


class ToAddPublic(BaseModel):
    """One thing to add to a profile for better matches."""

    key: Literal[tuple(WEIGHTS)]  # type: ignore[valid-type]  # the library's keys, so the enum cannot drift
    gain: int = Field(ge=0, le=100, description="how many points the figure would rise (0 for contact, "
                                                "which does not change a ranking)")


class CompletenessPublic(BaseModel):
    """How complete a profile is for matching, judged on what matching uses (stated, else read from
    the description)."""

    percent: int = Field(ge=0, le=100)
    to_add: list[ToAddPublic] | None = Field(description="what to add, the largest gain first; only for the "
                                                         "profile's owner and the admin, null for others")


COMPLETENESS_EXAMPLE = {"percent": 86, "to_add": [{"key": "space_size", "gain": 5},
                                                  {"key": "periods", "gain": 5}, {"key": "contact", "gain": 0}]}


class ProfileRead(Profile):
    """A profile as read back: the exchange format and how complete it is (read-only)."""

    model_config = ConfigDict(json_schema_extra={"examples": [
        {**PUBLIC_PROFILE_EXAMPLE, "completeness": {**COMPLETENESS_EXAMPLE, "to_add": None}}]})
    completeness: CompletenessPublic


def public_profile(profile: Profile) -> Profile:
    """The profile as anyone may see it: without `contact`."""
    return profile.model_copy(update={"contact": None})


class ProfileCreated(BaseModel):
    """The new profile and its owner key. The key is shown this once: keep it to change or delete the profile."""

    model_config = ConfigDict(json_schema_extra={"examples": [
        {"profile": PROFILE_EXAMPLE, "owner_key": "kq0e2t9yq3JxXgJ4cR1m3b9m0o1vZ8t2n6GQm3dX7sA"}]})
    profile: Profile
    owner_key: str


class ProfileExport(BaseModel):
    """All data held about one profile (right of access), for its owner and the admin."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "profile_id": "gc-de-markten", "exported_at": "2027-03-01T10:00:00+00:00", "profile": PROFILE_EXAMPLE,
        "derived": {"language": "nl", "place": {"municipality": "Brussel", "lat": 50.8503, "lon": 4.347}},
        "completeness": COMPLETENESS_EXAMPLE,
        "stored": {"profiles": [{"id": "gc-de-markten", "name": "GC De Markten",
                                 "created_at": "2027-02-01T09:00:00+00:00"}],
                   "offers": [{"profile_id": "gc-de-markten", "position": 0, "type": "rehearsal_space"}],
                   "embeddings": [{"model": "all-MiniLM-L6-v2", "text_hash": "3f1c...", "dim": 384,
                                   "vector": [0.013, -0.042]}]}}]})
    profile_id: str
    exported_at: str = Field(description="when this export was made (ISO 8601, UTC)")
    profile: Profile = Field(description="the profile as stored, with its contact")
    derived: dict[str, Any] = Field(description="what was derived from it: language, place, what was read from "
                                                "its description, the hashes of its embedded texts")
    completeness: CompletenessPublic
    stored: dict[str, list[dict[str, Any]]] = Field(
        description="every stored row about the profile, by table, as stored (JSON columns decoded; secrets "
                    "such as key hashes left out); `embeddings` holds the vectors of its texts")


class OwnerKeyRotated(BaseModel):
    """A profile's new owner key, shown this once; the old key no longer works, and every page session
    of the profile has ended."""

    model_config = ConfigDict(json_schema_extra={"examples": [
        {"profile_id": "gc-de-markten", "owner_key": "Zx7bQ1vP0m4Lr8sT2kY6nC9wE3aJ5hU1dG0fR7tM2qB"}]})
    profile_id: str
    owner_key: str


class ProfileListPublic(BaseModel):
    """One page of profiles, ordered by id, without their contact."""

    model_config = ConfigDict(json_schema_extra={"examples": [
        {"items": [PUBLIC_PROFILE_EXAMPLE], "total": 1, "limit": 20, "offset": 0}]})
    items: list[Profile]
    total: int
    limit: int
    offset: int


class ImportProblem(BaseModel):
    """Why one profile of a bulk import was refused; `where` is its position in the array."""

    where: str
    field: str
    reason: str


class ImportReportPublic(BaseModel):
    """What a bulk import stored."""

    model_config = ConfigDict(json_schema_extra={"examples": [
        {"added": 2, "replaced": 1, "refused": 0, "problems": []}]})
    added: int
    replaced: int
    refused: int
    problems: list[ImportProblem]


class EvidencePublic(BaseModel):
    """What led the reader to one item: the words of the text that named it and the cue that made it
    an offer or a need."""

    field: str = Field(description="where the item went: disciplines, audiences, themes, offers, needs or negated")
    key: str = Field(description="the lexicon key read (an exchange type for offers, needs and negated)")
    words: str = Field(description="the words of the description that named it, folded: lower case, no accents")
    cue: str | None = Field(description="the cue phrase that made it an offer or a need ('we bieden', "
                                        "'on cherche'); null when none did")


class ReadingPublic(BaseModel):
    """A profile's description read again, with the words that led to each item (read now, not stored)."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "profile_id": "gc-de-markten", "language": "nl",
        "understood": {"language": "nl", "disciplines": [], "audiences": [], "themes": ["brussels"],
                       "offers": [{"type": "rehearsal_space",
                                   "period": {"start": "2027-07-01", "end": "2027-08-31"}}],
                       "needs": [], "negated": [{"direction": "need", "type": "residency"}], "partner_kinds": []},
        "evidence": [
            {"field": "themes", "key": "brussels", "words": "brussel", "cue": None},
            {"field": "offers", "key": "rehearsal_space", "words": "repetitieruimte", "cue": "bieden"},
            {"field": "negated", "key": "residency", "words": "residentie", "cue": "zoeken"}]}]})
    profile_id: str
    language: str = Field(description="the language the profile's suggestions are written in")
    understood: UnderstoodPublic
    evidence: list[EvidencePublic] = Field(description="in reading order, one per item read")
