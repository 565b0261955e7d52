"""The body of every error: `{"detail": "..."}`, and for 422 the fields at fault."""
from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class ErrorBody(BaseModel):
    """What went wrong, in one sentence."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"detail": "no profile with id 'cie-lumen'"}]})
    detail: str


class FieldError(BaseModel):
    """One field at fault: dotted path (`location.postcode`, `offers[0].period`) and the rule it breaks."""

    field: str
    message: str


class ValidationErrorBody(BaseModel):
    """A request with invalid fields: `detail` names them all; `errors` lists them one by one."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "detail": "location.postcode: String should match pattern '^\\d{4}$' (got '10000')",
        "errors": [{"field": "location.postcode",
                    "message": "String should match pattern '^\\d{4}$' (got '10000')"}],
    }]})
    detail: str
    errors: list[FieldError]


_DESCRIPTIONS = {
    400: "Malformed request (invalid JSON, bad Content-Length)",
    401: "No `Authorization: Bearer KEY` given",
    403: "The key may not do this, or no admin key is configured",
    404: "No profile with that id",
    409: "A profile with that id already exists",
    413: "Request body over the size limit",
    422: "A field is invalid; `errors` names each one",
    429: "Too many writes or searches from this client; see `Retry-After`",
}


def error_responses(*statuses: int) -> dict[int | str, dict]:
    """OpenAPI `responses` for the given error statuses."""
    responses: dict[int | str, dict] = {}
    for status in statuses:
        response: dict = {"model": ValidationErrorBody if status == 422 else ErrorBody,
                          "description": _DESCRIPTIONS[status]}
        if status == 429:
            response["headers"] = {"Retry-After": {"description": "seconds to wait", "schema": {"type": "integer"}}}
        if status == 401:
            response["headers"] = {"WWW-Authenticate": {"schema": {"type": "string"}}}
        responses[status] = response
    return responses
