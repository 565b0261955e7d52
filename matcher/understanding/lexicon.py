"""The multilingual lexicon (data/lexicon.json): the words people use, in
Dutch, French and English, for every discipline, audience, offer/need type
and theme, with cue words and calendar words.

Terms match whole words after case and accent folding; a term ending in `*`
matches any word that starts with it.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from matcher.paths import DATA_DIR
from matcher.places.gazetteer import fold

LEXICON_PATH = DATA_DIR / "lexicon.json"
CONCEPT_SECTIONS = ("disciplines", "audiences", "exchange_types", "themes")
# Words the reader needs that are not concepts of a profile: rooms named without their use
# ("een zaal", "un lieu") and the use that tells which kind of space is meant ("om te
# repeteren"), and the kinds of partner people ask for ("een kunstenaar", "une école").
READING_SECTIONS = ("spaces", "space_purposes", "partner_kinds")
WORD = re.compile(r"[0-9a-z]+")
PREFIX_KEY = 3
# A compound is at least this long, its head (the known word it ends with) and the part
# before it at least these: "kunstenaarscollectief", not "oplossing".
MIN_COMPOUND, MIN_HEAD, MIN_MODIFIER = 9, 5, 3
COMPOUND_SECTIONS = ("exchange_types", "spaces", "space_purposes", "partner_kinds", "disciplines")


# Inclusive writing: "un·e chargé·e de diffusion", "illustrateur·rice" read as the plain word.
INCLUSIVE_ENDING = re.compile(r"[·•](?:e|es|ne|nes|rice|rices|trice|trices|euse|euses|se|ses)\b", re.IGNORECASE)


def tokens(text: str) -> list[str]:
    """Folded word tokens of a text."""
    return WORD.findall(fold(INCLUSIVE_ENDING.sub("", text)))


@dataclass(frozen=True)
class Hit:
    """A concept found in a token list, at tokens [start, end)."""

    section: str
    key: str
    start: int
    end: int


@dataclass(frozen=True)
class _Term:
    words: tuple[str, ...]
    prefix_last: bool
    section: str
    key: str


class Lexicon:
    """Term look-up over folded tokens, longest match first."""

    def __init__(self, data: dict):
        self.data = data
        self._by_first: dict[str, list[_Term]] = {}
        # Prefix terms ("jongere*") by their first PREFIX_KEY letters, so a word
        # is checked only against the prefixes that can match it.
        self._prefixes: dict[str, list[_Term]] = {}
        for section in CONCEPT_SECTIONS + READING_SECTIONS:
            for key, concept in data.get(section, {}).items():
                for language_terms in concept.get("terms", {}).values():
                    for term in language_terms:
                        self._add(term, section, key)
        self.cues = {
            kind: {_phrase(t) for terms in data.get("cues", {}).get(kind, {}).values() for t in terms}
            for kind in ("need", "offer", "negation", "intent", "possessed")
        }
        self.cues_by_first = {
            kind: _by_first_word(phrases) for kind, phrases in self.cues.items()
        }
        self.months: dict[str, int] = {}
        for names in data.get("months", {}).values():
            for name, number in names.items():
                for word in tokens(name):
                    self.months.setdefault(word, int(number))
        self.seasons: dict[str, tuple[int, ...]] = {}
        for season in data.get("seasons", {}).values():
            months = tuple(season.get("months", ()))
            for language in ("en", "nl", "fr"):
                for name in season.get(language, []):
                    self.seasons[_phrase(name)] = months
        self.language_markers = {
            language: {w for word in words for w in tokens(word)}
            for language, words in data.get("language_markers", {}).items()
        }

    def _add(self, term: str, section: str, key: str) -> None:
        prefix = term.endswith("*")
        words = tuple(tokens(term.rstrip("*")))
        if not words:
            return
        entry = _Term(words, prefix, section, key)
        if prefix and len(words) == 1:
            self._prefixes.setdefault(words[0][:PREFIX_KEY], []).append(entry)
        else:
            self._by_first.setdefault(words[0], []).append(entry)

    def label(self, section: str, key: str, language: str = "en") -> str:
        concept = self.data.get(section, {}).get(key)
        if not concept:
            return key.replace("_", " ")
        labels = concept.get("label", {})
        return labels.get(language) or labels.get("en") or key.replace("_", " ")

    def keys(self, section: str) -> list[str]:
        return list(self.data.get(section, {}))

    def find(self, words: list[str], sections: tuple[str, ...] = CONCEPT_SECTIONS) -> list[Hit]:
        """Concepts named in a token list; overlapping hits keep the longest."""
        hits: list[Hit] = []
        for position, word in enumerate(words):
            for entry in self._by_first.get(word, ()):
                if entry.section in sections and _matches(entry, words, position):
                    hits.append(Hit(entry.section, entry.key, position, position + len(entry.words)))
            for length in range(1, PREFIX_KEY + 1):
                for entry in self._prefixes.get(word[:length], ()) if len(word) >= length else ():
                    if entry.section in sections and word.startswith(entry.words[0]) and \
                            (len(entry.words[0]) >= PREFIX_KEY or length == len(entry.words[0])):
                        hits.append(Hit(entry.section, entry.key, position, position + 1))
        hits += self._compound_heads(words, hits, sections)
        return _longest_first(hits)

    def _compound_heads(self, words: list[str], hits: list[Hit], sections: tuple[str, ...]) -> list[Hit]:
        """Dutch compounds name their kind last: "schilderworkshops" is workshops,
        "werkruimte" a space, "jeugdtheatergezelschap" a company. A long word no term
        matched is read by the longest known word it ends with."""
        # A discipline or an audience in front ("muziekworkshops", "jeugdvoorstelling") does not
        # stop the head from being read.
        covered = {position for hit in hits if hit.section in COMPOUND_SECTIONS and hit.section != "disciplines"
                   for position in range(hit.start, hit.end)}
        found = []
        for position, word in enumerate(words):
            if position in covered or len(word) < MIN_COMPOUND:
                continue
            for split in range(MIN_MODIFIER, len(word) - MIN_HEAD + 1):
                entries = [entry for entry in self._by_first.get(word[split:], ()) if len(entry.words) == 1]
                entries += [entry for entry in self._prefixes.get(word[split:split + PREFIX_KEY], ())
                            if len(entry.words[0]) >= MIN_HEAD and word[split:].startswith(entry.words[0])]
                entries = [entry for entry in entries if entry.section in sections and entry.section in COMPOUND_SECTIONS
                           and not any(h.section == entry.section and h.start == position for h in hits)]
                if entries:
                    found += [Hit(entry.section, entry.key, position, position + 1) for entry in entries]
                    break
        return found

    def concepts(self, text: str, section: str) -> list[str]:
        """Keys of one section named in a text, in order of first mention."""
        return list(dict.fromkeys(hit.key for hit in self.find(tokens(text), (section,))))


def _by_first_word(phrases: set[tuple[str, ...]]) -> dict[str, list[tuple[str, ...]]]:
    index: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        if phrase:
            index.setdefault(phrase[0], []).append(phrase)
    return index


def _phrase(text: str) -> tuple[str, ...]:
    return tuple(tokens(text))


def _matches(entry: _Term, words: list[str], position: int) -> bool:
    size = len(entry.words)
    if position + size > len(words):
        return False
    for offset, expected in enumerate(entry.words):
        actual = words[position + offset]
        last = offset == size - 1
        if actual != expected and not (last and entry.prefix_last and actual.startswith(expected)):
            return False
    return True


def _longest_first(hits: list[Hit]) -> list[Hit]:
    """Drop hits inside a longer hit of the same section (\"salle de répétition\" over \"salle\")."""
    hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
    kept: list[Hit] = []
    for hit in hits:
        covered = any(k.section == hit.section and k.start <= hit.start and hit.end <= k.end
                      and (k.end - k.start) > (hit.end - hit.start) for k in kept)
        if not covered and hit not in kept:
            kept.append(hit)
    return kept


def load_lexicon(path: Path | None = None) -> Lexicon:
    path = Path(path or LEXICON_PATH)
    with open(path, encoding="utf-8") as handle:
        return Lexicon(json.load(handle))


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The shipped lexicon, loaded once per process."""
    return load_lexicon()
