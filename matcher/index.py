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

import math
from array import array
from collections import defaultdict

import numpy as np

from .concepts import ConceptSpace
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
F32 = np.float32


def bits(keys, table: dict[str, int]) -> int:
    value = 0
    for key in keys:
        value |= table.get(key, 0)
    return value


def popcount(values: np.ndarray) -> np.ndarray:
    return np.bitwise_count(values.astype(np.uint32)).astype(F32)


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
            for name, array_ in self.columns.items():
                dtype, shape, fill = self._spec[name]
                bigger = np.full((max(64, 2 * len(array_)), *shape), fill, dtype=dtype)
                bigger[:len(array_)] = array_
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

    def __init__(self, dim: int, concepts: ConceptSpace | None = None, weights: dict | None = None,
                 capacity: int = 64):
        self.dim = dim
        self.concepts = concepts
        self.weights = weights or load_weights()
        self.profiles = _Growable(capacity=max(64, int(capacity * 1.05)), columns={
            "text": (F32, (dim,), 0.0), "has_text": (bool, (), False),
            "concept_norm": (F32, (), 0.0),
            "disciplines": (np.uint32, (), 0), "audiences": (np.uint32, (), 0),
            "wanted": (np.uint32, (), 0), "theme_count": (F32, (), 0.0),
            "lat": (np.float64, (), np.nan), "lon": (np.float64, (), np.nan),
            "lat_radians": (F32, (), np.nan), "lon_radians": (F32, (), np.nan),
            "lat_cosine": (F32, (), np.nan),
            "max_km": (F32, (), np.inf), "kind": (np.int8, (), 0),
            "language": (np.int8, (), -1), "municipality": (np.int16, (), -1),
            "need_count": (F32, (), 0.0), "reach_need_count": (F32, (), 0.0),
            "need_types": (np.uint32, (), 0), "offer_types": (np.uint32, (), 0),
            "alive": (bool, (), False),
        })
        exchange_columns = {
            "owner": (np.int32, (), 0), "type": (np.int8, (), 0), "start": (np.int32, (), 0),
            "end": (np.int32, (), 0), "dated": (bool, (), False), "amount": (F32, (), np.nan),
            "audiences": (np.uint32, (), 0),
        }
        self.offers = _Growable(exchange_columns)
        self.needs = _Growable(exchange_columns)
        self.concept_entries = _Growable({"row": (np.int32, (), 0), "number": (np.int16, (), 0)})
        self.ids: list[str] = []
        self.row_of: dict[str, int] = {}
        self.municipalities: list[str] = []
        self._municipality_code: dict[str, int] = {}
        self._theme_rows: dict[str, array] = defaultdict(lambda: array("i"))
        self._theme_arrays: dict[str, np.ndarray] = {}
        self._type_rows: dict[tuple[str, int], np.ndarray] = {}
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
        located = item.lat is not None
        numbers = self.concepts.numbers(item) if self.concepts is not None else np.zeros(0, dtype=np.int32)
        row = self.profiles.append(
            text=item.text_vector if item.text_vector is not None else 0.0,
            has_text=item.text_vector is not None,
            concept_norm=self.concepts.norm(numbers) if self.concepts is not None else 0.0,
            disciplines=bits(item.disciplines, DISCIPLINE_BIT), audiences=bits(item.audiences, AUDIENCE_BIT),
            wanted=bits(item.wanted_audiences, AUDIENCE_BIT), theme_count=len(item.themes),
            lat=item.lat if located else np.nan, lon=item.lon if located else np.nan,
            lat_radians=math.radians(item.lat) if located else np.nan,
            lon_radians=math.radians(item.lon) if located else np.nan,
            lat_cosine=math.cos(math.radians(item.lat)) if located else np.nan,
            max_km=np.inf if item.max_distance_km is None else item.max_distance_km,
            kind=KIND_CODE[item.kind], language=LANGUAGE_CODE.get(item.language, -1),
            municipality=self._code_of_municipality(item.municipality),
            need_count=len(item.needs),
            reach_need_count=sum(1 for n in item.needs if n.type == "audience_reach"),
            need_types=bits({n.type for n in item.needs}, TYPE_BIT),
            offer_types=bits({o.type for o in item.offers}, TYPE_BIT), alive=True,
        )
        self.ids.append(item.id)
        self.row_of[item.id] = row
        for theme in item.themes:
            self._theme_rows[theme].append(row)
        for number in numbers:
            self.concept_entries.append(row=row, number=number)
        if item.partners:
            self._partners[item.id] = item.partners
        for partner in item.partners:
            self._listed_by[partner].add(item.id)
        for table, exchanges in ((self.offers, item.offers), (self.needs, item.needs)):
            for exchange in exchanges:
                table.append(owner=row, type=TYPE_CODE[exchange.type],
                             start=exchange.start or 0, end=exchange.end or 0,
                             dated=exchange.start is not None,
                             amount=np.nan if exchange.amount_eur is None else exchange.amount_eur,
                             audiences=bits(exchange.audiences, AUDIENCE_BIT))
        if item.offers or item.needs:
            self._type_rows.clear()

    def _code_of_municipality(self, name: str | None) -> int:
        if name is None:
            return -1
        code = self._municipality_code.get(name)
        if code is None:
            code = self._municipality_code[name] = len(self.municipalities)
            self.municipalities.append(name)
        return code

    def remove(self, profile_id: str) -> None:
        row = self.row_of.pop(profile_id)
        self.profiles.columns["alive"][row] = False
        for partner in self._partners.pop(profile_id, ()):
            self._listed_by[partner].discard(profile_id)
        self.dead_rows += 1

    # -- reading -------------------------------------------------------------
    def text_vector(self, profile_id: str) -> np.ndarray | None:
        """The stored text vector of a profile (a view of its row), None when it has no text."""
        row = self.row_of[profile_id]
        return self.profiles.columns["text"][row] if self.profiles.columns["has_text"][row] else None

    def ids_within(self, lat: float, lon: float, radius_km: float) -> list[str]:
        """Ids of the live profiles at most `radius_km` from a point (a float32 distance, so
        callers that need the exact border check the few near it)."""
        p = self.profiles
        rows = np.flatnonzero(p["alive"] & (self._distances_from(lat, lon) <= radius_km))
        return [self.ids[row] for row in rows]

    def ids_in_municipalities(self, names) -> list[str]:
        codes = [self._municipality_code[name] for name in names if name in self._municipality_code]
        p = self.profiles
        rows = np.flatnonzero(p["alive"] & np.isin(p["municipality"], codes))
        return [self.ids[row] for row in rows]

    def live_ids(self) -> list[str]:
        return list(self.row_of)

    # -- scoring -------------------------------------------------------------
    def scores(self, query: Prepared, kind: str | None = None) -> np.ndarray:
        """Reciprocal score of every row for `query`; -inf where not a candidate."""
        p = self.profiles
        weights = self.weights
        n = p.size
        direction = weights["direction"]
        geometric = direction.get("blend") == "geometric"
        floor = F32(direction.get("floor", 0.0))

        def term(values):
            """What a component adds to a direction's blend: log(floor + (1 - floor) v), or v."""
            return np.log(floor + (1 - floor) * values) if geometric else values.astype(F32)

        km = self._distances(query)
        known = ~np.isnan(km)
        limit = p["max_km"] if query.max_distance_km is None else np.minimum(p["max_km"], F32(query.max_distance_km))
        reachable = ~known | (km <= limit)
        distance = np.where(known, np.exp2(-np.where(known, km, F32(0)) / self._half_score_km(query)),
                            F32(weights["distance"]["unknown"]))
        shared = F32(direction["affinity"]) * term(self._affinity(query)) + \
            F32(direction["distance"]) * term(distance)
        shared_weight = direction["affinity"] + direction["distance"]

        discipline = self._discipline_factor(query)

        def blend(needs, has_needs, audience, has_audience):
            numerator = shared
            denominator = np.full(n, shared_weight, dtype=F32)
            if has_needs is not None:
                numerator = numerator + np.where(has_needs, F32(direction["needs"]) * term(needs), F32(0))
                denominator += np.where(has_needs, F32(direction["needs"]), F32(0))
            if has_audience is not None:
                numerator = numerator + np.where(has_audience, F32(direction["audience"]) * term(audience), F32(0))
                denominator += np.where(has_audience, F32(direction["audience"]), F32(0))
            mean = numerator / denominator
            return np.exp(mean) if geometric else mean

        forward_needs, has_forward_needs = self._needs_forward(query, n, discipline)
        forward_audience, has_forward_audience = self._audience_forward(query)
        forward = blend(forward_needs, has_forward_needs, forward_audience, has_forward_audience)
        backward_needs, has_backward_needs = self._needs_backward(query, n, discipline)
        backward_audience, has_backward_audience = self._audience_backward(query)
        backward = blend(backward_needs, has_backward_needs, backward_audience, has_backward_audience)

        forward_known = has_forward_needs is not None or has_forward_audience is not None
        backward_known = _either(has_backward_needs, has_backward_audience, n)
        share = F32(weights["reciprocity"]["asker_share"])
        both = (forward > 0) & (backward > 0)
        harmonic = np.divide(F32(1), share / np.where(both, forward, F32(1)) +
                             (1 - share) / np.where(both, backward, F32(1)),
                             out=np.zeros(n, dtype=F32), where=both)
        if forward_known:
            score = np.where(backward_known, harmonic, forward)
        else:
            score = np.where(backward_known, backward, harmonic)
        partner_rows = [self.row_of[i] for i in (self._partners_of(query) | self._listed_by.get(query.id, set()))
                        if i in self.row_of]
        if partner_rows:
            score[partner_rows] *= F32(weights["novelty"]["existing_partner_factor"])
        sought = np.uint32(bits({need.type for need in query.needs}, TYPE_BIT))
        if sought:
            rival = ((p["need_types"] & sought) != 0) & ((p["offer_types"] & sought) == 0)
            score = np.where(rival, score * F32(weights["novelty"]["rival_factor"]), score)
        candidate = p["alive"] & reachable
        if kind is not None:
            candidate &= p["kind"] == KIND_CODE[kind]
        if query.id in self.row_of:
            candidate[self.row_of[query.id]] = False
        return np.where(candidate, score, F32(-np.inf))

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
        settings = self.weights["affinity"]
        n = p.size
        numerator = np.zeros(n, dtype=F32)
        denominator = np.zeros(n, dtype=F32)
        if query.text_vector is not None:
            cosine = p["text"] @ query.text_vector.astype(F32)
            weight = np.where(p["language"] == LANGUAGE_CODE.get(query.language, -1), F32(settings["text"]),
                              F32(settings["text"] * settings["text_across_languages"]))
            weight *= p["has_text"]
            numerator += weight * self._calibrated(cosine)
            denominator += weight
        if query.concept_vector is not None and self.concepts is not None:
            entries = self.concept_entries
            cosine = self.concepts.scores_of_rows(query.concept_vector, entries["row"], entries["number"],
                                                  p["concept_norm"])
            has = p["concept_norm"] > 0
            numerator += np.where(has, F32(settings["concepts"]) * self._calibrated(cosine), F32(0))
            denominator += np.where(has, F32(settings["concepts"]), F32(0))
        query_disciplines = bits(query.disciplines, DISCIPLINE_BIT)
        if query_disciplines:
            sizes = popcount(p["disciplines"])
            shared = popcount(p["disciplines"] & np.uint32(query_disciplines))
            has = sizes > 0
            value = np.divide(shared, np.minimum(sizes, F32(len(query.disciplines))),
                              out=np.zeros(n, dtype=F32), where=has)
            numerator += np.where(has, F32(settings["disciplines"]) * value, F32(0))
            denominator += np.where(has, F32(settings["disciplines"]), F32(0))
        if query.themes:
            shared = np.zeros(n, dtype=F32)
            for theme in query.themes:
                rows = self._theme_array(theme)
                if rows.size:
                    shared[rows] += 1.0  # a row holds each theme once
            counts = p["theme_count"]
            has = counts > 0
            value = np.divide(shared, np.minimum(counts, F32(len(query.themes))),
                              out=np.zeros(n, dtype=F32), where=has)
            numerator += np.where(has, F32(settings["themes"]) * value, F32(0))
            denominator += np.where(has, F32(settings["themes"]), F32(0))
        return np.divide(numerator, denominator, out=np.zeros(n, dtype=F32), where=denominator > 0)

    def _calibrated(self, cosine: np.ndarray) -> np.ndarray:
        settings = self.weights["affinity"]
        floor, ceiling = settings["cosine_floor"], settings["cosine_ceiling"]
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
        settings = self.weights["distance"]
        theirs = self.profiles["max_km"]
        larger = np.where(np.isinf(theirs), F32(-np.inf), theirs)
        if query.max_distance_km is not None:
            larger = np.maximum(larger, F32(query.max_distance_km))
        return np.maximum(F32(settings["half_score_km"]), F32(settings["reach_share"]) * larger)

    def _distances(self, query: Prepared) -> np.ndarray:
        if query.lat is None:
            return np.full(self.profiles.size, np.nan, dtype=F32)
        return self._distances_from(query.lat, query.lon)

    def _distances_from(self, lat: float, lon: float) -> np.ndarray:
        """Great-circle km from a point to every row (NaN where a row has no place)."""
        p = self.profiles
        lat1, lon1 = math.radians(lat), math.radians(lon)
        a = np.sin((p["lat_radians"] - F32(lat1)) / 2) ** 2 + \
            F32(math.cos(lat1)) * p["lat_cosine"] * np.sin((p["lon_radians"] - F32(lon1)) / 2) ** 2
        return F32(2 * EARTH_RADIUS_KM) * np.arcsin(np.minimum(F32(1), np.sqrt(a)))

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
        return (coverage * amount * audience).astype(F32)

    def _rows_of_type(self, table_name: str, type_code: int) -> "_TypeRows":
        """Rows of the offers or needs table of one exchange type, kept until a profile is added."""
        key = (table_name, type_code)
        found = self._type_rows.get(key)
        if found is None:
            table = self.offers if table_name == "offers" else self.needs
            found = self._type_rows[key] = _TypeRows(np.flatnonzero(table["type"] == type_code), table["owner"])
        return found

    def _type_factors(self, need_type: str) -> list[tuple[int, float]]:
        """(offer type code, factor) of the offers that can meet a need of this type."""
        substitutes = self.weights["needs"]["substitutes"].get(need_type, {})
        return [(TYPE_CODE[need_type], 1.0)] + [(TYPE_CODE[t], f) for t, f in substitutes.items() if f > 0]

    def _discipline_factor(self, query: Prepared) -> np.ndarray | None:
        """Per candidate: 1 where it shares a discipline with the query (see scoring.share_a_discipline),
        else the factor for discipline-sensitive needs; None when that is 1 for all."""
        own = bits(query.disciplines, DISCIPLINE_BIT)
        if not own or own & MULTIDISCIPLINARY:
            return None
        theirs = self.profiles["disciplines"]
        related = bits(related_disciplines(query.disciplines, self.weights), DISCIPLINE_BIT)
        shared = (theirs == 0) | ((theirs & np.uint32(related | MULTIDISCIPLINARY)) != 0)
        return np.where(shared, F32(1), F32(self.weights["needs"]["no_shared_discipline"]))

    def _needs_forward(self, query: Prepared, n: int, discipline: np.ndarray | None):
        """Mean over the query's needs of how well each candidate meets it (see scoring.needs_met):
        a candidate that states no offer meets none. (values, True) or (None, None) without needs."""
        if not query.needs:
            return None, None
        offers = self.offers
        total = np.zeros(n, dtype=F32)
        query_audiences = bits(query.audiences, AUDIENCE_BIT)
        artist_factor = None
        sensitive = self.weights["needs"]["discipline_sensitive"]
        for need in query.needs:
            best = np.zeros(n, dtype=F32)
            need_audiences = np.uint32(bits(need.audiences, AUDIENCE_BIT))
            for type_code, factor in self._type_factors(need.type):
                of_type = self._rows_of_type("offers", type_code)
                rows, owners = of_type.rows, of_type.owners
                if rows.size == 0:
                    continue
                fit = F32(factor) * self._fit(
                    np.int32(need.start or 0), np.int32(need.end or 0), need.start is not None,
                    F32(np.nan if need.amount_eur is None else need.amount_eur), need_audiences,
                    offers["start"][rows], offers["end"][rows], offers["dated"][rows],
                    offers["amount"][rows], offers["audiences"][rows])
                if discipline is not None and need.type in sensitive:
                    fit = fit * discipline[owners]
                of_type.keep_best_per_owner(best, fit)
            if need.type == "audience_reach":
                asked = bits(need.audiences, AUDIENCE_BIT) or query_audiences
                if asked:
                    if artist_factor is None:
                        artist_factor = np.where(self.profiles["kind"] == KIND_CODE["artist"],
                                                 F32(self.weights["needs"]["artist_reaches_audience"]), F32(1))
                    reached = popcount(self.profiles["audiences"] & np.uint32(asked))
                    np.maximum(best, artist_factor * reached * F32(1 / bin(asked).count("1")), out=best)
            total += best
        total *= F32(1 / len(query.needs))
        return total, True

    def _needs_backward(self, query: Prepared, n: int, discipline: np.ndarray | None):
        """Mean over each candidate's needs of how well the query meets it (see scoring.needs_met);
        (values, which candidates have needs that count), or (None, None) when none has."""
        needs = self.needs
        if needs.size == 0:
            return None, None
        met = np.zeros(needs.size, dtype=F32)
        sensitive = self.weights["needs"]["discipline_sensitive"]
        for offer in query.offers:
            for need_type in EXCHANGE_TYPES:
                factor = 1.0 if need_type == offer.type else \
                    self.weights["needs"]["substitutes"].get(need_type, {}).get(offer.type, 0.0)
                if factor <= 0:
                    continue
                rows = self._rows_of_type("needs", TYPE_CODE[need_type]).rows
                if rows.size == 0:
                    continue
                fit = F32(factor) * self._fit(
                    needs["start"][rows], needs["end"][rows], needs["dated"][rows],
                    needs["amount"][rows], needs["audiences"][rows],
                    np.int32(offer.start or 0), np.int32(offer.end or 0), offer.start is not None,
                    F32(np.nan if offer.amount_eur is None else offer.amount_eur),
                    np.uint32(bits(offer.audiences, AUDIENCE_BIT)))
                if discipline is not None and need_type in sensitive:
                    fit = fit * discipline[needs["owner"][rows]]
                met[rows] = np.maximum(met[rows], fit)
        query_audiences = bits(query.audiences, AUDIENCE_BIT)
        reach_rows = self._rows_of_type("needs", AUDIENCE_REACH).rows
        if query_audiences and reach_rows.size:
            owner_audiences = self.profiles["audiences"][needs["owner"][reach_rows]]
            asked = np.where(needs["audiences"][reach_rows] != 0, needs["audiences"][reach_rows], owner_audiences)
            reached = popcount(asked & np.uint32(query_audiences))
            ratio = np.divide(reached, popcount(asked), out=np.zeros(reach_rows.size, dtype=F32),
                              where=reached > 0)
            if query.kind == "artist":
                ratio = ratio * F32(self.weights["needs"]["artist_reaches_audience"])
            met[reach_rows] = np.maximum(met[reach_rows], ratio)
        if query.offers:
            sums = np.bincount(needs["owner"], weights=met, minlength=n)[:n]
            counts = self.profiles["need_count"]
        else:
            sums = np.bincount(needs["owner"][reach_rows], weights=met[reach_rows], minlength=n)[:n]
            counts = self.profiles["reach_need_count"]
        has_needs = counts > 0
        return np.divide(sums.astype(F32), counts, out=np.zeros(n, dtype=F32), where=has_needs), has_needs

    def _audience_forward(self, query: Prepared):
        wanted = bits(query.wanted_audiences, AUDIENCE_BIT)
        if not wanted:
            return None, None
        return popcount(self.profiles["audiences"] & np.uint32(wanted)) * F32(1 / bin(wanted).count("1")), True

    def _audience_backward(self, query: Prepared):
        if not query.audiences:
            return None, None
        wanted = self.profiles["wanted"]
        sizes = popcount(wanted)
        has_wanted = sizes > 0
        shared = popcount(wanted & np.uint32(bits(query.audiences, AUDIENCE_BIT)))
        return np.divide(shared, sizes, out=np.zeros(self.profiles.size, dtype=F32), where=has_wanted), has_wanted


class _TypeRows:
    """The rows of one exchange type in an offers or needs table, and their owners. Tables are
    filled in row order, so owners never decrease: each owner's exchanges are one run."""

    def __init__(self, rows: np.ndarray, owner_column: np.ndarray):
        self.rows = rows
        self.owners = owner_column[rows]
        self.run_starts = np.flatnonzero(np.r_[True, self.owners[1:] != self.owners[:-1]]) if rows.size else rows
        self.run_owners = self.owners[self.run_starts]

    def keep_best_per_owner(self, best: np.ndarray, fit: np.ndarray) -> None:
        """best[owner] = max(best[owner], fit of each of its exchanges)."""
        if self.rows.size:
            best[self.run_owners] = np.maximum(best[self.run_owners], np.maximum.reduceat(fit, self.run_starts))


def _either(first, second, n: int):
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
