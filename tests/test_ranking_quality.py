"""Ranking quality on the development set with the real bundled model: the
targets of the project (NDCG@10 >= 0.85 overall, >= 0.80 per slice, 0.25
above the better baseline), measured as `matcher evaluate` measures them."""
import pytest

from matcher.engine import Matcher
from matcher.evaluation import run_evaluation
from matcher.storage.store import Store

from conftest import DEMO_PROFILES, DEV_JUDGMENTS, PROJECT, REFERENCE_DATE

DEV_JUDGMENTS_2 = PROJECT / "data" / "dev_judgments_2.jsonl"

pytestmark = pytest.mark.slow  # the real bundled model


@pytest.fixture(scope="module")
def demo_matcher(real_embedder, tmp_path_factory):
    matcher = Matcher(Store(tmp_path_factory.mktemp("quality") / "m.db"), embedder=real_embedder,
                      reference_date=REFERENCE_DATE)
    report = matcher.import_files([DEMO_PROFILES])
    assert report.problems == []
    return matcher


@pytest.fixture(scope="module")
def result(demo_matcher, real_embedder):
    return run_evaluation(demo_matcher, DEV_JUDGMENTS, baseline_embedder=real_embedder)


def test_overall_ndcg(result):
    """NDCG@10 of our ranking is at least 0.85 over all queries."""
    assert result["metrics"]["matcher"]["overall"]["ndcg@10"] >= 0.85


def test_every_slice(result):
    """Each slice (residency, audience, cross-lingual, free text, traps) reaches NDCG@10 0.80."""
    slices = result["metrics"]["matcher"]
    assert set(slices) >= {"overall", "residency", "audience", "cross_lingual", "free_text", "trap"}
    assert {name: round(m["ndcg@10"], 3) for name, m in slices.items() if m["ndcg@10"] < 0.80} == {}


def test_beats_both_baselines_by_a_margin(result):
    """Ours is at least 0.25 above the better of cosine-on-descriptions and TF-IDF."""
    metrics = result["metrics"]
    baselines = [name for name in metrics if name != "matcher"]
    assert len(baselines) == 2
    better = max(metrics[name]["overall"]["ndcg@10"] for name in baselines)
    assert metrics["matcher"]["overall"]["ndcg@10"] >= better + 0.25


def test_the_second_set_holds_what_it_reaches_now(demo_matcher, real_embedder):
    """The second development set (37 free-text requests written and judged blind by someone who
    did not build the ranking, its pool completed blind) is still short of the 0.85 target: NDCG@10
    0.519 before the reader was rewritten, 0.708 on the completed pool before the reading fixes of
    2026-12-03 evening, 0.754 after them (README, "Ranking quality"). This floor keeps it from
    sliding back, and it stays well above both baselines."""
    metrics = run_evaluation(demo_matcher, DEV_JUDGMENTS_2, baseline_embedder=real_embedder)["metrics"]
    assert metrics["matcher"]["overall"]["ndcg@10"] >= 0.74
    better = max(metrics[name]["overall"]["ndcg@10"] for name in metrics if name != "matcher")
    assert metrics["matcher"]["overall"]["ndcg@10"] >= better + 0.25


SCENARIOS = PROJECT / "data" / "scenarios"


def test_the_field_economy_scenarios_reach_the_target(real_embedder, tmp_path_factory):
    """The scenario set of the field's own economy (data/scenarios: 24 queries over barter, space
    that fits, money, residency depth, place and thin records, each a family of candidates that
    differ in the one thing that matters, written and graded blind by someone who saw neither the
    scoring nor its weights) reaches NDCG@10 0.85 overall; 0.80 with the terms' factors set to
    neutral (README, "Ranking quality")."""
    matcher = Matcher(Store(tmp_path_factory.mktemp("scenarios") / "s.db"), embedder=real_embedder,
                      reference_date=REFERENCE_DATE)
    assert matcher.import_files([SCENARIOS / "economy_profiles.jsonl"]).problems == []
    metrics = run_evaluation(matcher, SCENARIOS / "economy_judgments.jsonl",
                             baseline_embedder=real_embedder)["metrics"]
    assert metrics["matcher"]["overall"]["ndcg@10"] >= 0.85
    assert {name: round(m["ndcg@10"], 3) for name, m in metrics["matcher"].items() if m["ndcg@10"] < 0.70} == {}
