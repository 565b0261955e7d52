"""Scoring what the reader finds against labelled texts (matcher evaluate-understanding)."""
import datetime as dt
import json

import pytest

from matcher.cli import main
from matcher.errors import JudgmentsError
from matcher.understanding.evaluation import Counts, load_labelled, score_understanding

from conftest import REFERENCE_DATE, write_jsonl


def labelled(id, text, context="search", language="nl", offers=(), needs=(), audiences=(), partner_kind=None):
    return {"id": id, "text": text, "language": language, "context": context, "offers": list(offers),
            "needs": list(needs), "audiences": list(audiences), "partner_kind": partner_kind}


def test_counts_give_precision_recall_and_f1():
    """Two of three labels found, one found wrongly: precision 2/3, recall 2/3, F1 2/3."""
    counts = Counts()
    counts.add(frozenset({"residency", "workshops"}), frozenset({"residency", "promotion"}))
    counts.add(frozenset({"audience_reach"}), frozenset({"audience_reach"}))
    assert (counts.tp, counts.fp, counts.fn) == (2, 1, 1)
    assert counts.precision == pytest.approx(2 / 3) and counts.recall == pytest.approx(2 / 3)
    assert counts.f1 == pytest.approx(2 / 3)
    assert Counts().precision == Counts().recall == 1.0, "nothing expected and nothing read is not an error"


def test_a_need_read_right_and_an_offer_read_as_a_need(tmp_path):
    """A plain request is scored right; a labelled offer that the reader takes for a need is counted."""
    path = write_jsonl(tmp_path / "l.jsonl", [
        labelled("a", "Wij zoeken een repetitieruimte in juli.", needs=["rehearsal_space"]),
        labelled("b", "I am looking for a residency.", language="en", needs=["residency"], partner_kind="venue"),
    ])
    report = score_understanding(load_labelled(path), REFERENCE_DATE)
    needs = report.by_language["all"]["needs"]
    assert (needs.tp, needs.fn) == (2, 0)
    assert report.by_language["nl"]["needs"].tp == 1 and report.by_language["en"]["needs"].tp == 1
    assert report.by_language["all"]["partner_kind"].fn == 1
    assert report.offers_read_as_needs == 0
    swapped = write_jsonl(tmp_path / "s.jsonl", [labelled("c", "Wij zoeken een repetitieruimte in juli.",
                                                          offers=["rehearsal_space"])])
    assert score_understanding(load_labelled(swapped), REFERENCE_DATE).offers_read_as_needs == 1


def test_bad_labelled_lines_are_named(tmp_path):
    """A line without text or with an unknown context is refused with its line number."""
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(labelled("a", "")) + "\n" + json.dumps(labelled("b", "x", context="chat")) + "\n")
    with pytest.raises(JudgmentsError) as refused:
        load_labelled(path)
    assert "line 1: text: is required" in str(refused.value)
    assert "line 2: context: must be one of search, profile; got 'chat'" in str(refused.value)


def test_the_command_prints_scores_per_field_and_language(tmp_path, capsys):
    """matcher evaluate-understanding prints a row per language and field, and JSON with --json."""
    path = write_jsonl(tmp_path / "l.jsonl", [labelled("a", "Nous cherchons une salle de répétition.",
                                                       language="fr", needs=["rehearsal_space"])])
    assert main(["evaluate-understanding", str(path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("1 labelled texts; offers read as needs in 0")
    assert any(line.split()[:2] == ["fr", "needs"] for line in out.splitlines())
    assert main(["evaluate-understanding", "--json", str(path)]) == 0
    body = json.loads(capsys.readouterr().out)
    assert body["scores"]["all"]["needs"]["recall"] == 1.0 and body["texts"] == 1


def test_the_held_out_half_is_read_no_worse_than_now():
    """The evaluation half (data/understanding/evaluation.jsonl), written apart from the rules and
    never read while writing them, holds what the reader reaches on it today. The issue's target
    (offers and needs F1 >= 0.90, audiences >= 0.92) is not met yet: these floors keep it from
    sliding back while the reader gets there (README, "Reading free text")."""
    report = score_understanding(load_labelled("data/understanding/evaluation.jsonl"), dt.date(2026, 11, 24))
    scores = report.by_language["all"]
    assert scores["offers"].f1 >= 0.65
    assert scores["needs"].f1 >= 0.69
    assert scores["audiences"].f1 >= 0.85
    assert scores["partner_kind"].f1 >= 0.68
    assert report.offers_read_as_needs <= 12


# Floors a little under what the reader reaches on each labelled set today (data/understanding/
# README.md): "check", "check_d" and "check_f" were never read while tuning, the others were tuned on.
SET_FLOORS = {
    "tuning.jsonl": {"offers": 0.82, "needs": 0.86, "audiences": 0.89, "partner_kind": 0.74},
    "tuning_a.jsonl": {"offers": 0.76, "needs": 0.83, "audiences": 0.89, "partner_kind": 0.72},
    "tuning_b.jsonl": {"offers": 0.77, "needs": 0.81, "audiences": 0.82, "partner_kind": 0.72},
    "tuning_e.jsonl": {"offers": 0.68, "needs": 0.75, "audiences": 0.84, "partner_kind": 0.75},
    "check.jsonl": {"offers": 0.73, "needs": 0.77, "audiences": 0.85, "partner_kind": 0.74},
    "check_d.jsonl": {"offers": 0.69, "needs": 0.74, "audiences": 0.84, "partner_kind": 0.77},
    "check_f.jsonl": {"offers": 0.65, "needs": 0.65, "audiences": 0.82, "partner_kind": 0.66},
}


@pytest.mark.parametrize("name", sorted(SET_FLOORS))
def test_each_labelled_set_is_read_no_worse_than_now(name):
    report = score_understanding(load_labelled(f"data/understanding/{name}"), dt.date(2026, 11, 24))
    scores = report.by_language["all"]
    assert {field: round(scores[field].f1, 3) for field in SET_FLOORS[name]
            if scores[field].f1 < SET_FLOORS[name][field]} == {}
