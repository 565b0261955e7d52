"""The scoring index saved beside the database, so a restart loads arrays
instead of reading and understanding every stored profile again.

A snapshot is one uncompressed .npz file (`<database>.index`): every column of
the index, and its ids, themes, partners and concept sets. It carries a tag:
the database's generation (a counter SQLite triggers raise on every change to
a profile), the embedding model, the derivation version and the precision. A
snapshot made with another model, derivation or precision is not used: the
index is built from the rows and saved again. One that is only older than the
database is brought up to date by the engine with the profiles changed since
its generation (`Store.changed_since`). Files are written under a temporary
name and renamed, so a crash leaves the old snapshot or the new one, never
half of one.

A snapshot holds live profiles only: the index is compacted before it is
saved, so a deleted or replaced profile leaves no row behind (no id, vector,
place or bits of it stay in the file). Files of format 3 could hold such
rows: they are not loaded, and the index is built again and saved compacted.
"""
from __future__ import annotations

import json
import os
import zipfile
from array import array
from pathlib import Path

import numpy as np

from matcher.ranking.index import MatchIndex
from matcher.ranking.weights import Weights
from matcher.understanding.concepts import ConceptSpace

SNAPSHOT_FORMAT = 4  # 3: the terms of exchanges; 4: saved compacted, without dead rows
TABLES = ("profiles", "offers", "needs", "concept_sets", "concept_entries", "served_points",
          "served_municipalities")


def snapshot_path(database_path: str) -> Path | None:
    """Where the snapshot of a database lives; None for an in-memory database."""
    return None if database_path == ":memory:" else Path(f"{database_path}.index")


def save_index(index: MatchIndex, path: Path, tag: dict) -> None:
    """Write the index to `path` (atomically), tagged with what it was built from; the index is
    compacted first, so no removed profile is written."""
    index.compact()
    arrays = {f"{table}.{name}": column[:getattr(index, table).size]
              for table in TABLES for name, column in getattr(index, table).columns.items()}
    themes = sorted(index._theme_rows)
    arrays["theme_rows"] = np.concatenate([np.frombuffer(index._theme_rows[t], dtype=np.int32) for t in themes]) \
        if themes else np.zeros(0, dtype=np.int32)
    arrays["theme_sizes"] = np.array([len(index._theme_rows[t]) for t in themes], dtype=np.int64)
    details = {
        "tag": {**tag, "format": SNAPSHOT_FORMAT}, "ids": index.ids, "municipalities": index.municipalities,
        "themes": themes, "partners": {key: sorted(value) for key, value in index._partners.items()},
    }
    arrays["details"] = np.frombuffer(json.dumps(details, ensure_ascii=False).encode("utf-8"), dtype=np.uint8)
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        with open(temporary, "wb") as handle:
            np.savez(handle, **arrays)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def load_index(path: Path, tag: dict, concepts: ConceptSpace, weights: Weights) -> tuple[MatchIndex, int] | None:
    """The index saved at `path` and the database generation it shows, if the rest of its tag
    (model, derivation, precision) is `tag`'s; None when there is none or it was made otherwise."""
    if not path.is_file():
        return None
    try:
        with np.load(path, allow_pickle=False) as stored:
            details = json.loads(stored["details"].tobytes().decode("utf-8"))
            saved_tag = dict(details["tag"])
            generation = saved_tag.pop("generation", None)
            wanted = {key: value for key, value in tag.items() if key != "generation"}
            if saved_tag != {**wanted, "format": SNAPSHOT_FORMAT} or not isinstance(generation, int):
                return None
            columns = {key: stored[key] for key in stored.files if "." in key}
            theme_rows, theme_sizes = stored["theme_rows"], stored["theme_sizes"]
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile):
        return None  # unreadable: built again from the database
    text = columns["profiles.text"]
    index = MatchIndex(text.shape[1], concepts, weights, capacity=1,
                       text_precision="int8" if text.dtype == np.int8 else "float32")
    for table in TABLES:
        growable = getattr(index, table)
        for name in growable.columns:
            growable.columns[name] = columns[f"{table}.{name}"]
        growable.size = len(columns[f"{table}.{next(iter(growable.columns))}"])
    index.ids = details["ids"]
    index.row_of = {profile_id: row for row, profile_id in enumerate(index.ids)}
    index.municipalities = details["municipalities"]
    index._municipality_code = {name: code for code, name in enumerate(index.municipalities)}
    start = 0
    for theme, size in zip(details["themes"], theme_sizes.tolist()):
        index._theme_rows[theme] = array("i", theme_rows[start:start + size].tobytes())
        start += size
    for profile_id, partners in details["partners"].items():
        index._partners[profile_id] = frozenset(partners)
        for partner in partners:
            index._listed_by[partner].add(profile_id)
    entries = index.concept_entries
    numbers_of_set: list[list[int]] = [[] for _ in range(index.concept_sets.size)]
    for concept_set, number in zip(entries["set"].tolist(), entries["number"].tolist()):
        numbers_of_set[concept_set].append(number)
    index._concept_set_of = {tuple(numbers): concept_set for concept_set, numbers in enumerate(numbers_of_set)}
    return index, generation
