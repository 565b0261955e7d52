"""Which language a text is in: Dutch, French or English.

Lingua (lingua-language-detector), limited to the three languages, decides when the text
is long enough to say; a name such as "Theatre 140" or "Cinema Actor's Studio" is not, and
there the lexicon's function words decide, or nothing does (None), rather than a guess.
"""
from __future__ import annotations

from functools import lru_cache

from lingua import Language, LanguageDetectorBuilder

from matcher.understanding.lexicon import Lexicon, lexicon, tokens

LANGUAGES = {Language.DUTCH: "nl", Language.FRENCH: "fr", Language.ENGLISH: "en"}
# Fewer words than this, or less confidence, and lingua's answer is a guess.
MIN_WORDS = 4
MIN_CONFIDENCE = 0.75


@lru_cache(maxsize=1)
def _detector():
    return LanguageDetectorBuilder.from_languages(*LANGUAGES).build()


def detect_language(text: str, vocabulary: Lexicon | None = None) -> str | None:
    """nl, fr or en; None when the text does not say."""
    words = tokens(text)
    if len(words) >= MIN_WORDS:
        best = _detector().compute_language_confidence_values(text)[0]
        if best.value >= MIN_CONFIDENCE:
            return LANGUAGES[best.language]
    return _by_function_words(words, vocabulary or lexicon())


def _by_function_words(words: list[str], vocabulary: Lexicon) -> str | None:
    counts = {language: sum(1 for w in words if w in markers)
              for language, markers in vocabulary.language_markers.items()}
    ranked = sorted(counts.items(), key=lambda item: -item[1])
    if not ranked or ranked[0][1] == 0 or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]
