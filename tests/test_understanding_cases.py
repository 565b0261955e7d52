"""Free-text understanding on hand-written sentences from the field (tests/data/understanding_cases.jsonl)."""
import datetime as dt
import json
from pathlib import Path

import pytest

from matcher.understanding.reader import understand

CASES = [json.loads(line) for line in
         (Path(__file__).parent / "data" / "understanding_cases.jsonl").read_text(encoding="utf-8").splitlines()
         if line.strip()]
TODAY = dt.date(2026, 11, 24)


def _items_include(found: list[dict], expected: dict) -> bool:
    return any(all(item.get(k) == v for k, v in expected.items()) for item in found)


@pytest.mark.parametrize("case", CASES, ids=[f"{i + 1}-{c['language']}" for i, c in enumerate(CASES)])
def test_case(case):
    """What the case expects is found; what it rules out is not."""
    found = understand(case["text"], TODAY).as_dict()
    expect = case["expect"]
    assert expect, "a case that expects nothing checks nothing"
    assert found["language"] == case["language"]
    for key in ("disciplines", "audiences"):
        assert set(expect.get(key, [])) <= set(found[key]), key
        assert not set(expect.get("not_" + key, [])) & set(found[key]), "not_" + key
    for key in ("needs", "offers"):
        for item in expect.get(key, []):
            assert _items_include(found[key], item), f"{key}: {item} not in {found[key]}"
        ruled_out = set(expect.get("not_" + key, []))
        assert not ruled_out & {i["type"] for i in found[key]}, "not_" + key
