"""What each page shows, gathered from the library in one call on the Matcher's thread.

Routes stay thin: each awaits one of these through the shared Matcher (the
same `Matcher.search`, `Matcher.match`, `Matcher.understood`,
`Matcher.understood_with_evidence` and `Matcher.contact_for` the API and the
CLI use, and `completeness` of the stored profile as the API's GET gives it)
and hands the result to a template.
Contact details are read through `Matcher.contact_for` alone, the library's one
rule: a visitor sees its own profile's, the admin every one, and a profile
another's only once an introduction between them was accepted.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from matcher.alliances.proposals import Alliance
from matcher.alliances.svg import alliance_svg
from matcher.completeness import Completeness, completeness
from matcher.engine import Matcher, MatchResult
from matcher.introductions import Introduction
from matcher.results import NothingWithinReach
from matcher.places.gazetteer import PlaceNotFound, gazetteer
from matcher.profiles import Profile
from matcher.ranking.reasons import Reason

from .maps import MapPicture, Pin, area_picture, picture
from .session import Visitor
from .terms_words import terms_words


@dataclass
class SuggestionView:
    """One numbered suggestion as a page shows it."""

    number: int
    id: str
    name: str
    kind: str
    score: float
    components: dict[str, float | None]
    reasons: list[Reason]
    distance_km: float | None
    municipality: str | None
    lat: float | None = None
    lon: float | None = None
    contact: dict | None = None  # only as the visitor may see it
    introduction: Introduction | None = None  # the latest between the signed-in visitor and this suggestion


@dataclass
class Suggestions:
    items: list[SuggestionView]
    map: MapPicture | None
    language: str | None  # the language the reasons are written in
    unplaced: list[int] = field(default_factory=list)  # numbers of suggestions without a place


def _shown_components(components: dict[str, float | None], ties_known: bool) -> dict[str, float | None]:
    """The score's parts as the page names them. "New tie" is said only when the asker lists its
    partners (or the two are known partners): otherwise a tie may exist that nobody told us of."""
    if ties_known or components.get("novelty") == 0.0:
        return components
    return {name: value for name, value in components.items() if name != "novelty"}


def _suggestions(matcher: Matcher, result: MatchResult, asker: Pin | None, language: str | None,
                 viewer: Visitor, ties_known: bool = False) -> Suggestions:
    items = []
    viewer_id, admin = viewer.profile_id, viewer.is_admin
    latest = matcher.introductions.latest_with(viewer_id, [s.id for s in result.matches]) if viewer_id else {}
    for number, suggestion in enumerate(result.matches, start=1):
        candidate = matcher.prepared(suggestion.id)
        items.append(SuggestionView(
            number=number, id=suggestion.id, name=suggestion.name, kind=suggestion.kind,
            score=suggestion.score, components=_shown_components(suggestion.components, ties_known),
            reasons=suggestion.reasons,  # each Reason knows from its key whether it says what is missing
            distance_km=suggestion.distance_km, municipality=suggestion.municipality,
            lat=candidate.lat, lon=candidate.lon,
            contact=matcher.contact_for(suggestion.id, viewer_id, admin),
            introduction=latest.get(suggestion.id)))
    pins = [Pin(item.lat, item.lon, str(item.number), f"{item.name}, {item.municipality or ''}".rstrip(", "))
            for item in items if item.lat is not None and item.lon is not None]
    unplaced = [item.number for item in items if item.lat is None or item.lon is None]
    return Suggestions(items, picture(asker, pins), language, unplaced)


@dataclass
class SearchPage:
    understood: dict
    language: str | None
    place_label: str | None
    suggestions: Suggestions
    nothing_within_reach: NothingWithinReach | None = None  # said instead of an empty list


def search_page(matcher: Matcher, text: str, near: str | None, kind: str | None, limit: int,
                viewer: Visitor, radius_km: float | None = None) -> SearchPage:
    """Suggestions for a free-text request, placed on a map (raises InvalidRequest for a bad text,
    place or radius). A visitor signed in with a profile searches for it: not itself, and none it
    declined an introduction with or was declined by."""
    result = matcher.search(text, near=near, kind=kind, limit=limit, radius_km=radius_km,
                            for_profile=viewer.profile_id)
    asker = None
    if near:
        try:
            place = gazetteer().resolve_text(near)
            asker = Pin(place.lat, place.lon, "", place.label)
        except PlaceNotFound:  # search() already accepted it; nothing to add to the map then
            asker = None
    language = result.query.get("language")
    return SearchPage(result.query["understood"], language, asker.text if asker else None,
                      _suggestions(matcher, result, asker, language, viewer), result.nothing_within_reach)


@dataclass
class ComparedRow:
    """One line of "what you stated" beside "what we read": which of the two matching uses."""

    key: str
    stated: list
    understood: list
    uses: str  # "stated", "understood", "both" or "none"


@dataclass
class EvidenceLine:
    """One item read from a description and what led to it, as the profile page lists it."""

    field: str  # one of EVIDENCE_ORDER
    section: str  # the lexicon section its key is labelled from
    key: str
    words: str
    cue: str | None


@dataclass
class ProfilePage:
    profile: Profile
    place: dict | None
    language: str
    understood: dict
    rows: list[ComparedRow]
    contact: dict | None
    suggestions: Suggestions
    completeness: Completeness
    evidence: list[EvidenceLine] = field(default_factory=list)
    introduction: Introduction | None = None  # the latest between the signed-in visitor and this profile

    @staticmethod
    def terms(item: dict, section: str, language: str) -> str:
        """The terms of one offer or need, stated or read, in a line of the page's language."""
        return terms_words(item, section, language)


# The fields the page can name (each has a "row_" message), in the order of the rows above;
# the reader's order is kept within a field.
EVIDENCE_ORDER = ("disciplines", "audiences", "themes", "offers", "needs", "partner_kinds", "negated")


def _evidence_lines(evidence: list[dict]) -> list[EvidenceLine]:
    """The reader's evidence grouped by field; an item named by the same words twice is listed once."""
    lines = {}
    for item in evidence:
        if item["field"] not in EVIDENCE_ORDER:  # a field the reader learns later waits for its page words
            continue
        section = "exchange_types" if item["field"] in ("offers", "needs", "negated") else item["field"]
        line = EvidenceLine(item["field"], section, item["key"], item["words"], item["cue"])
        lines.setdefault((line.field, line.key, line.words, line.cue), line)
    return sorted(lines.values(), key=lambda line: EVIDENCE_ORDER.index(line.field))


def _compare(profile: Profile, understood: dict) -> list[ComparedRow]:
    def uses(stated: list, read: list, merged: bool = False) -> str:
        if merged and stated and read:
            return "both"
        return "stated" if stated else "understood" if read else "none"

    stated_offers = [o.model_dump(mode="json", exclude_none=True) for o in profile.offers]
    stated_needs = [n.model_dump(mode="json", exclude_none=True) for n in profile.needs]
    rows = [
        ComparedRow("disciplines", list(profile.disciplines), understood.get("disciplines", []),
                    uses(profile.disciplines, understood.get("disciplines"))),
        ComparedRow("audiences", list(profile.audiences), understood.get("audiences", []),
                    uses(profile.audiences, understood.get("audiences"))),
        ComparedRow("themes", list(profile.themes), understood.get("themes", []),
                    uses(profile.themes, understood.get("themes"), merged=True)),
        ComparedRow("offers", stated_offers, understood.get("offers", []),
                    uses(stated_offers, understood.get("offers"))),
        ComparedRow("needs", stated_needs, understood.get("needs", []),
                    uses(stated_needs, understood.get("needs"))),
        ComparedRow("partner_kinds", list(profile.partner_kinds), understood.get("partner_kinds", []),
                    uses(profile.partner_kinds, understood.get("partner_kinds"))),
    ]
    return rows


def profile_page(matcher: Matcher, profile_id: str, limit: int, viewer: Visitor) -> ProfilePage:
    """A profile, what was read from its text and why, and its suggestions (raises ProfileNotFound)."""
    stored = matcher.stored(profile_id)
    understood = matcher.understood(profile_id)
    reading = matcher.understood_with_evidence(profile_id)
    result = matcher.match(profile_id, limit=limit)
    viewer_id = viewer.profile_id
    place = stored.derived.get("place")
    asker = None
    if place and place.get("lat") is not None:
        asker = Pin(place["lat"], place["lon"], "", stored.profile.name)
    language = stored.derived.get("language")
    return ProfilePage(
        profile=stored.profile, place=place, language=language, understood=understood,
        rows=_compare(stored.profile, understood),
        contact=matcher.contact_for(profile_id, viewer_id, viewer.is_admin),
        suggestions=_suggestions(matcher, result, asker, language, viewer,
                                 ties_known=bool(stored.profile.partners)),
        completeness=completeness(stored.profile, stored.derived),
        evidence=_evidence_lines(reading.evidence),
        introduction=matcher.introductions.latest_with(viewer_id, [profile_id]).get(profile_id)
        if viewer_id and viewer_id != profile_id else None)


def stored_profile(matcher: Matcher, profile_id: str) -> Profile:
    """The profile with its contact, for its owner's edit form (raises ProfileNotFound)."""
    return matcher.get(profile_id)


@dataclass
class AllianceView:
    """One proposed group: members numbered as on its map, its picture, and its open needs by name."""

    number: int
    alliance: Alliance
    svg: str
    map: MapPicture | None
    names: dict[str, str]


@dataclass
class AlliancesPage:
    query: dict
    centre: str | None
    alliances: list[AllianceView]
    notes: list[str] = field(default_factory=list)  # why fewer groups than asked


def _member_places(alliance: Alliance, language: str) -> list[tuple[str, float, float]]:
    """The members' municipalities, once each, at their town centres, named in the page's language."""
    places = {}
    for member in alliance.members:
        municipality = gazetteer().municipality(member.municipality) if member.municipality else None
        if municipality is not None and municipality.nis not in places:
            lat, lon = gazetteer().town_centre(municipality)
            places[municipality.nis] = (municipality.name(language), lat, lon)
    return list(places.values())


def alliances_page(matcher: Matcher, near: str | None, radius_km: float | None, region: str | None,
                   theme: str | None, size: int, count: int, language: str, pinned: list[str] | None = None,
                   excluded: list[str] | None = None, skip: int = 0) -> AlliancesPage:
    """Proposed alliances in an area, each with its graph picture and a map of its members
    (raises InvalidRequest naming the field for a bad area, theme, size or count)."""
    result = matcher.alliances(near=near, radius_km=radius_km, region=region, size=size, count=count,
                               theme=theme, language=language, pinned=pinned, excluded=excluded, skip=skip)
    centre = None
    if near:
        place = gazetteer().resolve_text(near)  # the alliances have resolved it already
        centre = Pin(place.lat, place.lon, "", place.label)
    groups = []
    for number, alliance in enumerate(result.alliances, start=1):
        pins = []
        for position, member in enumerate(alliance.members, start=1):
            prepared = matcher.prepared(member.id)
            if prepared.lat is not None and prepared.lon is not None:
                pins.append(Pin(prepared.lat, prepared.lon, str(position),
                                f"{member.name}, {member.municipality or ''}".rstrip(", ")))
        groups.append(AllianceView(number, alliance, alliance_svg(alliance, language),
                                   area_picture(centre, pins, _member_places(alliance, language), radius_km,
                                                region),
                                   {member.id: member.name for member in alliance.members}))
    return AlliancesPage(result.query, centre.text if centre else None, groups, result.notes)


SPACE_TYPES = ("rehearsal_space", "performance_venue", "exhibition_space", "residency")
BUDGET_TYPES = ("coproduction_budget",)


@dataclass
class MemberSheet:
    """What one member's profile says, for the printed checklist (no contact details)."""

    number: int
    name: str
    kind: str
    type: str | None
    municipality: str | None
    themes: list[str]
    disciplines: list[str]
    audiences: list[str]
    offers: list[dict]
    needs: list[dict]
    brings: list[str]
    receives: list[str]


@dataclass
class Checklist:
    """The field's checklist for an alliance, filled from its members' profiles."""

    members: list[MemberSheet]
    new_ties: int
    existing_ties: int
    first_step: dict | None  # the strongest new tie: giver, taker (names) and type

    def offered(self, wanted) -> list[tuple[str, str, dict]]:
        """(member name, "print_offers" or "print_needs", exchange) for every offer and need `wanted(item)` takes."""
        found = []
        for member in self.members:
            found += [(member.name, "print_offers", item) for item in member.offers if wanted(item)]
            found += [(member.name, "print_needs", item) for item in member.needs if wanted(item)]
        return found

    @property
    def budget(self) -> list[tuple[str, str, dict]]:
        return self.offered(lambda item: item["type"] in BUDGET_TYPES or item.get("budget_eur") is not None)

    @property
    def spaces(self) -> list[tuple[str, str, dict]]:
        return self.offered(lambda item: item["type"] in SPACE_TYPES)

    @property
    def periods(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """Each member's name and the distinct periods (start, end) its offers and needs name, earliest first."""
        found = []
        for member in self.members:
            spans = sorted({(item["period"]["start"], item["period"]["end"])
                            for item in member.offers + member.needs if item.get("period")})
            if spans:
                found.append((member.name, spans))
        return found

    @property
    def audiences(self) -> list[str]:
        seen: list[str] = []
        for member in self.members:
            seen += [key for key in member.audiences if key not in seen]
        return seen


def alliance_checklist(matcher: Matcher, alliance: Alliance, language: str) -> Checklist:
    """The printed checklist of a proposed group: each member's profile as it stands (raises
    ProfileNotFound if one was deleted since)."""
    members = []
    for number, member in enumerate(alliance.members, start=1):
        profile = matcher.get(member.id)
        members.append(MemberSheet(
            number, profile.name, profile.kind, profile.type, member.municipality, list(profile.themes),
            list(profile.disciplines), list(profile.audiences),
            [item.model_dump(mode="json") for item in profile.offers],
            [item.model_dump(mode="json") for item in profile.needs], member.brings, member.receives))
    names = {member.id: member.name for member in alliance.members}
    new_edges = sorted((edge for edge in alliance.edges if edge.new), key=lambda edge: -edge.score)
    first = new_edges[0] if new_edges else None
    return Checklist(members, alliance.new_ties, alliance.existing_ties,
                     {"giver": names[first.giver], "taker": names[first.taker], "type": first.type} if first else None)
