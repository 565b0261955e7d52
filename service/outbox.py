"""The outbox sent by mail in the background, after each introduction event (when SMTP is set up).

The route answers first; then the notifications not mailed yet are claimed on
the Matcher's thread, sent over SMTP on another thread (so requests keep being
answered meanwhile), and how each went is recorded on the Matcher's thread
again (matcher/mail.py). What fails is tried again after the next event, or by
`matcher send-mail`; a failure is logged, never shown to the person who asked.
"""
from __future__ import annotations

import asyncio
import logging

from fastapi import BackgroundTasks, FastAPI

from matcher.engine import Matcher
from matcher.mail import SmtpSettings, deliver, record

log = logging.getLogger("service")


def _claim(matcher: Matcher):
    return matcher.introductions.claim_mail()


def _record(matcher: Matcher, deliveries):
    return record(matcher.introductions, deliveries)


async def send_outbox(app: FastAPI) -> None:
    """One round of sending, when MATCHER_SMTP_HOST is set."""
    smtp = SmtpSettings.from_settings(app.state.settings)
    if smtp is None:
        return
    try:
        shared = app.state.matcher
        mails = await shared.call(_claim)
        if not mails:
            return
        deliveries = await asyncio.to_thread(deliver, mails, smtp)
        report = await shared.call(_record, deliveries)
        if report.failed:
            log.warning("mail: %s (%s)", report, "; ".join(dict.fromkeys(report.errors)))
    except Exception:  # a background task has no one to answer: the log says what went wrong
        log.exception("mail: sending the outbox failed")


def send_outbox_later(tasks: BackgroundTasks, app: FastAPI) -> None:
    """Send the outbox once the answer is on its way (nothing when mail is off)."""
    if app.state.settings.smtp_host:
        tasks.add_task(send_outbox, app)
