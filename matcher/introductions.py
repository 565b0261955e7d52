"""Introductions: a profile asks to be introduced to another, who accepts or declines.

Contact details are private. An accepted introduction is the consent that lets
two profiles see each other's: `may_see_contact` is the one rule of who sees
whose contact, and every route, page and command asks it (through
`Matcher.contact_for`). The owner and the admin always see a profile's contact.

A request is `pending` until the profile asked (`to`) accepts or declines it,
or the asker withdraws it. Once accepted, either side may record that they
worked together. What it leads to counts in matching (`Matcher`): an accepted
pair ranks as existing partners do (novelty), a declined pair is never
suggested to each other again, either way. Outcomes are kept, exported
(`outcomes`) and written out as graded judgments for `matcher evaluate`
(`judgments`: worked together 3, accepted 2, declined 0).

So that no one harvests contacts by asking everyone, a profile may have at
most `IntroductionLimits.open_requests` requests waiting for an answer and
ask at most `per_day` in any 24 hours (MATCHER_INTRODUCTIONS_OPEN,
MATCHER_INTRODUCTIONS_PER_DAY).

Every event leaves a notification for the other side in an outbox
(`notifications`): the pages list them, and `matcher/mail.py` sends them when
SMTP is set up. Both tables are made by the store's migration; deleting a
profile deletes every row that names it (`PROFILE_COLUMNS`, `forget_profile`).
"""
from __future__ import annotations

import contextlib
import datetime as dt
import json
import secrets
import time
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

import sqlite_utils

from matcher.errors import (InvalidRequest, IntroductionConflict, IntroductionNotAllowed, IntroductionNotFound,
                            ProfileNotFound, TooManyIntroductions)

STATUSES = ("pending", "accepted", "declined", "withdrawn")
# What happened, as the outbox tells the other side; "asked" is the request itself.
EVENTS = ("asked", "accepted", "declined", "withdrawn", "worked_together")
MAX_MESSAGE_CHARS = 2000
DAY_SECONDS = 24 * 3600
ID_BYTES = 9  # 12 characters: not guessable, short in a URL
# The grades an outcome gives a pair in a judgments file (data/dev_judgments.jsonl's 0-3 scale):
# both sides saying they worked together is the best a suggestion can lead to; an accepted
# introduction is a suggestion both sides found worth a conversation; a declined one was not
# wanted by the side asked. Pending and withdrawn requests say nothing yet.
GRADES = {"worked_together": 3, "accepted": 2, "declined": 0}
# The columns naming a profile, per table: deleting a profile deletes each row one of them names.
PROFILE_COLUMNS = {"introductions": ("from_id", "to_id"), "notifications": ("profile_id", "about_id")}
MAIL_RETRY_SECONDS = 600  # a mail claimed by a sender that never said how it went is tried again after this


@dataclass(frozen=True)
class IntroductionLimits:
    """How many requests one profile may have waiting, and ask in any 24 hours."""

    open_requests: int = 10
    per_day: int = 5

    def __post_init__(self):
        for name in ("open_requests", "per_day"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise ValueError(f"The '{name}' parameter must be a whole number of at least 1. Got {value!r} instead.")


@dataclass(frozen=True)
class Introduction:
    """One request and what became of it; times are ISO 8601 in UTC."""

    id: str
    from_id: str
    to_id: str
    message: str
    status: str
    asked_at: str
    answered_at: str | None = None
    worked_together_at: str | None = None
    worked_together_by: str | None = None
    from_name: str = ""
    to_name: str = ""

    def other(self, profile_id: str) -> str:
        """The other side, seen from `profile_id`."""
        return self.to_id if profile_id == self.from_id else self.from_id

    def other_name(self, profile_id: str) -> str:
        return self.to_name if profile_id == self.from_id else self.from_name

    def as_dict(self) -> dict:
        return {"id": self.id, "from": self.from_id, "to": self.to_id, "from_name": self.from_name,
                "to_name": self.to_name, "message": self.message, "status": self.status,
                "asked_at": self.asked_at, "answered_at": self.answered_at,
                "worked_together_at": self.worked_together_at, "worked_together_by": self.worked_together_by}


@dataclass
class ProfileIntroductions:
    """A profile's introductions: those it was asked (incoming) and those it asked (outgoing), newest first."""

    profile_id: str
    incoming: list[Introduction] = field(default_factory=list)
    outgoing: list[Introduction] = field(default_factory=list)


@dataclass(frozen=True)
class Notification:
    """One entry of the outbox: `event` happened to an introduction, told to `profile_id`;
    `about_id` is the other side, who did it."""

    id: int
    profile_id: str
    introduction_id: str
    event: str
    about_id: str
    about_name: str
    created_at: str
    mail_status: str | None = None  # None: not sent (yet); "sent", "no_address", "failed"


@dataclass(frozen=True)
class MailToSend:
    """A notification claimed for sending, with what its mail says (composed by matcher/mail.py)."""

    notification: Notification
    address: str | None  # the recipient's e-mail, None when it gave none
    language: str  # the recipient's: nl, fr or en
    recipient_name: str
    message: str  # the asker's message, for "asked"
    about_contact: dict | None  # the other side's contact, only when the recipient may see it


def may_see_contact(viewer_id: str | None, profile_id: str, introduced: Iterable[str] = (),
                    admin: bool = False) -> bool:
    """The rule: a profile's contact is seen by its owner, the admin, and a profile an introduction
    with it was accepted with (`introduced`: the profiles it has accepted introductions with)."""
    if admin:
        return True
    return viewer_id is not None and (viewer_id == profile_id or viewer_id in set(introduced))


def create_introduction_tables(db: sqlite_utils.Database) -> None:
    """The `introductions` and `notifications` tables and their indexes (the store's migration)."""
    db.execute("""create table if not exists introductions (
        id text primary key, from_id text not null, to_id text not null, message text not null,
        status text not null, asked_at text not null, answered_at text,
        worked_together_at text, worked_together_by text)""")
    db.execute("create index if not exists introductions_from on introductions (from_id, status)")
    db.execute("create index if not exists introductions_to on introductions (to_id, status)")
    db.execute("""create table if not exists notifications (
        id integer primary key autoincrement, profile_id text not null, introduction_id text not null,
        event text not null, about_id text not null, created_at text not null,
        mail_status text, mail_attempts integer not null default 0, mail_claimed_at text,
        mail_error text, mailed_at text)""")
    db.execute("create index if not exists notifications_profile on notifications (profile_id, id)")
    db.execute("create index if not exists notifications_about on notifications (about_id)")
    db.execute("create index if not exists notifications_unmailed on notifications (mail_status) "
               "where mail_status is null or mail_status = 'failed'")


def forget_profile(db: sqlite_utils.Database, profile_id: str) -> None:
    """Delete every introduction and notification naming a profile (erasure; call it inside the
    deletion's transaction)."""
    for table, columns in PROFILE_COLUMNS.items():
        where = " or ".join(f"{column} = ?" for column in columns)
        db.execute(f"delete from {table} where {where}", [profile_id] * len(columns))


class Introductions:
    """The introductions of a matcher database, and the rules they follow."""

    def __init__(self, db: sqlite_utils.Database, limits: IntroductionLimits | None = None,
                 clock: Callable[[], float] = time.time):
        self.db = db
        self.limits = limits or IntroductionLimits()
        self._clock = clock

    # -- asking and answering ---------------------------------------------------------------
    def ask(self, from_id: str, to_id: str, message: str = "") -> Introduction:
        """`from_id` asks to be introduced to `to_id`. Raises ProfileNotFound, InvalidRequest (to
        oneself, a message too long), IntroductionConflict (the pair has an open or accepted
        introduction, or `to_id` declined `from_id` before) and TooManyIntroductions (the caps)."""
        message = (message or "").strip()
        if len(message) > MAX_MESSAGE_CHARS:
            raise InvalidRequest("message", f"at most {MAX_MESSAGE_CHARS:,} characters; got {len(message):,}",
                                 code="too_long", limit=MAX_MESSAGE_CHARS)
        if from_id == to_id:
            raise InvalidRequest("to", f"is the asking profile itself, '{from_id}': ask another profile")
        with self._transaction():
            for profile_id in (from_id, to_id):
                if self.db.execute("select 1 from profiles where id = ?", [profile_id]).fetchone() is None:
                    raise ProfileNotFound(profile_id)
            self._check_no_conflict(from_id, to_id)
            self._check_caps(from_id)
            introduction_id = secrets.token_urlsafe(ID_BYTES)
            now = self._now()
            self.db.execute("insert into introductions (id, from_id, to_id, message, status, asked_at) "
                            "values (?, ?, ?, ?, 'pending', ?)", [introduction_id, from_id, to_id, message, now])
            self._notify(to_id, introduction_id, "asked", from_id, now)
        return self.get(introduction_id)

    def _check_no_conflict(self, from_id: str, to_id: str) -> None:
        for row in self.db.execute(
                "select id, from_id, status from introductions where ((from_id = ? and to_id = ?) or "
                "(from_id = ? and to_id = ?)) and status in ('pending', 'accepted', 'declined') "
                "order by rowid desc", [from_id, to_id, to_id, from_id]):
            existing_id, asker, status = row
            if status == "pending":
                raise IntroductionConflict(f"an introduction between '{from_id}' and '{to_id}' is "
                                           f"already waiting for an answer: '{existing_id}'", existing_id, "waiting")
            if status == "accepted":
                raise IntroductionConflict(f"'{from_id}' and '{to_id}' are already introduced: "
                                           f"'{existing_id}'", existing_id, "introduced")
            if asker == from_id:  # declined; the side that declined may still ask itself
                raise IntroductionConflict(f"'{to_id}' declined an introduction to '{from_id}' "
                                           f"('{existing_id}'); it is not asked again", existing_id, "declined")

    def _check_caps(self, from_id: str) -> None:
        limits = self.limits
        waiting = self.db.execute("select count(*) from introductions where from_id = ? and status = 'pending'",
                                  [from_id]).fetchone()[0]
        if waiting >= limits.open_requests:
            raise TooManyIntroductions(
                f"profile '{from_id}' has {waiting} introduction requests waiting for an answer, the most "
                f"allowed ({limits.open_requests}, MATCHER_INTRODUCTIONS_OPEN): wait for an answer or withdraw one",
                "MATCHER_INTRODUCTIONS_OPEN", limits.open_requests)
        since = self._now(self._clock() - DAY_SECONDS)
        recent = [asked for (asked,) in self.db.execute(
            "select asked_at from introductions where from_id = ? and asked_at > ? order by asked_at",
            [from_id, since])]
        if len(recent) >= limits.per_day:
            wait = dt.datetime.fromisoformat(recent[0]).timestamp() + DAY_SECONDS - self._clock()
            raise TooManyIntroductions(
                f"profile '{from_id}' asked {len(recent)} introductions in the last 24 hours, the most allowed "
                f"({limits.per_day}, MATCHER_INTRODUCTIONS_PER_DAY): ask again in {_hours(wait)}",
                "MATCHER_INTRODUCTIONS_PER_DAY", limits.per_day, retry_after_seconds=max(1, int(wait) + 1))

    def accept(self, introduction_id: str, by: str) -> Introduction:
        """The profile asked accepts: from now on both see each other's contact."""
        return self._answer(introduction_id, by, "accept")

    def decline(self, introduction_id: str, by: str) -> Introduction:
        """The profile asked declines: the asker is told, kindly, and the two are not suggested to
        each other again."""
        return self._answer(introduction_id, by, "decline")

    def _answer(self, introduction_id: str, by: str, answer: str) -> Introduction:
        status = {"accept": "accepted", "decline": "declined"}[answer]
        return self._settle(introduction_id, by, status, answer, by_asker=False)

    def withdraw(self, introduction_id: str, by: str) -> Introduction:
        """The asker takes back a request not answered yet (it then no longer counts as open)."""
        return self._settle(introduction_id, by, "withdrawn", "withdraw", by_asker=True)

    def _settle(self, introduction_id: str, by: str, status: str, verb: str, by_asker: bool) -> Introduction:
        """End a pending request with `status`, by the side that may (the asker to withdraw, the
        profile asked to answer); the other side is notified."""
        with self._transaction():
            introduction = self.get(introduction_id)
            acting, other = (introduction.from_id, introduction.to_id) if by_asker else \
                (introduction.to_id, introduction.from_id)
            if by != acting:
                role = "the asker" if by_asker else "the profile asked"
                raise IntroductionNotAllowed(f"only '{acting}', {role}, may {verb} introduction '{introduction_id}'")
            self._check_pending(introduction)
            now = self._now()
            self.db.execute("update introductions set status = ?, answered_at = ? where id = ?",
                            [status, now, introduction_id])
            self._notify(other, introduction_id, status, acting, now)
        return self.get(introduction_id)

    def record_worked_together(self, introduction_id: str, by: str) -> Introduction:
        """Either side of an accepted introduction records that the two worked together (once)."""
        with self._transaction():
            introduction = self.get(introduction_id)
            if by not in (introduction.from_id, introduction.to_id):
                raise IntroductionNotAllowed(f"only '{introduction.from_id}' or '{introduction.to_id}' may say "
                                             f"they worked together (introduction '{introduction_id}')")
            if introduction.status != "accepted":
                raise IntroductionConflict(f"introduction '{introduction_id}' is "
                                           f"{introduction.status}: only an accepted one can lead to working "
                                           "together", introduction_id, "not_accepted")
            if introduction.worked_together_at is None:
                now = self._now()
                self.db.execute("update introductions set worked_together_at = ?, worked_together_by = ? "
                                "where id = ?", [now, by, introduction_id])
                self._notify(introduction.other(by), introduction_id, "worked_together", by, now)
        return self.get(introduction_id)

    @staticmethod
    def _check_pending(introduction: Introduction) -> None:
        if introduction.status != "pending":
            raise IntroductionConflict(f"introduction '{introduction.id}' is already "
                                       f"{introduction.status}", introduction.id, "answered")

    # -- reading ----------------------------------------------------------------------------
    def get(self, introduction_id: str) -> Introduction:
        rows = list(self._introductions("where i.id = ?", [introduction_id]))
        if not rows:
            raise IntroductionNotFound(introduction_id)
        return rows[0]

    def of_profile(self, profile_id: str) -> ProfileIntroductions:
        """Those a profile was asked and those it asked, newest first (raises ProfileNotFound)."""
        if self.db.execute("select 1 from profiles where id = ?", [profile_id]).fetchone() is None:
            raise ProfileNotFound(profile_id)
        found = ProfileIntroductions(profile_id)
        for introduction in self._introductions("where i.from_id = ? or i.to_id = ? order by i.rowid desc",
                                                [profile_id, profile_id]):
            (found.outgoing if introduction.from_id == profile_id else found.incoming).append(introduction)
        return found

    def latest_with(self, profile_id: str, others: Iterable[str]) -> dict[str, Introduction]:
        """For each of `others`, the latest introduction between it and `profile_id` (either way),
        when there is one: what a page says beside a suggestion."""
        latest: dict[str, Introduction] = {}
        for chunk in _chunks(list(dict.fromkeys(others))):
            marks = ",".join("?" * len(chunk))
            for introduction in self._introductions(
                    f"where (i.from_id = ? and i.to_id in ({marks})) or (i.to_id = ? and i.from_id in ({marks})) "
                    "order by i.rowid", [profile_id, *chunk, profile_id, *chunk]):
                latest[introduction.other(profile_id)] = introduction
        return latest

    def introduced_with(self, profile_id: str) -> frozenset[str]:
        """The profiles an introduction with `profile_id` was accepted with."""
        return frozenset(self.introduced_among([profile_id]).get(profile_id, ()))

    def introduced_among(self, profile_ids: Iterable[str]) -> dict[str, set[str]]:
        """For each of the profiles, those it has an accepted introduction with (only those with some)."""
        found: dict[str, set[str]] = {}
        for chunk in _chunks(list(dict.fromkeys(profile_ids))):
            marks = ",".join("?" * len(chunk))
            for first, second in self.db.execute(
                    f"select from_id, to_id from introductions where status = 'accepted' and "
                    f"(from_id in ({marks}) or to_id in ({marks}))", [*chunk, *chunk]):
                found.setdefault(first, set()).add(second)
                found.setdefault(second, set()).add(first)
        wanted = set(profile_ids)
        return {profile_id: others for profile_id, others in found.items() if profile_id in wanted}

    def declined_with(self, profile_id: str) -> frozenset[str]:
        """The profiles a declined introduction lies between `profile_id` and, either way round:
        they are not suggested to each other again."""
        return frozenset(other for (other,) in self.db.execute(
            "select case when from_id = ? then to_id else from_id end from introductions "
            "where status = 'declined' and (from_id = ? or to_id = ?)", [profile_id, profile_id, profile_id]))

    def may_see_contact(self, viewer_id: str | None, profile_id: str, admin: bool = False) -> bool:
        """`may_see_contact` with the introductions of this database."""
        if admin or viewer_id is None or viewer_id == profile_id:
            return may_see_contact(viewer_id, profile_id, admin=admin)
        return may_see_contact(viewer_id, profile_id, self.introduced_with(profile_id))

    def _introductions(self, where: str, params: list) -> Iterator[Introduction]:
        sql = ("select i.id, i.from_id, i.to_id, i.message, i.status, i.asked_at, i.answered_at, "
               "i.worked_together_at, i.worked_together_by, coalesce(a.name, ''), coalesce(b.name, '') "
               "from introductions i left join profiles a on a.id = i.from_id "
               f"left join profiles b on b.id = i.to_id {where}")
        for row in self.db.execute(sql, params):
            yield Introduction(*row)

    # -- outcomes ---------------------------------------------------------------------------
    def outcomes(self) -> Iterator[dict]:
        """Every introduction with what became of it, oldest first (`matcher introductions export`)."""
        for introduction in self._introductions("order by i.rowid", []):
            yield introduction.as_dict()

    def judgments(self) -> list[dict]:
        """Outcomes as graded judgments in the format of `matcher evaluate` (data/dev_judgments.jsonl):
        one query per profile with answered introductions, the other side graded by GRADES for both
        sides (consent is given by both). A query whose introductions were all declined has nothing
        relevant to find, so NDCG is not defined for it: it is left out."""
        grades: dict[str, dict[str, int]] = {}
        for introduction in self._introductions("where i.status in ('accepted', 'declined') order by i.rowid", []):
            outcome = "worked_together" if introduction.worked_together_at else introduction.status
            for side in (introduction.from_id, introduction.to_id):
                judged = grades.setdefault(side, {})
                other = introduction.other(side)
                judged[other] = max(judged.get(other, 0), GRADES[outcome])
        return [{"query_id": f"introductions-{profile_id}", "profile_id": profile_id, "slices": ["introductions"],
                 "judgments": dict(sorted(judged.items()))}
                for profile_id, judged in sorted(grades.items()) if any(judged.values())]

    # -- the outbox -------------------------------------------------------------------------
    def notifications_of(self, profile_id: str, limit: int = 50) -> list[Notification]:
        """What happened to a profile's introductions, newest first."""
        return list(self._notifications("where n.profile_id = ? order by n.id desc limit ?", [profile_id, limit]))

    def claim_mail(self, limit: int = 100) -> list[MailToSend]:
        """Notifications not mailed yet (or whose mail failed, or was claimed long ago by a sender
        that never finished), claimed for one sender: another process asking meanwhile gets others."""
        now = self._clock()
        stale = self._now(now - MAIL_RETRY_SECONDS)
        claimed = []
        with self._transaction():
            rows = list(self._notifications(
                "where (n.mail_status is null or n.mail_status = 'failed') and "
                "(n.mail_claimed_at is null or n.mail_claimed_at < ?) order by n.id limit ?", [stale, limit]))
            for notification in rows:
                self.db.execute("update notifications set mail_claimed_at = ? where id = ?",
                                [self._now(now), notification.id])
                claimed.append(self._mail_details(notification))
        return claimed

    def _mail_details(self, notification: Notification) -> MailToSend:
        contact, language, name = self.db.execute(
            "select contact, language, name from profiles where id = ?", [notification.profile_id]).fetchone()
        address = (json.loads(contact) if contact else {}).get("email")
        message = self.db.execute("select message from introductions where id = ?",
                                  [notification.introduction_id]).fetchone()[0]
        about_contact = None
        if notification.event in ("accepted", "worked_together") and \
                self.may_see_contact(notification.profile_id, notification.about_id):
            row = self.db.execute("select contact from profiles where id = ?", [notification.about_id]).fetchone()
            about_contact = json.loads(row[0]) if row and row[0] else None
        return MailToSend(notification, address, language if language in ("nl", "fr", "en") else "en", name,
                          message if notification.event == "asked" else "", about_contact)

    def record_mail(self, notification_id: int, status: str, error: str | None = None) -> None:
        """How sending a claimed notification went: "sent", "no_address" or "failed" (tried again
        once MAIL_RETRY_SECONDS have passed: its claim is kept until then)."""
        if status not in ("sent", "no_address", "failed"):
            raise ValueError(f"The 'status' parameter must be sent, no_address or failed. Got {status!r} instead.")
        now = self._now()
        with self._transaction():
            self.db.execute(
                "update notifications set mail_status = ?, mail_error = ?, mail_attempts = mail_attempts + 1, "
                "mail_claimed_at = case when ? = 'failed' then ? end, "
                "mailed_at = case when ? = 'sent' then ? else mailed_at end where id = ?",
                [status, error, status, now, status, now, notification_id])

    def _notify(self, profile_id: str, introduction_id: str, event: str, about_id: str, now: str) -> None:
        self.db.execute("insert into notifications (profile_id, introduction_id, event, about_id, created_at) "
                        "values (?, ?, ?, ?, ?)", [profile_id, introduction_id, event, about_id, now])

    def _notifications(self, where: str, params: list) -> Iterator[Notification]:
        sql = ("select n.id, n.profile_id, n.introduction_id, n.event, n.about_id, coalesce(p.name, ''), "
               f"n.created_at, n.mail_status from notifications n left join profiles p on p.id = n.about_id {where}")
        for row in self.db.execute(sql, params):
            yield Notification(*row)

    # -- erasure ----------------------------------------------------------------------------
    def forget_profile(self, profile_id: str) -> None:
        """Delete every introduction and notification naming the profile, in one transaction."""
        with self._transaction():
            forget_profile(self.db, profile_id)

    # -- helpers ----------------------------------------------------------------------------
    def _now(self, seconds: float | None = None) -> str:
        moment = self._clock() if seconds is None else seconds
        return dt.datetime.fromtimestamp(moment, dt.timezone.utc).isoformat(timespec="seconds")

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        """One write transaction that takes the write lock at once (BEGIN IMMEDIATE), so that a
        check and the write it allows are not split by another process; inside a caller's
        transaction, a part of it."""
        connection = self.db.conn
        if connection.in_transaction:
            with self.db.atomic():
                yield
            return
        connection.execute("BEGIN IMMEDIATE")
        try:
            yield
            connection.execute("COMMIT")
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise


def _chunks(items: list, size: int = 400) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _hours(seconds: float) -> str:
    hours, rest = divmod(max(60, int(seconds)), 3600)
    return f"{hours} h {rest // 60} min" if hours else f"{rest // 60} min"
