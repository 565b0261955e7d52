"""Ranking quality on labelled queries: NDCG@10, MRR and recall@10, overall
and per slice, for our ranking and for two baselines run the same way:
cosine of the bundled model on the descriptions alone, and TF-IDF on the
descriptions (scikit-learn).

A judgments file is JSON Lines:
{"query_id": "q01", "profile_id": "gc-x", "judgments": {"cie-y": 3, ...}, "slices": [...]}
or with "text" (and "near") instead of "profile_id" for a free-text query.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from matcher.embedding import DEFAULT_MODEL, Embedder, load_embedder
from matcher.engine import Matcher
from matcher.errors import JudgmentsError
from matcher.ranking.weights import Weights
from matcher.understanding.preparation import own_words

CUTOFF = 10
RELEVANT_GRADE = 2
SLICE_ORDER = ("residency", "audience", "cross_lingual", "free_text", "trap")


@dataclass
class Query:
    query_id: str
    judgments: dict[str, int]
    profile_id: str | None = None
    text: str | None = None
    near: str | None = None
    slices: list[str] = field(default_factory=list)


def json_lines(path: str | Path, problems: list[str]):
    """(where, item) for each non-blank line of a labelled JSON Lines file; broken lines are added
    to `problems` as "PATH: line N: broken JSON: ..."."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise JudgmentsError(f"{path}: no such file") from None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{path}: line {number}"
        try:
            yield where, json.loads(line)
        except json.JSONDecodeError as error:
            problems.append(f"{where}: broken JSON: {error.msg}")


def load_judgments(path: str | Path, known_ids: set[str] | None = None) -> list[Query]:
    """Read and check a judgments file; every problem names its line."""
    queries: list[Query] = []
    problems: list[str] = []
    for where, item in json_lines(path, problems):
        if not isinstance(item, dict) or not item.get("query_id"):
            problems.append(f"{where}: query_id: is required")
            continue
        if bool(item.get("profile_id")) == bool(item.get("text")):
            problems.append(f"{where}: give either profile_id or text")
            continue
        judgments = item.get("judgments")
        if not isinstance(judgments, dict) or not judgments:
            problems.append(f"{where}: judgments: must be a non-empty object of id -> grade")
            continue
        bad = [k for k, v in judgments.items() if not isinstance(v, int) or not 0 <= v <= 3]
        if bad:
            problems.append(f"{where}: judgments: grades must be whole numbers 0 to 3 (see {bad[0]})")
            continue
        if known_ids is not None:
            unknown = [i for i in [item.get("profile_id"), *judgments] if i and i not in known_ids]
            if unknown:
                problems.append(f"{where}: unknown profile id '{unknown[0]}'")
                continue
        queries.append(Query(item["query_id"], judgments, item.get("profile_id"), item.get("text"),
                             item.get("near"), list(item.get("slices", []))))
    if problems:
        raise JudgmentsError("\n".join(problems))
    if not queries:
        raise JudgmentsError(f"{path}: no queries")
    return queries


# -- metrics -----------------------------------------------------------------
def dcg(grades: Sequence[int]) -> float:
    return sum((2 ** grade - 1) / math.log2(position + 2) for position, grade in enumerate(grades))


def ndcg_at(ranked: Sequence[str], judgments: dict[str, int], cutoff: int = CUTOFF) -> float:
    """Normalised discounted cumulative gain; unjudged results count as 0."""
    ideal = dcg(sorted(judgments.values(), reverse=True)[:cutoff])
    if ideal == 0:
        return 0.0
    return dcg([judgments.get(i, 0) for i in ranked[:cutoff]]) / ideal


def reciprocal_rank(ranked: Sequence[str], judgments: dict[str, int]) -> float:
    """1 / rank of the first relevant (grade >= 2) result, 0 if none."""
    for position, candidate in enumerate(ranked, start=1):
        if judgments.get(candidate, 0) >= RELEVANT_GRADE:
            return 1.0 / position
    return 0.0


def recall_at(ranked: Sequence[str], judgments: dict[str, int], cutoff: int = CUTOFF) -> float:
    relevant = {i for i, g in judgments.items() if g >= RELEVANT_GRADE}
    if not relevant:
        return 1.0
    return len(relevant & set(ranked[:cutoff])) / len(relevant)


# -- rankers -----------------------------------------------------------------
Ranker = Callable[[Query], list[str]]


def matcher_ranker(matcher: Matcher) -> Ranker:
    def rank(query: Query) -> list[str]:
        if query.profile_id:
            result = matcher.match(query.profile_id, limit=CUTOFF)
        else:
            result = matcher.search(query.text, near=query.near, limit=CUTOFF)
        return [m.id for m in result.matches]
    return rank


class _DescriptionRanker:
    """Shared by the baselines: similarity of the query's words to every profile's words."""

    def __init__(self, matcher: Matcher):
        stored = list(matcher.store.iter_profiles())
        self.ids = [s.profile.id for s in stored]
        self.texts = [own_words(s.profile) for s in stored]
        self.position = {i: n for n, i in enumerate(self.ids)}

    def query_text(self, query: Query) -> str:
        return self.texts[self.position[query.profile_id]] if query.profile_id else query.text

    def ranked(self, query: Query, similarities: np.ndarray) -> list[str]:
        order = np.argsort(-similarities, kind="stable")
        return [self.ids[i] for i in order if self.ids[i] != query.profile_id][:CUTOFF]


def cosine_ranker(matcher: Matcher, embedder: Embedder) -> Ranker:
    base = _DescriptionRanker(matcher)
    matrix = embedder.encode(base.texts)

    def rank(query: Query) -> list[str]:
        vector = embedder.encode([base.query_text(query)])[0]
        return base.ranked(query, matrix @ vector)
    return rank


def tfidf_ranker(matcher: Matcher) -> Ranker:
    from sklearn.feature_extraction.text import TfidfVectorizer

    base = _DescriptionRanker(matcher)
    vectorizer = TfidfVectorizer(strip_accents="unicode", sublinear_tf=True)
    matrix = vectorizer.fit_transform(base.texts)

    def rank(query: Query) -> list[str]:
        vector = vectorizer.transform([base.query_text(query)])
        return base.ranked(query, (matrix @ vector.T).toarray().ravel())
    return rank


# -- the run -----------------------------------------------------------------
def slices_of(query: Query) -> list[str]:
    return ["overall", *[s for s in SLICE_ORDER if s in query.slices],
            *sorted(s for s in query.slices if s not in SLICE_ORDER)]


def evaluate(queries: list[Query], rankers: dict[str, Ranker]) -> dict:
    """Mean metrics per ranker and slice: {ranker: {slice: {ndcg@10, mrr, recall@10, queries}}}."""
    report: dict = {}
    per_query: dict = {}
    for name, ranker in rankers.items():
        sums: dict[str, dict[str, float]] = {}
        per_query[name] = {}
        for query in queries:
            ranked = ranker(query)
            scores = {"ndcg@10": ndcg_at(ranked, query.judgments), "mrr": reciprocal_rank(ranked, query.judgments),
                      "recall@10": recall_at(ranked, query.judgments)}
            per_query[name][query.query_id] = {**scores, "ranked": ranked}
            for slice_name in slices_of(query):
                bucket = sums.setdefault(slice_name, {"ndcg@10": 0.0, "mrr": 0.0, "recall@10": 0.0, "queries": 0})
                for metric, value in scores.items():
                    bucket[metric] += value
                bucket["queries"] += 1
        report[name] = {slice_name: {metric: (value / bucket["queries"] if metric != "queries" else value)
                                     for metric, value in bucket.items()}
                        for slice_name, bucket in sums.items()}
    return {"metrics": report, "per_query": per_query}


def run_evaluation(matcher: Matcher, judgments_path: str | Path,
                   baseline_embedder: Embedder | None = None) -> dict:
    """Our ranking and both baselines on one judgments file."""
    queries = load_judgments(judgments_path, matcher.store.ids())
    baseline_embedder = baseline_embedder or load_embedder(DEFAULT_MODEL)
    rankers = {
        "matcher": matcher_ranker(matcher),
        f"cosine ({baseline_embedder.name})": cosine_ranker(matcher, baseline_embedder),
        "tf-idf": tfidf_ranker(matcher),
    }
    result = evaluate(queries, rankers)
    result["queries"] = len(queries)
    result["model"] = matcher.embedder.name
    return result


def format_report(result: dict) -> str:
    metrics = result["metrics"]
    slice_names: list[str] = []
    for per_slice in metrics.values():
        slice_names += [s for s in per_slice if s not in slice_names]
    lines = [f"{result['queries']} queries; our ranking embeds with {result['model']}", ""]
    header = f"{'slice':<15}{'queries':>8}  " + "  ".join(f"{name[:26]:>26}" for name in metrics)
    for metric in ("ndcg@10", "mrr", "recall@10"):
        lines += [metric, header]
        for slice_name in slice_names:
            count = next(iter(metrics.values())).get(slice_name, {}).get("queries", 0)
            cells = "  ".join(f"{metrics[name].get(slice_name, {}).get(metric, float('nan')):>26.3f}"
                              for name in metrics)
            lines.append(f"{slice_name:<15}{count:>8}  {cells}")
        lines.append("")
    return "\n".join(lines)


# -- cross-lingual affinity --------------------------------------------------
def cross_lingual_affinity(works: list[dict], embedder: Embedder, weights: Weights | None = None) -> dict:
    """How close descriptions of the same work are across languages, next to
    two English descriptions of it, with our affinity and with plain cosine.

    `works`: [{"work", "en_a", "en_b", "nl", "fr"}]. Returns mean scores per
    pair kind ("en-en", "nl-fr", "nl-en", "fr-en", "different work") for
    "affinity" and "cosine", and top-1 retrieval accuracy of the nl text
    among all fr texts (and fr among nl).
    """
    from matcher.profiles import Profile
    from matcher.ranking.scoring import affinity
    from matcher.ranking.weights import load_weights
    from matcher.storage.store import text_hash
    from matcher.understanding.concepts import ConceptSpace
    from matcher.understanding.lexicon import lexicon
    from matcher.understanding.preparation import derive, prepare

    weights = weights or load_weights()
    languages = ("en_a", "en_b", "nl", "fr")
    prepared: dict[tuple[int, str], object] = {}
    concepts = ConceptSpace.from_lexicon(lexicon(), embedder.encode)
    for number, work in enumerate(works):
        for language in languages:
            profile = Profile(id=f"w{number}-{language}", kind="artist", name="-", description=work[language])
            derived = derive(profile)
            texts = [t for t in derived["texts"].values() if t]
            vectors = dict(zip((text_hash(t) for t in texts), embedder.encode(texts)))
            prepared[number, language] = prepare(profile, derived, vectors, concepts)

    def cosine(first, second) -> float:
        return float(first.text_vector @ second.text_vector)

    pairs = {"en-en": ("en_a", "en_b"), "nl-fr": ("nl", "fr"), "nl-en": ("nl", "en_a"), "fr-en": ("fr", "en_a")}
    report: dict = {"affinity": {}, "cosine": {}, "works": len(works)}
    for measure, function in (("affinity", lambda a, b: affinity(a, b, weights)), ("cosine", cosine)):
        for name, (left, right) in pairs.items():
            values = [function(prepared[i, left], prepared[i, right]) for i in range(len(works))]
            report[measure][name] = float(np.mean(values))
        different = [function(prepared[i, "nl"], prepared[j, "fr"])
                     for i in range(len(works)) for j in range(len(works)) if i != j]
        report[measure]["different work"] = float(np.mean(different))
        hits = 0
        for i in range(len(works)):
            for source, target in (("nl", "fr"), ("fr", "nl")):
                scores = [function(prepared[i, source], prepared[j, target]) for j in range(len(works))]
                hits += int(np.argmax(scores) == i)
        report[measure]["top-1 nl<->fr"] = hits / (2 * len(works))
    return report
