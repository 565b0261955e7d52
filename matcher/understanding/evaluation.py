"""How well free text is read, against labelled texts: precision, recall and F1 per field
(offers, needs, audiences, partner kind) and per language, and how often an offer is read as a
need.

A labelled file is JSON Lines, one text a line (data/understanding/README.md):
{"id", "text", "language": "nl"|"fr"|"en"|"mixed", "context": "search"|"profile",
 "offers": [types], "needs": [types], "audiences": [keys], "partner_kind": null|kind}

A text is read as the matcher reads it: a search as a request, a profile text as a profile's
description. Scores are micro-averaged over labels (a true positive is a key both in the labels
and in what was read); `partner_kind` counts one label per text that names one.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from matcher.errors import JudgmentsError
from matcher.evaluation import json_lines
from matcher.understanding.reader import understand

FIELDS = ("offers", "needs", "audiences", "partner_kind")
LANGUAGES = ("nl", "fr", "en", "mixed")
CONTEXTS = ("search", "profile")


@dataclass(frozen=True)
class LabelledText:
    id: str
    text: str
    language: str
    context: str
    labels: dict[str, frozenset[str]]  # field -> expected keys (partner_kind: zero or one)


@dataclass
class Counts:
    """True positives, false positives and false negatives of one field."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, expected: frozenset[str], read: frozenset[str]) -> None:
        self.tp += len(expected & read)
        self.fp += len(read - expected)
        self.fn += len(expected - read)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {"precision": round(self.precision, 3), "recall": round(self.recall, 3), "f1": round(self.f1, 3),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass
class UnderstandingReport:
    texts: int = 0
    by_language: dict[str, dict[str, Counts]] = field(default_factory=dict)  # "all", nl, fr, ... -> field
    offers_read_as_needs: int = 0  # texts where a labelled offer (not also a need) was read as a need

    def as_dict(self) -> dict:
        return {"texts": self.texts, "offers_read_as_needs": self.offers_read_as_needs,
                "scores": {language: {name: counts.as_dict() for name, counts in fields.items()}
                           for language, fields in self.by_language.items()}}


def load_labelled(path: str | Path) -> list[LabelledText]:
    """Read and check a labelled file; every problem names its line."""
    items: list[LabelledText] = []
    problems: list[str] = []
    for number, (where, item) in enumerate(json_lines(path, problems), start=1):
        if not isinstance(item, dict) or not isinstance(item.get("text"), str) or not item["text"].strip():
            problems.append(f"{where}: text: is required")
            continue
        if item.get("context") not in CONTEXTS:
            problems.append(f"{where}: context: must be one of {', '.join(CONTEXTS)}; got {item.get('context')!r}")
            continue
        kind = item.get("partner_kind")
        labels = {name: frozenset(item.get(name) or []) for name in FIELDS[:3]}
        labels["partner_kind"] = frozenset([kind] if kind else [])
        items.append(LabelledText(str(item.get("id", number)), item["text"], str(item.get("language", "?")),
                                  item["context"], labels))
    if problems:
        raise JudgmentsError("\n".join(problems))
    if not items:
        raise JudgmentsError(f"{path}: holds no labelled text")
    return items


def read_labels(item: LabelledText, reference_date: dt.date) -> dict[str, frozenset[str]]:
    """What the reader finds in a labelled text, as the same fields."""
    # Who writes (an organisation or a maker) is read from the text, as nothing else says it here.
    read = understand(item.text, reference_date, organiser=None, searching=item.context == "search")
    return {"offers": frozenset(o["type"] for o in read.offers), "needs": frozenset(n["type"] for n in read.needs),
            "audiences": frozenset(read.audiences),
            "partner_kind": frozenset(read.partner_kinds[:1])}


def score_understanding(items: list[LabelledText], reference_date: dt.date | None = None) -> UnderstandingReport:
    """Precision, recall and F1 per field, over all texts and per language."""
    reference_date = reference_date or dt.date.today()
    report = UnderstandingReport(texts=len(items))
    for item in items:
        read = read_labels(item, reference_date)
        for language in ("all", item.language):
            fields = report.by_language.setdefault(language, {name: Counts() for name in FIELDS})
            for name in FIELDS:
                fields[name].add(item.labels[name], read[name])
        offered_only = item.labels["offers"] - item.labels["needs"]
        if offered_only & (read["needs"] - read["offers"]):
            report.offers_read_as_needs += 1
    return report


def format_understanding_report(report: UnderstandingReport) -> str:
    order = ["all"] + [language for language in LANGUAGES if language in report.by_language] + \
        sorted(set(report.by_language) - {"all", *LANGUAGES})
    lines = [f"{report.texts} labelled texts; offers read as needs in {report.offers_read_as_needs}", "",
             f"{'language':<10}{'field':<14}{'precision':>10}{'recall':>8}{'F1':>7}"]
    for language in order:
        for name, counts in report.by_language[language].items():
            lines.append(f"{language:<10}{name:<14}{counts.precision:>10.3f}{counts.recall:>8.3f}{counts.f1:>7.3f}")
    return "\n".join(lines)
