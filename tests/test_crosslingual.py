"""With the real bundled model, a Dutch and a French description of the same work
are about as close as two English descriptions of it (tests/data/parallel_profiles.jsonl)."""
import json
from pathlib import Path

import pytest

from matcher.evaluation import cross_lingual_affinity

WORKS = [json.loads(line) for line in
         (Path(__file__).parent / "data" / "parallel_profiles.jsonl").read_text(encoding="utf-8").splitlines()
         if line.strip()]

pytestmark = pytest.mark.slow  # the real bundled model


@pytest.fixture(scope="module")
def report(real_embedder):
    return cross_lingual_affinity(WORKS, real_embedder)


def test_dutch_french_pairs_score_as_close_as_english_pairs(report):
    """nl-fr affinity of the same work is at least 90% of en-en (plain cosine: about 55%)."""
    ours = report["affinity"]
    assert ours["nl-fr"] >= 0.9 * ours["en-en"]
    assert ours["nl-en"] >= 0.9 * ours["en-en"] and ours["fr-en"] >= 0.9 * ours["en-en"]
    assert report["cosine"]["nl-fr"] < 0.7 * report["cosine"]["en-en"], "the model alone cannot do it"


def test_same_work_stands_out_from_other_works(report):
    """Across languages, the same work is far closer than other works, and found first."""
    ours = report["affinity"]
    assert ours["nl-fr"] - ours["different work"] >= 0.4
    assert ours["top-1 nl<->fr"] >= 0.9
