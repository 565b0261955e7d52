"""Small builders for scoring tests."""
from __future__ import annotations

import datetime as dt

import numpy as np

from matcher.preparation import Exchange, Prepared


def day(text: str) -> int:
    return dt.date.fromisoformat(text).toordinal()


def exchange(type, start=None, end=None, amount=None, audiences=()) -> Exchange:
    return Exchange(type, day(start) if start else None, day(end) if end else None, amount, frozenset(audiences))


def unit(vector) -> np.ndarray:
    vector = np.asarray(vector, dtype=np.float32)
    return vector / np.linalg.norm(vector)


def prepared(id, kind="organisation", lat=50.85, lon=4.35, max_km=None, disciplines=(), audiences=(),
             themes=(), offers=(), needs=(), partners=(), text=None, concepts=None, language="en",
             space=None) -> Prepared:
    """A Prepared profile; its concept vector is `concepts` (any vector, for the plain scorers) or,
    with `space` (a ConceptSpace, as the index needs), made from its concepts."""
    item = Prepared(
        id=id, kind=kind, name=id, language=language, lat=lat, lon=lon, municipality=None,
        max_distance_km=max_km, disciplines=frozenset(disciplines), audiences=frozenset(audiences),
        themes=frozenset(themes), offers=list(offers), needs=list(needs), partners=frozenset(partners),
        text_vector=None if text is None else unit(text), concept_vector=None if concepts is None else unit(concepts))
    if space is not None:
        item.concept_vector = space.vector(item)
    return item
