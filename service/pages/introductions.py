"""The introduction pages: asking to be introduced, the inbox, and the notifications.

| path | page |
| --- | --- |
| `GET /ui/introductions?done=` | the inbox: requests received (accept, decline) and sent (withdraw), each with its status, the other side's contact once accepted, and "we worked together" |
| `POST /ui/introductions` | ask (`to`, `message`): the form on every suggestion and profile page |
| `POST /ui/introductions/{id}/accept`, `/decline`, `/withdraw`, `/worked-together` | the answers |
| `GET /ui/notifications` | what happened to one's introductions, newest first (the outbox, also sent by mail when set up) |

Only a visitor signed in with a profile asks and answers; the session is looked
up again in the same Matcher call as the write (as the edit page does), and the
library decides who may do what (matcher/introductions.py). Each route makes
one call on the shared Matcher and renders a template.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, BackgroundTasks, HTTPException, Path, Query, Request, status
from fastapi.responses import HTMLResponse, RedirectResponse

from matcher.engine import Matcher
from matcher.errors import (IntroductionConflict, IntroductionNotAllowed, IntroductionNotFound, InvalidRequest,
                            ProfileNotFound, TooManyIntroductions)
from matcher.introductions import MAX_MESSAGE_CHARS, Introduction, Notification

from ..deps import MatcherDep, SettingsDep, check_rate
from ..outbox import send_outbox_later
from ..settings import Settings
from .rendering import form_data, render
from .session import SameOrigin, Visitor, VisitorDep, find_visitor

router = APIRouter(include_in_schema=False)

INBOX = "/ui/introductions"
NO_STORE = {"Cache-Control": "no-store"}
ACTIONS = {"accept": "accepted", "decline": "declined", "withdraw": "withdrawn", "worked-together": "worked_together"}
IntroductionId = Annotated[str, Path(min_length=1, max_length=64)]
Done = Annotated[str, Query(max_length=40)]


@dataclass
class IntroductionView:
    """One introduction as the inbox shows it to one side: the other side, and its contact once accepted."""

    introduction: Introduction
    other_id: str
    other_name: str
    contact: dict | None
    incoming: bool


@dataclass
class InboxPage:
    incoming: list[IntroductionView] = field(default_factory=list)
    outgoing: list[IntroductionView] = field(default_factory=list)


def inbox_page(matcher: Matcher, profile_id: str) -> InboxPage:
    """A profile's introductions, each with the other side's contact as the rule allows (raises ProfileNotFound)."""
    found = matcher.introductions.of_profile(profile_id)

    def view(introduction: Introduction, incoming: bool) -> IntroductionView:
        other = introduction.other(profile_id)
        return IntroductionView(introduction, other, introduction.other_name(profile_id),
                                matcher.contact_for(other, profile_id), incoming)

    return InboxPage([view(item, True) for item in found.incoming], [view(item, False) for item in found.outgoing])


def notifications_page(matcher: Matcher, profile_id: str) -> list[Notification]:
    return matcher.introductions.notifications_of(profile_id)


def ask_as_visitor(matcher: Matcher, session_id: str | None, settings: Settings, to_id: str, message: str):
    """Ask for the profile whose session this still is (checked in the same call as the write)."""
    return matcher.introductions.ask(_acting_profile(matcher, session_id, settings), to_id, message)


def act_as_visitor(matcher: Matcher, session_id: str | None, settings: Settings, introduction_id: str,
                   action: str) -> Introduction:
    """Answer, withdraw or record working together, as the profile whose session this still is."""
    profile_id = _acting_profile(matcher, session_id, settings)
    method = {"accept": matcher.introductions.accept, "decline": matcher.introductions.decline,
              "withdraw": matcher.introductions.withdraw,
              "worked-together": matcher.introductions.record_worked_together}[action]
    return method(introduction_id, profile_id)


def _acting_profile(matcher: Matcher, session_id: str | None, settings: Settings) -> str:
    visitor = find_visitor(matcher, session_id, settings)
    if visitor.profile_id is None:
        raise IntroductionNotAllowed("only a visitor signed in with a profile asks and answers introductions")
    return visitor.profile_id


def _sign_in_first(path: str) -> RedirectResponse:
    return RedirectResponse(f"/ui/sign-in?next={quote(path, safe='')}", status_code=303)


async def _inbox(request: Request, visitor: Visitor, matcher, problem: dict | None = None,
                 status_code: int = 200, done: str = "") -> HTMLResponse:
    page = await matcher.call(inbox_page, visitor.profile_id) if visitor.profile_id else None
    return render(request, "introductions.html", {"page": page, "problem": problem, "done": done,
                                                  "max_message": MAX_MESSAGE_CHARS},
                  visitor, status_code=status_code, headers=NO_STORE)


@router.get("/ui/introductions", response_class=HTMLResponse)
async def introductions_page(request: Request, visitor: VisitorDep, matcher: MatcherDep,
                             done: Done = "") -> HTMLResponse:
    if not visitor.signed_in:
        return _sign_in_first(INBOX)
    return await _inbox(request, visitor, matcher, done=done if done in (*ACTIONS.values(), "asked") else "")


@router.get("/ui/notifications", response_class=HTMLResponse)
async def notifications(request: Request, visitor: VisitorDep, matcher: MatcherDep) -> HTMLResponse:
    if not visitor.signed_in:
        return _sign_in_first("/ui/notifications")
    items = await matcher.call(notifications_page, visitor.profile_id) if visitor.profile_id else None
    return render(request, "notifications.html", {"items": items}, visitor, headers=NO_STORE)


@router.post("/ui/introductions", response_class=HTMLResponse, dependencies=[SameOrigin])
async def ask(request: Request, visitor: VisitorDep, matcher: MatcherDep, settings: SettingsDep,
              tasks: BackgroundTasks) -> HTMLResponse:
    data = await form_data(request)
    if not visitor.signed_in:
        return _sign_in_first(INBOX)
    check_rate(request, exempt=visitor.is_admin)
    to_id = str(data.get("to", "")).strip()[:128]
    message = str(data.get("message", ""))
    try:
        await matcher.call(ask_as_visitor, visitor.session_id, settings, to_id, message)
    except ProfileNotFound:
        raise HTTPException(status.HTTP_404_NOT_FOUND) from None
    except IntroductionNotAllowed:  # the admin, without a profile of its own
        raise HTTPException(status.HTTP_403_FORBIDDEN) from None
    except (InvalidRequest, IntroductionConflict, TooManyIntroductions) as error:
        return await _inbox(request, visitor, matcher, _problem(error), _status_of(error))
    send_outbox_later(tasks, request.app)
    return RedirectResponse(f"{INBOX}?done=asked", status_code=303)


@router.post("/ui/introductions/{introduction_id}/{action}", response_class=HTMLResponse, dependencies=[SameOrigin])
async def act(request: Request, introduction_id: IntroductionId, action: str, visitor: VisitorDep,
              matcher: MatcherDep, settings: SettingsDep, tasks: BackgroundTasks) -> HTMLResponse:
    if action not in ACTIONS:
        raise HTTPException(status.HTTP_404_NOT_FOUND)
    if not visitor.signed_in:
        return _sign_in_first(INBOX)
    check_rate(request, exempt=visitor.is_admin)
    try:
        await matcher.call(act_as_visitor, visitor.session_id, settings, introduction_id, action)
    except IntroductionNotFound:
        raise HTTPException(status.HTTP_404_NOT_FOUND) from None
    except IntroductionNotAllowed:
        raise HTTPException(status.HTTP_403_FORBIDDEN) from None
    except IntroductionConflict as error:
        return await _inbox(request, visitor, matcher, _problem(error), status.HTTP_409_CONFLICT)
    send_outbox_later(tasks, request.app)
    return RedirectResponse(f"{INBOX}?done={ACTIONS[action]}", status_code=303)


def _problem(error: Exception) -> dict:
    """The message key (messages.py) and its parameters, saying why a request was refused."""
    if isinstance(error, TooManyIntroductions):
        key = "err_intro_open_cap" if error.setting == "MATCHER_INTRODUCTIONS_OPEN" else "err_intro_day_cap"
        return {"key": key, "params": {"limit": error.limit}}
    if isinstance(error, IntroductionConflict):
        return {"key": f"err_intro_{error.reason}", "params": {}}
    if isinstance(error, InvalidRequest) and error.code == "too_long":
        return {"key": "err_too_long", "params": {"limit": MAX_MESSAGE_CHARS}}
    return {"key": "err_intro_self", "params": {}}


def _status_of(error: Exception) -> int:
    return {TooManyIntroductions: 429, IntroductionConflict: 409}.get(type(error), 422)
