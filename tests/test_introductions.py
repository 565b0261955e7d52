"""Introductions in the library: who may ask and answer, the caps, contact only by consent, what an
answer does to the ranking, outcomes as judgments, erasure, the CLI, and mail through a real SMTP
server (aiosmtpd) on a loopback port. The service and the pages: test_introductions_service.py."""
from __future__ import annotations

import json

import pytest

from matcher.cli import main
from matcher.embedding import HashingEmbedder
from matcher.engine import Matcher
from matcher.errors import (IntroductionConflict, IntroductionNotAllowed, IntroductionNotFound, InvalidRequest,
                            ProfileNotFound, TooManyIntroductions)
from matcher.evaluation import CUTOFF, evaluate, load_judgments, matcher_ranker
from matcher.introductions import IntroductionLimits, Introductions, may_see_contact
from matcher.mail import SmtpSettings, send_outbox
from matcher.profiles import Profile
from matcher.storage.store import Store

from conftest import REFERENCE_DATE, profile, write_jsonl
from serving import free_port
from serving import smtp_server as running_smtp


def centre(id: str, municipality: str = "Schaarbeek", **fields) -> dict:
    """A community centre with a dance studio that seeks workshops for young people."""
    return profile(id, "organisation", **{
        "name": id.upper(), "description": "Gemeenschapscentrum met een dansstudio en een sterke jongerenwerking.",
        "disciplines": ["dance"], "audiences": ["youth"], "location": {"municipality": municipality},
        "offers": [{"type": "rehearsal_space"}], "needs": [{"type": "workshops", "audiences": ["youth"]}],
        "contact": {"email": f"{id}@example.org", "phone": "+32 2 000 00 00"}, **fields})


def company(id: str, municipality: str = "Brussel", **fields) -> dict:
    """A dance company that gives workshops and seeks a rehearsal room."""
    return profile(id, "artist", **{
        "name": id.upper(), "description": "Dance company making a piece with teenagers; we give workshops.",
        "disciplines": ["dance"], "audiences": ["youth"], "location": {"municipality": municipality},
        "offers": [{"type": "workshops", "audiences": ["youth"]}], "needs": [{"type": "rehearsal_space"}],
        "contact": {"email": f"{id}@example.org"}, **fields})


PROFILES = [centre("gc-a"), company("cie-b"), company("cie-c"), company("cie-d"), centre("gc-e", "Elsene"),
            company("cie-f", "Anderlecht")]


class Clock:
    """Seconds since the epoch that a test moves on by hand."""

    def __init__(self, now: float = 1_800_000_000.0):
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def stocked(matcher, tmp_path) -> Matcher:
    report = matcher.import_files([write_jsonl(tmp_path / "p.jsonl", PROFILES)])
    assert report.problems == []
    return matcher


def ids(result) -> list[str]:
    return [suggestion.id for suggestion in result.matches]


# -- asking and answering --------------------------------------------------------------------------
def test_ask_accept_and_the_contact_rule(stocked):
    """A request waits; once accepted, the two (and only they, the owner and the admin) see each other's contact."""
    introductions = stocked.introductions
    asked = introductions.ask("gc-a", "cie-b", "  Hallo! We hebben een studio in juli.  ")
    assert (asked.status, asked.message, asked.from_name, asked.to_name) == \
        ("pending", "Hallo! We hebben een studio in juli.", "GC-A", "CIE-B")
    assert stocked.contact_for("cie-b", "gc-a") is None and stocked.contact_for("gc-a", "cie-b") is None
    accepted = introductions.accept(asked.id, by="cie-b")
    assert accepted.status == "accepted" and accepted.answered_at
    assert stocked.contact_for("cie-b", "gc-a") == {"email": "cie-b@example.org"}
    assert stocked.contact_for("gc-a", "cie-b")["email"] == "gc-a@example.org"
    assert stocked.contact_for("gc-a", "cie-c") is None  # a stranger
    assert stocked.contact_for("gc-a", None) is None  # nobody known
    assert stocked.contact_for("gc-a", "gc-a")["email"] == "gc-a@example.org"  # its owner
    assert stocked.contact_for("gc-a", None, admin=True)["email"] == "gc-a@example.org"


def test_the_rule_itself():
    """may_see_contact: the owner, the admin, a profile introduced; nobody else."""
    assert may_see_contact("a", "a") and may_see_contact(None, "a", admin=True)
    assert may_see_contact("b", "a", introduced={"b"})
    assert not may_see_contact("c", "a", introduced={"b"}) and not may_see_contact(None, "a")


def test_only_the_profile_asked_answers(stocked):
    """The asker, or anyone else, cannot accept or decline; unknown ids are not found."""
    asked = stocked.introductions.ask("gc-a", "cie-b")
    for by in ("gc-a", "cie-c"):
        with pytest.raises(IntroductionNotAllowed, match="only 'cie-b', the profile asked, may accept"):
            stocked.introductions.accept(asked.id, by=by)
        with pytest.raises(IntroductionNotAllowed, match="may decline"):
            stocked.introductions.decline(asked.id, by=by)
    with pytest.raises(IntroductionNotFound, match="no introduction with id 'nope'"):
        stocked.introductions.accept("nope", by="cie-b")
    with pytest.raises(IntroductionNotAllowed, match="only 'gc-a', the asker, may withdraw"):
        stocked.introductions.withdraw(asked.id, by="cie-b")
    stocked.introductions.decline(asked.id, by="cie-b")
    with pytest.raises(IntroductionConflict, match="already declined") as refused:
        stocked.introductions.accept(asked.id, by="cie-b")
    assert refused.value.reason == "answered" and refused.value.existing_id == asked.id


@pytest.mark.parametrize(("first", "second", "reason"), [
    (("gc-a", "cie-b"), ("gc-a", "cie-b"), "waiting"),  # the same request twice
    (("gc-a", "cie-b"), ("cie-b", "gc-a"), "waiting"),  # the other way round: answer it instead
])
def test_a_second_open_request_for_the_pair_names_the_first(stocked, first, second, reason):
    """One open request per pair, whichever side asks; the conflict names the one waiting."""
    asked = stocked.introductions.ask(*first)
    with pytest.raises(IntroductionConflict, match=f"already waiting for an answer: '{asked.id}'") as refused:
        stocked.introductions.ask(*second)
    assert (refused.value.existing_id, refused.value.reason) == (asked.id, reason)


def test_asking_oneself_an_unknown_profile_or_at_length_is_refused(stocked):
    """To oneself is invalid, unknown profiles are not found, a message has a limit."""
    with pytest.raises(InvalidRequest, match="to: is the asking profile itself"):
        stocked.introductions.ask("gc-a", "gc-a")
    with pytest.raises(ProfileNotFound, match="nobody"):
        stocked.introductions.ask("gc-a", "nobody")
    with pytest.raises(ProfileNotFound, match="nobody"):
        stocked.introductions.ask("nobody", "gc-a")
    with pytest.raises(InvalidRequest, match="message: at most 2,000 characters; got 2,001"):
        stocked.introductions.ask("gc-a", "cie-b", "x" * 2001)


def test_after_an_answer(stocked):
    """Introduced pairs are not asked again; one declined is not asked again by the asker, but the
    side that declined may still ask; a withdrawn request may be asked again."""
    introductions = stocked.introductions
    introductions.accept(introductions.ask("gc-a", "cie-b").id, by="cie-b")
    with pytest.raises(IntroductionConflict, match="already introduced") as refused:
        introductions.ask("cie-b", "gc-a")
    assert refused.value.reason == "introduced"
    introductions.decline(introductions.ask("gc-a", "cie-c").id, by="cie-c")
    with pytest.raises(IntroductionConflict, match="'cie-c' declined an introduction to 'gc-a'"):
        introductions.ask("gc-a", "cie-c")
    assert introductions.ask("cie-c", "gc-a").status == "pending"
    introductions.withdraw(introductions.ask("gc-a", "cie-d").id, by="gc-a")
    assert introductions.ask("gc-a", "cie-d").status == "pending"


def test_working_together_is_recorded_by_either_side_once_accepted(stocked):
    """Only after acceptance, by one of the two; the other side is told."""
    introductions = stocked.introductions
    asked = introductions.ask("gc-a", "cie-b")
    with pytest.raises(IntroductionConflict, match="only an accepted one"):
        introductions.record_worked_together(asked.id, by="gc-a")
    introductions.accept(asked.id, by="cie-b")
    with pytest.raises(IntroductionNotAllowed):
        introductions.record_worked_together(asked.id, by="cie-c")
    done = introductions.record_worked_together(asked.id, by="cie-b")
    assert done.worked_together_by == "cie-b" and done.worked_together_at
    assert introductions.record_worked_together(asked.id, by="gc-a").worked_together_by == "cie-b"  # once
    assert [n.event for n in introductions.notifications_of("gc-a")] == ["worked_together", "accepted"]


# -- the caps ---------------------------------------------------------------------------------------
def test_caps_on_open_requests_and_per_day(matcher, tmp_path):
    """A profile may have `open_requests` waiting and ask `per_day` in 24 hours; the error names the
    setting and, for the day, how long to wait; a day later it may ask again."""
    matcher.import_files([write_jsonl(tmp_path / "p.jsonl", PROFILES)])
    clock = Clock()
    introductions = Introductions(matcher.store.db, IntroductionLimits(open_requests=2, per_day=3), clock)
    first = introductions.ask("gc-a", "cie-b")
    introductions.ask("gc-a", "cie-c")
    with pytest.raises(TooManyIntroductions, match=r"has 2 introduction requests waiting .* \(2, "
                                                   "MATCHER_INTRODUCTIONS_OPEN\\)") as refused:
        introductions.ask("gc-a", "cie-d")
    assert (refused.value.setting, refused.value.limit, refused.value.retry_after_seconds) == \
        ("MATCHER_INTRODUCTIONS_OPEN", 2, None)
    introductions.accept(first.id, by="cie-b")  # an answer frees a place
    clock.now += 3600
    introductions.ask("gc-a", "cie-d")
    introductions.withdraw(introductions.latest_with("gc-a", ["cie-d"])["cie-d"].id, by="gc-a")
    with pytest.raises(TooManyIntroductions, match=r"asked 3 introductions in the last 24 hours.*ask again in "
                                                   r"23 h 0 min") as refused:
        introductions.ask("gc-a", "cie-f")
    assert refused.value.setting == "MATCHER_INTRODUCTIONS_PER_DAY" and refused.value.retry_after_seconds == 82801
    introductions.ask("cie-b", "cie-f")  # another profile is not held back
    clock.now += 23 * 3600
    assert introductions.ask("gc-a", "cie-f").status == "pending"


@pytest.mark.parametrize("limits", [{"open_requests": 0}, {"per_day": -1}, {"per_day": 2.5}])
def test_limits_are_whole_numbers_of_at_least_one(limits):
    """A cap of 0 or a fraction is refused, naming the parameter."""
    name = next(iter(limits))
    with pytest.raises(ValueError, match=f"The '{name}' parameter must be a whole number of at least 1"):
        IntroductionLimits(**limits)


# -- what an answer does to the ranking -------------------------------------------------------------
def test_declined_pairs_are_never_suggested_to_each_other_again(stocked):
    """After a decline, neither side's matches nor a search for either holds the other; others are unchanged."""
    assert "cie-b" in ids(stocked.match("gc-a")) and "gc-a" in ids(stocked.match("cie-b"))
    before_e = ids(stocked.match("gc-e"))
    stocked.introductions.decline(stocked.introductions.ask("gc-a", "cie-b").id, by="cie-b")
    assert "cie-b" not in ids(stocked.match("gc-a")) and "gc-a" not in ids(stocked.match("cie-b"))
    text = "Wij zoeken workshops dans voor jongeren en bieden een repetitieruimte"
    assert "cie-b" in ids(stocked.search(text))  # an anonymous search is not anyone's
    assert "cie-b" not in ids(stocked.search(text, for_profile="gc-a"))
    assert "gc-a" not in ids(stocked.search(text, for_profile="cie-b"))
    assert "gc-a" not in ids(stocked.search(text, for_profile="gc-a"))  # nor oneself
    assert ids(stocked.match("gc-e")) == before_e
    assert len(ids(stocked.match("gc-a", limit=3))) == 3  # the left-out one leaves no hole


def test_accepted_pairs_count_as_partners(stocked):
    """An accepted introduction pushes the pair down like a listed partner, with the same reason, in
    matches both ways and in a search for either."""
    plain = {s.id: s for s in stocked.match("gc-a").matches}
    assert plain["cie-b"].components["novelty"] == 1.0
    stocked.introductions.accept(stocked.introductions.ask("gc-a", "cie-b").id, by="cie-b")
    introduced = {s.id: s for s in stocked.match("gc-a").matches}
    factor = stocked.weights.novelty.existing_partner_factor
    assert introduced["cie-b"].components["novelty"] == 0.0
    assert introduced["cie-b"].score == pytest.approx(plain["cie-b"].score * factor, rel=1e-6)
    assert introduced["cie-b"].reasons[0].key == "existing_partner"
    assert {s.id: s for s in stocked.match("cie-b").matches}["gc-a"].components["novelty"] == 0.0
    searched = stocked.search("dans workshops voor jongeren", for_profile="gc-a", limit=20).matches
    assert {s.id: s for s in searched}["cie-b"].components["novelty"] == 0.0
    assert stocked.prepared("cie-b").introduced == frozenset({"gc-a"})


# -- outcomes ---------------------------------------------------------------------------------------
def answered(matcher: Matcher) -> None:
    """gc-a worked with cie-b, was declined by cie-c, accepted by cie-d; cie-f's request waits."""
    introductions = matcher.introductions
    worked = introductions.ask("gc-a", "cie-b", "Samen iets maken?")
    introductions.accept(worked.id, by="cie-b")
    introductions.record_worked_together(worked.id, by="gc-a")
    introductions.decline(introductions.ask("gc-a", "cie-c").id, by="cie-c")
    introductions.accept(introductions.ask("cie-d", "gc-a").id, by="gc-a")
    introductions.ask("cie-f", "gc-e")


def test_outcomes_become_judgments_both_ways(stocked):
    """Worked together 3, accepted 2, declined 0, for both sides; pending requests grade nothing, and a
    side whose introductions were all declined has nothing relevant to find, so it is left out."""
    answered(stocked)
    assert stocked.introductions.judgments() == [
        {"query_id": "introductions-cie-b", "profile_id": "cie-b", "slices": ["introductions"],
         "judgments": {"gc-a": 3}},
        {"query_id": "introductions-cie-d", "profile_id": "cie-d", "slices": ["introductions"],
         "judgments": {"gc-a": 2}},
        {"query_id": "introductions-gc-a", "profile_id": "gc-a", "slices": ["introductions"],
         "judgments": {"cie-b": 3, "cie-c": 0, "cie-d": 2}},
    ]
    outcomes = list(stocked.introductions.outcomes())
    assert [(o["from"], o["to"], o["status"], bool(o["worked_together_at"])) for o in outcomes] == [
        ("gc-a", "cie-b", "accepted", True), ("gc-a", "cie-c", "declined", False),
        ("cie-d", "gc-a", "accepted", False), ("cie-f", "gc-e", "pending", False)]
    assert outcomes[0]["message"] == "Samen iets maken?"


def test_the_cli_writes_judgments_that_evaluate_reads(stocked, db_path, tmp_path, capsys):
    """`matcher introductions judgments` writes the judgments format; `evaluate` reads it and scores a
    ranking that does not know the outcomes yet (the same profiles in a fresh database)."""
    answered(stocked)
    assert main(["introductions", "judgments", "--db", str(db_path)]) == 0
    judgments = write_jsonl(tmp_path / "judgments.jsonl",
                            [json.loads(line) for line in capsys.readouterr().out.splitlines()])
    fresh = Matcher(Store(tmp_path / "fresh.db"), embedder=HashingEmbedder(), reference_date=REFERENCE_DATE)
    fresh.import_files([write_jsonl(tmp_path / "p.jsonl", PROFILES)])
    queries = load_judgments(judgments, fresh.store.ids())
    assert [q.profile_id for q in queries] == ["cie-b", "cie-d", "gc-a"]
    result = evaluate(queries, {"matcher": matcher_ranker(fresh)})
    assert 0.0 < result["metrics"]["matcher"]["introductions"]["ndcg@10"] <= 1.0
    assert CUTOFF == 10


def test_the_cli_lists_and_exports(stocked, db_path, capsys):
    """`introductions list` shows a profile's side, with the other's contact only once accepted;
    `introductions export` writes every outcome."""
    answered(stocked)
    assert main(["introductions", "list", "gc-a", "--db", str(db_path), "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    contacts = {item["to"]: item["contact"] for item in listed["outgoing"]}
    assert contacts == {"cie-b": {"email": "cie-b@example.org"}, "cie-c": None}
    assert [(item["from"], item["contact"]["email"]) for item in listed["incoming"]] == [
        ("cie-d", "cie-d@example.org")]
    assert main(["introductions", "list", "cie-f", "--db", str(db_path)]) == 0
    text = capsys.readouterr().out
    assert "GC-E [gc-e]  pending" in text and "gc-e@example.org" not in text
    assert main(["introductions", "export", "--db", str(db_path)]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 4
    assert main(["introductions", "list", "nobody", "--db", str(db_path)]) == 1
    assert "no profile with id 'nobody'" in capsys.readouterr().err


def test_deleting_a_profile_deletes_its_introductions_and_notifications(stocked):
    """Erasure: no row of either table names a deleted profile; the others' stay."""
    answered(stocked)
    stocked.delete_profile("gc-a")
    db = stocked.store.db
    rows = [json.dumps(row) for table in ("introductions", "notifications") for row in db[table].rows]
    assert rows and not any("gc-a" in row for row in rows)
    assert [(o["from"], o["to"]) for o in stocked.introductions.outcomes()] == [("cie-f", "gc-e")]


def test_an_older_database_gains_the_tables(tmp_path):
    """A database made before introductions gets the empty tables when it is opened."""
    store = Store(tmp_path / "old.db")
    store.db.execute("drop table introductions")
    store.db.execute("drop table notifications")
    store.db["meta"].upsert({"key": "schema_version", "value": str(store.schema_version() - 1)}, pk="key")
    store.close()
    reopened = Store(tmp_path / "old.db")
    assert {"introductions", "notifications"} <= set(reopened.db.table_names())


# -- mail ---------------------------------------------------------------------------------------------
@pytest.fixture
def smtp_server():
    """A real SMTP server on a free loopback port; its Inbox."""
    with running_smtp(pytest.importorskip("aiosmtpd.controller")) as server:
        yield server


def test_send_mail_sends_each_notification_once_in_the_recipients_language(stocked, db_path, smtp_server,
                                                                            monkeypatch, capsys):
    """`matcher send-mail` mails every notification to its recipient, in the recipient's language, the
    asker's message included; the accepted mail carries the other side's contact; nothing is sent twice."""
    inbox, port = smtp_server
    stocked.save_profile(Profile.model_validate(centre(
        "gc-fr", name="Centre Francophone",
        description="Centre culturel à Schaerbeek avec un studio de danse et un grand atelier pour les jeunes.")))
    asked = stocked.introductions.ask("cie-b", "gc-fr", "Nous aimerions répéter chez vous.\nEn juillet ?")
    stocked.introductions.accept(asked.id, by="gc-fr")
    monkeypatch.setenv("MATCHER_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("MATCHER_SMTP_PORT", str(port))
    monkeypatch.setenv("MATCHER_SMTP_FROM", "matcher@example.org")
    assert main(["send-mail", "--db", str(db_path)]) == 0
    assert capsys.readouterr().out.strip() == "2 sent, 0 without an address, 0 failed"
    to_centre, to_company = inbox.messages
    assert to_centre["To"] == "Centre Francophone <gc-fr@example.org>"
    assert to_centre["From"] == "matcher@example.org"
    assert to_centre["Subject"] == "CIE-B souhaite être mis·e en relation avec vous"
    body = to_centre.get_content().replace("\r\n", "\n")  # lines end in CRLF on the wire
    assert "> Nous aimerions répéter chez vous.\n> En juillet ?" in body and "cie-b@example.org" not in body
    assert to_company["Subject"] == "Centre Francophone accepted your request to be introduced"
    assert "gc-fr@example.org" in to_company.get_content()  # now both see each other's contact
    assert main(["send-mail", "--db", str(db_path)]) == 0
    assert len(inbox.messages) == 2
    assert [n.mail_status for n in stocked.introductions.notifications_of("cie-b")] == ["sent"]


def test_mail_to_nobody_and_to_a_server_that_is_down(stocked, smtp_server):
    """A recipient without an e-mail is noted, not retried; a server that cannot be reached fails
    the mails, which are tried again later, and sent then."""
    inbox, port = smtp_server
    stocked.save_profile(Profile.model_validate(company("cie-silent", contact=None)))
    stocked.introductions.ask("gc-a", "cie-silent")
    stocked.introductions.ask("gc-a", "cie-b")
    clock = Clock()
    introductions = Introductions(stocked.store.db, clock=clock)
    down = send_outbox(introductions, SmtpSettings("127.0.0.1", free_port(), "matcher@example.org"))
    assert (down.sent, down.no_address, down.failed) == (0, 1, 1) and "ConnectionRefusedError" in down.errors[0]
    up = SmtpSettings("127.0.0.1", port, "matcher@example.org")
    assert send_outbox(introductions, up).sent == 0  # a failed mail waits before it is tried again
    clock.now += 3600
    assert (send_outbox(introductions, up).sent, len(inbox.messages)) == (1, 1)
    assert inbox.messages[0]["To"] == "CIE-B <cie-b@example.org>"


def test_mail_is_off_without_a_host(stocked, db_path, capsys):
    """`send-mail` without MATCHER_SMTP_HOST says how to turn it on."""
    assert main(["send-mail", "--db", str(db_path)]) == 1
    assert "mail is off: set MATCHER_SMTP_HOST" in capsys.readouterr().err
