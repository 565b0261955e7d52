"""Column storage for the vectorised scorers: growable numpy columns addressed by row, the
rows of one exchange type with per-owner reductions, and the vectorised fit of an offer to a
need. The index (`index.py`) and the alliance matrices (`pairwise.py`) share them."""
from __future__ import annotations

import numpy as np

from matcher.ranking.rules import popcount
from matcher.ranking.terms import TERM_COLUMNS

F32 = np.float32
EXCHANGE_FIT_COLUMNS = ("start", "end", "dated", "amount", "has_amount", "audiences")  # in exchange_fit's order


class Growable:
    """Column arrays that grow by half again when full, addressed by row number (half, not
    double: growing a million rows' text vectors holds the old and the new array at once)."""

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
                bigger = np.full((max(64, len(array_) + len(array_) // 2), *shape), fill, dtype=dtype)
                bigger[:len(array_)] = array_
                self.columns[name] = bigger
        row = self.size
        for name, value in values.items():
            self.columns[name][row] = value
        self.size += 1
        return row

    def __getitem__(self, name: str) -> np.ndarray:
        return self.columns[name][:self.size]


def exchange_fit(need_start, need_end, need_dated, need_amount, need_has_amount, need_audiences,
         offer_start, offer_end, offer_dated, offer_amount, offer_has_amount, offer_audiences) -> np.ndarray:
    """Vectorised `scoring.offer_fit` for exchanges already of the same type (one side may be
    one exchange, as scalars)."""
    both_dated = need_dated & offer_dated
    overlap = np.maximum(0, np.minimum(need_end, offer_end) - np.maximum(need_start, offer_start) + 1)
    coverage = (overlap / (need_end - need_start + 1)).astype(F32)  # a period's days: end - start + 1 >= 1
    coverage = F32(1) + (coverage - F32(1)) * both_dated
    both_amounts = need_has_amount & offer_has_amount & (need_amount > 0)
    ratio = np.minimum(F32(1), offer_amount / np.maximum(need_amount, F32(1e-30)))
    amount = F32(1) + (ratio - F32(1)) * both_amounts
    both_audiences = (need_audiences != 0) & (offer_audiences != 0)
    audience = popcount(need_audiences & offer_audiences) / np.maximum(popcount(need_audiences), F32(1))
    audience = F32(1) + (audience - F32(1)) * both_audiences
    return coverage * amount * audience


class TypeRows:
    """The rows of one exchange type in an offers or needs table, and their owners. Tables are
    filled in row order, so owners never decrease: each owner's exchanges are one run.

    Per-owner sums and maxima go level by level: level k holds the k-th exchange of every owner
    that has more than k, so an owner appears at most once per level and a fancy-indexed update
    is exact. Most owners have one or two exchanges: a few levels, twice as fast as reduceat,
    whose cost is per run."""

    def __init__(self, rows: np.ndarray, table: Growable):
        self.rows = rows
        self.owners = table["owner"][rows]
        # what exchange_fit and terms_factor_columns read, gathered once rather than at every query
        self.exchange_columns = tuple(table[name][rows] for name in EXCHANGE_FIT_COLUMNS)
        self.term_columns = {name: table[name][rows] for name in TERM_COLUMNS}
        self.owner_offers = table["owner_offers"][rows]
        self.share = table["share"][rows]
        run_starts = np.flatnonzero(np.r_[True, self.owners[1:] != self.owners[:-1]]) if rows.size else rows
        place_in_run = np.arange(rows.size) - np.repeat(run_starts, np.diff(np.r_[run_starts, rows.size]))
        self.levels = []  # (positions in rows, their owners), one pair per level
        for level in range(int(place_in_run.max()) + 1 if rows.size else 0):
            positions = np.flatnonzero(place_in_run == level)
            self.levels.append((positions, self.owners[positions]))

    def add_per_owner(self, sums: np.ndarray, values: np.ndarray) -> None:
        """sums[owner] += the values of its exchanges."""
        for positions, owners in self.levels:
            sums[owners] += values[positions]

    def keep_best_per_owner(self, best: np.ndarray, fit: np.ndarray) -> None:
        """best[owner] = max(best[owner], fit of each of its exchanges)."""
        for positions, owners in self.levels:
            best[owners] = np.maximum(best[owners], fit[positions])
