"""The web pages: each route reads the request, makes one call on the shared Matcher
(through `views`, the profile form or the same `auth` checks as the API) and renders a template.

| path | page |
| --- | --- |
| `GET /` | start: three ways in, and a search box |
| `GET /ui/search?text=&near=&radius_km=&kind=&who=` | free-text search: suggestions, reasons, map |
| `GET /ui/profiles/{id}` | a profile, what was read from it, its suggestions |
| `GET, POST /ui/new-profile` | create a profile; shows the owner key once |
| `GET, POST /ui/profiles/{id}/edit` | edit one's own profile (owner or admin) |
| `GET, POST /ui/sign-in`, `POST /ui/sign-out` | open and end a server-side session |
| `POST /ui/profiles/{id}/key` | a new owner key, shown once; the old one and its sessions end |
| `GET /ui/alliances?area=&near=&radius_km=&region=&theme=&size=&count=&pinned=&excluded=&skip=` | proposed alliances, graph and map; pinned and excluded ids, the next proposals |
| `GET /ui/alliances/export?<the same>&group=N&format=json` (or `csv`) | one proposed group as a file to keep |
| `GET /ui/alliances/print?<the same>&group=N` | one proposed group on a printable page: the field's checklist |
"""
from __future__ import annotations

import re
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from matcher.alliances.export import alliances_csv, alliances_json
from matcher.engine import Matcher
from matcher.errors import InvalidRequest, ProfileNotFound
from matcher.owner_keys import hash_key, new_owner_key
from matcher.profiles import (AUDIENCES, DISCIPLINES, EXCHANGE_TYPES, LANGUAGES, ORGANISATION_TYPES, PARTNER_KINDS,
                              SPACE_FEATURES, SUPPORT)
from matcher.ranking.term_reasons import FEATURE_WORDS, SUPPORT_WORDS

from ..deps import MatcherDep, SettingsDep, check_rate, client_address
from ..rate_limit import retry_after_header
from . import views
from .i18n import chosen_language
from .messages import REGION_LABELS
from .profile_form import TERM_PARTS, TERMS_OF_TYPE, Problem, ProfileForm, library_problem, parse_number, slug
from .rendering import form_data, render, safe_next
from . import session
from .csrf import bind_forms_to_session
from .session import SameOrigin, VisitorDep, forget, remember

router = APIRouter(include_in_schema=False)

SUGGESTION_LIMIT = 10
MAX_PLACE_CHARS = 200
NO_STORE = {"Cache-Control": "no-store"}
ProfileId = Annotated[str, Path(min_length=1, max_length=128)]
# No max_length on the search text: the library refuses a longer one and the page says so by the field.
Place = Annotated[str, Query(max_length=MAX_PLACE_CHARS)]
Short = Annotated[str, Query(max_length=40)]
WAYS = {"maker": "organisation", "centre": ""}  # who is asking -> whom they look for by default


def form_context(form: ProfileForm, editing: bool) -> dict:
    return {"form": form, "editing": editing, "disciplines": DISCIPLINES, "audiences": AUDIENCES,
            "languages": LANGUAGES, "types": ORGANISATION_TYPES, "exchange_types": EXCHANGE_TYPES,
            "partner_kinds": PARTNER_KINDS, "space_features": SPACE_FEATURES, "support_keys": SUPPORT,
            "feature_words": FEATURE_WORDS, "support_words": SUPPORT_WORDS, "type_terms": TERMS_OF_TYPE,
            "term_parts": TERM_PARTS}


# -- start and search -------------------------------------------------------------
@router.get("/", response_class=HTMLResponse)
async def start_page(request: Request, visitor: VisitorDep) -> HTMLResponse:
    return render(request, "start.html", {"signed_out": request.query_params.get("signed_out") == "1",
                                          "deleted": request.query_params.get("deleted") == "1"}, visitor)


@router.get("/ui/search", response_class=HTMLResponse)
async def search_page(request: Request, visitor: VisitorDep, matcher: MatcherDep, settings: SettingsDep,
                      text: str = "", near: Place = "", radius_km: Short = "", kind: Short = "",
                      who: Short = "") -> HTMLResponse:
    who = who if who in WAYS else ""
    if kind not in ("organisation", "artist", "any"):
        kind = WAYS.get(who, "")
    context = {"text": text, "near": near, "radius_km": radius_km.strip(), "kind": kind, "who": who,
               "result": None, "problems": {}}
    if not text.strip():
        return render(request, "search.html", context, visitor)
    radius = parse_number(radius_km) if radius_km.strip() else None
    if radius_km.strip() and radius is None:
        context["problems"] = {"radius_km": Problem("err_number")}
        return render(request, "search.html", context, visitor, status_code=422)
    check_rate(request, exempt=visitor.is_admin)
    try:
        context["result"] = await matcher.read(views.search_page, text, near.strip() or None,
                                               kind if kind in ("organisation", "artist") else None,
                                               SUGGESTION_LIMIT, visitor, radius)
    except InvalidRequest as error:
        context["problems"] = {error.field_name: library_problem(error.code, error.reason, error.values)}
        return render(request, "search.html", context, visitor, status_code=422)
    return render(request, "search.html", context, visitor)


# -- profile page -------------------------------------------------------------------
@router.get("/ui/profiles/{profile_id}", response_class=HTMLResponse)
async def profile_page(request: Request, profile_id: ProfileId, visitor: VisitorDep,
                       matcher: MatcherDep) -> HTMLResponse:
    try:
        page = await matcher.read(views.profile_page, profile_id, SUGGESTION_LIMIT, visitor)
    except ProfileNotFound:
        return not_found(request, visitor, profile_id)
    return render(request, "profile.html", {"page": page, "saved": request.query_params.get("saved") == "1"},
                  visitor)


def not_found(request: Request, visitor, profile_id: str) -> HTMLResponse:
    return render(request, "not_found.html", {"profile_id": profile_id}, visitor, status_code=404)


# -- create ----------------------------------------------------------------------------
@router.get("/ui/new-profile", response_class=HTMLResponse)
async def new_profile_form(request: Request, visitor: VisitorDep, kind: Short = "") -> HTMLResponse:
    form = ProfileForm(kind=kind if kind in ("organisation", "artist") else "").with_blank_rows()
    return render(request, "profile_form.html", form_context(form, editing=False), visitor)


def save_new_profile(matcher, profile, id_given: bool, owner_key_hash: str):
    """Store a new profile; an id made from the name gets a number when taken. None when a typed id is taken."""
    chosen = profile
    if matcher.exists(profile.id):
        if id_given:
            return None
        number = 2
        while matcher.exists(f"{profile.id}-{number}"):
            number += 1
        chosen = profile.model_copy(update={"id": f"{profile.id}-{number}"})
    matcher.save_profile(chosen, owner_key_hash=owner_key_hash)
    return chosen


@router.post("/ui/new-profile", response_class=HTMLResponse, dependencies=[SameOrigin])
async def create_profile(request: Request, visitor: VisitorDep, matcher: MatcherDep,
                         settings: SettingsDep) -> HTMLResponse:
    form = ProfileForm.from_submission(await form_data(request))
    check_rate(request, exempt=visitor.is_admin)
    profile = form.check(form.id or slug(form.name))
    if profile is not None:
        owner_key = new_owner_key()
        try:
            saved = await matcher.call(save_new_profile, profile, bool(form.id), hash_key(owner_key))
        except InvalidRequest as error:
            form.add_library_problem(error.field_name, error.reason, error.code)
        else:
            if saved is None:
                form.problems["id"] = Problem("err_id_taken")
            else:
                signed_in = await matcher.call(session.open_owner_session, saved.id, owner_key, settings)
                bind_forms_to_session(request, signed_in.session_id)  # the page's sign-out form is for it
                response = render(request, "created.html", {"profile": saved, "owner_key": owner_key}, signed_in,
                                  headers=NO_STORE)
                remember(response, request, signed_in.session_id, settings)
                return response
    return render(request, "profile_form.html", form_context(form, editing=False), visitor, status_code=422)


# -- edit --------------------------------------------------------------------------------
@router.get("/ui/profiles/{profile_id}/edit", response_class=HTMLResponse)
async def edit_profile_form(request: Request, profile_id: ProfileId, visitor: VisitorDep,
                            matcher: MatcherDep) -> HTMLResponse:
    profile = await editable_profile(request, profile_id, visitor, matcher)
    if isinstance(profile, HTMLResponse):
        return profile
    return render(request, "profile_form.html", form_context(ProfileForm.from_profile(profile), editing=True),
                  visitor, headers=NO_STORE)


async def editable_profile(request: Request, profile_id: str, visitor, matcher):
    """The stored profile the visitor may change, or the page that says why not (404 or 403)."""
    try:
        profile = await matcher.read(views.stored_profile, profile_id)
    except ProfileNotFound:
        return not_found(request, visitor, profile_id)
    if not visitor.may_change(profile_id):
        return owner_only(request, visitor, profile_id)
    return profile


def owner_only(request: Request, visitor, profile_id: str) -> HTMLResponse:
    return render(request, "sign_in.html", {
        "profile_id": profile_id, "next": f"/ui/profiles/{profile_id}/edit", "problem": None,
        "owner_only": True}, visitor, status_code=403)


@router.post("/ui/profiles/{profile_id}/edit", response_class=HTMLResponse, dependencies=[SameOrigin])
async def save_profile(request: Request, profile_id: ProfileId, visitor: VisitorDep, matcher: MatcherDep,
                       settings: SettingsDep) -> HTMLResponse:
    form = ProfileForm.from_submission(await form_data(request))
    stored = await editable_profile(request, profile_id, visitor, matcher)
    if isinstance(stored, HTMLResponse):
        return stored
    check_rate(request, exempt=visitor.is_admin)
    form.id = profile_id
    profile = form.check(profile_id, base=stored)
    if profile is not None:
        try:
            # Checks the session again and saves in one call, as the API's PUT does with its key.
            await matcher.call(session.replace_as_visitor, profile, visitor.session_id, settings)
        except InvalidRequest as error:
            form.add_library_problem(error.field_name, error.reason, error.code)
        else:
            return RedirectResponse(f"/ui/profiles/{_path(profile_id)}?saved=1", status_code=303)
    return render(request, "profile_form.html", form_context(form, editing=True), visitor, status_code=422,
                  headers=NO_STORE)


def _path(profile_id: str) -> str:
    return quote(profile_id, safe="")


# -- sign in and out -----------------------------------------------------------------------
@router.get("/ui/sign-in", response_class=HTMLResponse)
async def sign_in_form(request: Request, visitor: VisitorDep, id: Annotated[str, Query(max_length=128)] = "",
                       next: Annotated[str, Query(max_length=2000)] = "") -> HTMLResponse:
    return render(request, "sign_in.html", {"profile_id": id, "next": safe_next(next, ""), "problem": None,
                                            "owner_only": False}, visitor)


@router.post("/ui/sign-in", response_class=HTMLResponse, dependencies=[SameOrigin])
async def sign_in(request: Request, visitor: VisitorDep, matcher: MatcherDep,
                  settings: SettingsDep) -> HTMLResponse:
    data = await form_data(request)
    profile_id = str(data.get("profile_id", "")).strip()[:128] or None
    key = str(data.get("key", "")).strip()[:512]
    target = safe_next(str(data.get("next", "")), "")
    context = {"profile_id": profile_id or "", "next": target, "problem": None, "owner_only": False, "retry": ""}
    # Every attempt counts, right or wrong, per client and per profile id (known or not).
    wait = sign_in_wait(request, profile_id)
    if wait > 0:
        retry = retry_after_header(wait)
        return render(request, "sign_in.html", {**context, "problem": "err_sign_in_too_many", "retry": retry},
                      visitor, status_code=429, headers={"Retry-After": retry})
    signed_in = await matcher.call(session.sign_in, profile_id, key, settings) if key else None
    if signed_in is None:
        # The same answer whether the id exists or not.
        return render(request, "sign_in.html", {**context, "problem": "err_sign_in_failed" if key else "err_required"},
                      visitor, status_code=422)
    where = target or (f"/ui/profiles/{_path(signed_in.profile_id)}" if signed_in.profile_id else "/")
    response = RedirectResponse(where, status_code=303)
    remember(response, request, signed_in.session_id, settings)
    return response


def sign_in_wait(request: Request, profile_id: str | None) -> float:
    """Seconds to wait before another sign-in attempt from this client, or for this profile id;
    0.0 when one is allowed (and then it is counted in both)."""
    limiter = request.app.state.sign_in_limiter
    if limiter is None:
        return 0.0
    wait = limiter.acquire("client " + client_address(request))
    return wait if wait > 0 else limiter.acquire("profile " + (profile_id or ""))


@router.post("/ui/sign-out", dependencies=[SameOrigin])
async def sign_out(request: Request, matcher: MatcherDep) -> RedirectResponse:
    """End the session on the server too: the cookie, if kept or copied, signs nobody in again."""
    await matcher.call(session.sign_out, request.cookies.get(session.SESSION_COOKIE))
    response = RedirectResponse("/?signed_out=1", status_code=303)
    forget(response)
    return response


# -- deleting a profile ------------------------------------------------------------------------
@router.post("/ui/profiles/{profile_id}/delete", response_class=HTMLResponse, dependencies=[SameOrigin],
             response_model=None)
async def delete_profile(request: Request, profile_id: ProfileId, visitor: VisitorDep, matcher: MatcherDep,
                         settings: SettingsDep) -> HTMLResponse | RedirectResponse:
    """Delete the profile for good, with everything held about it (as DELETE /profiles/{id}), once the
    owner or the admin has ticked that they mean it; the owner is signed out, as the profile is gone."""
    stored = await editable_profile(request, profile_id, visitor, matcher)
    if isinstance(stored, HTMLResponse):
        return stored
    if (await form_data(request)).get("confirm") != "yes":
        return RedirectResponse(f"/ui/profiles/{quote(profile_id, safe='')}?delete=confirm#delete", status_code=303)
    await matcher.call(session.delete_as_visitor, profile_id, visitor.session_id, settings)
    response = RedirectResponse("/?deleted=1", status_code=303)
    if not visitor.is_admin:
        forget(response)
    return response


# -- a new owner key ---------------------------------------------------------------------------
@router.post("/ui/profiles/{profile_id}/key", response_class=HTMLResponse, dependencies=[SameOrigin])
async def rotate_key(request: Request, profile_id: ProfileId, visitor: VisitorDep, matcher: MatcherDep,
                     settings: SettingsDep) -> HTMLResponse:
    """A new owner key, shown this once. The old key stops working and every session of the profile
    ends; the owner who asked is signed in again with the new key, on this browser only."""
    stored = await editable_profile(request, profile_id, visitor, matcher)
    if isinstance(stored, HTMLResponse):
        return stored
    check_rate(request, exempt=visitor.is_admin)
    owner_key = await matcher.call(session.rotate_key_as_visitor, profile_id, visitor.session_id, settings)
    shown_as = visitor
    if not visitor.is_admin:
        shown_as = await matcher.call(session.open_owner_session, profile_id, owner_key, settings)
        bind_forms_to_session(request, shown_as.session_id)
    response = render(request, "new_key.html", {"profile_id": profile_id, "owner_key": owner_key}, shown_as,
                      headers=NO_STORE)
    if not visitor.is_admin:
        remember(response, request, shown_as.session_id, settings)
    return response


# -- alliances ---------------------------------------------------------------------------------
REGIONS = tuple(REGION_LABELS)
AREA_CHOICES = ("near", "region", "everywhere")
SIZES, COUNTS = range(3, 9), range(1, 11)
DEFAULT_SIZE, DEFAULT_COUNT, DEFAULT_RADIUS_KM = "4", "3", "10"
EXPORT_TYPES = {"json": "application/json", "csv": "text/csv; charset=utf-8"}
Ids = Annotated[str, Query(max_length=2000)]


def _ids(text: str) -> list[str]:
    """Profile ids typed in a field, separated by commas or spaces."""
    return [part for part in re.split(r"[,\s]+", text) if part]


def _whole(text: str, allowed: range) -> int | None:
    return int(text) if text.isdigit() and int(text) in allowed else None


async def _alliances(request: Request, visitor, matcher: Matcher, area: str, near: str, radius_km: str,
                     region: str, theme: str, size: str, count: str, pinned: str, excluded: str,
                     skip: str) -> tuple[dict, int]:
    """The alliances form as typed, and the page's context with the proposals (`page`) or the problems by
    field; the status to answer with. Shared by the page, its export and its printable groups."""
    form = {"pinned": pinned.strip(), "excluded": excluded.strip(),
            "area": area if area in AREA_CHOICES else "region", "near": near.strip(),
            "radius_km": radius_km.strip() or DEFAULT_RADIUS_KM,
            "region": region if region in REGIONS else REGIONS[0], "theme": theme.strip(),
            "size": size or DEFAULT_SIZE, "count": count or DEFAULT_COUNT}
    context = {"form": form, "regions": REGIONS, "sizes": SIZES, "counts": COUNTS, "page": None, "problems": {}}
    if area not in AREA_CHOICES:
        return context, 200
    problems: dict[str, Problem] = context["problems"]
    chosen_size, chosen_count = _whole(form["size"], SIZES), _whole(form["count"], COUNTS)
    if chosen_size is None:
        problems["size"] = Problem("err_choose")
    if chosen_count is None:
        problems["count"] = Problem("err_choose")
    chosen_skip = int(skip) if skip.isdigit() and int(skip) <= 20 else 0
    radius = None
    if area == "near":
        if not form["near"]:
            problems["near"] = Problem("err_required")
        radius = parse_number(form["radius_km"])
        if radius is None:
            problems["radius_km"] = Problem("err_number")
    if problems:
        return context, 422
    check_rate(request, exempt=visitor.is_admin)
    language, _ = chosen_language(request)
    try:
        context["page"] = await matcher.call(
            views.alliances_page, form["near"] if area == "near" else None, radius,
            form["region"] if area == "region" else None, form["theme"] or None, chosen_size, chosen_count,
            language, _ids(form["pinned"]), _ids(form["excluded"]), chosen_skip)
    except InvalidRequest as error:
        problems[error.field_name] = library_problem(error.code, error.reason, error.values)
        return context, 422
    if chosen_skip + chosen_count <= 20:  # the next proposals: the same request, the ones seen skipped
        following = request.url.include_query_params(skip=chosen_skip + chosen_count)
        context["next_proposals"] = f"{following.path}?{following.query}"
    # Each group's export and printable page: the same request, one group named.
    asked = request.url.remove_query_params(["group", "format"]).query
    context["group_links"] = {
        view.number: {"print": f"/ui/alliances/print?{asked}&group={view.number}",
                      **{kind: f"/ui/alliances/export?{asked}&group={view.number}&format={kind}"
                         for kind in EXPORT_TYPES}}
        for view in context["page"].alliances}
    return context, 200


@router.get("/ui/alliances", response_class=HTMLResponse)
async def alliances_page(request: Request, visitor: VisitorDep, matcher: MatcherDep, settings: SettingsDep,
                         area: Short = "", near: Place = "", radius_km: Short = "",
                         region: Annotated[str, Query(max_length=100)] = "",
                         theme: Annotated[str, Query(max_length=1000)] = "",
                         size: Short = "", count: Short = "", pinned: Ids = "", excluded: Ids = "",
                         skip: Short = "") -> HTMLResponse:
    context, status = await _alliances(request, visitor, matcher, area, near, radius_km, region, theme, size,
                                       count, pinned, excluded, skip)
    return render(request, "alliances.html", context, visitor, status_code=status)


def _chosen_group(context: dict, group: str) -> "views.AllianceView | None":
    """The group numbered `group` among the proposals; None (and the page says so) when there is none."""
    page = context["page"]
    number = int(group) if group.isdigit() else 0
    if page and 1 <= number <= len(page.alliances):
        return page.alliances[number - 1]
    context["missing_group"] = group
    return None


@router.get("/ui/alliances/export")
async def alliances_export(request: Request, visitor: VisitorDep, matcher: MatcherDep,
                           area: Short = "", near: Place = "", radius_km: Short = "",
                           region: Annotated[str, Query(max_length=100)] = "",
                           theme: Annotated[str, Query(max_length=1000)] = "",
                           size: Short = "", count: Short = "", pinned: Ids = "", excluded: Ids = "",
                           skip: Short = "", group: Short = "", format: Short = "json") -> Response:
    """One proposed group of the page's request (`group`, from 1) as a JSON or CSV file to keep."""
    context, status = await _alliances(request, visitor, matcher, area, near, radius_km, region, theme, size,
                                       count, pinned, excluded, skip)
    chosen = _chosen_group(context, group) if status == 200 else None
    if chosen is None or format not in EXPORT_TYPES:
        return render(request, "alliances.html", context, visitor, status_code=status if status != 200 else 404)
    if format == "csv":
        body = alliances_csv([chosen.alliance], [chosen.number])
    else:
        body = alliances_json([chosen.alliance], context["page"].query)
    return Response(body, media_type=EXPORT_TYPES[format], headers={
        "Content-Disposition": f'attachment; filename="alliance-{chosen.number}.{format}"'})


@router.get("/ui/alliances/print", response_class=HTMLResponse)
async def alliance_print(request: Request, visitor: VisitorDep, matcher: MatcherDep,
                         area: Short = "", near: Place = "", radius_km: Short = "",
                         region: Annotated[str, Query(max_length=100)] = "",
                         theme: Annotated[str, Query(max_length=1000)] = "",
                         size: Short = "", count: Short = "", pinned: Ids = "", excluded: Ids = "",
                         skip: Short = "", group: Short = "") -> HTMLResponse:
    """One proposed group on one printable page: the field's checklist for alliances, filled from the
    members' profiles, with blanks for what no profile says."""
    context, status = await _alliances(request, visitor, matcher, area, near, radius_km, region, theme, size,
                                       count, pinned, excluded, skip)
    chosen = _chosen_group(context, group) if status == 200 else None
    if chosen is None:
        return render(request, "alliances.html", context, visitor, status_code=status if status != 200 else 404)
    language, _ = chosen_language(request)
    context["group"] = chosen
    context["checklist"] = await matcher.call(views.alliance_checklist, chosen.alliance, language)
    context["back"] = f"/ui/alliances?{request.url.remove_query_params(['group']).query}#alliance-{chosen.number}"
    return render(request, "alliance_print.html", context, visitor)
