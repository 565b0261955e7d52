"""Every error leaves the service as JSON `{"detail": "..."}` with a fitting status.

Invalid fields, whether FastAPI or the library found them, become a 422
whose `detail` names each field (`location.postcode: ...`) and whose
`errors` lists them; unknown profiles a 404; malformed JSON a 400. Anything
unforeseen is logged and answered with a JSON 500 that reveals nothing.
"""
from __future__ import annotations

import logging

from fastapi import FastAPI, Request, status
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from matcher.errors import (IntroductionConflict, IntroductionNotAllowed, IntroductionNotFound, InvalidRequest,
                            MatcherError, ProfileNotFound, TooManyIntroductions)
from matcher.profile_files import explain, field_name

from .schemas.errors import ErrorBody, FieldError, ValidationErrorBody

log = logging.getLogger("service")
SOURCES = ("body", "query", "path", "header", "cookie")
MAX_FIELDS_IN_DETAIL = 5
INTERNAL_ERROR = "internal error: the server log has the details"


class InvalidFields(Exception):
    """Some fields of a request are invalid (answered with 422)."""

    def __init__(self, detail: str, errors: list[FieldError]):
        super().__init__(detail)
        self.detail = detail
        self.errors = errors


def invalid_fields(errors: list[FieldError], prefix: str = "") -> InvalidFields:
    shown = "; ".join(f"{e.field}: {e.message}" for e in errors[:MAX_FIELDS_IN_DETAIL])
    if len(errors) > MAX_FIELDS_IN_DETAIL:
        shown += f"; and {len(errors) - MAX_FIELDS_IN_DETAIL} more"
    return InvalidFields(prefix + shown, errors)


def request_field(loc: tuple | list) -> str:
    """`("body", "offers", 0, "period")` -> `offers[0].period`; a whole missing body -> `body`."""
    parts = tuple(loc)
    source = parts[0] if parts and parts[0] in SOURCES else None
    if source:
        parts = parts[1:]
    if not parts:
        return source or "request"
    if isinstance(parts[0], int):  # an item of a list body: "[3].name"
        return f"[{parts[0]}]" + ("." + field_name(parts[1:]) if parts[1:] else "")
    return field_name(parts)


def field_error(error: dict) -> FieldError:
    if error.get("type") == "extra_forbidden":
        message = "is not a known field"
    else:
        message = explain(error)
    return FieldError(field=request_field(error.get("loc", ())), message=message)


async def _validation_failed(request: Request, error: RequestValidationError) -> JSONResponse:
    errors = error.errors()
    broken = next((e for e in errors if e.get("type") == "json_invalid"), None)
    if broken is not None:
        reason = (broken.get("ctx") or {}).get("error", "malformed")
        position = broken["loc"][1] if len(broken.get("loc", ())) > 1 else 0
        return _answer(status.HTTP_400_BAD_REQUEST,
                       ErrorBody(detail=f"body: invalid JSON: {reason} at character {position}"))
    return await _invalid_fields(request, invalid_fields([field_error(e) for e in errors]))


async def _invalid_fields(request: Request, error: InvalidFields) -> JSONResponse:
    return _answer(422, ValidationErrorBody(detail=error.detail, errors=error.errors))


async def _invalid_request(request: Request, error: InvalidRequest) -> JSONResponse:
    return await _invalid_fields(request, invalid_fields([FieldError(field=error.field_name, message=error.reason)]))


async def _not_found(request: Request, error: ProfileNotFound) -> JSONResponse:
    return _answer(status.HTTP_404_NOT_FOUND, ErrorBody(detail=str(error)))


async def _introduction_not_found(request: Request, error: IntroductionNotFound) -> JSONResponse:
    return _answer(status.HTTP_404_NOT_FOUND, ErrorBody(detail=str(error)))


async def _introduction_not_allowed(request: Request, error: IntroductionNotAllowed) -> JSONResponse:
    return _answer(status.HTTP_403_FORBIDDEN, ErrorBody(detail=str(error)))


async def _introduction_conflict(request: Request, error: IntroductionConflict) -> JSONResponse:
    return JSONResponse({"detail": str(error), "existing": error.existing_id}, status_code=status.HTTP_409_CONFLICT)


async def _too_many_introductions(request: Request, error: TooManyIntroductions) -> JSONResponse:
    headers = {"Retry-After": str(error.retry_after_seconds)} if error.retry_after_seconds else None
    return JSONResponse(ErrorBody(detail=str(error)).model_dump(), status_code=status.HTTP_429_TOO_MANY_REQUESTS,
                        headers=headers)


async def _matcher_error(request: Request, error: MatcherError) -> JSONResponse:
    return _answer(status.HTTP_400_BAD_REQUEST, ErrorBody(detail=str(error)))


async def _unexpected(request: Request, error: Exception) -> JSONResponse:
    log.exception("unexpected error on %s %s", request.method, request.url.path, exc_info=error)
    return _answer(status.HTTP_500_INTERNAL_SERVER_ERROR, ErrorBody(detail=INTERNAL_ERROR))


def _answer(status_code: int, body: ErrorBody | ValidationErrorBody) -> JSONResponse:
    return JSONResponse(body.model_dump(), status_code=status_code)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _validation_failed)
    app.add_exception_handler(InvalidFields, _invalid_fields)
    app.add_exception_handler(InvalidRequest, _invalid_request)
    app.add_exception_handler(MatcherError, _matcher_error)
    app.add_exception_handler(ProfileNotFound, _not_found)
    app.add_exception_handler(IntroductionNotFound, _introduction_not_found)
    app.add_exception_handler(IntroductionNotAllowed, _introduction_not_allowed)
    app.add_exception_handler(IntroductionConflict, _introduction_conflict)
    app.add_exception_handler(TooManyIntroductions, _too_many_introductions)
    app.add_exception_handler(Exception, _unexpected)
