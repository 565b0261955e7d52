"""The scoring index: every profile's features in numpy arrays, so one query
is scored against all candidates at once (no Python loop per candidate).

It computes exactly what `scoring.score_pair` computes, pair by pair; the
test suite checks the two against each other. Rows can be added, replaced
and removed without a rebuild (the service keeps one index per process).
"""
from __future__ import annotations

import math
from collections import defaultdict

import numpy as np

from .places import EARTH_RADIUS_KM
from .preparation import Prepared
from .profiles import AUDIENCES, DISCIPLINES, EXCHANGE_TYPES
from .scoring import load_weights, related_disciplines

DISCIPLINE_BIT = {key: 1 << i for i, key in enumerate(DISCIPLINES)}
MULTIDISCIPLINARY = DISCIPLINE_BIT["multidisciplinary"]
AUDIENCE_BIT = {key: 1 << i for i, key in enumerate(AUDIENCES)}
TYPE_CODE = {key: i for i, key in enumerate(EXCHANGE_TYPES)}
TYPE_BIT = {key: 1 << i for i, key in enumerate(EXCHANGE_TYPES)}
AUDIENCE_REACH = TYPE_CODE["audience_reach"]
KIND_CODE = {"organisation": 0, "artist": 1}
LANGUAGE_CODE = {"nl": 0, "fr": 1, "en": 2}


def bits(keys, table: dict[str, int]) -> int:
    value = 0
    for key in keys:
        value |= table.get(key, 0)
    return value


def popcount(values: np.ndarray) -> np.ndarray:
    return np.bitwise_count(values.astype(np.uint32)).astype(np.float32)


class _Growable:
    """Column arrays that grow by doubling, addressed by row number."""

    def __init__(self, columns: dict[str, tuple], capacity: int = 64):
        capacity = max(1, capacity)
        self._spec = columns
        self.size = 0
        self.columns = {name: np.full((capacity, *shape), fill, dtype=dtype)
                        for name, (dtype, shape, fill) in columns.items()}

    def append(self, **values) -> int:
        if self.size == len(next(iter(self.columns.values()))):
            for name, array in self.columns.items():
                dtype, shape, fill = self._spec[name]
                bigger = np.full((max(64, 2 * len(array)), *shape), fill, dtype=dtype)
                bigger[:len(array)] = array
                self.columns[name] = bigger
        row = self.size
        for name, value in values.items():
            self.columns[name][row] = value
        self.size += 1
        return row

    def __getitem__(self, name: str) -> np.ndarray:
        return self.columns[name][:self.size]


class MatchIndex:
    """Vectorised scoring over all stored profiles."""

    def __init__(self, dim: int, weights: dict | None = None, capacity: int = 64):
        self.dim = dim
        self.weights = weights or load_weights()
        self.profiles = _Growable(capacity=max(64, int(capacity * 1.1)), columns={
            "text": (np.float32, (dim,), 0.0), "has_text": (bool, (), False),
            "concepts": (np.float32, (dim,), 0.0), "has_concepts": (bool, (), False),
            "disciplines": (np.uint32, (), 0), "audiences": (np.uint32, (), 0),
            "wanted": (np.uint32, (), 0), "theme_count": (np.float32, (), 0.0),
            "lat": (np.float64, (), np.nan), "lon": (np.float64, (), np.nan),
            "lat_radians": (np.float64, (), np.nan), "lon_radians": (np.float64, (), np.nan),
            "lat_cosine": (np.float64, (), np.nan),
            "max_km": (np.float64, (), np.inf), "kind": (np.int8, (), 0),
            "language": (np.int8, (), -1),
            "need_count": (np.float32, (), 0.0), "reach_need_count": (np.float32, (), 0.0),
            "need_types": (np.uint32, (), 0), "offer_types": (np.uint32, (), 0),
            "alive": (bool, (), False),
        })
        exchange_columns = {
            "owner": (np.int64, (), 0), "type": (np.int8, (), 0), "start": (np.int64, (), 0),
            "end": (np.int64, (), 0), "dated": (bool, (), False), "amount": (np.float64, (), np.nan),
            "audiences": (np.uint32, (), 0),
        }
        self.offers = _Growable(exchange_columns)
        self.needs = _Growable(exchange_columns)
        self.ids: list[str] = []
        self.row_of: dict[str, int] = {}
        self.prepared: dict[str, Prepared] = {}
        self._theme_rows: dict[str, list[int]] = defaultdict(list)
        self._theme_arrays: dict[str, np.ndarray] = {}
        self._listed_by: dict[str, set[str]] = defaultdict(set)  # id -> ids that list it as partner
        self.dead_rows = 0

    def __len__(self) -> int:
        return len(self.row_of)

    def __contains__(self, profile_id: str) -> bool:
        return profile_id in self.row_of

    # -- writing -------------------------------------------------------------
    def add(self, item: Prepared) -> None:
        """Add a profile, or replace the one with the same id."""
        if item.id in self.row_of:
            self.remove(item.id)
        text_array_before = self.profiles.columns["text"]
        row = self.profiles.append(
            text=item.text_vector if item.text_vector is not None else 0.0,
            has_text=item.text_vector is not None,
            concepts=item.concept_vector if item.concept_vector is not None else 0.0,
            has_concepts=item.concept_vector is not None,
            disciplines=bits(item.disciplines, DISCIPLINE_BIT), audiences=bits(item.audiences, AUDIENCE_BIT),
            wanted=bits(item.wanted_audiences, AUDIENCE_BIT), theme_count=len(item.themes),
            lat=np.nan if item.lat is None else item.lat, lon=np.nan if item.lon is None else item.lon,
            lat_radians=np.nan if item.lat is None else math.radians(item.lat),
            lon_radians=np.nan if item.lon is None else math.radians(item.lon),
            lat_cosine=np.nan if item.lat is None else math.cos(math.radians(item.lat)),
            max_km=np.inf if item.max_distance_km is None else item.max_distance_km,
            kind=KIND_CODE[item.kind], language=LANGUAGE_CODE.get(item.language, -1),
            need_count=len(item.needs),
            reach_need_count=sum(1 for n in item.needs if n.type == "audience_reach"),
            need_types=bits({n.type for n in item.needs}, TYPE_BIT),
            offer_types=bits({o.type for o in item.offers}, TYPE_BIT), alive=True,
        )
        self.ids.append(item.id)
        self.row_of[item.id] = row
        self.prepared[item.id] = item
        if self.profiles.columns["text"] is not text_array_before:
            self._point_vectors_at_rows(self.prepared.values())
        else:
            self._point_vectors_at_rows([item])
        for theme in item.themes:
            self._theme_rows[theme].append(row)
        for partner in item.partners:
            self._listed_by[partner].add(item.id)
        for table, exchanges in ((self.offers, item.offers), (self.needs, item.needs)):
            for exchange in exchanges:
                table.append(owner=row, type=TYPE_CODE[exchange.type],
                             start=exchange.start or 0, end=exchange.end or 0,
                             dated=exchange.start is not None,
                             amount=np.nan if exchange.amount_eur is None else exchange.amount_eur,
                             audiences=bits(exchange.audiences, AUDIENCE_BIT))

    def _point_vectors_at_rows(self, items) -> None:
        """A profile's vectors are views of its rows here, not copies of their own."""
        texts, concepts = self.profiles.columns["text"], self.profiles.columns["concepts"]
        for item in items:
            row = self.row_of[item.id]
            if item.text_vector is not None:
                item.text_vector = texts[row]
            if item.concept_vector is not None:
                item.concept_vector = concepts[row]

    def remove(self, profile_id: str) -> None:
        row = self.row_of.pop(profile_id)
        item = self.prepared.pop(profile_id)
        self.profiles.columns["alive"][row] = False
        for partner in item.partners:
            self._listed_by[partner].discard(profile_id)
        self.dead_rows += 1

    # -- scoring -------------------------------------------------------------
    def scores(self, query: Prepared, kind: str | None = None) -> np.ndarray:
        """Reciprocal score of every row for `query`; -inf where not a candidate."""
        p = self.profiles
        weights = self.weights
        n = p.size
        affinity = self._affinity(query)
        km = self._distances(query)
        known = ~np.isnan(km)
        limit = np.minimum(p["max_km"], np.inf if query.max_distance_km is None else query.max_distance_km)
        reachable = ~known | (km <= limit)
        half = self._half_score_km(query)
        distance = np.where(known, np.power(0.5, np.where(known, km, 0.0) / half), weights["distance"]["unknown"])

        discipline = self._discipline_factor(query)
        forward_needs, has_forward_needs = self._needs_forward(query, n, discipline)
        backward_needs, has_backward_needs = self._needs_backward(query, n, discipline)
        forward_audience, has_forward_audience = self._audience_forward(query)
        backward_audience, has_backward_audience = self._audience_backward(query)

        direction = weights["direction"]

        geometric = direction.get("blend") == "geometric"
        floor = direction.get("floor", 0.0)

        def term(values):
            return np.log(floor + (1 - floor) * values) if geometric else values

        def blend(needs, has_needs, audience, has_audience):
            numerator = direction["affinity"] * term(affinity) + direction["distance"] * term(distance)
            denominator = np.full(n, direction["affinity"] + direction["distance"], dtype=np.float64)
            numerator = numerator + np.where(has_needs, direction["needs"] * term(needs), 0.0)
            denominator = denominator + np.where(has_needs, direction["needs"], 0.0)
            numerator = numerator + np.where(has_audience, direction["audience"] * term(audience), 0.0)
            denominator = denominator + np.where(has_audience, direction["audience"], 0.0)
            mean = numerator / denominator
            return np.exp(mean) if geometric else mean

        forward = blend(forward_needs, has_forward_needs, forward_audience, has_forward_audience)
        backward = blend(backward_needs, has_backward_needs, backward_audience, has_backward_audience)
        share = weights["reciprocity"]["asker_share"]
        both = (forward > 0) & (backward > 0)
        harmonic = np.divide(1.0, share / np.where(both, forward, 1.0) + (1 - share) / np.where(both, backward, 1.0),
                             out=np.zeros(n), where=both)
        forward_known = np.asarray(has_forward_needs | has_forward_audience)
        backward_known = np.asarray(has_backward_needs | has_backward_audience)
        score = np.where(forward_known & ~backward_known, forward,
                         np.where(backward_known & ~forward_known, backward, harmonic))
        partner_rows = [self.row_of[i] for i in (query.partners | self._listed_by.get(query.id, set()))
                        if i in self.row_of]
        if partner_rows:
            score[partner_rows] *= weights["novelty"]["existing_partner_factor"]
        sought = np.uint32(bits({need.type for need in query.needs}, TYPE_BIT))
        if sought:
            rival = ((p["need_types"] & sought) != 0) & ((p["offer_types"] & sought) == 0)
            score = np.where(rival, score * weights["novelty"]["rival_factor"], score)
        candidate = p["alive"] & reachable
        if kind is not None:
            candidate &= p["kind"] == KIND_CODE[kind]
        if query.id in self.row_of:
            candidate[self.row_of[query.id]] = False
        return np.where(candidate, score, -np.inf)

    def top(self, query: Prepared, limit: int, kind: str | None = None) -> list[tuple[str, float]]:
        """The `limit` best (id, score) for a query, best first, ties by id."""
        scores = self.scores(query, kind)
        finite = np.flatnonzero(np.isfinite(scores))
        if finite.size == 0:
            return []
        if finite.size > limit:
            chosen = finite[np.argpartition(-scores[finite], limit - 1)[:limit]]
            threshold = scores[chosen].min()
            chosen = finite[scores[finite] >= threshold]  # keep ties for a stable order
        else:
            chosen = finite
        ordered = sorted(chosen.tolist(), key=lambda row: (-scores[row], self.ids[row]))[:limit]
        return [(self.ids[row], float(scores[row])) for row in ordered]

    # -- components ----------------------------------------------------------
    def _affinity(self, query: Prepared) -> np.ndarray:
        p = self.profiles
        settings = self.weights["affinity"]
        floor, ceiling = settings["cosine_floor"], settings["cosine_ceiling"]
        n = p.size
        numerator = np.zeros(n, dtype=np.float32)
        denominator = np.zeros(n, dtype=np.float32)
        for vector, column, has_column, weight in (
                (query.text_vector, "text", "has_text", settings["text"]),
                (query.concept_vector, "concepts", "has_concepts", settings["concepts"])):
            if vector is None:
                continue
            cosine = p[column] @ vector.astype(np.float32)
            calibrated = np.clip((cosine - floor) / (ceiling - floor), 0.0, 1.0)
            mask = p[has_column]
            if column == "text":
                same = p["language"] == LANGUAGE_CODE.get(query.language, -1)
                weight = np.where(same, weight, weight * settings["text_across_languages"])
            numerator += np.where(mask, weight * calibrated, np.float32(0))
            denominator += np.where(mask, weight, np.float32(0))
        query_disciplines = bits(query.disciplines, DISCIPLINE_BIT)
        if query_disciplines:
            sizes = popcount(p["disciplines"])
            shared = popcount(p["disciplines"] & np.uint32(query_disciplines))
            mask = sizes > 0
            smaller = np.minimum(sizes, len(query.disciplines))
            value = np.divide(shared, smaller, out=np.zeros(n, dtype=np.float32), where=mask)
            numerator += np.where(mask, settings["disciplines"] * value, 0.0)
            denominator += np.where(mask, settings["disciplines"], 0.0)
        if query.themes:
            shared = np.zeros(n, dtype=np.float32)
            for theme in query.themes:
                rows = self._theme_array(theme)
                if rows.size:
                    shared[rows] += 1.0  # a row holds each theme once
            counts = p["theme_count"]
            mask = counts > 0
            smaller = np.minimum(counts, len(query.themes))
            value = np.divide(shared, smaller, out=np.zeros(n, dtype=np.float32), where=mask)
            numerator += np.where(mask, settings["themes"] * value, 0.0)
            denominator += np.where(mask, settings["themes"], 0.0)
        return np.divide(numerator, denominator, out=np.zeros(n, dtype=np.float32), where=denominator > 0)

    def _theme_array(self, theme: str) -> np.ndarray:
        """Rows holding a theme, as an array kept until the theme gains rows."""
        rows = self._theme_rows.get(theme)
        if not rows:
            return np.zeros(0, dtype=np.int64)
        cached = self._theme_arrays.get(theme)
        if cached is None or cached.size != len(rows):
            cached = self._theme_arrays[theme] = np.asarray(rows, dtype=np.int64)
        return cached

    def _half_score_km(self, query: Prepared) -> np.ndarray:
        """Per candidate, as scoring.half_score_km: stretched by the larger stated max distance."""
        settings = self.weights["distance"]
        theirs = self.profiles["max_km"]
        larger = np.where(np.isinf(theirs), -np.inf, theirs)
        if query.max_distance_km is not None:
            larger = np.maximum(larger, query.max_distance_km)
        return np.maximum(settings["half_score_km"], settings["reach_share"] * larger)

    def _distances(self, query: Prepared) -> np.ndarray:
        p = self.profiles
        if query.lat is None:
            return np.full(p.size, np.nan)
        lat1, lon1 = math.radians(query.lat), math.radians(query.lon)
        lat2, lon2 = p["lat_radians"], p["lon_radians"]
        a = np.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * p["lat_cosine"] * np.sin((lon2 - lon1) / 2) ** 2
        return 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(a)))

    @staticmethod
    def _fit(need_start, need_end, need_dated, need_amount, need_audiences,
             offer_start, offer_end, offer_dated, offer_amount, offer_audiences) -> np.ndarray:
        """Vectorised `scoring.offer_fit` for exchanges already of the same type."""
        both_dated = need_dated & offer_dated
        overlap = np.minimum(need_end, offer_end) - np.maximum(need_start, offer_start) + 1
        days = need_end - need_start + 1
        coverage = np.where(both_dated, np.maximum(0, overlap) / np.where(both_dated, days, 1), 1.0)
        both_amounts = ~np.isnan(need_amount) & ~np.isnan(offer_amount) & (np.nan_to_num(need_amount) > 0)
        amount = np.where(both_amounts,
                          np.minimum(1.0, np.nan_to_num(offer_amount) / np.where(both_amounts, need_amount, 1.0)),
                          1.0)
        both_audiences = (need_audiences != 0) & (offer_audiences != 0)
        asked = popcount(np.asarray(need_audiences))
        audience = np.where(both_audiences,
                            popcount(np.asarray(need_audiences & offer_audiences)) / np.maximum(asked, 1), 1.0)
        return coverage * amount * audience

    def _type_factors(self, need_type: str) -> list[tuple[int, float]]:
        """(offer type code, factor) of the offers that can meet a need of this type."""
        substitutes = self.weights["needs"]["substitutes"].get(need_type, {})
        return [(TYPE_CODE[need_type], 1.0)] + [(TYPE_CODE[t], f) for t, f in substitutes.items() if f > 0]

    def _discipline_factor(self, query: Prepared) -> np.ndarray:
        """Per candidate: 1 where it shares a discipline with the query (see scoring.share_a_discipline),
        else the factor for discipline-sensitive needs."""
        own = bits(query.disciplines, DISCIPLINE_BIT)
        theirs = self.profiles["disciplines"]
        if not own or own & MULTIDISCIPLINARY:
            return np.ones(self.profiles.size)
        related = bits(related_disciplines(query.disciplines, self.weights), DISCIPLINE_BIT)
        shared = (theirs == 0) | ((theirs & np.uint32(related | MULTIDISCIPLINARY)) != 0)
        return np.where(shared, 1.0, self.weights["needs"]["no_shared_discipline"])

    def _needs_forward(self, query: Prepared, n: int, discipline: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Mean over the query's needs of how well each candidate meets it (see scoring.needs_met):
        a candidate that states no offer meets none."""
        if not query.needs:
            return np.zeros(n), np.zeros(n, dtype=bool)
        offers = self.offers
        total = np.zeros(n)
        query_audiences = bits(query.audiences, AUDIENCE_BIT)
        candidate_audiences = self.profiles["audiences"]
        artist_factor = np.where(self.profiles["kind"] == KIND_CODE["artist"],
                                 self.weights["needs"]["artist_reaches_audience"], 1.0)
        for need in query.needs:
            best = np.zeros(n)
            need_audiences = np.uint32(bits(need.audiences, AUDIENCE_BIT))
            for type_code, factor in self._type_factors(need.type):
                rows = np.flatnonzero(offers["type"] == type_code)
                if rows.size == 0:
                    continue
                fit = factor * self._fit(
                    np.int64(need.start or 0), np.int64(need.end or 0), need.start is not None,
                    np.float64(np.nan if need.amount_eur is None else need.amount_eur), need_audiences,
                    offers["start"][rows], offers["end"][rows], offers["dated"][rows],
                    offers["amount"][rows], offers["audiences"][rows])
                if need.type in self.weights["needs"]["discipline_sensitive"]:
                    fit = fit * discipline[offers["owner"][rows]]
                np.maximum.at(best, offers["owner"][rows], fit)
            if need.type == "audience_reach":
                asked = bits(need.audiences, AUDIENCE_BIT) or query_audiences
                if asked:
                    reached = popcount(candidate_audiences & np.uint32(asked))
                    best = np.maximum(best, artist_factor * reached / bin(asked).count("1"))
            total += best
        return total / len(query.needs), np.ones(n, dtype=bool)

    def _needs_backward(self, query: Prepared, n: int, discipline: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Mean over each candidate's needs of how well the query meets it (see scoring.needs_met)."""
        needs = self.needs
        if needs.size == 0:
            return np.zeros(n), np.zeros(n, dtype=bool)
        met = np.zeros(needs.size)
        for offer in query.offers:
            for need_type in EXCHANGE_TYPES:
                factor = 1.0 if need_type == offer.type else \
                    self.weights["needs"]["substitutes"].get(need_type, {}).get(offer.type, 0.0)
                if factor <= 0:
                    continue
                rows = np.flatnonzero(needs["type"] == TYPE_CODE[need_type])
                if rows.size == 0:
                    continue
                fit = factor * self._fit(
                    needs["start"][rows], needs["end"][rows], needs["dated"][rows],
                    needs["amount"][rows], needs["audiences"][rows],
                    np.int64(offer.start or 0), np.int64(offer.end or 0), offer.start is not None,
                    np.float64(np.nan if offer.amount_eur is None else offer.amount_eur),
                    np.uint32(bits(offer.audiences, AUDIENCE_BIT)))
                if need_type in self.weights["needs"]["discipline_sensitive"]:
                    fit = fit * discipline[needs["owner"][rows]]
                met[rows] = np.maximum(met[rows], fit)
        query_audiences = bits(query.audiences, AUDIENCE_BIT)
        reach_rows = np.flatnonzero(needs["type"] == AUDIENCE_REACH)
        if query_audiences and reach_rows.size:
            owner_audiences = self.profiles["audiences"][needs["owner"][reach_rows]]
            asked = np.where(needs["audiences"][reach_rows] != 0, needs["audiences"][reach_rows], owner_audiences)
            reached = popcount(asked & np.uint32(query_audiences))
            ratio = np.divide(reached, popcount(asked), out=np.zeros(reach_rows.size, dtype=np.float32),
                              where=reached > 0)
            if query.kind == "artist":
                ratio = ratio * self.weights["needs"]["artist_reaches_audience"]
            met[reach_rows] = np.maximum(met[reach_rows], ratio)
        if query.offers:
            sums = np.bincount(needs["owner"], weights=met, minlength=n)[:n]
            counts = self.profiles["need_count"]
        else:
            sums = np.bincount(needs["owner"][reach_rows], weights=met[reach_rows], minlength=n)[:n]
            counts = self.profiles["reach_need_count"]
        has_needs = counts > 0
        return np.divide(sums, counts, out=np.zeros(n), where=has_needs), has_needs

    def _audience_forward(self, query: Prepared) -> tuple[np.ndarray, bool]:
        wanted = bits(query.wanted_audiences, AUDIENCE_BIT)
        if not wanted:
            return np.zeros(self.profiles.size), np.zeros(self.profiles.size, dtype=bool)
        return (popcount(self.profiles["audiences"] & np.uint32(wanted)) / bin(wanted).count("1"),
                np.ones(self.profiles.size, dtype=bool))

    def _audience_backward(self, query: Prepared) -> tuple[np.ndarray, np.ndarray]:
        wanted = self.profiles["wanted"]
        sizes = popcount(wanted)
        has_wanted = (sizes > 0) & bool(query.audiences)
        shared = popcount(wanted & np.uint32(bits(query.audiences, AUDIENCE_BIT)))
        return np.divide(shared, sizes, out=np.zeros(self.profiles.size, dtype=np.float32),
                         where=has_wanted), has_wanted
