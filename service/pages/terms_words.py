"""The terms of an offer or need in one line, as the profile page shows them:
"120 m² · 80 zitplaatsen · dansvloer · gratis · vraagt workshops in ruil".

The words are the reasons' (matcher/ranking/term_reasons.py and reasons.TEXTS), so that the page
and a suggestion's reasons say a term alike; what no reason says (a need's minimum, its budget,
what a need gives in return) is in messages.py.
"""
from __future__ import annotations

from matcher.profiles import SPACE_FEATURES, SUPPORT
from matcher.ranking.reasons import EXCHANGE_PHRASES, TEXTS, _join, format_amount, format_count
from matcher.ranking.term_reasons import FEATURE_WORDS, IN_KIND_WORDS, SUPPORT_WORDS, size_phrase

from .messages import MESSAGES

SIZES = ("area_m2", "seated", "standing", "beds")


def terms_words(item: dict, section: str, language: str) -> str:
    """The terms of one offer (`section` "offers") or need ("needs") in the exchange format's shape,
    joined by " · "; "" when it states none."""
    def reason(key: str, **values) -> str:
        text = TEXTS[language][key].format(**values)
        return text[:1].lower() + text[1:]  # inside a line, not at its start

    def message(key: str, **values) -> str:
        return MESSAGES[key][language].format(**values)

    def listed(keys, words: dict) -> str:
        return _join([words[key] for key in keys], language)

    parts = []
    space = item.get("space") or {}
    for size in SIZES:
        if space.get(size) is not None:
            phrase = size_phrase(size, space[size], language, format_count)
            parts.append(phrase if section == "offers" else message("terms_at_least", size=phrase))
    features = [key for key in SPACE_FEATURES if key in space.get("features", [])]
    parts += [FEATURE_WORDS[language][key] for key in features]
    support = [key for key in SUPPORT if key in item.get("support", [])]
    if support:
        words = listed(support, SUPPORT_WORDS[language])
        parts.append(reason("support_given", support=words) if section == "offers"
                     else message("terms_support_wanted", support=words))
    price = item.get("price")
    if price == "free":
        parts.append(reason("free"))
    elif price == "rent" and item.get("price_eur") is not None:
        parts.append(reason("costs", price=format_amount(item["price_eur"], language)))
    elif price == "in_kind":
        parts.append(message("terms_price_in_kind"))
    if item.get("in_kind"):
        parts.append(reason("in_kind", things=listed(item["in_kind"], IN_KIND_WORDS[language])))
    budget = item.get("budget_eur")
    if budget is not None:
        parts.append(message("terms_no_budget") if budget <= 0
                     else message("terms_budget", amount=format_amount(budget, language)))
    if item.get("in_return"):
        returned = listed(item["in_return"], EXCHANGE_PHRASES[language])
        parts.append(reason("return_asked", returned=returned) if section == "offers"
                     else message("terms_gives_in_return", returned=returned))
    return " · ".join(parts)
