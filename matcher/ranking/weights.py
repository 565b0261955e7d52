"""`models/weights.json` as a typed, checked object.

Every weight and calibration of the scoring is read once, at start, into
`Weights`; an unknown, missing or out-of-range key stops start-up with a
message that names it (`weights.json: affinity.text_typo: unknown key;
expected one of ...`), instead of a `KeyError` deep in the index at the first
query. Each section may carry an `about` text: the file documents itself.

`Weights.rules` is the rule table built from them (`rules.RuleBook`): the
plain scorer, the index and the alliance matrices all read it.
"""
from __future__ import annotations

import json
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from matcher.errors import WeightsError
from matcher.paths import MODELS_DIR
from matcher.profiles import DISCIPLINES, EXCHANGE_TYPES

WEIGHTS_PATH = MODELS_DIR / "weights.json"



Share = Annotated[float, Field(ge=0.0, le=1.0)]
Weight = Annotated[float, Field(ge=0.0)]
Cosine = Annotated[float, Field(ge=-1.0, le=1.0)]


class _Section(BaseModel):
    # cached_property (Weights.rules) writes to the instance dict, which a frozen model allows.
    model_config = ConfigDict(extra="forbid", frozen=True, ignored_types=(cached_property,))

    about: str | None = None


class Affinity(_Section):
    text: Weight
    concepts: Weight
    disciplines: Weight
    themes: Weight
    cosine_floor: Cosine
    cosine_ceiling: Cosine
    text_across_languages: Share

    @field_validator("cosine_ceiling")
    @classmethod
    def _above_floor(cls, ceiling: float, info) -> float:
        floor = info.data.get("cosine_floor")
        if floor is not None and ceiling <= floor:
            raise ValueError(f"must be above cosine_floor ({floor}); got {ceiling}")
        return ceiling


class Direction(_Section):
    affinity: Weight
    needs: Weight
    audience: Weight
    distance: Weight
    blend: Literal["geometric", "arithmetic"]
    floor: Annotated[float, Field(gt=0.0, le=1.0)]  # a log of 0 would make one missing component fatal

    def of(self, component: str) -> float:
        """The weight of a direction component by name (affinity, needs, audience, distance)."""
        return {"affinity": self.affinity, "needs": self.needs, "audience": self.audience,
                "distance": self.distance}[component]


class Distance(_Section):
    half_score_km: Annotated[float, Field(gt=0.0)]
    unknown: Share
    reach_share: Weight


class Novelty(_Section):
    existing_partner_factor: Share
    rival_factor: Share


class PartnerKinds(_Section):
    other_kind_factor: Share


ExchangeType = Literal[EXCHANGE_TYPES]  # type: ignore[valid-type]
Discipline = Literal[DISCIPLINES]  # type: ignore[valid-type]


class Needs(_Section):
    artist_reaches_audience: Share
    optional_share: Share
    substitutes: dict[ExchangeType, dict[ExchangeType, Share]]
    discipline_sensitive: list[ExchangeType]
    no_shared_discipline: Share
    related_disciplines: list[tuple[Discipline, Discipline]]


class Terms(_Section):
    """Factors for the terms of an exchange (see matcher/ranking/terms.py)."""

    return_unmet: Share
    return_unknown: Share
    size_unknown: Share
    too_small_floor: Share
    feature_missing: Share
    support_unknown: Share
    support_floor: Share
    over_budget_floor: Share
    cost_unknown: Share
    support_meets: dict[str, Share]


class Reciprocity(_Section):
    asker_share: Share


class AllianceScore(_Section):
    need_coverage: Weight
    coherence: Weight
    theme: Weight
    mix: Weight
    involvement: Weight
    proximity: Weight
    novelty: Weight

    def as_dict(self) -> dict[str, float]:
        return self.model_dump(exclude={"about"})


class Alliances(_Section):
    score: AllianceScore
    met_threshold: Share
    max_big_members: Annotated[int, Field(ge=0)]
    pool_limit: Annotated[int, Field(ge=1)]
    pool_theme_share: Share
    local_search_rounds: Annotated[int, Field(ge=0)]


class Weights(_Section):
    """Everything the scoring is weighted and calibrated with."""

    affinity: Affinity
    direction: Direction
    distance: Distance
    novelty: Novelty
    partner_kinds: PartnerKinds
    needs: Needs
    terms: Terms
    reciprocity: Reciprocity
    alliances: Alliances
    tuning: str | None = None

    @cached_property
    def rules(self):
        """The rule table built from these weights, once."""
        from matcher.ranking.rules import RuleBook

        return RuleBook.from_weights(self)

    @classmethod
    def from_dict(cls, values: dict, source: str = "weights.json") -> "Weights":
        """Check `values`; a WeightsError names the first bad key, its reason and what was expected."""
        try:
            return cls.model_validate(values)
        except ValidationError as error:
            # A misspelt key is both unknown and missing: name the unknown one, which says what to fix.
            first = min(error.errors(), key=lambda e: e["type"] != "extra_forbidden")
            raise WeightsError(_explain(first, source)) from None


def _explain(error: dict, source: str) -> str:
    path = ".".join(str(part) for part in error["loc"] if part != "[key]")
    kind = error["type"]
    if kind == "extra_forbidden":
        section = _model_at(error["loc"][:-1])
        expected = ", ".join(name for name in section.model_fields if name != "about") if section else ""
        return f"{source}: {path}: unknown key; expected one of {expected}"
    if kind == "missing":
        return f"{source}: {path}: missing"
    message = str(error["msg"]).removeprefix("Value error, ")
    message = message[:1].lower() + message[1:]
    return f"{source}: {path}: {message}; got {error.get('input')!r}"


def _model_at(location: tuple) -> type[BaseModel] | None:
    """The section model found by following field names from Weights (None inside a dict or list)."""
    model: type[BaseModel] = Weights
    for name in location:
        field = model.model_fields.get(str(name))
        annotation = getattr(field, "annotation", None)
        if not (isinstance(annotation, type) and issubclass(annotation, BaseModel)):
            return None
        model = annotation
    return model


@lru_cache(maxsize=4)
def load_weights(path: str | Path | None = None) -> Weights:
    """The weights in `path` (default models/weights.json), checked; read once per path."""
    path = Path(path or WEIGHTS_PATH)
    try:
        values = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise WeightsError(f"{path.name}: no such file ({path})") from None
    except json.JSONDecodeError as error:
        raise WeightsError(f"{path.name}: broken JSON at line {error.lineno}: {error.msg}") from None
    if not isinstance(values, dict):
        raise WeightsError(f"{path.name}: must be a JSON object")
    return Weights.from_dict(values, path.name)
