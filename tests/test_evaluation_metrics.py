"""The ranking metrics of matcher/evaluation.py (NDCG@k, MRR, recall@k) on toy rankings, against
values computed by hand in the comments."""
import math

import pytest

from matcher.evaluation import Query, dcg, evaluate, ndcg_at, recall_at, reciprocal_rank

# Grades 0..3; relevant means grade 2 or more.
JUDGMENTS = {"a": 3, "b": 2, "c": 1, "d": 0}


def test_dcg_discounts_by_the_log_of_the_position():
    """DCG of grades [3, 2] is (2^3 - 1)/log2(2) + (2^2 - 1)/log2(3) = 7 + 3/1.585 = 8.893."""
    assert dcg([3, 2]) == pytest.approx(7 + 3 / math.log2(3))
    assert dcg([]) == 0.0


def test_ndcg_of_the_perfect_ranking_is_1():
    """Best grades first gives 1.0, whatever follows below the relevant ones."""
    assert ndcg_at(["a", "b", "c", "d"], JUDGMENTS) == pytest.approx(1.0)
    assert ndcg_at(["a", "b", "c", "x", "y"], JUDGMENTS) == pytest.approx(1.0)


def test_ndcg_of_a_swapped_ranking():
    """b, a, c: DCG = 3/1 + 7/log2(3) + 1/2 = 3 + 4.417 + 0.5 = 7.917; ideal a, b, c: 7 + 3/log2(3) + 1/2
    = 7 + 1.893 + 0.5 = 9.393; NDCG = 0.843."""
    expected = (3 + 7 / math.log2(3) + 1 / 2) / (7 + 3 / math.log2(3) + 1 / 2)
    assert ndcg_at(["b", "a", "c"], JUDGMENTS) == pytest.approx(expected)
    assert expected == pytest.approx(0.8429, abs=1e-4)


def test_ndcg_counts_unjudged_results_as_0_and_stops_at_the_cutoff():
    """x, a with cutoff 2: DCG = 0 + 7/log2(3) = 4.417; ideal a, b: 7 + 3/log2(3) = 8.893; 0.497.
    With cutoff 1 only x counts: 0."""
    expected = (7 / math.log2(3)) / (7 + 3 / math.log2(3))
    assert ndcg_at(["x", "a"], JUDGMENTS, cutoff=2) == pytest.approx(expected)
    assert expected == pytest.approx(0.4966, abs=1e-4)
    assert ndcg_at(["x", "a"], JUDGMENTS, cutoff=1) == 0.0


def test_ndcg_ideal_counts_judged_results_that_were_not_returned():
    """Only a returned of a and b (both grade 3): 7 / (7 + 7/log2(3)) = 7 / 11.417 = 0.613."""
    assert ndcg_at(["a"], {"a": 3, "b": 3}) == pytest.approx(7 / (7 + 7 / math.log2(3)))


def test_ndcg_without_any_relevant_judgment_is_0():
    """When every judged result has grade 0 there is nothing to find: 0, not a division by zero."""
    assert ndcg_at(["a", "b"], {"a": 0, "b": 0}) == 0.0


@pytest.mark.parametrize("ranked, expected", [
    (["a", "b"], 1.0),  # relevant first
    (["c", "d", "b"], 1 / 3),  # c (grade 1) and d (0) are not relevant; b at 3
    (["x", "a"], 1 / 2),
    (["c", "d", "x"], 0.0),  # no relevant result
    ([], 0.0),
])
def test_reciprocal_rank_is_1_over_the_rank_of_the_first_relevant(ranked, expected):
    """1 / rank of the first result with grade 2 or more; 0 when none is returned."""
    assert reciprocal_rank(ranked, JUDGMENTS) == pytest.approx(expected)


@pytest.mark.parametrize("ranked, cutoff, expected", [
    (["a", "b"], 10, 1.0),  # both relevant ones (a, b) found
    (["c", "a", "x"], 10, 1 / 2),  # a found, b not; c is not relevant
    (["c", "x", "a", "b"], 2, 0.0),  # both below the cutoff
    (["c", "x", "a", "b"], 3, 1 / 2),
])
def test_recall_is_the_share_of_relevant_results_in_the_top_k(ranked, cutoff, expected):
    """Share of the relevant (grade >= 2) results that are in the top `cutoff`."""
    assert recall_at(ranked, JUDGMENTS, cutoff=cutoff) == pytest.approx(expected)


def test_recall_without_relevant_results_is_1():
    """Nothing relevant to find: nothing was missed, recall 1."""
    assert recall_at(["x"], {"c": 1, "d": 0}) == 1.0


def test_evaluate_averages_per_ranker_and_slice():
    """Two queries, one ranker: q1 perfect (1, 1, 1), q2 finds only b at 2 (MRR 1/2, recall 1/2,
    NDCG (3/log2(3)) / (7 + 3/log2(3)) = 1.893/8.893 = 0.213); overall is their mean, each slice its own."""
    queries = [Query("q1", {"a": 3, "b": 2}, profile_id="p1", slices=["residency"]),
               Query("q2", {"a": 3, "b": 2}, profile_id="p2", slices=["audience"])]
    rankings = {"q1": ["a", "b"], "q2": ["x", "b"]}
    metrics = evaluate(queries, {"toy": lambda query: rankings[query.query_id]})["metrics"]["toy"]
    second_ndcg = (3 / math.log2(3)) / (7 + 3 / math.log2(3))
    assert set(metrics) == {"overall", "residency", "audience"}
    assert metrics["residency"] == pytest.approx({"ndcg@10": 1.0, "mrr": 1.0, "recall@10": 1.0, "queries": 1})
    assert metrics["audience"] == pytest.approx({"ndcg@10": second_ndcg, "mrr": 0.5, "recall@10": 0.5,
                                                 "queries": 1})
    assert metrics["overall"] == pytest.approx({"ndcg@10": (1 + second_ndcg) / 2, "mrr": 0.75, "recall@10": 0.75,
                                                "queries": 2})
