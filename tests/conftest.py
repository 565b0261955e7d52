"""Shared fixtures. Tests that need the real bundled model share one loaded
copy (`real_embedder`, session scope); everything else uses the hashing
embedder, which is a real (shallow) embedder without torch."""
from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest

from matcher.embedding import DEFAULT_MODEL, HashingEmbedder, load_embedder
from matcher.engine import Matcher
from matcher.storage.store import Store

REFERENCE_DATE = dt.date(2026, 11, 24)
PROJECT = Path(__file__).resolve().parent.parent
DEMO_PROFILES = PROJECT / "data" / "demo" / "profiles.jsonl"
DEV_JUDGMENTS = PROJECT / "data" / "dev_judgments.jsonl"


def profile(id, kind="organisation", **fields) -> dict:
    """A small valid profile in the exchange format."""
    return {"id": id, "kind": kind, "name": fields.pop("name", id.replace("-", " ").title()), **fields}


def write_jsonl(path: Path, records: list) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


class CountingEmbedder:
    """The hashing embedder, counting how many texts it was asked to embed."""

    def __init__(self):
        self._inner = HashingEmbedder()
        self.name = self._inner.name
        self.dim = self._inner.dim
        self.texts_embedded = 0

    def encode(self, texts, progress=False):
        self.texts_embedded += len(texts)
        return self._inner.encode(texts)


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "matcher.db"


@pytest.fixture
def matcher(db_path) -> Matcher:
    return Matcher(Store(db_path), embedder=HashingEmbedder(), reference_date=REFERENCE_DATE)


@pytest.fixture(scope="session")
def real_embedder():
    """The bundled all-MiniLM-L6-v2, loaded once for the whole run."""
    return load_embedder(DEFAULT_MODEL)


@pytest.fixture(autouse=True)
def _hashing_by_default(monkeypatch):
    """CLI runs in tests use the hashing embedder unless a test says otherwise."""
    if "MATCHER_MODEL" not in os.environ:
        monkeypatch.setenv("MATCHER_MODEL", "hashing")
