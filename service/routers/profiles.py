"""/profiles: list, create, read, replace, delete; a profile's matches and what was understood.

Each route translates HTTP to one call on the shared Matcher; the helpers
below (and those of ..auth) are those calls, run on the Matcher's thread so
that a check and the write it allows happen together.
"""
from __future__ import annotations

from typing import Annotated, Literal
from urllib.parse import quote

from fastapi import APIRouter, Body, HTTPException, Path, Query, Response, status

from matcher.completeness import completeness
from matcher.engine import InvalidRequest, Matcher
from matcher.owner_keys import hash_key, new_owner_key
from matcher.profile_files import Record
from matcher.profiles import Profile
from matcher.results import MAX_LIMIT

from ..auth import (delete_if_allowed, is_admin, may_change, may_see_contact, replace_if_allowed,
                    rotate_key_if_allowed)
from ..deps import KEY_OPTIONAL, AdminOnly, KeyDep, MatcherDep, RateLimited, RequiredKeyDep, SettingsDep
from ..errors import invalid_fields
from ..schemas.errors import FieldError, error_responses
from ..schemas.matches import MatchesPublic
from ..schemas.profiles import (
    MAX_BULK_PROFILES,
    PROFILE_EXAMPLE,
    ImportProblem,
    ImportReportPublic,
    OwnerKeyRotated,
    ProfileCreate,
    ProfileCreated,
    ProfileExport,
    ProfileListPublic,
    ProfileRead,
    ReadingPublic,
    public_profile,
)
from ..settings import Settings

router = APIRouter(prefix="/profiles", tags=["profiles"])

ProfileId = Annotated[str, Path(min_length=1, max_length=128, description="the profile's id",
                                examples=["gc-de-markten"])]
KindFilter = Annotated[Literal["organisation", "artist"] | None,
                       Query(description="only organisations, or only artists")]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"how many, 1 to {MAX_LIMIT}")]
# SQLite offsets are 64-bit; nobody pages this far.
Offset = Annotated[int, Query(ge=0, le=1_000_000_000, description="how many to skip")]
TextFilter = Annotated[str | None, Query(max_length=200, description="words in the name or the public profile")]
NewProfile = Annotated[ProfileCreate, Body(openapi_examples={"organisation": {"value": PROFILE_EXAMPLE}})]


def _create(matcher: Matcher, profile: Profile, owner_key_hash: str) -> None:
    if matcher.exists(profile.id):
        raise HTTPException(status.HTTP_409_CONFLICT,
                            f"profile '{profile.id}' already exists; change it with PUT and its owner key")
    matcher.save_profile(profile, owner_key_hash=owner_key_hash)


def _read(matcher: Matcher, profile_id: str, key: str | None, settings: Settings) -> ProfileRead:
    """The profile and how complete it is; what to add to it only for its owner key or the admin key;
    its contact only for those and the key of a profile it accepted an introduction with."""
    stored = matcher.stored(profile_id)
    owner = may_change(matcher, profile_id, key, settings)
    shown = stored.profile if may_see_contact(matcher, profile_id, key, settings) else public_profile(stored.profile)
    figure = completeness(stored.profile, stored.derived)
    return ProfileRead(**dict(shown), completeness=figure.as_dict(with_to_add=owner))


@router.get("", responses=error_responses(422))
async def list_profiles(matcher: MatcherDep, kind: KindFilter = None, q: TextFilter = None,
                        limit: Limit = 20, offset: Offset = 0) -> ProfileListPublic:
    """Profiles ordered by id, a page at a time, without their contact."""
    profiles, total = await matcher.read(Matcher.list_profiles, kind, q, limit, offset)
    return ProfileListPublic(items=[public_profile(profile) for profile in profiles], total=total, limit=limit,
                             offset=offset)


@router.post("", status_code=status.HTTP_201_CREATED, dependencies=[RateLimited], openapi_extra=KEY_OPTIONAL,
             responses=error_responses(400, 409, 413, 422, 429))
async def create_profile(profile: NewProfile, matcher: MatcherDep, response: Response) -> ProfileCreated:
    """Create one profile. Open to anyone (rate-limited); the answer holds its owner key, shown only this once."""
    owner_key = new_owner_key()
    await matcher.call(_create, profile, hash_key(owner_key))
    response.headers["Location"] = f"/profiles/{quote(profile.id, safe='')}"
    return ProfileCreated(profile=profile, owner_key=owner_key)


@router.post("/bulk", dependencies=[AdminOnly], responses=error_responses(400, 401, 403, 413, 422))
async def import_profiles(profiles: Annotated[list[ProfileCreate], Body(max_length=MAX_BULK_PROFILES)],
                          matcher: MatcherDep, skip_invalid: bool = False) -> ImportReportPublic:
    """Create or replace many profiles at once (admin key). Like `matcher import`: with an invalid
    profile nothing is stored, unless `skip_invalid`. Profiles created here have no owner key."""
    records = [Record(profile, "body", f"[{position}]") for position, profile in enumerate(profiles)]
    report = await matcher.call(Matcher.import_records, records, skip_invalid=skip_invalid)
    problems = [ImportProblem(where=p.where, field=p.field, reason=p.reason) for p in report.problems]
    if problems and not skip_invalid:
        raise invalid_fields([FieldError(field=f"{p.where}.{p.field}", message=p.reason) for p in problems],
                             prefix=f"{report.refused} invalid profile(s), nothing imported: ")
    return ImportReportPublic(added=report.added, replaced=report.replaced, refused=report.refused,
                              problems=problems)


@router.get("/{profile_id}", openapi_extra=KEY_OPTIONAL, responses=error_responses(404, 422))
async def read_profile(profile_id: ProfileId, matcher: MatcherDep, key: KeyDep,
                       settings: SettingsDep) -> ProfileRead:
    """One profile and how complete it is for matching (`completeness`); what to add for better matches
    (`completeness.to_add`) only for the profile's owner key or the admin key; its `contact` only for
    those and the owner key of a profile it accepted an introduction with (`/introductions`)."""
    return await matcher.read(_read, profile_id, key, settings)


@router.put("/{profile_id}", dependencies=[RateLimited],
            responses=error_responses(400, 401, 403, 404, 413, 422, 429))
async def replace_profile(profile_id: ProfileId, profile: NewProfile, matcher: MatcherDep,
                          key: RequiredKeyDep, settings: SettingsDep) -> Profile:
    """Replace a profile (owner key or admin key); the body's `id` must be the one in the path."""
    if profile.id != profile_id:
        raise InvalidRequest("id", f"must be the id in the path, '{profile_id}'; got '{profile.id}'")
    await matcher.call(replace_if_allowed, profile, key, settings)
    return profile


@router.delete("/{profile_id}", status_code=status.HTTP_204_NO_CONTENT, dependencies=[RateLimited],
               responses=error_responses(401, 403, 404, 422, 429))
async def delete_profile(profile_id: ProfileId, matcher: MatcherDep, key: RequiredKeyDep,
                         settings: SettingsDep) -> None:
    """Delete a profile for good (owner key or admin key): its row, offers, needs and cached embeddings."""
    await matcher.call(delete_if_allowed, profile_id, key, settings)


def _export(matcher: Matcher, profile_id: str, key: str, settings: Settings) -> dict:
    """All data held about a profile, for its owner key or the admin key (404 first, then 403)."""
    if not (matcher.is_owner(profile_id, key) or is_admin(key, settings)):
        raise HTTPException(status.HTTP_403_FORBIDDEN,
                            f"this key may not read all data held about profile '{profile_id}'")
    return matcher.profile_export(profile_id)


@router.get("/{profile_id}/export", responses=error_responses(401, 403, 404, 422))
async def export_profile(profile_id: ProfileId, matcher: MatcherDep, key: RequiredKeyDep, settings: SettingsDep,
                         response: Response) -> ProfileExport:
    """All data held about a profile (the right of access; owner key or admin key): the profile with its
    contact, what was derived from it, how complete it is, and every stored row about it, table by table,
    secrets such as key hashes left out. The same tables are emptied when the profile is deleted."""
    exported = await matcher.read(_export, profile_id, key, settings)
    response.headers["Cache-Control"] = "no-store"
    return ProfileExport.model_validate(exported)


@router.post("/{profile_id}/key", dependencies=[RateLimited],
             responses=error_responses(401, 403, 404, 422, 429))
async def rotate_owner_key(profile_id: ProfileId, matcher: MatcherDep, key: RequiredKeyDep, settings: SettingsDep,
                           response: Response) -> OwnerKeyRotated:
    """A new owner key (current owner key or admin key), shown this once: the old key stops working at
    once, here and on the pages, and every page session of the profile ends."""
    owner_key = await matcher.call(rotate_key_if_allowed, profile_id, key, settings)
    response.headers["Cache-Control"] = "no-store"
    return OwnerKeyRotated(profile_id=profile_id, owner_key=owner_key)


@router.get("/{profile_id}/matches", responses=error_responses(404, 422))
async def profile_matches(profile_id: ProfileId, matcher: MatcherDep, limit: Limit = 10,
                          kind: KindFilter = None) -> MatchesPublic:
    """Ranked partner suggestions for a profile, with reasons; the same body as `matcher match --json`."""
    result = await matcher.read(Matcher.match, profile_id, limit=limit, kind=kind)
    return MatchesPublic.model_validate(result.as_dict())


@router.get("/{profile_id}/understood", responses=error_responses(404, 422))
async def profile_understood(profile_id: ProfileId, matcher: MatcherDep) -> ReadingPublic:
    """What the service reads in the profile's description (language, disciplines, audiences, themes, offers,
    needs), each item with the words and the cue that led to it. The description is public, so no key."""
    reading = await matcher.read(Matcher.understood_with_evidence, profile_id)
    return ReadingPublic(profile_id=profile_id, **reading.as_dict())
