"""The matcher as one object: import, match, search, export.

The CLI and the HTTP service are thin shells over this class. It keeps one
scoring index in memory, built from SQLite and the embedding cache (nothing
is embedded twice), and updates it on every write.
"""
from __future__ import annotations

import datetime as dt
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Sequence

import numpy as np

from matcher.completeness import completeness
from matcher.embedding import Embedder, load_embedder
from matcher.errors import InvalidRequest, MatcherError
from matcher.introductions import IntroductionLimits, Introductions
from matcher.owner_keys import hash_key, key_fits, new_owner_key
from matcher.places.gazetteer import PlaceNotFound, gazetteer
from matcher.profile_files import Problem, Record, read_profiles, write_profiles
from matcher.profiles import Location, Profile
from matcher.progress import progress_bar
from matcher.ranking.index import TEXT_PRECISIONS, MatchIndex
from matcher.ranking.reasons import explain
from matcher.ranking.scoring import COMPONENTS, score_pair
from matcher.ranking.weights import Weights, load_weights
from matcher.results import (ImportReport, MatchResult, NothingWithinReach, Suggestion, check_kind, check_limit,
                             check_radius, check_text)
from matcher.settings import Settings
from matcher.storage.sessions import Sessions
from matcher.storage.snapshot import load_index, save_index, snapshot_path
from matcher.storage.store import ProfileNotFound, Store, StoredProfile, text_hash
from matcher.understanding.concepts import ConceptSpace, concept_phrases
from matcher.understanding.evidence import ReadingWithEvidence, read_profile_again
from matcher.understanding.lexicon import lexicon
from matcher.understanding.preparation import (
    SEARCH_ID,
    InvalidPlace,
    Prepared,
    derivation_version,
    derive,
    prepare,
    prepare_stored,
)
from matcher.understanding.reach import read_reach

if TYPE_CHECKING:
    from matcher.alliances.proposals import AllianceResult

log = logging.getLogger(__name__)

# The vectorised index (float32) picks this many more than asked; the plain
# scorer (float64) then recomputes them, with their reasons, and has the last word on near-ties.
RERANK_MARGIN = 2

INDEX_PAGE_SIZE = 5_000  # profiles read at a time when the index is built from the rows
ANNOUNCED_BUILD = 50_000  # from this many stored profiles, a build from the rows says so in the log
# MATCHER_TEXT_PRECISION=auto holds text vectors as int8 from this many stored profiles: float32
# would pass 2 GB near 900k (1M measured: 2.2 GB float32, 1.1 GB int8, ranking as fast).
INT8_FROM_PROFILES = 500_000


class Matcher:
    """Profiles in SQLite, matched in memory."""

    def __init__(self, store: Store | str | Path | None = None, embedder: Embedder | str | None = None,
                 weights: Weights | None = None, reference_date: dt.date | None = None,
                 text_precision: str = "auto", introduction_limits: IntroductionLimits | None = None):
        if text_precision not in ("auto", *TEXT_PRECISIONS):
            raise MatcherError(f"text_precision: '{text_precision}' is not one of auto, {', '.join(TEXT_PRECISIONS)}")
        self.store = store if isinstance(store, Store) else Store(store)
        self.sessions = Sessions(self.store.db)  # who is signed in on the web pages
        self.introductions = Introductions(self.store.db, introduction_limits)  # who asked to meet whom
        self._embedder = embedder if not isinstance(embedder, str) else None
        self._embedder_spec = embedder if isinstance(embedder, str) else None
        self.weights = weights or load_weights()
        self.reference_date = reference_date
        self._index: MatchIndex | None = None
        # a database generation such that every change up to it is in the index (later ones may be too)
        self._index_generation = 0
        self._index_saved = False  # the file beside the database holds the index as it is in memory
        self._concepts: ConceptSpace | None = None
        self.text_precision = text_precision
        # Reads take in what other processes wrote first (catch_up). The service turns this off and
        # catches up itself, under its write lock, since catching up changes the index readers use.
        self.follows_database = True

    @classmethod
    def from_settings(cls, settings: Settings) -> "Matcher":
        """The matcher the settings describe: their database, model, reference date, precision and
        caps on introduction requests."""
        return cls(Store(settings.db_path), embedder=settings.model, reference_date=settings.reference_date,
                   text_precision=settings.text_precision,
                   introduction_limits=IntroductionLimits(settings.introductions_open, settings.introductions_per_day))

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = load_embedder(self._embedder_spec)
        return self._embedder

    @property
    def concepts(self) -> ConceptSpace:
        """The lexicon's concepts embedded with this matcher's model (cached like any text)."""
        if self._concepts is None:
            phrases = concept_phrases(lexicon())
            texts = {text_hash(phrase): phrase for _, _, phrase in phrases}
            self._embed_texts(texts, progress=False)
            vectors = self.store.cached_vectors(self.embedder.name, texts)
            self._concepts = ConceptSpace([(section, key) for section, key, _ in phrases],
                                          np.stack([vectors[text_hash(phrase)] for _, _, phrase in phrases]))
        return self._concepts

    # -- stored profiles -------------------------------------------------
    # The service reads profiles only through these: the Matcher is its one door to the database.
    def get(self, profile_id: str) -> Profile:
        """A stored profile, with its contact (raises ProfileNotFound)."""
        return self.store.get(profile_id).profile

    def stored(self, profile_id: str) -> StoredProfile:
        """A stored profile with what was derived from it: place, language, what was understood."""
        return self.store.get(profile_id)

    def exists(self, profile_id: str) -> bool:
        return self.store.exists(profile_id)

    def count(self) -> int:
        """How many profiles are stored."""
        return self.store.count()

    def list_profiles(self, kind: str | None = None, query: str | None = None, limit: int = 20,
                      offset: int = 0) -> tuple[list[Profile], int]:
        """A page of stored profiles (with their contacts) ordered by id, of one `kind` and with
        `query` in the name or the public profile when given; and how many there are in all."""
        check_kind(kind)
        check_limit(limit)
        if not isinstance(offset, int) or isinstance(offset, bool) or offset < 0:
            raise InvalidRequest("offset", f"must be a whole number, 0 or more; got {offset!r}")
        profiles = [stored.profile for stored in self.store.iter_profiles(kind, query, limit, offset)]
        return profiles, self.store.count_where(kind, query)

    def contact(self, profile_id: str) -> dict | None:
        """A profile's contact details, None when it gave none (raises ProfileNotFound). Whoever
        shows them to someone asks `contact_for` instead."""
        return self.store.contact(profile_id)

    def contact_for(self, profile_id: str, viewer_id: str | None, admin: bool = False) -> dict | None:
        """A profile's contact details as `viewer_id` (a profile, or None for nobody known) may see
        them: only its owner, the admin and a profile it accepted an introduction with
        (`introductions.may_see_contact`, the one rule); None otherwise, or when it gave none
        (raises ProfileNotFound)."""
        contact = self.store.contact(profile_id)
        if contact is None or not self.introductions.may_see_contact(viewer_id, profile_id, admin):
            return None
        return contact

    def is_owner(self, profile_id: str, key: str | None) -> bool:
        """Whether `key` is the profile's owner key (raises ProfileNotFound); profiles imported
        in bulk have none."""
        return key_fits(key, self.store.owner_key_hash(profile_id))

    def rotate_owner_key(self, profile_id: str) -> str:
        """A new owner key for a profile, returned this once (only its sha256 is kept): the old
        key stops working at once and every session opened with it ends (raises ProfileNotFound)."""
        owner_key = new_owner_key()
        self.store.set_owner_key_hash(profile_id, hash_key(owner_key))
        if self._index is not None:
            self._follow_own_write()  # the row changed, not what the index holds of it
        return owner_key

    def close(self) -> None:
        """Close the database; the matcher is not used after this."""
        self.store.close()

    # -- import ----------------------------------------------------------
    def import_files(self, paths: Sequence[str | Path], skip_invalid: bool = False,
                     progress: bool = False) -> ImportReport:
        """Read, check and store profiles; with errors and no `skip_invalid`, store nothing."""
        records: list[Record] = []
        problems: list[Problem] = []
        for path in paths:
            found, bad = read_profiles(path)
            records += found
            problems += bad
        return self.import_records(records, problems, skip_invalid, progress)

    def import_records(self, records: list[Record], problems: list[Problem] | None = None,
                       skip_invalid: bool = False, progress: bool = False) -> ImportReport:
        problems = list(problems or [])
        seen: dict[str, str] = {}
        derived_records: list[tuple[Profile, dict]] = []
        for record in records:
            where = f"{record.file}: {record.where}"
            if record.profile.id in seen:
                problems.append(Problem(record.file, record.where, "id",
                                        f"id '{record.profile.id}' appears twice (first at {seen[record.profile.id]})"))
                continue
            seen[record.profile.id] = where
            try:
                derived_records.append((record.profile, self._derive(record.profile)))
            except InvalidPlace as error:
                problems.append(Problem(record.file, record.where, error.field_name, error.reason))
        refused = len({(p.file, p.where) for p in problems})
        report = ImportReport(refused=refused, problems=problems)
        if problems and not skip_invalid:
            return report
        self._embed_missing([d for _, d in derived_records], progress)
        self.concepts  # the concept labels are embedded with the first profiles, not at a later start-up
        report.added, report.replaced = self.store.save_profiles(derived_records)
        if self._index is not None:
            self._follow_own_write()
            vectors = self.store.cached_vectors(self.embedder.name,
                                                (h for _, d in derived_records for h in d["text_hashes"]))
            for profile, derived in derived_records:
                self._index.add(prepare(profile, derived, vectors, None, keep_derived=False))
        return report

    def save_profile(self, profile: Profile, owner_key_hash: str | None = None) -> bool:
        """Store one profile (create or replace); returns True when it replaced one."""
        try:
            derived = self._derive(profile)
        except InvalidPlace as error:
            raise InvalidRequest(error.field_name, error.reason, code=error.code) from None
        self._embed_missing([derived], progress=False)
        self.concepts  # embedded with the first profile, not at a later start-up
        _, replaced = self.store.save_profiles([(profile, derived)], owner_key_hash)
        if self._index is not None:
            self._follow_own_write()
            vectors = self.store.cached_vectors(self.embedder.name, derived["text_hashes"])
            self._index.add(prepare(profile, derived, vectors, None, keep_derived=False))
        return bool(replaced)

    def delete_profile(self, profile_id: str) -> None:
        """Delete a profile for good: from every table (Store.delete) and from the index, and so
        from the index saved beside the database, which a matcher that has not loaded it yet (the
        CLI) loads, brings up to date and saves again without the profile."""
        self.store.delete(profile_id)
        if self._index is None:
            path = snapshot_path(self.store.path)
            if path is not None and path.is_file():
                self.index  # loaded, the deletion taken in, saved compacted
            return
        self._follow_own_write()
        if profile_id in self._index:
            self._index.remove(profile_id)

    def _derive(self, profile: Profile) -> dict:
        return derive(profile, self.reference_date or dt.date.today())

    def _embed_missing(self, derived_items: Iterable[dict], progress: bool) -> None:
        texts: dict[str, str] = {}
        for derived in derived_items:
            for value in derived["texts"].values():
                if value:
                    texts[text_hash(value)] = value
        self._embed_texts(texts, progress)

    def _embed_texts(self, texts: dict[str, str], progress: bool) -> None:
        """Embed and cache the texts (by hash) this model has no vector for yet."""
        if not texts:
            return
        model = self.embedder.name
        cached = self.store.cached_vectors(model, texts)
        missing = [(h, t) for h, t in texts.items() if h not in cached]
        if not missing:
            return
        batch = 64  # small enough for the bar to move every second or two with the real model
        bar = progress_bar(len(missing), "embedding", progress, delay=0)
        for start in range(0, len(missing), batch):
            chunk = missing[start:start + batch]
            vectors = self.embedder.encode([t for _, t in chunk])
            self.store.store_vectors(model, {h: v for (h, _), v in zip(chunk, vectors)})
            bar.update(len(chunk))
        bar.close()

    # -- index -----------------------------------------------------------
    @property
    def index(self) -> MatchIndex:
        if self._index is None:
            self._index = self._build_index()
        return self._index

    def _build_index(self) -> MatchIndex:
        """The index of every stored profile: the saved snapshot, with the profiles changed since
        it was saved taken in; else built from the rows and the embedding cache (no re-embedding);
        saved when it differs from the file."""
        path = snapshot_path(self.store.path)
        stored = self.store.count()
        precision = self.text_precision if self.text_precision != "auto" else \
            "int8" if stored >= INT8_FROM_PROFILES else "float32"
        # read before the rows: a change another process makes meanwhile leaves the index behind
        self._index_generation = self.store.generation()
        if path is not None:
            loaded = load_index(path, self._snapshot_tag(precision, self._index_generation), self.concepts,
                                self.weights)
            changed = self.store.changed_since(loaded[1]) if loaded is not None else None
            if changed is not None:
                index, saved_generation = loaded
                deleted = self.store.deleted_since(saved_generation)
                if not changed and not deleted:
                    self._index_saved = True
                    return index
                self._take_in_changes(index, changed, deleted)
                self._save_snapshot(index)
                return index
        index = self._build_index_from_rows(precision, stored)
        self._save_snapshot(index)
        return index

    def is_behind(self) -> bool:
        """Whether the database changed since the index's generation (another process, or this
        one's CLI, wrote): one read of one row, when the index is loaded."""
        return self._index is not None and self.store.generation() != self._index_generation

    def catch_up(self) -> bool:
        """Take into the index what was written to the database since its generation, by any
        process: profiles added or replaced are read again, deleted ones removed. True when there
        was something to take in. When nothing changed this costs one read of one row
        (`benchmarks/load.py` prints how long)."""
        if self._index is None:
            return False  # built on first use, from the database as it is then
        generation = self.store.generation()  # read first: a later write is taken in again next time
        if generation == self._index_generation:
            return False
        changed = self.store.changed_since(self._index_generation)
        if changed is None:  # older than the change log: build again
            self._index = self._build_index()
            return True
        self._take_in_changes(self._index, changed, self.store.deleted_since(self._index_generation))
        self._index_generation = generation
        self._index_saved = False
        return True

    def _follow_database(self) -> None:
        if self.follows_database:
            self.catch_up()

    def _take_in_changes(self, index: MatchIndex, changed_ids: list[str], deleted: bool) -> None:
        """Bring a saved index up to date: the profiles added or replaced since it was saved are
        added again from their rows; when some were deleted (the change log keeps no deleted id),
        the index's ids that are no longer stored are removed."""
        for start in range(0, len(changed_ids), INDEX_PAGE_SIZE):
            page = changed_ids[start:start + INDEX_PAGE_SIZE]
            stored = self._add_rows(index, list(self.store.index_rows(page)))
            for profile_id in page:
                if profile_id not in stored and profile_id in index:
                    index.remove(profile_id)
        if deleted:
            for profile_id in self.store.missing(index.live_ids()):
                index.remove(profile_id)

    def save_current_index(self) -> None:
        """Bring the index saved beside the database up to date with it (loaded and caught up, or
        built), so that the next start of any process loads it instead of building it from every
        row: the CLI's import does this."""
        if self._index is None:
            self._index = self._build_index()  # loads the saved one and takes in what changed, or builds
        else:
            self.catch_up()
        self.save_index()

    def save_index(self) -> bool:
        """Save the index beside the database, for the next start-up to load, when writes changed
        it since it was loaded or saved; True when saved. The service calls this when it stops.
        Changes made meanwhile by other processes are taken in at that start."""
        if self._index is None or self._index_saved:
            return False
        return self._save_snapshot(self._index)

    def _save_snapshot(self, index: MatchIndex) -> bool:
        path = snapshot_path(self.store.path)
        if path is None:
            return False
        if self.store.deleted_since(self._index_generation):
            # another process deleted profiles this index still holds: they are not written
            for profile_id in self.store.missing(index.live_ids()):
                index.remove(profile_id)
        try:
            save_index(index, path, self._snapshot_tag(index.text_precision, self._index_generation))
        except OSError as error:  # a read-only folder: start anyway, from the rows next time too
            log.warning("could not save the index beside the database (%s)", error)
            return False
        self._index_saved = True
        return True

    def _follow_own_write(self) -> None:
        """After this matcher wrote profiles and updated its index: if the index held every change
        up to the generation the write found, it now holds every change up to the one it left.
        Otherwise another process wrote in between: the index keeps its older generation, and
        the next start takes in what changed since (this write again too, harmlessly)."""
        before, after = self.store.last_write
        if before == self._index_generation:
            self._index_generation = after
        self._index_saved = False

    def _snapshot_tag(self, text_precision: str, generation: int) -> dict:
        return {"generation": generation, "model": self.embedder.name, "dim": self.embedder.dim,
                "derivation": derivation_version(), "text_precision": text_precision}

    def _build_index_from_rows(self, text_precision: str, total: int) -> MatchIndex:
        """The index built from the `total` stored rows and the embedding cache, a page of rows
        at a time: memory holds the index and one page, not every profile's derivation."""
        index = MatchIndex(self.embedder.dim, self.concepts, self.weights, capacity=total,
                           text_precision=text_precision)
        if total >= ANNOUNCED_BUILD and not sys.stderr.isatty():  # a log, where no progress bar shows
            log.info("building the index from %s stored profiles (about 1 s per 10,000); it is saved beside "
                     "the database for the next start", f"{total:,}")
        bar = progress_bar(total, "indexing", sys.stderr.isatty(), unit="profile")
        for rows in self.store.index_row_pages(INDEX_PAGE_SIZE):
            self._add_rows(index, rows)
            bar.update(len(rows))
        bar.close()
        return index

    def _add_rows(self, index: MatchIndex, rows: list[tuple]) -> set[str]:
        """Add stored rows (`Store.index_rows`) to the index, understood again first where an
        older lexicon understood them; returns their ids."""
        rows = self._derive_again_if_stale(rows)
        vectors = self._vectors_of_rows(rows)
        for profile_id, kind, profile_type, name, max_km, partners, free_text_only, derived in rows:
            index.add(prepare_stored(profile_id, kind, profile_type, name, max_km, partners, free_text_only, derived,
                                     vectors, concepts=None))
        return {row[0] for row in rows}

    def _vectors_of_rows(self, rows: list[tuple]) -> dict[str, np.ndarray]:
        """The cached vectors of the rows' texts, by hash; texts this model has no vector for yet
        (a new MATCHER_MODEL) are embedded and cached first."""
        model = self.embedder.name
        wanted = {hashed for row in rows for hashed in row[-1].get("vector_of", {}).values()}
        found = self.store.cached_vectors(model, wanted)
        lacking = [row[0] for row in rows if not set(row[-1].get("vector_of", {}).values()) <= found.keys()]
        if lacking:
            self._embed_missing([self.store.get(profile_id).derived for profile_id in lacking], progress=False)
            found.update(self.store.cached_vectors(model, wanted - found.keys()))
        return found

    def _derive_again_if_stale(self, rows: list[tuple]) -> list[tuple]:
        """Profiles understood with an older lexicon or format are understood again and saved."""
        current = derivation_version()
        stale = [number for number, row in enumerate(rows) if row[-1].get("version") != current]
        if not stale:
            return rows
        fresh = []
        for number in stale:
            profile = self.store.get(rows[number][0]).profile
            try:
                derived = self._derive(profile)
            except InvalidPlace:
                continue  # the gazetteer changed under it: keep what was stored
            rows[number] = (*rows[number][:-1], derived)
            fresh.append((profile, derived))
        self._embed_missing([d for _, d in fresh], progress=False)
        self.store.save_profiles(fresh, keep_timestamps=True)
        self._follow_own_write()  # the index being built holds what was written
        return rows

    def prepared(self, profile_id: str) -> Prepared:
        """A stored profile in the form scoring uses."""
        return self.prepared_many([profile_id])[0]

    def prepared_many(self, profile_ids: Sequence[str]) -> list[Prepared]:
        """Stored profiles in the form scoring uses, read from the database (the index keeps
        numbers only) with their text vectors from the index and the profiles each has an accepted
        introduction with (`Prepared.introduced`), in the order asked."""
        index = self.index
        for profile_id in profile_ids:
            if profile_id not in index:
                raise ProfileNotFound(profile_id)
        found = {}
        rows = list(self.store.index_rows(profile_ids))
        exact = None
        if index.text_precision != "float32":  # the index holds close vectors; scoring gets the stored ones
            exact = self.store.cached_vectors(self.embedder.name, (
                row[-1].get("vector_of", {}).get("description") for row in rows))
        for profile_id, kind, profile_type, name, max_km, partners, free_text_only, derived in rows:
            text = derived.get("vector_of", {}).get("description")
            vector = None if not text else exact.get(text) if exact is not None else index.text_vector(profile_id)
            vectors = {text: vector} if vector is not None else {}
            found[profile_id] = prepare_stored(profile_id, kind, profile_type, name, max_km, partners, free_text_only,
                                               derived, vectors, self.concepts)
        missing = [profile_id for profile_id in profile_ids if profile_id not in found]
        if missing:
            raise ProfileNotFound(missing[0])
        for profile_id, others in self.introductions.introduced_among(profile_ids).items():
            found[profile_id].introduced = frozenset(others)
        return [found[profile_id] for profile_id in profile_ids]

    # -- matching --------------------------------------------------------
    def match(self, profile_id: str, limit: int = 10, kind: str | None = None) -> MatchResult:
        """Ranked partner suggestions for a stored profile; never a profile an introduction with it
        was declined with, whichever side declined."""
        check_limit(limit)
        check_kind(kind)
        self._follow_database()
        asker = self.prepared(profile_id)
        return self._result({"profile_id": profile_id}, asker, limit, kind,
                            leave_out=self.introductions.declined_with(profile_id))

    def search(self, text: str, near: str | None = None, kind: str | None = None,
               limit: int = 10, radius_km: float | None = None, for_profile: str | None = None) -> MatchResult:
        """Suggestions for a free-text request in Dutch, French or English; with `near` and
        `radius_km`, only profiles within that radius (and their own max_distance_km); without
        `radius_km`, the radius the text sets ("niet verder dan 40 km") if it sets one. A search
        `for_profile` (someone signed in, searching) leaves out that profile and every profile an
        introduction with it was declined with, either way, and counts those it was introduced to
        as partners."""
        check_limit(limit)
        check_kind(kind)
        check_radius(radius_km, near)
        self._follow_database()
        if for_profile is not None and not self.exists(for_profile):
            raise ProfileNotFound(for_profile)
        # "niet verder dan 40 km", "within 100 km of Brussels": the text's own limit, unless one is given
        read = read_reach(text) if radius_km is None and near else None
        asker = self.query_profile(text, near, read.km if read else radius_km)
        query = {"text": text, "near": near, "radius_km": read.km if read else radius_km, "kind": kind,
                 "understood": asker.derived["understood"], "language": asker.language,
                 "radius_read": read.words if read else None}
        leave_out: frozenset[str] = frozenset()
        if for_profile is not None:
            asker.introduced = self.introductions.introduced_with(for_profile)
            leave_out = self.introductions.declined_with(for_profile) | {for_profile}
        return self._result(query, asker, limit, kind, leave_out)

    def _result(self, query: dict, asker: Prepared, limit: int, kind: str | None,
                leave_out: frozenset[str] = frozenset()) -> MatchResult:
        """The ranking for an asker, without the profiles in `leave_out`; when it has a place and a
        radius and nobody is within reach, the answer says so, with the nearest distance, instead
        of an empty list alone."""
        matches = self._rank(asker, limit, kind, leave_out)
        nothing = None
        if not matches and asker.points and asker.max_distance_km is not None:
            nothing = NothingWithinReach(asker.max_distance_km, self.index.nearest_km(asker, kind, leave_out),
                                         asker.language)
        return MatchResult(query, matches, nothing)

    def query_profile(self, text: str, near: str | None = None, radius_km: float | None = None) -> Prepared:
        """A free-text request as the asker of a ranking, at `near`, reaching `radius_km` around it."""
        check_text(text)
        location = None
        if near:
            try:
                place = gazetteer().resolve_text(near)
            except PlaceNotFound as error:
                raise InvalidRequest("near", str(error), code=error.code) from None
            location = Location(lat=place.lat, lon=place.lon)
        profile = Profile(id=SEARCH_ID, kind="artist", name="search", description=text, location=location,
                          max_distance_km=radius_km)
        derived = self._derive(profile)
        if near:
            derived["place"]["label"] = near
        texts = [t for t in derived["texts"].values() if t]
        vectors = dict(zip((text_hash(t) for t in texts), self.embedder.encode(texts)))
        return prepare(profile, derived, vectors, self.concepts)

    def _rank(self, asker: Prepared, limit: int, kind: str | None,
              leave_out: frozenset[str] = frozenset()) -> list[Suggestion]:
        index = self.index
        # as many more as may be left out (a declined introduction is rare: a few per profile)
        shortlist = index.top(asker, limit + RERANK_MARGIN + len(leave_out), kind)
        suggestions = []
        for candidate in self.prepared_many([candidate_id for candidate_id, _ in shortlist
                                             if candidate_id not in leave_out]):
            pair = score_pair(asker, candidate, self.weights)
            if pair is None:
                continue
            suggestions.append(Suggestion(
                id=candidate.id, name=candidate.name, kind=candidate.kind, score=pair.score,
                components={name: pair.components[name] for name in COMPONENTS},
                reasons=explain(asker, candidate, pair, lexicon()),
                distance_km=pair.distance_km, municipality=candidate.municipality))
        suggestions.sort(key=lambda s: (-s.score, s.id))
        return suggestions[:limit]

    # -- alliances -------------------------------------------------------
    def alliances(self, **request) -> "AllianceResult":
        """Proposed alliances in an area; the arguments of `alliances.proposals.alliances_in_area`
        (near, radius_km, municipalities, region, size, count, theme, language, max_groups_per_profile)."""
        from matcher.alliances.proposals import alliances_in_area  # the alliances import the engine

        self._follow_database()
        return alliances_in_area(self, **request)

    # -- export ----------------------------------------------------------
    def export(self, stream, file_format: str = "json", include_private: bool = True) -> int:
        return write_profiles((s.profile for s in self.store.iter_profiles()), stream, file_format,
                              include_private)

    def profile_export(self, profile_id: str) -> dict:
        """All that is held about one profile (the right of access): the profile with its contact,
        what was derived from it, how complete it is, and every stored row about it, table by
        table (`Store.profile_data`: the tables that deletion empties too). Raises ProfileNotFound."""
        stored = self.store.get(profile_id)
        return {
            "profile_id": profile_id,
            "exported_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
            "profile": stored.profile.model_dump(mode="json"),
            "derived": stored.derived,
            "completeness": completeness(stored.profile, stored.derived).as_dict(with_to_add=True),
            "stored": self.store.profile_data(profile_id),
        }

    def understood(self, profile_id: str) -> dict:
        return self.store.get(profile_id).derived["understood"]

    def understood_with_evidence(self, profile_id: str) -> ReadingWithEvidence:
        """A stored profile's description read again as derive() reads it, with the words that led
        to each item; the evidence is not stored (raises ProfileNotFound)."""
        return read_profile_again(self.get(profile_id), self.reference_date or dt.date.today())


__all__ = ["Matcher", "MatchResult", "Suggestion", "ImportReport", "InvalidRequest"]
