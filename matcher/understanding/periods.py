"""Amounts in euro and periods of time, as people write them in Dutch, French and English:
"5.000 euro", "EUR 5k", "van 5 april tot 14 mai 2027", "in juli en augustus", "cet été"."""
from __future__ import annotations

import calendar
import datetime as dt
import re
from functools import lru_cache

from matcher.understanding.lexicon import Lexicon

AMBIGUOUS_MONTH_WORDS = {"may", "march", "mars"}  # verbs or nouns too: need a date context
DATE_CONTEXT = {"in", "from", "until", "till", "to", "during", "of", "en", "de", "du", "au", "a",
                "van", "tot", "vanaf", "tussen", "and", "et", "between", "entre", "begin", "end",
                "eind", "fin", "debut", "half", "mid"}


# -- amounts ----------------------------------------------------------------
_NUMBER = r"(\d{1,3}(?:[.\s\u00a0\u202f,’']\d{3})+|\d+(?:[.,]\d+)?)\s*(k)?"
_CURRENCY = r"(?:€|eur|euro|euros)"
AMOUNT_PATTERNS = (
    re.compile(_CURRENCY + r"\s*" + _NUMBER + r"(?![\d])"),
    re.compile(r"(?<![\d.,])" + _NUMBER + r"\s*" + _CURRENCY + r"(?![a-z])"),
)


def find_amount(text: str) -> int | None:
    """The first amount in euro: "5.000 euro", "5 000 €", "€5,000", "EUR 5k"."""
    found = find_amounts(text)
    return found[0][2] if found else None


def find_amounts(text: str) -> list[tuple[int, int, int]]:
    """Every amount in euro as (start, end, value), by character offsets in `text`, in order."""
    lowered = text.lower()
    found: dict[int, tuple[int, int, int]] = {}
    for pattern in AMOUNT_PATTERNS:
        for match in pattern.finditer(lowered):
            value = _parse_number(match.group(1), bool(match.group(2)))
            if value is not None and not any(start <= match.start() < end for start, end, _ in found.values()):
                found[match.start()] = (match.start(), match.end(), value)
    return sorted(found.values())


def _parse_number(digits: str, thousands: bool) -> int | None:
    if re.fullmatch(r"\d{1,3}(?:[.\s\u00a0\u202f,’']\d{3})+", digits):
        value = float(re.sub(r"\D", "", digits))
    else:
        try:
            value = float(digits.replace(",", "."))
        except ValueError:
            return None
    if thousands:
        value *= 1000
    return int(round(value))


# -- periods ----------------------------------------------------------------
def find_periods(normalised: str, reference_date: dt.date,
                 vocabulary: Lexicon) -> list[tuple[dt.date, dt.date]]:
    """Periods named in a folded, space-joined sentence, as (start, end) dates."""
    return [(start, end) for _, start, end in find_placed_periods(normalised, reference_date, vocabulary)]


def find_placed_periods(normalised: str, reference_date: dt.date,
                        vocabulary: Lexicon) -> list[tuple[int, dt.date, dt.date]]:
    """Periods named in a folded, space-joined sentence, as (the word they start at, start, end)."""
    patterns = _period_patterns(vocabulary)
    found: list[tuple[int, dt.date, dt.date]] = []
    taken: list[tuple[int, int]] = []
    for name, pattern in patterns:
        for match in pattern.finditer(" " + normalised + " "):
            span = (match.start(), match.end())
            if not _word_bounded(" " + normalised + " ", span) or any(
                    s < span[1] and span[0] < e for s, e in taken):
                continue
            for start, end in _dates(name, match, reference_date, vocabulary,
                                     " " + normalised + " "):
                found.append((span[0], start, end))
                taken.append(span)
    found.sort()
    return _either(" " + normalised + " ", [(at, start, end) for at, start, end in found if start <= end],
                   sorted(taken))


# "spring or early summer", "au printemps ou au début de l'été": either of two periods next to
# each other is one span from the first to the last, as "juli of augustus" already is; "in maart
# of in oktober" stays two. So is "juli-augustus" (the words have lost the hyphen).
NEXT_TO = 32  # days between the end of the first and the start of the second
EITHER = re.compile(r"^ (?:(?:or|of|ou|ofwel)(?: [a-z]+){0,4} )?$")


def _either(text: str, found: list[tuple[int, dt.date, dt.date]],
            spans: list[tuple[int, int]]) -> list[tuple[int, dt.date, dt.date]]:
    ends = {start: end for start, end in spans}
    merged: list[tuple[int, dt.date, dt.date]] = []
    for at, start, end in found:
        between = text[ends[merged[-1][0]]:at] if merged and merged[-1][0] in ends else None
        if between is not None and EITHER.match(between) and \
                abs(start.toordinal() - merged[-1][2].toordinal()) <= NEXT_TO:
            previous_at, previous_start, previous_end = merged[-1]
            merged[-1] = (previous_at, min(previous_start, start), max(previous_end, end))
            ends[previous_at] = ends.get(at, ends[previous_at])
        else:
            merged.append((at, start, end))
    return [(len(text[:at].split()), start, end) for at, start, end in merged]


@lru_cache(maxsize=4)
def _period_patterns(vocabulary: Lexicon) -> list[tuple[str, re.Pattern]]:
    """The period patterns of a lexicon's months and seasons, compiled once: building them for
    every sentence was a third of the time it takes to read a profile."""
    month = _alternation(vocabulary.months)
    season = _alternation({" ".join(k): v for k, v in vocabulary.seasons.items()})
    ordinal = r"(?:er|ste|de|e|st|nd|rd|th)?"
    to = r"(?:to|tot|until|till|through|au|a|en|and|et|or|of|ou|tem|t m|jusqu au|jusqu a|tot en met)"
    year = r"(20\d\d)"
    patterns = [
        ("iso", re.compile(r"(20\d\d) (\d\d) (\d\d) (?:" + to + r" )?(20\d\d) (\d\d) (\d\d)")),
        ("days", re.compile(r"(\d{1,2})" + ordinal + r"(?: (" + month + r"))?(?: " + year + r")? "
                            + to + r" (\d{1,2})" + ordinal + r" (" + month + r")(?: " + year + r")?")),
        ("month_days", re.compile(r"(" + month + r") (\d{1,2})" + ordinal + r"(?: " + year + r")? " + to
                                  + r" (?:(" + month + r") )?(\d{1,2})" + ordinal + r"(?: " + year + r")?")),
        ("months", re.compile(r"(" + month + r")(?: " + year + r")? " + to + r" (" + month + r")(?: " + year + r")?")),
        ("season", re.compile(r"(" + season + r")(?: (?:van |de |of )?" + year + r")?")),
        ("month", re.compile(r"(?:(\d{1,2})" + ordinal + r" )?(" + month + r")(?: " + year + r")?")),
    ]
    return patterns


def _alternation(names) -> str:
    return "|".join(sorted((re.escape(n) for n in names), key=len, reverse=True)) or "(?!x)x"


def _word_bounded(text: str, span: tuple[int, int]) -> bool:
    before = text[span[0] - 1] if span[0] > 0 else " "
    after = text[span[1]] if span[1] < len(text) else " "
    return not before.isalnum() and not after.isalnum()


def _dates(name: str, match: re.Match, reference: dt.date, vocabulary: Lexicon,
           text: str) -> list[tuple[dt.date, dt.date]]:
    groups = match.groups()
    months = vocabulary.months
    try:
        if name == "iso":
            y1, m1, d1, y2, m2, d2 = (int(g) for g in groups)
            return [(dt.date(y1, m1, d1), dt.date(y2, m2, d2))]
        if name == "days":
            d1, m1, y1, d2, m2, y2 = groups
            end_month = months[m2]
            start_month = months[m1] if m1 else end_month
            return [_span(reference, start_month, end_month, _int(y1), _int(y2), int(d1), int(d2))]
        if name == "month_days":
            m1, d1, y1, m2, d2, y2 = groups
            start_month = months[m1]
            end_month = months[m2] if m2 else start_month
            return [_span(reference, start_month, end_month, _int(y1), _int(y2), int(d1), int(d2))]
        if name == "months":
            m1, y1, m2, y2 = groups
            if not _month_in_context(m1, match.start(), text) and m1 in AMBIGUOUS_MONTH_WORDS:
                return []
            first, second = months[m1], months[m2]
            connector = text[match.start():match.end()]
            is_list = re.search(r" (?:en|and|et|or|of|ou) ", connector) is not None
            if is_list and second not in (first + 1, first - 11):
                return [_span(reference, first, first, _int(y1) or _int(y2), None),
                        _span(reference, second, second, _int(y2), None)]
            return [_span(reference, first, second, _int(y1), _int(y2))]
        if name == "season":
            phrase, year_text = groups
            season_months = vocabulary.seasons[tuple(phrase.split())]
            return [_span(reference, season_months[0], season_months[-1], _int(year_text), None)]
        if name == "month":
            day, month_name, year_text = groups
            if month_name in AMBIGUOUS_MONTH_WORDS and not day and not year_text and \
                    not _month_in_context(month_name, match.start(), text):
                return []
            number = months[month_name]
            if day:
                start = _span(reference, number, number, _int(year_text), None)[0].replace(day=int(day))
                return [(start, start)]
            return [_span(reference, number, number, _int(year_text), None)]
    except (ValueError, KeyError):
        return []
    return []


def _month_in_context(month_name: str, position: int, text: str) -> bool:
    before = text[:position].split()
    return bool(before) and before[-1] in DATE_CONTEXT


def _int(value: str | None) -> int | None:
    return int(value) if value else None


def _span(reference: dt.date, first_month: int, last_month: int, first_year: int | None,
          last_year: int | None, first_day: int = 1, last_day: int | None = None) -> tuple[dt.date, dt.date]:
    """Dates for months given with or without years: the next such stretch from `reference`."""
    if first_year is None and last_year is not None:
        first_year = last_year - (1 if first_month > last_month else 0)
    if first_year is None:
        first_year = reference.year if first_month >= reference.month else reference.year + 1
    if last_year is None:
        last_year = first_year + (1 if last_month < first_month else 0)
    last_day = last_day or calendar.monthrange(last_year, last_month)[1]
    return dt.date(first_year, first_month, first_day), dt.date(last_year, last_month, last_day)

