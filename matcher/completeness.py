"""How complete a profile is for matching: a figure from 0 to 100, and what to add for better
matches, what helps most first.

A profile is judged on what matching uses (`derive()`'s `effective` and `place`): what it states,
else what was read from its description. So a paragraph that says what is offered and sought
counts as much as the same filled in field by field, and a directory record with only a name and
an address scores low, since nothing can be read from a name.

Only what applies is counted: periods once there are offers or needs that happen at a time, the
size of a space once a space is offered. The figure is the share of the applicable weight earned.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from matcher.profiles import SPACE_TYPES, Profile
from matcher.understanding.preparation import derive

# Points out of 100, after the parts of a direction's score (models/weights.json, "direction":
# affinity 0.40, needs 0.35, audience 0.10, distance 0.15):
# - description 20: its words make the text vector and, through what is read, the concept vector,
#   together 0.6 of affinity; and it is where offers, needs and audiences are read from.
# - disciplines_or_themes 12: the other 0.35 of affinity (disciplines 0.30, themes 0.05), and an
#   offer of a discipline-bound type from a partner sharing no discipline counts 0.4.
# - offers 15, needs 15, periods 10, space_size 5: the needs component, in both directions (the
#   partner's needs met by one's offers, one's needs by its offers); without a period an offer
#   meets a need at any time, so a January room is suggested for July, and without a size a room
#   is judged on its type alone.
# - audiences 8: the audience component, and audience_reach needs met through one's audiences.
# - place 15: distance; without a point it counts 0.5 for everyone, and `max_distance_km` cannot
#   keep out partners too far away.
# - contact 0: it does not change a ranking, but without it a suggestion cannot become a
#   conversation, so it is listed for the owner; giving it no weight also keeps the figure, which
#   anyone may see, from telling whether a profile has (private) contact details.
WEIGHTS = {
    "description": 20,
    "disciplines_or_themes": 12,
    "audiences": 8,
    "offers": 15,
    "needs": 15,
    "periods": 10,
    "place": 15,
    "space_size": 5,
    "contact": 0,
}
# A description this long carries enough sentences for the reader and the text vector; a shorter
# one earns its share (a name repeated, "Theatre.", earns little).
FULL_DESCRIPTION_WORDS = 30
# Standing offers and needs, for which a period says little: a public reached, promotion, schools.
TIMELESS_TYPES = frozenset({"audience_reach", "promotion", "school_network"})
SIZE_FIELDS = ("area_m2", "seated", "standing")


@dataclass(frozen=True)
class ToAdd:
    """One thing to add: `key` (one of WEIGHTS) and how many points the figure would gain."""

    key: str
    gain: int

    def as_dict(self) -> dict:
        return {"key": self.key, "gain": self.gain}


@dataclass(frozen=True)
class Completeness:
    """A profile's figure (0-100) and what to add, the largest gain first (contact, which has no
    weight, last)."""

    percent: int
    to_add: list[ToAdd]

    def as_dict(self, with_to_add: bool = True) -> dict:
        """The JSON form; `to_add` is null when it is not for the reader (only the owner sees it)."""
        return {"percent": self.percent,
                "to_add": [item.as_dict() for item in self.to_add] if with_to_add else None}


def earned_shares(profile: Profile, derived: dict) -> dict[str, float]:
    """For each item that applies to this profile, the share of it that is there (0 to 1)."""
    effective = derived["effective"]
    offers, needs = effective["offers"], effective["needs"]
    words = len((profile.description or "").split())
    place = derived.get("place") or {}
    contact = profile.contact
    shares = {
        "description": min(1.0, words / FULL_DESCRIPTION_WORDS),
        "disciplines_or_themes": float(bool(effective["disciplines"] or effective["themes"]
                                            or effective.get("free_themes"))),
        "audiences": float(bool(effective["audiences"])),
        "offers": float(bool(offers)),
        "needs": float(bool(needs)),
        "place": float(place.get("lat") is not None),
        "contact": float(bool(contact and (contact.email or contact.phone or contact.website
                                           or contact.model_extra))),
    }
    timed = [item for item in offers + needs if item["type"] not in TIMELESS_TYPES]
    if timed:
        shares["periods"] = sum(1 for item in timed if item.get("period")) / len(timed)
    spaces = [offer for offer in offers if offer["type"] in SPACE_TYPES]
    if spaces:
        shares["space_size"] = sum(1 for offer in spaces if _sized(offer)) / len(spaces)
    return shares


def _sized(offer: dict) -> bool:
    space = offer.get("space") or {}
    return any(space.get(name) is not None for name in SIZE_FIELDS)


def completeness(profile: Profile, derived: dict | None = None) -> Completeness:
    """How complete `profile` is for matching; `derived` is what `derive()` made of it (stored with
    the profile), derived now when not given."""
    shares = earned_shares(profile, derived if derived is not None else derive(profile))
    applicable = sum(WEIGHTS[key] for key in shares)
    earned = sum(WEIGHTS[key] * share for key, share in shares.items())
    # A gain is at least a point, so that nothing listed reads as worthless; the figure is rounded
    # down, so that 100 means nothing is left to add that counts.
    to_add = [ToAdd(key, max(1, round(100 * WEIGHTS[key] * (1 - share) / applicable)) if WEIGHTS[key] else 0)
              for key, share in shares.items() if share < 1]
    to_add.sort(key=lambda item: (WEIGHTS[item.key] == 0, -item.gain, list(WEIGHTS).index(item.key)))
    return Completeness(math.floor(100 * earned / applicable + 1e-9), to_add)
