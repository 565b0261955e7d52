"""Concept vectors: what a profile is about, in one language-free vector.

Every concept of the lexicon that describes a profile (a discipline, an
audience, a theme) has one embedding of its English label: "dance",
"for teenagers", "about migration". A profile's concept vector is the
normalised sum of the embeddings of its concepts, so a Dutch and a French
profile naming the same concepts get the same vector, and related concepts
(dance and theatre) stay close.

Because the vector is a sum, its cosine with any vector q is
`(labels @ q)[its concepts].sum() / norm`: the index scores every stored
profile from a few concept numbers each (`scores_of_rows`), with no second
embedding matrix in memory. `vector()` is the plain form the pair scorer uses.
"""
from __future__ import annotations

from typing import Callable, Iterable, Sequence

import numpy as np
from scipy import sparse

from matcher.understanding.lexicon import Lexicon

# (section of the lexicon, the Prepared attribute holding its keys, prefix of the label)
SECTIONS = (("disciplines", "disciplines", ""), ("audiences", "audiences", "for "), ("themes", "themes", "about "))


def concept_phrases(vocabulary: Lexicon) -> list[tuple[str, str, str]]:
    """(section, key, English phrase) of every concept, in a fixed order."""
    return [(section, key, prefix + vocabulary.label(section, key, "en"))
            for section, _, prefix in SECTIONS for key in vocabulary.keys(section)]


class ConceptSpace:
    """The label embeddings of all concepts, and profile vectors made from them."""

    def __init__(self, keys: Sequence[tuple[str, str]], label_vectors: np.ndarray):
        if len(keys) != len(label_vectors):
            raise ValueError(f"{len(keys)} concepts but {len(label_vectors)} label vectors")
        self.keys = list(keys)
        self.number_of = {key: number for number, key in enumerate(self.keys)}
        self.label_vectors = np.ascontiguousarray(label_vectors, dtype=np.float32)
        self.dim = self.label_vectors.shape[1]

    @classmethod
    def from_lexicon(cls, vocabulary: Lexicon, embed: Callable[[list[str]], np.ndarray]) -> "ConceptSpace":
        phrases = concept_phrases(vocabulary)
        vectors = np.asarray(embed([phrase for _, _, phrase in phrases]), dtype=np.float32)
        return cls([(section, key) for section, key, _ in phrases], vectors)

    def numbers(self, profile) -> np.ndarray:
        """The concept numbers of a profile (anything with disciplines, audiences and themes)."""
        found = []
        for section, attribute, _ in SECTIONS:
            for key in getattr(profile, attribute):
                number = self.number_of.get((section, key))
                if number is not None:
                    found.append(number)
        return np.array(sorted(found), dtype=np.int32)

    def summed(self, numbers: Iterable[int]) -> np.ndarray:
        numbers = np.asarray(list(numbers), dtype=np.int64)
        return self.label_vectors[numbers].astype(np.float64).sum(axis=0)

    def vector(self, profile) -> np.ndarray | None:
        """The profile's concept vector (unit length); None when it names no known concept
        or its concepts cancel out."""
        numbers = self.numbers(profile)
        if numbers.size == 0:
            return None
        total = self.summed(numbers)
        norm = float(np.linalg.norm(total))
        return None if norm == 0 else (total / norm).astype(np.float32)

    def norm(self, numbers: np.ndarray) -> float:
        """Length of the summed label vectors; 0 for no concepts."""
        return float(np.linalg.norm(self.summed(numbers))) if len(numbers) else 0.0

    def incidence(self, row_of_entry: np.ndarray, number_of_entry: np.ndarray, rows: int) -> sparse.csr_array:
        """Rows x concepts, 1 where a row names a concept, from (row, number) entries sorted by row."""
        starts = np.searchsorted(row_of_entry, np.arange(rows + 1))
        return sparse.csr_array((np.ones(len(number_of_entry), dtype=np.float32), number_of_entry, starts),
                                shape=(rows, len(self.keys)))

    def scores_of_rows(self, query_vector: np.ndarray, incidence: sparse.csr_array, norms: np.ndarray) -> np.ndarray:
        """Cosine of `query_vector` with every row's concept vector, given the rows' concept
        incidence and their norms; 0 for rows with none."""
        per_concept = self.label_vectors @ np.asarray(query_vector, dtype=np.float32)
        sums = incidence @ per_concept
        return np.divide(sums, norms, out=np.zeros(len(norms), dtype=np.float32), where=norms > 0)
