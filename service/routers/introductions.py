"""/introductions: a profile asks to be introduced to another, who accepts or declines.

Each route is one call on the shared Matcher (`matcher.introductions`, the
library's rules: caps, conflicts, who may answer); the helpers below check the
key on the Matcher's thread in the same call as the write it allows. Contact
details appear only as the library's rule allows: the other side's, once an
introduction is accepted.
"""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, BackgroundTasks, HTTPException, Path, Query, Request, status

from matcher.engine import Matcher
from matcher.introductions import Introduction

from ..auth import is_admin, key_holder, may_change
from ..deps import MatcherDep, RateLimited, RequiredKeyDep, SettingsDep
from ..outbox import send_outbox_later
from ..schemas.errors import error_responses
from ..schemas.introductions import (IntroductionConflictBody, IntroductionCreate, IntroductionListPublic,
                                     IntroductionPublic)
from ..settings import Settings

router = APIRouter(prefix="/introductions", tags=["introductions"])

IntroductionId = Annotated[str, Path(min_length=1, max_length=64, description="the introduction's id")]
ProfileQuery = Annotated[str, Query(min_length=1, max_length=128, description="the profile whose introductions")]
CONFLICT = {409: {"model": IntroductionConflictBody,
                  "description": "The pair already has an introduction waiting or accepted, or the one asked "
                                 "declined before; `existing` names it"}}
TOO_MANY = {429: {"description": "A cap on introduction requests (MATCHER_INTRODUCTIONS_OPEN, "
                                 "MATCHER_INTRODUCTIONS_PER_DAY) or on writes from this client; the detail names it",
                  "headers": {"Retry-After": {"description": "seconds to wait, when waiting helps",
                                              "schema": {"type": "integer"}}}}}


def _shown(matcher: Matcher, introduction: Introduction, viewer_id: str) -> IntroductionPublic:
    """The introduction as `viewer_id` (one of its sides) sees it: the other side's contact by the rule."""
    return IntroductionPublic.of(introduction, matcher.contact_for(introduction.other(viewer_id), viewer_id))


def _ask(matcher: Matcher, request: IntroductionCreate, key: str, settings: Settings) -> IntroductionPublic:
    if not may_change(matcher, request.from_, key, settings):  # ProfileNotFound (404) first
        raise HTTPException(status.HTTP_403_FORBIDDEN, f"this key may not ask on behalf of '{request.from_}': "
                                                       "only its owner key or the admin key may")
    return _shown(matcher, matcher.introductions.ask(request.from_, request.to, request.message), request.from_)


def _list(matcher: Matcher, profile_id: str, key: str, settings: Settings) -> IntroductionListPublic:
    if not may_change(matcher, profile_id, key, settings):
        raise HTTPException(status.HTTP_403_FORBIDDEN, f"this key may not read the introductions of '{profile_id}': "
                                                       "only its owner key or the admin key may")
    found = matcher.introductions.of_profile(profile_id)
    return IntroductionListPublic(profile=profile_id,
                                  incoming=[_shown(matcher, item, profile_id) for item in found.incoming],
                                  outgoing=[_shown(matcher, item, profile_id) for item in found.outgoing])


def _act(matcher: Matcher, introduction_id: str, key: str, settings: Settings, action: str) -> IntroductionPublic:
    """accept, decline (the profile asked), withdraw (the asker), worked_together (either side): by
    the owner key of that side alone; the admin key does not answer for anyone."""
    introduction = matcher.introductions.get(introduction_id)
    sides = {"accept": [introduction.to_id], "decline": [introduction.to_id], "withdraw": [introduction.from_id],
             "worked_together": [introduction.from_id, introduction.to_id]}[action]
    actor = key_holder(matcher, key, sides)
    if actor is None:
        who = " or ".join(f"'{side}'" for side in sides)
        raise HTTPException(status.HTTP_403_FORBIDDEN,
                            f"only the owner key of {who} may {action.replace('_', ' ')} introduction "
                            f"'{introduction_id}'" + (" (the admin key answers for no one)"
                                                      if is_admin(key, settings) else ""))
    method = {"accept": matcher.introductions.accept, "decline": matcher.introductions.decline,
              "withdraw": matcher.introductions.withdraw,
              "worked_together": matcher.introductions.record_worked_together}[action]
    return _shown(matcher, method(introduction_id, actor), actor)


@router.post("", status_code=status.HTTP_201_CREATED, dependencies=[RateLimited],
             responses={**error_responses(400, 401, 403, 404, 413, 422), **CONFLICT, **TOO_MANY})
async def ask_for_an_introduction(body: IntroductionCreate, matcher: MatcherDep, key: RequiredKeyDep,
                                  settings: SettingsDep, request: Request,
                                  tasks: BackgroundTasks) -> IntroductionPublic:
    """`from` asks to be introduced to `to` (with `from`'s owner key, or the admin key): `status` is
    `pending` until `to` accepts or declines. Contact details are shared only once accepted."""
    introduction = await matcher.call(_ask, body, key, settings)
    send_outbox_later(tasks, request.app)
    return introduction


@router.get("", responses=error_responses(401, 403, 404, 422))
async def list_introductions(profile: ProfileQuery, matcher: MatcherDep, key: RequiredKeyDep,
                             settings: SettingsDep) -> IntroductionListPublic:
    """A profile's introductions, asked (`outgoing`) and received (`incoming`), newest first, with their
    status (its owner key or the admin key); the other side's contact once accepted."""
    return await matcher.call(_list, profile, key, settings)


ANSWER_RESPONSES = {**error_responses(401, 403, 404, 422), **CONFLICT, **TOO_MANY}


@router.post("/{introduction_id}/accept", dependencies=[RateLimited], responses=ANSWER_RESPONSES)
async def accept_introduction(introduction_id: IntroductionId, matcher: MatcherDep, key: RequiredKeyDep,
                              settings: SettingsDep, request: Request, tasks: BackgroundTasks) -> IntroductionPublic:
    """Accept (the owner key of the profile asked, `to`, alone): from now on both sides see each other's
    contact, and they count as partners in matching."""
    introduction = await matcher.call(_act, introduction_id, key, settings, "accept")
    send_outbox_later(tasks, request.app)
    return introduction


@router.post("/{introduction_id}/decline", dependencies=[RateLimited], responses=ANSWER_RESPONSES)
async def decline_introduction(introduction_id: IntroductionId, matcher: MatcherDep, key: RequiredKeyDep,
                               settings: SettingsDep, request: Request, tasks: BackgroundTasks) -> IntroductionPublic:
    """Decline (the owner key of the profile asked, `to`, alone): the asker is told kindly, and the two are
    not suggested to each other again."""
    introduction = await matcher.call(_act, introduction_id, key, settings, "decline")
    send_outbox_later(tasks, request.app)
    return introduction


@router.post("/{introduction_id}/withdraw", dependencies=[RateLimited], responses=ANSWER_RESPONSES)
async def withdraw_introduction(introduction_id: IntroductionId, matcher: MatcherDep, key: RequiredKeyDep,
                                settings: SettingsDep, request: Request, tasks: BackgroundTasks) -> IntroductionPublic:
    """Withdraw a request not answered yet (the asker's owner key): it no longer counts towards the cap on
    open requests."""
    introduction = await matcher.call(_act, introduction_id, key, settings, "withdraw")
    send_outbox_later(tasks, request.app)
    return introduction


@router.post("/{introduction_id}/worked-together", dependencies=[RateLimited], responses=ANSWER_RESPONSES)
async def record_worked_together(introduction_id: IntroductionId, matcher: MatcherDep, key: RequiredKeyDep,
                                 settings: SettingsDep, request: Request,
                                 tasks: BackgroundTasks) -> IntroductionPublic:
    """Record that the two worked together (either side's owner key, once accepted): the best outcome a
    suggestion can lead to, kept for evaluation (`matcher introductions judgments`)."""
    introduction = await matcher.call(_act, introduction_id, key, settings, "worked_together")
    send_outbox_later(tasks, request.app)
    return introduction
