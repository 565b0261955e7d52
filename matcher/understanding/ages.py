"""Audiences named by age: "jongeren van 12 tot 16 jaar", "des jeunes de 15 à 25 ans",
"children aged 5 to 11", "6- tot 10-jarigen", "dès 8 ans". The words say "young people";
the ages say whether they are children, teenagers or young adults."""
from __future__ import annotations

import re

# The audience keys by age, both ends inclusive.
AGE_BANDS = (("children", 0, 11), ("youth", 12, 17), ("young_adults", 18, 30))
_TO = r"(?:a|au|tot|to|and|en|et|-|till|until)"
_UNIT = r"(?:ans|an|jaar|jarigen|jarige|years|year|yrs|y o|jaar oud)"
RANGE = re.compile(r"\b(\d{1,2})(?: " + _UNIT + r")? " + _TO + r" (\d{1,2}) " + _UNIT + r"\b")
DASHED = re.compile(r"\b(\d{1,2}) (\d{1,2}) " + _UNIT + r"\b")  # "12-16 jaar" folds to "12 16 jaar"
AGED = re.compile(r"\b(?:aged|ages|agees|ages de|agees de|age de|leeftijd van|tussen|between|entre) (\d{1,2}) " + _TO
                  + r" (\d{1,2})\b")
FROM = re.compile(r"\b(?:des|vanaf|from|dès|a partir de|plus de|boven|over) (\d{1,2}) " + _UNIT + r"\b")


def audiences_by_age(folded: str) -> list[str]:
    """Audience keys for the age ranges in a folded, space-joined text."""
    found: list[str] = []
    ranges = [(int(m.group(1)), int(m.group(2))) for pattern in (RANGE, DASHED, AGED) for m in pattern.finditer(folded)]
    ranges += [(int(m.group(1)), int(m.group(1)) + 4) for m in FROM.finditer(folded)]
    for low, high in ranges:
        if not 0 <= low <= high <= 99:
            continue
        for key, first, last in AGE_BANDS:
            # Two years of a band or more ("12 à 26 ans" is teenagers and young adults), or all of a short range.
            overlap = min(high, last) - max(low, first) + 1
            if overlap >= 2 or (overlap >= 1 and high - low < 2):
                found.append(key)
    return list(dict.fromkeys(found))
