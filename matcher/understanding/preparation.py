"""From a profile to what matching uses.

`derive()` runs once per import and its result is stored beside the profile:
the resolved place, the language, what was understood from the text, the
effective fields (what the profile states, filled in from the text where it
states nothing), and the text to embed: the profile's own words. What lets a
Dutch and a French profile about the same work meet is the concept vector made
from its recognised concepts (see concepts.py), not stored per profile.

`Prepared` is the in-memory form the scorers work on.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

import numpy as np

from matcher.errors import InvalidPlace, PlaceNotFound
from matcher.places.gazetteer import Gazetteer, gazetteer
from matcher.profiles import Profile
from matcher.storage.store import text_hash
from matcher.understanding.concepts import ConceptSpace
from matcher.understanding.lexicon import LEXICON_PATH, Lexicon, lexicon
from matcher.understanding.reader import Understanding, detect_language, understand

FALLBACK_LANGUAGE = "en"
SEARCH_ID = "_query"  # the id a free-text search is prepared under
# Bump when derive() changes what it produces; the lexicon's content is part of the version too.
DERIVATION_FORMAT = 9


@lru_cache(maxsize=1)
def derivation_version() -> str:
    """What stored derivations were made with: profiles derived otherwise are derived again."""
    return f"{DERIVATION_FORMAT}:{hashlib.sha256(LEXICON_PATH.read_bytes()).hexdigest()[:16]}"


def resolve_place(profile: Profile, places: Gazetteer | None = None) -> dict | None:
    if profile.location is None:
        return None
    places = places or gazetteer()
    location = profile.location
    try:
        place = places.resolve(location.municipality, location.postcode, location.lat, location.lon,
                               location.country)
    except PlaceNotFound as error:
        field_name = ("location.municipality" if error.part == "municipality" else
                      "location.postcode" if error.part == "postcode" else "location")
        raise InvalidPlace(field_name, str(error), error.code) from None
    municipality = place.municipality
    located = place.lat is not None  # a place abroad without coordinates has no point
    return {
        "lat": round(place.lat, 6) if located else None, "lon": round(place.lon, 6) if located else None,
        "label": place.label, "country": place.country,
        "municipality": municipality.name_nl if municipality else None,
        "municipality_fr": municipality.name_fr if municipality else None,
        "nis": municipality.nis if municipality else None,
        "region": municipality.region if municipality else None,
        "province": municipality.province if municipality else None,
    }


def resolve_served(profile: Profile, places: Gazetteer | None = None) -> list[dict]:
    """The points of the places a profile says it serves (`serves`), a province or region as the
    centres of its municipalities; raises InvalidPlace naming the entry (`serves[1]`)."""
    places = places or gazetteer()
    served = []
    for number, name in enumerate(profile.serves):
        try:
            found = places.resolve_served(name)
        except PlaceNotFound as error:
            raise InvalidPlace(f"serves[{number}]", str(error), error.code) from None
        served += [{"name": name, "lat": round(place.lat, 6), "lon": round(place.lon, 6),
                    "municipality": place.municipality.name_nl if place.municipality else None}
                   for place in found]
    return served


def profile_language(profile: Profile, understood: Understanding) -> str:
    """The language to answer this profile in: its text's, else its first working language."""
    if understood.language:
        return understood.language
    for language in profile.languages:
        if language in ("nl", "fr", "en"):
            return language
    return FALLBACK_LANGUAGE


def read_description(profile: Profile, reference_date: dt.date | None = None,
                     vocabulary: Lexicon | None = None) -> Understanding:
    """A profile's description as matching reads it: an organisation's text or a maker's by its
    kind (a search's from its words), its own name naming nothing, and the language of its name
    and themes when the text shows none."""
    vocabulary = vocabulary or lexicon()
    searching = profile.id == SEARCH_ID
    understood = understand(profile.description, reference_date, vocabulary,
                            organiser=None if searching else profile.kind == "organisation",
                            searching=searching, name=profile.name)
    if not understood.language:
        understood.language = detect_language(f"{profile.name}. {' '.join(profile.themes)}", vocabulary)
    return understood


def derive(profile: Profile, reference_date: dt.date | None = None,
           vocabulary: Lexicon | None = None, places: Gazetteer | None = None) -> dict:
    """Everything matching derives from a profile, as plain JSON-ready data."""
    vocabulary = vocabulary or lexicon()
    understood = read_description(profile, reference_date, vocabulary)
    theme_keys = []
    for theme in profile.themes:
        theme_keys += vocabulary.concepts(theme, "themes") or []
    effective = {
        "disciplines": list(profile.disciplines) or understood.disciplines,
        "audiences": list(profile.audiences) or understood.audiences,
        "themes": list(dict.fromkeys(theme_keys + understood.themes)),
        "free_themes": [t.strip().lower() for t in profile.themes if not vocabulary.concepts(t, "themes")],
        "offers": [o.model_dump(mode="json", exclude_defaults=True) for o in profile.offers] or understood.offers,
        "needs": [n.model_dump(mode="json", exclude_defaults=True) for n in profile.needs] or understood.needs,
        "partner_kinds": list(profile.partner_kinds) or understood.partner_kinds,
    }
    texts = {"description": own_words(profile)}
    return {
        "version": derivation_version(),
        "language": profile_language(profile, understood),
        "place": resolve_place(profile, places),
        "served": resolve_served(profile, places),
        "understood": understood.as_dict(),
        "effective": effective,
        "texts": texts,
        "text_hashes": [text_hash(t) for t in texts.values() if t],
        "vector_of": {role: text_hash(t) for role, t in texts.items() if t},
    }


def own_words(profile: Profile) -> str:
    parts = [profile.name]
    if profile.description:
        parts.append(profile.description)
    if profile.themes:
        parts.append(", ".join(profile.themes))
    return ". ".join(parts)


# What a residency's support also gives, as an offer of its own (docs/profile-format.md, "Residency
# depth"): its technical support meets, in part, a need for technical support, and so on. How much
# it meets is a weight (weights.terms.support_meets).
SUPPORT_GIVES = {"technical": "technical_support", "coaching": "production_support", "fee": "coproduction_budget",
                 "showing": "performance_venue"}


@dataclass
class Exchange:
    """An offer or need in the form scoring uses: dates as ordinal days, the terms flattened
    (None where not stated)."""

    type: str
    start: int | None
    end: int | None
    amount_eur: float | None
    audiences: frozenset[str]
    note: str | None = None
    in_return: frozenset[str] = frozenset()
    area_m2: float | None = None
    seated: int | None = None
    standing: int | None = None
    beds: int | None = None
    features: frozenset[str] = frozenset()
    support: frozenset[str] = frozenset()
    price: str | None = None
    price_eur: float | None = None
    in_kind: frozenset[str] = frozenset()
    budget_eur: float | None = None
    # An offer that stands for part of another: the residency support key it comes from
    # (SUPPORT_GIVES), or the need type its owner gives it in return for.
    support_key: str | None = None
    in_return_for: str | None = None
    # A need its text asks for only if it can be had ("ideally", "si possible"): it counts for
    # less in how well a partner meets the needs (weights.needs.optional_share).
    optional: bool = False

    @classmethod
    def from_dict(cls, item: dict) -> "Exchange":
        period = item.get("period") or {}
        start = dt.date.fromisoformat(period["start"]).toordinal() if period.get("start") else None
        end = dt.date.fromisoformat(period["end"]).toordinal() if period.get("end") else None
        space = item.get("space") or {}
        return cls(item["type"], start, end, item.get("amount_eur"),
                   frozenset(item.get("audiences") or ()), item.get("note"),
                   in_return=frozenset(item.get("in_return") or ()),
                   area_m2=space.get("area_m2"), seated=space.get("seated"), standing=space.get("standing"),
                   beds=space.get("beds"), features=frozenset(space.get("features") or ()),
                   support=frozenset(item.get("support") or ()), price=item.get("price"),
                   price_eur=item.get("price_eur"), in_kind=frozenset(item.get("in_kind") or ()),
                   budget_eur=item.get("budget_eur"), optional=bool(item.get("optional")))

    @property
    def states_support(self) -> bool:
        return bool(self.support) or self.beds is not None


def with_implied_offers(offers: list[Exchange], needs: list[Exchange]) -> list[Exchange]:
    """The offers as scoring counts them: the stated ones, then what they imply. What a need gives
    in return is offered (for that need's period), and a residency's support gives, in part, what
    SUPPORT_GIVES says. An implied offer of a type already offered is left out: the stated one
    says more."""
    offered = {offer.type for offer in offers}
    implied: list[Exchange] = []
    for need in needs:
        for given in sorted(need.in_return - offered):
            implied.append(Exchange(given, need.start, need.end, None, frozenset(), in_return_for=need.type))
            offered.add(given)
    for offer in offers:
        if offer.type != "residency":
            continue
        for key in sorted(offer.support):
            given = SUPPORT_GIVES.get(key)
            if given is not None and given not in offered:
                # on the residency's terms: what it asks in return and costs is asked for this part too
                implied.append(Exchange(given, offer.start, offer.end, None, frozenset(), support_key=key,
                                        in_return=offer.in_return, price=offer.price, price_eur=offer.price_eur))
                offered.add(given)
    return offers + implied


@dataclass
class Prepared:
    """A profile ready for scoring."""

    id: str
    kind: str
    name: str
    language: str
    lat: float | None
    lon: float | None
    municipality: str | None
    max_distance_km: float | None
    disciplines: frozenset[str]
    audiences: frozenset[str]
    themes: frozenset[str]
    offers: list[Exchange]
    needs: list[Exchange]
    partners: frozenset[str]
    text_vector: np.ndarray | None = None
    concept_vector: np.ndarray | None = None
    free_text_only: bool = False
    municipality_fr: str | None = None
    type: str | None = None  # the finer kind (school, company, ...), which a sought partner kind may name
    partner_kinds: frozenset[str] = frozenset()  # the kinds of partner sought: "artist", "organisation", types
    # the points of the other places it serves (`serves`); distances count from the nearest place
    served: tuple[tuple[float, float], ...] = ()
    served_municipalities: frozenset[str] = frozenset()
    # the profiles it has an accepted introduction with (matcher/introductions.py): they count as
    # partners, like `partners`. Filled by the Matcher when it reads profiles for scoring, never
    # kept in the index or its saved file, so an answer counts at once in every process.
    introduced: frozenset[str] = frozenset()
    derived: dict = field(default_factory=dict, repr=False)

    @property
    def points(self) -> tuple[tuple[float, float], ...]:
        """Every point it is at or serves, its own place first; empty when none is known."""
        own = ((self.lat, self.lon),) if self.lat is not None else ()
        return own + self.served

    @cached_property
    def wanted_audiences(self) -> frozenset[str]:
        """Audiences this profile wants a partner to reach: those it asks for, else its own."""
        asked = frozenset(a for need in self.needs if need.type == "audience_reach" for a in need.audiences)
        return asked or self.audiences


def prepare(profile: Profile, derived: dict, vectors: dict[str, np.ndarray], concepts: ConceptSpace | None,
            keep_derived: bool = True) -> Prepared:
    """The scoring form of a profile; `keep_derived=False` where only scoring needs it."""
    return prepare_stored(profile.id, profile.kind, profile.type, profile.name, profile.max_distance_km,
                          profile.partners, profile.is_free_text_only, derived, vectors, concepts, keep_derived)


def prepare_stored(profile_id: str, kind: str, profile_type: str | None, name: str, max_distance_km: float | None,
                   partners, free_text_only: bool, derived: dict, vectors: dict[str, np.ndarray],
                   concepts: ConceptSpace | None, keep_derived: bool = False) -> Prepared:
    """`prepare` from a stored row's columns, without validating the profile again; its concept
    vector made in `concepts` (none without)."""
    place = derived.get("place") or {}
    effective = derived["effective"]
    vector_of = derived.get("vector_of") or {role: text_hash(t) for role, t in derived["texts"].items() if t}
    needs = [Exchange.from_dict(n) for n in effective["needs"]]
    prepared = Prepared(
        id=profile_id, kind=kind, name=name, language=derived["language"],
        lat=place.get("lat"), lon=place.get("lon"), municipality=place.get("municipality"),
        max_distance_km=max_distance_km,
        disciplines=frozenset(effective["disciplines"]), audiences=frozenset(effective["audiences"]),
        themes=frozenset(effective["themes"]) | frozenset("free:" + t for t in effective.get("free_themes", [])),
        offers=with_implied_offers([Exchange.from_dict(o) for o in effective["offers"]], needs),
        needs=needs,
        partners=frozenset(partners),
        text_vector=vectors.get(vector_of["description"]) if "description" in vector_of else None,
        free_text_only=free_text_only, municipality_fr=place.get("municipality_fr"),
        type=profile_type, partner_kinds=frozenset(effective.get("partner_kinds", ())),
        served=tuple((point["lat"], point["lon"]) for point in derived.get("served", ())),
        served_municipalities=frozenset(point["municipality"] for point in derived.get("served", ())
                                        if point["municipality"]),
        derived=derived if keep_derived else {},
    )
    if concepts is not None:
        prepared.concept_vector = concepts.vector(prepared)
    return prepared
