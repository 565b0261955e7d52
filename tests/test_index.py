"""The vectorised index gives the same scores as the plain pair-by-pair scorer."""
import random

import numpy as np
import pytest

from matcher.understanding.concepts import ConceptSpace, concept_phrases
from matcher.ranking.index import COMPACT_DEAD_SHARE, COMPACT_MIN_DEAD, MatchIndex
from matcher.understanding.lexicon import lexicon
from matcher.ranking.scoring import partner_kind_fits, rank_plainly, score_pair

from factories import RULES, TERM_RULES, random_profile, random_profiles, rules_in_play

DIM = 8
# Concept label vectors drawn at random: the index must agree with the plain scorer for any.
_phrases = concept_phrases(lexicon())
SPACE = ConceptSpace([(section, key) for section, key, _ in _phrases],
                     np.random.default_rng(3).normal(size=(len(_phrases), 5)).astype(np.float32))


@pytest.fixture(scope="module")
def population():
    return random_profiles(200, seed=7, dim=DIM, space=SPACE)


def partner_kinds_in_play(pairs) -> set[str]:
    """How the sought kinds of partner decide for some pairs: a fit by kind, a fit by type, no fit."""
    found = set()
    for asker, candidate in pairs:
        fits = partner_kind_fits(asker, candidate)
        if fits is False:
            found.add("other kind")
        elif fits and candidate.kind in asker.partner_kinds:
            found.add("kind")
        elif fits:
            found.add("type")
    return found


def test_vectorised_scores_equal_plain_scores(population):
    """For every candidate of several queries, the index and score_pair agree, with every rule of
    what meets a need (substitutes, related disciplines...) and of the kind of partner sought in play."""
    index = MatchIndex(DIM, SPACE)
    for item in population:
        index.add(item)
    queries = population[:25]
    assert rules_in_play((query, candidate) for query in queries for candidate in population) == RULES | TERM_RULES
    assert partner_kinds_in_play((query, candidate) for query in queries for candidate in population) == \
        {"kind", "type", "other kind"}
    scored = 0
    for query in queries:
        scores = index.scores(query)
        for row, candidate in enumerate(population):
            pair = None if candidate.id == query.id else score_pair(query, candidate)
            if pair is None:
                assert scores[row] == -np.inf, (query.id, candidate.id)
            else:
                assert scores[row] == pytest.approx(pair.score, abs=1e-5), (query.id, candidate.id)
                scored += 1
    assert scored > 1000, "most pairs are within reach and scored"


def test_top_equals_plain_ranking(population):
    """The index's top 10 is the plain ranking's top 10, in order."""
    index = MatchIndex(DIM, SPACE)
    for item in population:
        index.add(item)
    queries = population[:25]
    assert len(queries) == 25
    for query in queries:
        fast = [i for i, _ in index.top(query, 10)]
        slow = [c.id for c, _ in rank_plainly(query, population, 10)]
        assert len(slow) == 10 and fast == slow


def test_replace_and_remove_without_rebuild(population):
    """After replacing and removing rows, scores equal a fresh index of the same profiles."""
    index = MatchIndex(DIM, SPACE)
    for item in population:
        index.add(item)
    rng = random.Random(11)
    current = {p.id: p for p in population}
    for number in range(0, 60, 3):
        replacement = random_profile(rng, number, 200, dim=DIM, space=SPACE)
        index.add(replacement)
        current[replacement.id] = replacement
    for number in range(1, 60, 5):
        index.remove(f"p{number:03d}")
        del current[f"p{number:03d}"]
    fresh = MatchIndex(DIM, SPACE)
    for item in current.values():
        fresh.add(item)
    queries = list(current.values())[:15]
    assert len(queries) == 15
    for query in queries:
        assert dict(index.top(query, 10)) == pytest.approx(dict(fresh.top(query, 10)))


def test_compaction_scores_as_a_fresh_index_and_keeps_nothing_removed(population):
    """Five rounds of replacing half the profiles, then removals: the index compacts itself
    (dead rows stay under their share), and compacted it holds exactly the live profiles, in
    rows that score as a fresh index of them, including the served places, themes and partners."""
    index = MatchIndex(DIM, SPACE)
    for item in population:
        index.add(item)
    rng = random.Random(5)
    current = {p.id: p for p in population}
    largest = 0
    for _ in range(5):
        for number in range(0, 200, 2):
            replacement = random_profile(rng, number, 200, dim=DIM, space=SPACE)
            index.add(replacement)
            current[replacement.id] = replacement
            largest = max(largest, index.profiles.size)
    removed = [f"p{number:03d}" for number in range(1, 200, 4)]
    for profile_id in removed:
        index.remove(profile_id)
        del current[profile_id]
    assert largest <= 200 / (1 - COMPACT_DEAD_SHARE) + 1, "500 replaces of 200 profiles stay bounded"
    index.compact()
    assert index.profiles.size == len(current) == len(index.ids) and index.dead_rows == 0
    assert set(index.ids) == set(current) and not set(removed) & set(index.ids)
    assert index.offers["owner"].max() < len(current) and index.needs["owner"].max() < len(current)
    fresh = MatchIndex(DIM, SPACE)
    for item in current.values():
        fresh.add(item)
    for query in list(current.values())[:20]:
        ours = dict(zip(index.ids, index.scores(query).tolist()))
        theirs = dict(zip(fresh.ids, fresh.scores(query).tolist()))
        assert ours == pytest.approx(theirs, abs=1e-6)
    for query in list(current.values())[20:30]:
        ours, theirs = index.top(query, 10), fresh.top(query, 10)
        assert [i for i, _ in ours] == [i for i, _ in theirs]
        assert [score for _, score in ours] == pytest.approx([score for _, score in theirs], abs=1e-6)
    index.add(random_profile(rng, 1, 200, dim=DIM, space=SPACE))  # a row appended after compaction
    assert "p001" in index and index.profiles.size == len(current) + 1


def test_a_small_index_is_not_compacted_at_every_removal(population):
    """Below COMPACT_MIN_DEAD dead rows nothing is rewritten; at it the rows are compacted."""
    index = MatchIndex(DIM, SPACE)
    for item in population:
        index.add(item)
    for number in range(COMPACT_MIN_DEAD - 1):
        index.remove(f"p{number:03d}")
    assert index.dead_rows == COMPACT_MIN_DEAD - 1 and index.profiles.size == 200
    index.remove(f"p{COMPACT_MIN_DEAD - 1:03d}")
    assert index.dead_rows == 0 and index.profiles.size == 200 - COMPACT_MIN_DEAD


def test_kind_filter(population):
    """kind= keeps only that kind of candidate."""
    index = MatchIndex(DIM, SPACE)
    for item in population:
        index.add(item)
    kinds = {p.id: p.kind for p in population}
    assert {kinds[i] for i, _ in index.top(population[0], 30, kind="artist")} == {"artist"}


def test_int8_text_vectors_rank_close_to_exact(population):
    """With int8 text vectors (a quarter of the memory) the top 10 is nearly the exact top 10,
    and every score is within 0.01 of the exact one."""
    exact, small = MatchIndex(DIM, SPACE), MatchIndex(DIM, SPACE, text_precision="int8")
    for item in population:
        exact.add(item)
        small.add(item)
    found = wanted = 0
    for query in population[:40]:
        exact_scores, small_scores = exact.scores(query), small.scores(query)
        finite = np.isfinite(exact_scores)
        assert np.array_equal(finite, np.isfinite(small_scores))
        if not finite.any():  # a query without a place that states a max distance: nothing is within reach
            continue
        assert np.abs(exact_scores[finite] - small_scores[finite]).max() < 0.01
        top = {i for i, _ in exact.top(query, 10)}
        found += len(top & {i for i, _ in small.top(query, 10)})
        wanted += len(top)
    assert found / wanted >= 0.95


def test_unknown_text_precision_is_refused():
    with pytest.raises(ValueError, match="text_precision"):
        MatchIndex(DIM, SPACE, text_precision="float8")
