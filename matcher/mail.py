"""Mail for the outbox of notifications: what happened to an introduction, told by e-mail.

Sending is optional and off by default: without MATCHER_SMTP_HOST nothing is
sent and the notifications wait on the pages. With it, `send_outbox` (run by
`matcher send-mail`, and by the service in the background after each
introduction event) claims the notifications not mailed yet, writes each in
its recipient's language, sends them over one SMTP connection, and records how
each went: sent, no address (the recipient gave no e-mail), or failed (tried
again next time). Plain SMTP to the host and port given, as to a relay on the
same machine or network that takes care of delivery.

The three steps are apart so that the service claims and records on the
Matcher's thread (the database) and talks to the SMTP server on another.
"""
from __future__ import annotations

import smtplib
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formataddr, make_msgid

from matcher.introductions import Introductions, MailToSend

SMTP_TIMEOUT_S = 15

# {name}: the other side; {recipient}: the one written to. Dutch says "je", French "vous".
TEXTS = {
    "nl": {
        "greeting": "Dag {recipient},",
        "asked_subject": "{name} vraagt om kennis te maken",
        "asked": "{name} wil graag met je kennismaken via matcher.",
        "message": "Het bericht van {name}:",
        "asked_next": "Op je pagina 'Kennismakingen' kun je de vraag aanvaarden of afwijzen. Pas als je aanvaardt, "
                      "zien jullie elkaars contactgegevens.",
        "accepted_subject": "{name} aanvaardde je vraag om kennis te maken",
        "accepted": "{name} aanvaardde je vraag om kennis te maken. Jullie zien nu elkaars contactgegevens.",
        "declined_subject": "Je vraag om kennis te maken met {name}",
        "declined": "{name} gaat deze keer niet in op je vraag om kennis te maken. Dat zegt niets over je werk: "
                    "soms passen het moment of de middelen gewoon niet. Je andere suggesties staan klaar op matcher.",
        "withdrawn_subject": "{name} trok een vraag om kennis te maken in",
        "withdrawn": "{name} trok de vraag om met je kennis te maken in. Je hoeft niets te doen.",
        "worked_together_subject": "{name}: jullie werkten samen",
        "worked_together": "{name} liet weten dat jullie samengewerkt hebben. Dank je: zo leert matcher betere "
                           "suggesties doen.",
        "contact": "Contactgegevens van {name}:",
        "footer": "Dit bericht komt van matcher, partners vinden in cultuur in Brussel en Vlaanderen.",
    },
    "fr": {
        "greeting": "Bonjour {recipient},",
        "asked_subject": "{name} souhaite être mis·e en relation avec vous",
        "asked": "{name} souhaite être mis·e en relation avec vous via matcher.",
        "message": "Le message de {name} :",
        "asked_next": "Sur votre page « Mises en relation », vous pouvez accepter ou refuser la demande. Vos "
                      "coordonnées ne sont échangées que si vous acceptez.",
        "accepted_subject": "{name} a accepté votre demande de mise en relation",
        "accepted": "{name} a accepté votre demande de mise en relation. Vous voyez désormais vos coordonnées "
                    "respectives.",
        "declined_subject": "Votre demande de mise en relation avec {name}",
        "declined": "{name} ne donne pas suite à votre demande cette fois-ci. Cela ne dit rien de votre travail : "
                    "parfois, le moment ou les moyens ne s'y prêtent pas. Vos autres suggestions vous attendent "
                    "sur matcher.",
        "withdrawn_subject": "{name} a retiré une demande de mise en relation",
        "withdrawn": "{name} a retiré sa demande de mise en relation avec vous. Vous n'avez rien à faire.",
        "worked_together_subject": "{name} : vous avez travaillé ensemble",
        "worked_together": "{name} indique que vous avez travaillé ensemble. Merci : matcher apprend ainsi à "
                           "faire de meilleures suggestions.",
        "contact": "Coordonnées de {name} :",
        "footer": "Ce message vient de matcher, pour trouver des partenaires culturels à Bruxelles et en Flandre.",
    },
    "en": {
        "greeting": "Hello {recipient},",
        "asked_subject": "{name} asks to be introduced",
        "asked": "{name} would like to be introduced to you through matcher.",
        "message": "The message from {name}:",
        "asked_next": "On your 'Introductions' page you can accept or decline. Only if you accept do you see each "
                      "other's contact details.",
        "accepted_subject": "{name} accepted your request to be introduced",
        "accepted": "{name} accepted your request to be introduced. You now see each other's contact details.",
        "declined_subject": "Your request to be introduced to {name}",
        "declined": "{name} is not taking up your request this time. That says nothing about your work: sometimes "
                    "the timing or the means just do not fit. Your other suggestions are waiting on matcher.",
        "withdrawn_subject": "{name} withdrew a request to be introduced",
        "withdrawn": "{name} withdrew the request to be introduced to you. There is nothing you need to do.",
        "worked_together_subject": "{name}: you worked together",
        "worked_together": "{name} let us know that you worked together. Thank you: this is how matcher learns to "
                           "make better suggestions.",
        "contact": "Contact details of {name}:",
        "footer": "This message comes from matcher, finding partners in culture in Brussels and Flanders.",
    },
}
CONTACT_LABELS = {"nl": {"email": "E-mail", "phone": "Telefoon", "website": "Website"},
                  "fr": {"email": "E-mail", "phone": "Téléphone", "website": "Site web"},
                  "en": {"email": "Email", "phone": "Phone", "website": "Website"}}


@dataclass(frozen=True)
class SmtpSettings:
    """Where mail goes: an SMTP server, and the address mails are sent from."""

    host: str
    port: int
    sender: str

    @classmethod
    def from_settings(cls, settings) -> "SmtpSettings | None":
        """From the project's Settings; None when MATCHER_SMTP_HOST is not set (mail is off)."""
        if not settings.smtp_host:
            return None
        return cls(settings.smtp_host, settings.smtp_port, settings.smtp_from)


@dataclass(frozen=True)
class Delivery:
    """How sending one notification went: "sent", "no_address" or "failed" (with the error)."""

    notification_id: int
    status: str
    error: str | None = None


@dataclass
class OutboxReport:
    """What one round of sending did."""

    sent: int = 0
    no_address: int = 0
    failed: int = 0
    errors: list[str] | None = None

    def __str__(self) -> str:
        return f"{self.sent} sent, {self.no_address} without an address, {self.failed} failed"


def compose(mail: MailToSend, sender: str) -> EmailMessage:
    """The e-mail of one notification, in its recipient's language."""
    words = TEXTS[mail.language]
    notification = mail.notification
    name = _one_line(notification.about_name or notification.about_id)
    parts = [words["greeting"].format(recipient=_one_line(mail.recipient_name)), "",
             words[notification.event].format(name=name)]
    if notification.event == "asked":
        if mail.message:
            parts += ["", words["message"].format(name=name), "", *("> " + line for line in mail.message.splitlines())]
        parts += ["", words["asked_next"]]
    if mail.about_contact:
        labels = CONTACT_LABELS[mail.language]
        parts += ["", words["contact"].format(name=name)]
        parts += [f"  {labels.get(key, key)}: {value}" for key, value in mail.about_contact.items() if value]
    parts += ["", "-- ", words["footer"]]
    message = EmailMessage()
    message["Subject"] = words[f"{notification.event}_subject"].format(name=name)
    message["From"] = sender
    message["To"] = formataddr((_one_line(mail.recipient_name), mail.address or ""))
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or None)
    message.set_content("\n".join(parts) + "\n")
    return message


def deliver(mails: list[MailToSend], smtp: SmtpSettings) -> list[Delivery]:
    """Send the mails over one SMTP connection; how each went. A recipient without an e-mail
    address is "no_address"; a server that cannot be reached fails them all."""
    deliveries = [Delivery(mail.notification.id, "no_address") for mail in mails if not mail.address]
    addressed = [mail for mail in mails if mail.address]
    if not addressed:
        return deliveries
    try:
        with smtplib.SMTP(smtp.host, smtp.port, timeout=SMTP_TIMEOUT_S) as server:
            for mail in addressed:
                try:
                    server.send_message(compose(mail, smtp.sender))
                    deliveries.append(Delivery(mail.notification.id, "sent"))
                except (smtplib.SMTPException, ValueError) as error:  # one refused recipient, a bad address
                    deliveries.append(Delivery(mail.notification.id, "failed", _reason(error)))
    except (OSError, smtplib.SMTPException) as error:  # no server, or the connection broke
        done = {delivery.notification_id for delivery in deliveries}
        deliveries += [Delivery(mail.notification.id, "failed", _reason(error))
                       for mail in addressed if mail.notification.id not in done]
    return deliveries


def record(introductions: Introductions, deliveries: list[Delivery]) -> OutboxReport:
    """Keep how each went in the outbox; a summary of the round."""
    report = OutboxReport(errors=[])
    for delivery in deliveries:
        introductions.record_mail(delivery.notification_id, delivery.status, delivery.error)
        setattr(report, delivery.status, getattr(report, delivery.status) + 1)
        if delivery.error:
            report.errors.append(delivery.error)
    return report


def send_outbox(introductions: Introductions, smtp: SmtpSettings, limit: int = 100) -> OutboxReport:
    """Claim, send and record the notifications not mailed yet, `limit` at a time, until none is left
    (or a round sends nothing, when the server refuses)."""
    total = OutboxReport(errors=[])
    while True:
        mails = introductions.claim_mail(limit)
        if not mails:
            return total
        report = record(introductions, deliver(mails, smtp))
        total.sent += report.sent
        total.no_address += report.no_address
        total.failed += report.failed
        total.errors += report.errors
        if report.failed and not report.sent:
            return total


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def _reason(error: Exception) -> str:
    return f"{type(error).__name__}: {error}"[:500]
