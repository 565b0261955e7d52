"""What the reader takes from a text together with the words that led to each item, for a person to check.

The reader keeps its evidence apart from what is stored with a profile
(`Understanding.as_dict()` leaves it out), so the stored derivation does not
change when only the evidence does. To show why a stored profile was read as it
was, its description is read again here the way `preparation.derive()` reads it.
`matcher understand`, `GET /profiles/{id}/understood` and the profile page all
show this one result.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from matcher.profiles import Profile
from matcher.understanding.preparation import profile_language, read_description
from matcher.understanding.reach import read_reach
from matcher.understanding.reader import understand


@dataclass(frozen=True)
class ReadingWithEvidence:
    """What was read from a text and, in reading order, what led to each item.

    `understood` has the shape stored with a profile (`Understanding.as_dict()`).
    Each item of `evidence` is `{"field", "key", "words", "cue"}`: the field it
    went to (disciplines, audiences, themes, offers, needs or negated; for a search also
    radius_km, the distance its text keeps to), its
    lexicon key, the words of the text that named it (as the reader folds them:
    lower case, without accents) and the cue phrase that made it an offer or a
    need, or None. `language` is the language to show it in: a text's own, or,
    for a profile, the one its suggestions are written in.
    """

    language: str | None
    understood: dict
    evidence: list[dict]

    def as_dict(self) -> dict:
        return {"language": self.language, "understood": self.understood, "evidence": self.evidence}


def read_with_evidence(text: str, reference_date: dt.date | None = None, organiser: bool | None = None,
                       searching: bool = False) -> ReadingWithEvidence:
    """Read a free text as `reader.understand` does (same arguments) and keep what led to each item."""
    read = understand(text, reference_date, organiser=organiser, searching=searching)
    evidence = list(read.evidence)
    if searching and (reach := read_reach(text)) is not None:
        # a search keeps to the distance its text sets (Matcher.search); a profile has max_distance_km
        evidence.append({"field": "radius_km", "key": f"{reach.km:g}", "words": reach.words, "cue": None})
    return ReadingWithEvidence(read.language, read.as_dict(), evidence)


def read_profile_again(profile: Profile, reference_date: dt.date | None = None) -> ReadingWithEvidence:
    """A profile's description read again with the arguments `derive()` reads it with, so that what
    is read matches what was stored when the lexicon is the same: an organisation's text or a
    maker's by its kind, its own name naming nothing, and the language of its name and themes
    when the text shows none."""
    read = read_description(profile, reference_date)
    return ReadingWithEvidence(profile_language(profile, read), read.as_dict(), read.evidence)
