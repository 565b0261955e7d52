"""GET /health."""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict


class Health(BaseModel):
    """The service answers, how many profiles it holds and which embedding model it uses."""

    model_config = ConfigDict(json_schema_extra={"examples": [
        {"status": "ok", "profiles": 412, "model": "all-MiniLM-L6-v2"}]})
    status: Literal["ok"]
    profiles: int
    model: str
