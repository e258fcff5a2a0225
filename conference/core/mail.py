"""The mail outbox: services queue mails in their transaction; a worker sends them.

With ``SMTP_URL`` (``smtp://user:pass@host:port`` or ``smtps://…``) mails go out by SMTP;
without it they are written as ``.eml`` files under ``OUTBOX_DIR`` so a developer can read them.
"""

from __future__ import annotations

import datetime as dt
import smtplib
import time
from email.message import EmailMessage
from pathlib import Path
from urllib.parse import unquote, urlparse

from flask import current_app
from sqlalchemy import select

from conference.core.audit import record
from conference.core.db import utcnow
from conference.core.logs import domain_logger
from conference.core.models import OutboxMail
from conference.extensions import db

log = domain_logger(__name__)
MAX_ATTEMPTS = 5


def queue_mail(to: str, subject: str, body: str, *, topic: str | None = None) -> OutboxMail:
    """Add a mail to the outbox in the caller's transaction (the caller commits)."""
    mail = OutboxMail(to_address=to, subject=subject, body=body, topic=topic)
    db.session.add(mail)
    return mail


def _message(mail: OutboxMail) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = current_app.config["MAIL_FROM"]
    msg["To"] = mail.to_address
    msg["Subject"] = mail.subject
    msg["Message-ID"] = f"<outbox-{mail.id}@hanoi-convention.example>"
    msg.set_content(mail.body)
    return msg


def _deliver(mail: OutboxMail) -> str | None:
    msg = _message(mail)
    smtp_url = current_app.config.get("SMTP_URL")
    if not smtp_url:
        folder = Path(current_app.config["OUTBOX_DIR"])
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{mail.id:06d}.eml"
        path.write_bytes(bytes(msg))
        return str(path)
    url = urlparse(smtp_url)
    cls = smtplib.SMTP_SSL if url.scheme == "smtps" else smtplib.SMTP
    with cls(url.hostname or "localhost", url.port or (465 if url.scheme == "smtps" else 25), timeout=20) as smtp:
        if url.scheme == "smtp+starttls":
            smtp.starttls()
        if url.username:
            smtp.login(unquote(url.username), unquote(url.password or ""))
        smtp.send_message(msg)
    return None


def send_pending(limit: int = 50, now: dt.datetime | None = None) -> int:
    """Send due mails; returns how many were sent. Safe to run in several workers at once."""
    now = now or utcnow()
    mails = db.session.scalars(
        select(OutboxMail)
        .where(OutboxMail.status == "queued", OutboxMail.next_attempt_at <= now)
        .order_by(OutboxMail.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    ).all()
    sent = 0
    for mail in mails:
        mail.attempts += 1
        try:
            mail.eml_path = _deliver(mail)
        except Exception as exc:  # any transport failure is retried, then marked failed
            log.warning("mail %s failed: %s", mail.id, exc)
            mail.last_error = str(exc)[:2000]
            if mail.attempts >= MAX_ATTEMPTS:
                mail.status = "failed"
            else:
                mail.next_attempt_at = now + dt.timedelta(seconds=30 * 2**mail.attempts)
        else:
            mail.status = "sent"
            mail.sent_at = now
            mail.last_error = None
            sent += 1
    db.session.commit()
    return sent


def resend(mail_id: int) -> OutboxMail:
    """Put a sent or failed mail back in the queue."""
    mail = db.session.get(OutboxMail, mail_id)
    if mail is None:
        raise LookupError(mail_id)
    mail.status = "queued"
    mail.attempts = 0
    mail.next_attempt_at = utcnow()
    record("mail.resend", "outbox", mail.id)
    db.session.commit()
    return mail


def run_worker(interval: float = 2.0, once: bool = False) -> None:
    """Drain the outbox forever (``flask outbox work``)."""
    while True:
        try:
            send_pending()
        except Exception:
            log.exception("outbox worker error")
            db.session.rollback()
        finally:
            db.session.remove()
        if once:
            return
        time.sleep(interval)
