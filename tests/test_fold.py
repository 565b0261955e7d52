"""fold() skips Unicode normalisation for ASCII text (most of what the reader folds, sentence by
sentence); checked against the plain normalising path on words drawn from the whole lexicon."""
import json
import random
import re
import unicodedata

from matcher.places.gazetteer import fold
from matcher.understanding.lexicon import LEXICON_PATH


def plain_fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    no_accents = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"[\s\-'’`.,/()]+", " ", no_accents.casefold()).strip()


def lexicon_terms() -> list[str]:
    data = json.loads(LEXICON_PATH.read_text(encoding="utf-8"))
    return [term for section in data.values() if isinstance(section, dict)
            for concept in section.values() if isinstance(concept, dict)
            for terms in concept.get("terms", {}).values() for term in terms]


def test_fold_equals_the_plain_path_on_the_whole_vocabulary():
    terms = lexicon_terms()
    rng = random.Random(20261203)
    texts = []
    for _ in range(5000):
        words = [rng.choice(terms) for _ in range(rng.randint(1, 6))]
        words = [word.upper() if rng.random() < 0.2 else word.capitalize() if rng.random() < 0.3 else word
                 for word in words]
        texts.append(rng.choice([" ", ", ", " - ", ". ", "'", "(", ") "]).join(words))
    assert sum(text.isascii() for text in texts) > 1000 and sum(not text.isascii() for text in texts) > 1000
    assert [fold(text) for text in texts] == [plain_fold(text) for text in texts]
