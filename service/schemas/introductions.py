"""/introductions: asking to be introduced, and the answers."""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from matcher.introductions import MAX_MESSAGE_CHARS, Introduction

ProfileIdField = Field(min_length=1, max_length=128)

ASK_EXAMPLE = {"from": "cie-lumen", "to": "gc-de-markten",
               "message": "We zoeken een repetitieruimte in juli voor een dansvoorstelling met jongeren."}
INTRODUCTION_EXAMPLE = {
    "id": "Qm3vX1c9ZtA0", "from": "cie-lumen", "to": "gc-de-markten", "from_name": "Cie Lumen",
    "to_name": "GC De Markten", "message": ASK_EXAMPLE["message"], "status": "pending",
    "asked_at": "2027-03-01T10:15:00+00:00", "answered_at": None, "worked_together_at": None,
    "worked_together_by": None, "contact": None,
}


class IntroductionCreate(BaseModel):
    """Who asks (`from`: the profile whose owner key is used) to be introduced to whom (`to`), and why."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, json_schema_extra={"examples": [ASK_EXAMPLE]})
    from_: str = Field(alias="from", min_length=1, max_length=128, description="the asking profile's id")
    to: str = Field(min_length=1, max_length=128, description="the id of the profile asked")
    message: str = Field(default="", max_length=MAX_MESSAGE_CHARS,
                         description="a few words for the profile asked: who you are and what you have in mind")


class IntroductionPublic(BaseModel):
    """One introduction and what became of it; `contact` is the other side's, seen from the profile the
    key is for, and only once the introduction is accepted."""

    model_config = ConfigDict(populate_by_name=True, serialize_by_alias=True,
                              json_schema_extra={"examples": [INTRODUCTION_EXAMPLE]})
    id: str
    from_: str = Field(alias="from")
    to: str
    from_name: str
    to_name: str
    message: str
    status: Literal["pending", "accepted", "declined", "withdrawn"]
    asked_at: str
    answered_at: str | None = None
    worked_together_at: str | None = None
    worked_together_by: str | None = None
    contact: dict | None = None

    @classmethod
    def of(cls, introduction: Introduction, contact: dict | None) -> "IntroductionPublic":
        return cls(**introduction.as_dict(), contact=contact)


class IntroductionListPublic(BaseModel):
    """A profile's introductions: those it was asked (`incoming`) and those it asked (`outgoing`), newest first."""

    profile: str
    incoming: list[IntroductionPublic]
    outgoing: list[IntroductionPublic]


class IntroductionConflictBody(BaseModel):
    """The pair already has an introduction in the way; `existing` is its id."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "detail": "an introduction between 'cie-lumen' and 'gc-de-markten' is already waiting for an answer: "
                  "'Qm3vX1c9ZtA0'", "existing": "Qm3vX1c9ZtA0"}]})
    detail: str
    existing: str
