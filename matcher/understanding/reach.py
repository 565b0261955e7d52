"""How far a writer will go, read from the text: "niet verder dan 40 km", "within ~100 km of
Brussels", "dans un rayon de 40 km", "we can travel up to 60 km", "tot 80 km rijden is ok".

A distance said alone ("25 km west of Brussels", "à 30 km de Namur") tells where a place is, not
how far its writer will go, so only the words that set a limit are read."""
from __future__ import annotations

import re
from dataclasses import dataclass

from matcher.places.gazetteer import fold

_KM = r"(?:(?:~|±|ca|about|around|environ|ongeveer|zowat)\s*)?(\d{1,3})\s*(?:km|kilometers?|kilometres?)\b"
_LIMITS = (
    r"within", r"up to", r"no more than", r"not more than", r"no further than", r"no farther than",
    r"at most", r"max(?:imum|imaal)?", r"binnen(?: een straal van)?", r"niet verder dan", r"hoogstens", r"tot(?: op)?",
    r"in een straal van", r"dans un rayon de", r"jusqu a", r"pas plus (?:loin )?de", r"a moins de", r"au maximum",
)  # matched on folded text: no accents, no apostrophes
READ_REACH = re.compile(r"\b(?:" + "|".join(_LIMITS) + r")\s+" + _KM)


@dataclass(frozen=True)
class Reach:
    km: float
    words: str  # the words that set it, as written (folded)


def read_reach(text: str) -> Reach | None:
    """The nearest limit the text sets on the distance to a partner, or None."""
    folded = fold(text)
    found = [Reach(float(match.group(1)), match.group(0)) for match in READ_REACH.finditer(folded)]
    found = [reach for reach in found if reach.km > 0]
    return min(found, key=lambda reach: reach.km) if found else None
