"""Whole numbers as JSON Schema has them: `10.0` is the integer 10, `true` is no number."""
from __future__ import annotations

from typing import Annotated

from pydantic import BeforeValidator


def whole_number(value):
    """10.0 -> 10, as JSON Schema counts a number without a fraction an integer; the rest is left to
    the field's strict integer check, which refuses `true` and "10"."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


WholeNumber = Annotated[int, BeforeValidator(whole_number)]
