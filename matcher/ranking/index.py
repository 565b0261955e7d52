"""The scoring index: every profile's features in numpy arrays, so one query
is scored against all candidates at once (no Python loop per candidate).

It computes exactly what `scoring.score_pair` computes, pair by pair; the
test suite checks the two against each other. Rows can be added, replaced
and removed without a rebuild (the service keeps one index per process).

The index keeps numbers only, no profile objects: a profile costs its text
vector, a few dozen bytes of columns and its offers, needs and concept
numbers. Its concept vector is not stored either: `concepts.ConceptSpace`
scores all rows from their concept numbers.
"""
from __future__ import annotations

import functools
import math
from array import array
from collections import defaultdict

import numpy as np

from matcher.places.gazetteer import EARTH_RADIUS_KM
from matcher.ranking.columns import EXCHANGE_FIT_COLUMNS, Growable, TypeRows, exchange_fit
from matcher.ranking.rules import (AUDIENCE_BIT, DISCIPLINE_BIT, MULTIDISCIPLINARY, ORGANISATION_TYPE_CODE, TYPE_BIT,
                                   TYPE_CODE, bits, popcount)
from matcher.ranking.terms import TERM_COLUMNS, term_values, terms_factor_columns
from matcher.ranking.weights import Weights, load_weights
from matcher.understanding.concepts import ConceptSpace
from matcher.understanding.preparation import Prepared

AUDIENCE_REACH = TYPE_CODE["audience_reach"]
KIND_CODE = {"organisation": 0, "artist": 1}
LANGUAGE_CODE = {"nl": 0, "fr": 1, "en": 2}
F32 = np.float32
# float32: exact. int8: a quarter of the memory (what a million profiles in 2 GB needs); each
# vector is stored as int8 times its own scale, so cosines are off by ~0.002 and the
# shortlist is scored again with the exact vectors from the database.
TEXT_PRECISIONS = ("float32", "int8")
INT8_CHUNK = 8_192  # rows turned back into float32 at a time, into one reused buffer (fastest here: 1k-32k tried)
# A removed or replaced profile leaves a dead row, which every query still scores (and masks). When
# dead rows pass this share of all rows the index compacts itself: copying the live rows costs about
# three row copies per removal, and queries and memory never carry more than a third extra. Below
# COMPACT_MIN_DEAD dead rows a small index is not rewritten at every other delete.
COMPACT_DEAD_SHARE = 0.25
COMPACT_MIN_DEAD = 64
COMPACT_CHUNK = 8_192  # live rows moved at a time: no second copy of the text vectors in memory


class MatchIndex:
    """Vectorised scoring over all stored profiles."""

    def __init__(self, dim: int, concepts: ConceptSpace | None = None, weights: Weights | None = None,
                 capacity: int = 64, text_precision: str = "float32"):
        if text_precision not in TEXT_PRECISIONS:
            raise ValueError(f"text_precision: must be one of {', '.join(TEXT_PRECISIONS)}; got {text_precision!r}")
        self.dim = dim
        self.text_precision = text_precision
        self.concepts = concepts
        self.weights = weights or load_weights()
        self.rules = self.weights.rules
        self.profiles = Growable(capacity=max(64, int(capacity * 1.05)), columns={
            # Presence flags are float32 0/1: scoring multiplies by them, as np.where over
            # 100k rows with a mixed mask costs 30 times a multiplication.
            "text": (F32 if text_precision == "float32" else np.int8, (dim,), 0),
            "text_scale": (F32, (), 0.0), "has_text": (F32, (), 0.0),
            "concept_set": (np.int32, (), 0), "has_concepts": (F32, (), 0.0),
            "disciplines": (np.uint32, (), 0), "discipline_count": (F32, (), 0.0), "has_disciplines": (F32, (), 0.0),
            "audiences": (np.uint32, (), 0),
            "wanted": (np.uint32, (), 0), "wanted_count": (F32, (), 0.0), "has_wanted": (bool, (), False),
            "theme_count": (F32, (), 0.0), "has_themes": (F32, (), 0.0),
            "located": (F32, (), 0.0), "unlocated": (bool, (), True),  # unlocated rows hold 0 below
            "lat_radians": (F32, (), 0.0), "lon_radians": (F32, (), 0.0), "lat_cosine": (F32, (), 0.0),
            "max_km": (F32, (), np.inf), "stated_km": (F32, (), 0.0), "kind": (np.int8, (), 0),
            "organisation_type": (np.int8, (), -1),
            "language": (np.int8, (), -1), "municipality": (np.int16, (), -1),
            "need_count": (F32, (), 0.0), "reach_need_count": (F32, (), 0.0),
            "need_types": (np.uint32, (), 0), "offer_types": (np.uint32, (), 0),
            "alive": (bool, (), False),
        })
        exchange_columns = {
            "owner": (np.int32, (), 0), "type": (np.int8, (), 0), "start": (np.int32, (), 0),
            "end": (np.int32, (), 0), "dated": (bool, (), False), "amount": (F32, (), 0.0),
            "has_amount": (bool, (), False),
            "audiences": (np.uint32, (), 0),
            "owner_offers": (np.uint32, (), 0),  # what the exchange's owner offers (TYPE_BIT): the return check
            "share": (F32, (), 1.0),  # what a need counts for in its owner's mean: less when optional
            **{name: (dtype, (), fill) for name, (dtype, fill) in TERM_COLUMNS.items()},
        }
        self.offers = Growable(exchange_columns)
        self.needs = Growable(exchange_columns)
        # Profiles share concept sets (dance + youth + migration): each distinct set is scored once.
        self.concept_sets = Growable({"norm": (F32, (), 1.0), "named": (bool, (), False)})
        self.concept_entries = Growable({"set": (np.int32, (), 0), "number": (np.int16, (), 0)})
        # A row's other points (`serves`, beyond the first point it has), and the municipalities it
        # serves: distances count from its nearest point, and an area holds what it serves.
        self.served_points = Growable({"owner": (np.int32, (), 0), "lat_radians": (F32, (), 0.0),
                                       "lon_radians": (F32, (), 0.0), "lat_cosine": (F32, (), 0.0)})
        self.served_municipalities = Growable({"owner": (np.int32, (), 0), "municipality": (np.int16, (), -1)})
        self._concept_set_of: dict[tuple[int, ...], int] = {}
        self.ids: list[str] = []
        self.row_of: dict[str, int] = {}
        self.municipalities: list[str] = []
        self._municipality_code: dict[str, int] = {}
        self._theme_rows: dict[str, array] = defaultdict(lambda: array("i"))
        self._theme_arrays: dict[str, np.ndarray] = {}
        self._type_rows: dict[tuple[str, int], TypeRows] = {}
        self._concept_incidence = None  # concept sets x concepts, made again when sets were added
        self._partners: dict[str, frozenset[str]] = {}  # only profiles that list some
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
        points = item.points
        located = bool(points)
        lat, lon = points[0] if located else (0.0, 0.0)
        concept_set, has_concepts = self._concept_set(item)
        text, scale = self._stored_text(item.text_vector)
        row = self.profiles.append(
            text=text, text_scale=scale, has_text=item.text_vector is not None,
            concept_set=concept_set, has_concepts=has_concepts,
            disciplines=bits(item.disciplines, DISCIPLINE_BIT), discipline_count=len(item.disciplines),
            has_disciplines=bool(item.disciplines), audiences=bits(item.audiences, AUDIENCE_BIT),
            wanted=bits(item.wanted_audiences, AUDIENCE_BIT), wanted_count=len(item.wanted_audiences),
            has_wanted=bool(item.wanted_audiences),
            theme_count=len(item.themes), has_themes=bool(item.themes),
            located=located, unlocated=not located,
            lat_radians=math.radians(lat), lon_radians=math.radians(lon),
            lat_cosine=math.cos(math.radians(lat)) if located else 0.0,
            max_km=np.inf if item.max_distance_km is None else item.max_distance_km,
            stated_km=item.max_distance_km or 0.0,
            kind=KIND_CODE[item.kind], organisation_type=ORGANISATION_TYPE_CODE.get(item.type, -1),
            language=LANGUAGE_CODE.get(item.language, -1),
            municipality=self._code_of_municipality(item.municipality),
            need_count=sum(self._share(n) for n in item.needs),
            reach_need_count=sum(self._share(n) for n in item.needs if n.type == "audience_reach"),
            need_types=bits({n.type for n in item.needs}, TYPE_BIT),
            offer_types=bits({o.type for o in item.offers}, TYPE_BIT), alive=True,
        )
        self.ids.append(item.id)
        self.row_of[item.id] = row
        for other_lat, other_lon in points[1:]:
            self.served_points.append(owner=row, lat_radians=math.radians(other_lat),
                                      lon_radians=math.radians(other_lon),
                                      lat_cosine=math.cos(math.radians(other_lat)))
        for name in sorted(item.served_municipalities):
            self.served_municipalities.append(owner=row, municipality=self._code_of_municipality(name))
        for theme in item.themes:
            self._theme_rows[theme].append(row)
        if item.partners:
            self._partners[item.id] = item.partners
        for partner in item.partners:
            self._listed_by[partner].add(item.id)
        owner_offers = bits({o.type for o in item.offers}, TYPE_BIT)
        for table, exchanges in ((self.offers, item.offers), (self.needs, item.needs)):
            for exchange in exchanges:
                table.append(owner=row, type=TYPE_CODE[exchange.type],
                             start=exchange.start or 0, end=exchange.end or 0,
                             dated=exchange.start is not None, amount=exchange.amount_eur or 0.0,
                             has_amount=exchange.amount_eur is not None,
                             audiences=bits(exchange.audiences, AUDIENCE_BIT), owner_offers=owner_offers,
                             share=self._share(exchange), **term_values(exchange))
        if item.offers or item.needs:
            self._type_rows.clear()

    def _share(self, need) -> float:
        """What a need counts for in its owner's mean (scoring.needs_met)."""
        return self.weights.needs.optional_share if need.optional else 1.0

    def _stored_text(self, vector: np.ndarray | None) -> tuple[np.ndarray | float, float]:
        if vector is None:
            return 0, 0.0
        if self.text_precision == "float32":
            return vector, 1.0
        largest = float(np.abs(vector).max())
        scale = largest / 127 if largest > 0 else 1.0
        return np.rint(np.asarray(vector, dtype=F32) / scale).astype(np.int8), scale

    def _text_cosines(self, query_vector: np.ndarray) -> np.ndarray:
        """The query's cosine with every row's text vector (approximate with int8 rows)."""
        p = self.profiles
        query_vector = query_vector.astype(F32)
        if self.text_precision == "float32":
            return p["text"] @ query_vector
        texts, cosine = p["text"], np.empty(p.size, dtype=F32)
        chunk = np.empty((INT8_CHUNK, self.dim), dtype=F32)
        # One BLAS thread: handing each of a million rows' 122 chunks to a second thread made
        # about one process in two run at 180 ms a query instead of 80 (1M, 2 cores).
        with _blas_threads().limit(limits=1, user_api="blas"):
            for start in range(0, p.size, INT8_CHUNK):
                rows = texts[start:start + INT8_CHUNK]
                converted = chunk[:len(rows)]
                converted[...] = rows
                np.matmul(converted, query_vector, out=cosine[start:start + len(rows)])
        cosine *= p["text_scale"]
        return cosine

    def _concept_set(self, item: Prepared) -> tuple[int, bool]:
        """The number of the item's set of concepts (added when new), and whether it has a concept vector."""
        numbers = tuple(self.concepts.numbers(item).tolist()) if self.concepts is not None else ()
        found = self._concept_set_of.get(numbers)
        if found is None:
            norm = self.concepts.norm(np.array(numbers, dtype=np.int32)) if numbers else 0.0
            found = self._concept_set_of[numbers] = self.concept_sets.append(norm=norm or 1.0, named=norm > 0)
            for number in numbers:
                self.concept_entries.append(set=found, number=number)
        return found, bool(self.concept_sets["named"][found])

    def _code_of_municipality(self, name: str | None) -> int:
        if name is None:
            return -1
        code = self._municipality_code.get(name)
        if code is None:
            code = self._municipality_code[name] = len(self.municipalities)
            self.municipalities.append(name)
        return code

    def remove(self, profile_id: str) -> None:
        """Remove a profile: its row is marked dead, and the index compacts itself when dead rows
        pass COMPACT_DEAD_SHARE of all rows."""
        row = self.row_of.pop(profile_id)
        self.profiles.columns["alive"][row] = False
        for partner in self._partners.pop(profile_id, ()):
            self._listed_by[partner].discard(profile_id)
        self.dead_rows += 1
        if self.dead_rows >= max(COMPACT_MIN_DEAD, COMPACT_DEAD_SHARE * self.profiles.size):
            self.compact()

    def compact(self) -> None:
        """Drop the dead rows: nothing of a removed profile stays (its id, vector, place, bits,
        offers and needs, served places, themes, and concept sets no live row uses), and row
        numbers are given again in the same order. Scores are unchanged."""
        if self.dead_rows == 0:
            return
        live = np.flatnonzero(self.profiles["alive"])
        new_row = np.full(self.profiles.size, -1, dtype=np.int64)
        new_row[live] = np.arange(live.size)
        used_sets = np.unique(self.profiles["concept_set"][live])
        new_set = np.full(self.concept_sets.size, -1, dtype=np.int64)
        new_set[used_sets] = np.arange(used_sets.size)
        _keep_rows(self.profiles, live)
        concept_set = self.profiles.columns["concept_set"]
        concept_set[:live.size] = new_set[concept_set[:live.size]]
        for table in (self.offers, self.needs, self.served_points, self.served_municipalities):
            kept = np.flatnonzero(new_row[table["owner"]] >= 0)
            _keep_rows(table, kept)
            owner = table.columns["owner"]
            owner[:kept.size] = new_row[owner[:kept.size]]
        _keep_rows(self.concept_sets, used_sets)
        entries = self.concept_entries
        kept = np.flatnonzero(new_set[entries["set"]] >= 0)
        _keep_rows(entries, kept)
        entries.columns["set"][:kept.size] = new_set[entries.columns["set"][:kept.size]]
        numbers_of_set: list[list[int]] = [[] for _ in range(self.concept_sets.size)]
        for concept_set_number, number in zip(entries["set"].tolist(), entries["number"].tolist()):
            numbers_of_set[concept_set_number].append(number)
        self._concept_set_of = {tuple(numbers): number for number, numbers in enumerate(numbers_of_set)}
        self.ids = [self.ids[row] for row in live.tolist()]
        self.row_of = {profile_id: row for row, profile_id in enumerate(self.ids)}
        for theme in list(self._theme_rows):
            rows = new_row[np.frombuffer(self._theme_rows[theme], dtype=np.int32)]
            rows = rows[rows >= 0]
            if rows.size:
                self._theme_rows[theme] = array("i", rows.astype(np.int32).tobytes())
            else:
                del self._theme_rows[theme]
        self._listed_by = defaultdict(set, {partner: listers for partner, listers in self._listed_by.items()
                                            if listers})
        self._theme_arrays.clear()
        self._type_rows.clear()
        self._concept_incidence = None
        self.dead_rows = 0

    # -- reading -------------------------------------------------------------
    def text_vector(self, profile_id: str) -> np.ndarray | None:
        """The stored text vector of a profile (a view of its row; with int8, close to it), None
        when it has no text."""
        row = self.row_of[profile_id]
        columns = self.profiles.columns
        if columns["has_text"][row] == 0:
            return None
        if self.text_precision == "float32":
            return columns["text"][row]
        return columns["text"][row].astype(F32) * columns["text_scale"][row]

    def ids_within(self, lat: float, lon: float, radius_km: float) -> list[str]:
        """Ids of the live profiles at most `radius_km` from a point, from the nearest place each
        is at or serves (a float32 distance, so callers that need the exact border check the few
        near it)."""
        p = self.profiles
        rows = np.flatnonzero(p["alive"] & ~p["unlocated"] & (self._distances_from_points([(lat, lon)]) <= radius_km))
        return [self.ids[row] for row in rows]

    def ids_in_municipalities(self, names) -> list[str]:
        """Ids of the live profiles in one of these municipalities or serving one."""
        codes = [self._municipality_code[name] for name in names if name in self._municipality_code]
        p = self.profiles
        inside = np.isin(p["municipality"], codes)
        served = self.served_municipalities
        inside[served["owner"][np.isin(served["municipality"], codes)]] = True
        rows = np.flatnonzero(p["alive"] & inside)
        return [self.ids[row] for row in rows]

    def nearest_km(self, query: Prepared, kind: str | None = None, leave_out=()) -> float | None:
        """How far the nearest live profile with a known place is from the query's nearest place
        (of `kind` when given, the query itself and the ids in `leave_out` left out); None when none
        has a place."""
        if not query.points:
            return None
        p = self.profiles
        placed = p["alive"] & ~p["unlocated"]
        if kind is not None:
            placed &= p["kind"] == KIND_CODE[kind]
        for profile_id in (query.id, *leave_out):
            if profile_id in self.row_of:
                placed[self.row_of[profile_id]] = False
        if not placed.any():
            return None
        return float(self._distances_from_points(query.points)[placed].min())

    def live_ids(self) -> list[str]:
        return list(self.row_of)

    # -- scoring -------------------------------------------------------------
    # Every step below works on whole columns with arithmetic: a flag column of 0/1
    # multiplies what it gates, where a plain scorer would branch.
    def scores(self, query: Prepared, kind: str | None = None) -> np.ndarray:
        """Reciprocal score of every row for `query`; -inf where not a candidate."""
        p = self.profiles
        weights = self.weights
        n = p.size
        direction = weights.direction
        geometric = direction.blend == "geometric"
        floor = F32(direction.floor if geometric else 0.0)

        def term(values):
            """What a component adds to a direction's blend: log(floor + (1 - floor) v), or v."""
            return np.log(floor + (1 - floor) * values) if geometric else values.astype(F32)

        # An unknown distance scores `unknown` and is within reach only when neither side states a
        # max_distance_km (scoring.within_reach): it is not known to be within one.
        unknown = F32(weights.distance.unknown)
        limitless = ~np.isfinite(p["max_km"]) if query.max_distance_km is None else np.zeros(n, dtype=bool)
        if not query.points:
            distance = np.full(n, unknown, dtype=F32)
            reachable = limitless
        else:
            km = self._distances_from_points(query.points)
            limit = p["max_km"] if query.max_distance_km is None else \
                np.minimum(p["max_km"], F32(query.max_distance_km))
            unlocated = p["unlocated"]
            reachable = ((km <= limit) & ~unlocated) | (unlocated & limitless)  # bool arithmetic, not np.where
            distance = unknown + (np.exp2(-km / self._half_score_km(query)) - unknown) * p["located"]
        shared = F32(direction.affinity) * term(self._affinity(query)) + \
            F32(direction.distance) * term(distance)
        shared_weight = F32(direction.affinity + direction.distance)

        def blend(needs, has_needs, audience, has_audience):
            numerator = shared
            denominator = shared_weight
            for values, has, weight in ((needs, has_needs, F32(direction.needs)),
                                        (audience, has_audience, F32(direction.audience))):
                if has is None:
                    continue
                if has is True:
                    numerator = numerator + weight * term(values)
                    denominator = denominator + weight
                else:
                    numerator = numerator + (weight * term(values)) * has
                    denominator = denominator + weight * has
            mean = numerator / denominator
            return np.exp(mean) if geometric else mean

        discipline = self._discipline_factor(query)
        forward_needs, has_forward_needs = self._needs_forward(query, n, discipline)
        forward_audience, has_forward_audience = self._audience_forward(query)
        forward = blend(forward_needs, has_forward_needs, forward_audience, has_forward_audience)
        backward_needs, has_backward_needs = self._needs_backward(query, n, discipline)
        backward_audience, has_backward_audience = self._audience_backward(query)
        backward = blend(backward_needs, has_backward_needs, backward_audience, has_backward_audience)

        forward_known = has_forward_needs is not None or has_forward_audience is not None
        backward_known = _either(has_backward_needs, has_backward_audience)
        share = F32(weights.reciprocity.asker_share)
        tiny = F32(1e-30)  # harmonic mean with a 0 side: 1 / (share / tiny) ~ 0, as harmonic_mean's 0
        harmonic = F32(1) / (share / np.maximum(forward, tiny) + (1 - share) / np.maximum(backward, tiny))
        if backward_known is False:
            score = forward if forward_known else harmonic
        elif backward_known is True:
            score = harmonic if forward_known else backward
        elif forward_known:
            score = forward + (harmonic - forward) * backward_known
        else:
            score = harmonic + (backward - harmonic) * backward_known
        score = np.array(score, dtype=F32)  # a copy of its own, changed in place below
        # The query's introductions are its own (the Matcher fills both sides of each), not the index's.
        ties = self._partners_of(query) | self._listed_by.get(query.id, set()) | query.introduced
        partner_rows = [self.row_of[i] for i in ties if i in self.row_of]
        if partner_rows:
            score[partner_rows] *= F32(weights.novelty.existing_partner_factor)
        sought = np.uint32(bits({need.type for need in query.needs}, TYPE_BIT))
        if sought:
            rival = ((p["need_types"] & sought) != 0) & ((p["offer_types"] & sought) == 0)
            score *= F32(1) - F32(1 - weights.novelty.rival_factor) * rival
        kind_fits = self._partner_kind_fits(query)
        if kind_fits is not None:
            score *= F32(1) - F32(1 - weights.partner_kinds.other_kind_factor) * ~kind_fits
        candidate = p["alive"] & reachable
        if kind is not None:
            candidate = candidate & (p["kind"] == KIND_CODE[kind])
        if query.id in self.row_of:
            candidate = candidate.copy()
            candidate[self.row_of[query.id]] = False
        with np.errstate(divide="ignore"):
            score += np.log(candidate.astype(F32))  # 0 for candidates, -inf for the others
        return score

    def _partner_kind_fits(self, query: Prepared) -> np.ndarray | None:
        """Per row, scoring.partner_kind_fits: of a kind the query seeks (by kind or organisation
        type); None when it seeks none."""
        if not query.partner_kinds:
            return None
        p = self.profiles
        fits = np.isin(p["organisation_type"], [ORGANISATION_TYPE_CODE[k] for k in query.partner_kinds
                                                 if k in ORGANISATION_TYPE_CODE])
        for kind, code in KIND_CODE.items():
            if kind in query.partner_kinds:
                fits |= p["kind"] == code
        return fits

    def _partners_of(self, query: Prepared) -> frozenset[str]:
        return query.partners or self._partners.get(query.id, frozenset())

    def top(self, query: Prepared, limit: int, kind: str | None = None) -> list[tuple[str, float]]:
        """The `limit` best (id, score) for a query, best first, ties by id."""
        scores = self.scores(query, kind)
        if scores.size > limit:
            chosen = np.argpartition(-scores, limit - 1)[:limit]
            threshold = scores[chosen].min()
            if not np.isfinite(threshold):
                chosen = chosen[np.isfinite(scores[chosen])]
            else:
                chosen = np.flatnonzero(scores >= threshold)  # keep ties for a stable order
        else:
            chosen = np.flatnonzero(np.isfinite(scores))
        ordered = sorted(chosen.tolist(), key=lambda row: (-scores[row], self.ids[row]))[:limit]
        return [(self.ids[row], float(scores[row])) for row in ordered]

    # -- components ----------------------------------------------------------
    def _affinity(self, query: Prepared) -> np.ndarray:
        p = self.profiles
        settings = self.weights.affinity
        n = p.size
        numerator = np.zeros(n, dtype=F32)
        denominator = np.zeros(n, dtype=F32)
        if query.text_vector is not None:
            cosine = self._text_cosines(query.text_vector)
            across = F32(settings.text * settings.text_across_languages)
            same = p["language"] == LANGUAGE_CODE.get(query.language, -1)
            weight = (across + (F32(settings.text) - across) * same) * p["has_text"]
            numerator += weight * self._calibrated(cosine)
            denominator += weight
        if query.concept_vector is not None and self.concepts is not None:
            sets = self.concept_sets.size
            if self._concept_incidence is None or self._concept_incidence.shape[0] != sets:
                entries = self.concept_entries
                self._concept_incidence = self.concepts.incidence(entries["set"], entries["number"], sets)
            per_set = self.concepts.scores_of_rows(query.concept_vector, self._concept_incidence,
                                                   self.concept_sets["norm"])
            cosine = per_set[p["concept_set"]]
            weight = F32(settings.concepts) * p["has_concepts"]
            numerator += weight * self._calibrated(cosine)
            denominator += weight
        query_disciplines = bits(query.disciplines, DISCIPLINE_BIT)
        if query_disciplines:
            shared = popcount(p["disciplines"] & np.uint32(query_disciplines))  # 0 for rows with none
            smaller = np.minimum(p["discipline_count"], F32(len(query.disciplines)))
            numerator += F32(settings.disciplines) * shared / np.maximum(smaller, F32(1))
            denominator += F32(settings.disciplines) * p["has_disciplines"]
        if query.themes:
            shared = np.zeros(n, dtype=F32)
            for theme in query.themes:
                rows = self._theme_array(theme)
                if rows.size:
                    shared[rows] += 1.0  # a row holds each theme once
            smaller = np.minimum(p["theme_count"], F32(len(query.themes)))
            numerator += F32(settings.themes) * shared / np.maximum(smaller, F32(1))
            denominator += F32(settings.themes) * p["has_themes"]
        return numerator / np.maximum(denominator, F32(1e-30))  # 0 where nothing is known

    def _calibrated(self, cosine: np.ndarray) -> np.ndarray:
        # rules.calibrated_cosine, in place in float32 (it runs over every row for every query)
        floor, ceiling = self.rules.cosine_floor, self.rules.cosine_ceiling
        cosine = cosine - F32(floor)
        cosine *= F32(1 / (ceiling - floor))
        return np.clip(cosine, F32(0), F32(1), out=cosine)

    def _theme_array(self, theme: str) -> np.ndarray:
        """Rows holding a theme, as an array kept until the theme gains rows."""
        rows = self._theme_rows.get(theme)
        if not rows:
            return np.zeros(0, dtype=np.int32)
        cached = self._theme_arrays.get(theme)
        if cached is None or cached.size != len(rows):
            cached = self._theme_arrays[theme] = np.frombuffer(rows, dtype=np.int32).copy()
        return cached

    def _half_score_km(self, query: Prepared) -> np.ndarray:
        """Per candidate, as scoring.half_score_km: stretched by the larger stated max distance."""
        settings = self.weights.distance
        larger = self.profiles["stated_km"]  # 0 where none is stated, below any half_score_km
        if query.max_distance_km is not None:
            larger = np.maximum(larger, F32(query.max_distance_km))
        return np.maximum(F32(settings.half_score_km), F32(settings.reach_share) * larger)

    def _distances_from_points(self, points) -> np.ndarray:
        """Great-circle km from the nearest of some points to the nearest point of every row
        (meaningless where a row has no place): one pass over the rows per point, and one over
        the served points of the rows that serve other places."""
        km = None
        for lat, lon in dict.fromkeys(points):
            from_here = self._distances_from(lat, lon)
            km = from_here if km is None else np.minimum(km, from_here, out=km)
        served = self.served_points
        if served.size:
            nearest = None
            for lat, lon in dict.fromkeys(points):
                from_here = _haversine_km(lat, lon, served["lat_radians"], served["lon_radians"],
                                          served["lat_cosine"])
                nearest = from_here if nearest is None else np.minimum(nearest, from_here, out=nearest)
            np.minimum.at(km, served["owner"], nearest)
        return km

    def _distances_from(self, lat: float, lon: float) -> np.ndarray:
        """Great-circle km from a point to every row's first point (meaningless where a row has no place)."""
        p = self.profiles
        return _haversine_km(lat, lon, p["lat_radians"], p["lon_radians"], p["lat_cosine"])

    def _rows_of_type(self, table_name: str, type_code: int) -> TypeRows:
        """Rows of the offers or needs table of one exchange type, kept until a profile is added."""
        key = (table_name, type_code)
        found = self._type_rows.get(key)
        if found is None:
            table = self.offers if table_name == "offers" else self.needs
            rows = np.flatnonzero(table["type"] == type_code)
            found = self._type_rows[key] = TypeRows(rows, table)
        return found

    def _discipline_factor(self, query: Prepared) -> np.ndarray | None:
        """Per candidate: 1 where it shares a discipline with the query (rules.share_a_discipline),
        else the factor for discipline-sensitive needs; None when that is 1 for all."""
        own = bits(query.disciplines, DISCIPLINE_BIT)
        if not own or own & MULTIDISCIPLINARY:
            return None
        shared = self.rules.shares_a_discipline_mask(query.disciplines, self.profiles["disciplines"])
        factor = F32(self.rules.no_shared_discipline)
        return factor + (F32(1) - factor) * shared

    def _needs_forward(self, query: Prepared, n: int, discipline: np.ndarray | None):
        """Mean over the query's needs of how well each candidate meets it (see scoring.needs_met):
        a candidate that states no offer meets none. (values, True), or (None, None) without needs."""
        if not query.needs:
            return None, None
        total = np.zeros(n, dtype=F32)
        query_audiences = bits(query.audiences, AUDIENCE_BIT)
        artist_factor = None
        sensitive = self.rules.discipline_sensitive
        query_offers = np.uint32(bits({o.type for o in query.offers}, TYPE_BIT))
        terms = self.weights.terms
        for need in query.needs:
            best = np.zeros(n, dtype=F32)
            need_audiences = np.uint32(bits(need.audiences, AUDIENCE_BIT))
            need_terms = term_values(need)
            for offer_type, factor in self.rules.offers_meeting(need.type):
                of_type = self._rows_of_type("offers", TYPE_CODE[offer_type])
                rows, owners = of_type.rows, of_type.owners
                if rows.size == 0:
                    continue
                fit = F32(factor) * exchange_fit(
                    np.int32(need.start or 0), np.int32(need.end or 0), need.start is not None,
                    F32(need.amount_eur or 0), need.amount_eur is not None, need_audiences,
                    *of_type.exchange_columns) * \
                    terms_factor_columns(need_terms, of_type.term_columns, query_offers, terms)
                if discipline is not None and need.type in sensitive:
                    fit = fit * discipline[owners]
                of_type.keep_best_per_owner(best, fit)
            if need.type == "audience_reach":
                asked = bits(need.audiences, AUDIENCE_BIT) or query_audiences
                if asked:
                    if artist_factor is None:
                        artist = F32(self.rules.artist_reaches_audience)
                        artist_factor = F32(1) + (artist - F32(1)) * (self.profiles["kind"] == KIND_CODE["artist"])
                    reached = popcount(self.profiles["audiences"] & np.uint32(asked))
                    np.maximum(best, artist_factor * reached * F32(1 / bin(asked).count("1")), out=best)
            total += best * F32(self._share(need))
        total *= F32(1 / sum(self._share(need) for need in query.needs))
        return total, True

    def _needs_backward(self, query: Prepared, n: int, discipline: np.ndarray | None):
        """Mean over each candidate's needs of how well the query meets it (see scoring.needs_met);
        (values, which candidates have needs that count), or (None, None) when none has."""
        needs = self.needs
        if needs.size == 0:
            return None, None
        # How well the query meets each need, kept per need type for the types it can meet: the
        # other needs are met by nothing (0), so only these are summed per owner.
        met_of_type: dict[int, np.ndarray] = {}
        sensitive = self.rules.discipline_sensitive
        terms = self.weights.terms
        for offer in query.offers:
            offer_terms = term_values(offer)
            for need_type, factor in self.rules.needs_met_by(offer.type):
                of_type = self._rows_of_type("needs", TYPE_CODE[need_type])
                if of_type.rows.size == 0:
                    continue
                fit = F32(factor) * exchange_fit(
                    *of_type.exchange_columns,
                    np.int32(offer.start or 0), np.int32(offer.end or 0), offer.start is not None,
                    F32(offer.amount_eur or 0), offer.amount_eur is not None,
                    np.uint32(bits(offer.audiences, AUDIENCE_BIT))) * \
                    terms_factor_columns(of_type.term_columns, offer_terms, of_type.owner_offers, terms)
                if discipline is not None and need_type in sensitive:
                    fit = fit * discipline[of_type.owners]
                met = met_of_type.get(TYPE_CODE[need_type])
                met_of_type[TYPE_CODE[need_type]] = fit if met is None else np.maximum(met, fit)
        query_audiences = bits(query.audiences, AUDIENCE_BIT)
        reach = self._rows_of_type("needs", AUDIENCE_REACH)
        if query_audiences and reach.rows.size:
            asked = reach.exchange_columns[EXCHANGE_FIT_COLUMNS.index("audiences")]
            asked = np.where(asked != 0, asked, self.profiles["audiences"][reach.owners])
            ratio = popcount(asked & np.uint32(query_audiences)) / np.maximum(popcount(asked), F32(1))
            if query.kind == "artist":
                ratio = ratio * F32(self.rules.artist_reaches_audience)
            met = met_of_type.get(AUDIENCE_REACH)
            met_of_type[AUDIENCE_REACH] = ratio if met is None else np.maximum(met, ratio)
        sums = np.zeros(n, dtype=F32)
        for type_code, met in met_of_type.items():
            of_type = self._rows_of_type("needs", type_code)
            of_type.add_per_owner(sums, met * of_type.share)
        # Without offers, only audience-reach needs count, and only if the query names a public
        # (see scoring.needs_met).
        if query.offers:
            counts = self.profiles["need_count"]
        elif query_audiences:
            counts = self.profiles["reach_need_count"]
        else:
            return None, None
        return sums / np.where(counts > 0, counts, F32(1)), counts > 0  # an optional need alone counts under 1

    def _audience_forward(self, query: Prepared):
        wanted = bits(query.wanted_audiences, AUDIENCE_BIT)
        if not wanted:
            return None, None
        return popcount(self.profiles["audiences"] & np.uint32(wanted)) * F32(1 / bin(wanted).count("1")), True

    def _audience_backward(self, query: Prepared):
        if not query.audiences:
            return None, None
        p = self.profiles
        shared = popcount(p["wanted"] & np.uint32(bits(query.audiences, AUDIENCE_BIT)))
        return shared / np.maximum(p["wanted_count"], F32(1)), p["has_wanted"]


def _keep_rows(table: Growable, rows: np.ndarray) -> None:
    """Keep only `rows` of a table (ascending), moved to its front in order; the rows behind are
    set back to their columns' fill, so an append finds them as new. In place, a chunk at a time:
    row i is filled from rows[i] >= i, which no earlier chunk has written over."""
    for name, column in table.columns.items():
        for start in range(0, rows.size, COMPACT_CHUNK):
            chunk = rows[start:start + COMPACT_CHUNK]
            column[start:start + chunk.size] = column[chunk]
        column[rows.size:table.size] = table._spec[name][2]
    table.size = int(rows.size)


def _haversine_km(lat: float, lon: float, lat_radians: np.ndarray, lon_radians: np.ndarray,
                  lat_cosine: np.ndarray) -> np.ndarray:
    """Great-circle km from a point to points given by their radians and latitude cosines (float32)."""
    lat1, lon1 = math.radians(lat), math.radians(lon)
    a = np.sin((lat_radians - F32(lat1)) / 2) ** 2 + \
        F32(math.cos(lat1)) * lat_cosine * np.sin((lon_radians - F32(lon1)) / 2) ** 2
    return F32(2 * EARTH_RADIUS_KM) * np.arcsin(np.minimum(F32(1), np.sqrt(a)))


@functools.cache
def _blas_threads():
    """The BLAS libraries numpy loaded, found once (a look through the process's libraries)."""
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


def _either(first, second):
    """Rows where either mask holds: a mask, True (all rows) or False (none)."""
    if first is True or second is True:
        return True
    if first is None and second is None:
        return False
    if first is None:
        return second
    if second is None:
        return first
    return first | second
