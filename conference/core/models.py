"""Cross-domain records: the append-only audit log, the mail outbox and the event settings."""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, Index, String, Text, func
from sqlalchemy.dialects.postgresql import INET, JSONB
from sqlalchemy.orm import Mapped, mapped_column

from conference.core.enums import LabelledEnum, enum_column
from conference.extensions import db


class AuditEntry(db.Model):
    """One state change or security event. Rows are only ever inserted (a trigger refuses the rest)."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_entity", "entity_type", "entity_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(server_default=func.now(), index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    actor_label: Mapped[str] = mapped_column(String(200), default="system")
    action: Mapped[str] = mapped_column(String(80), index=True)
    entity_type: Mapped[str] = mapped_column(String(60))
    entity_id: Mapped[str | None] = mapped_column(String(60))
    before: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    reason: Mapped[str | None] = mapped_column(Text)
    ip: Mapped[str | None] = mapped_column(INET)
    is_security: Mapped[bool] = mapped_column(default=False, index=True)


class MailStatus(LabelledEnum):
    QUEUED = "queued", _l("Queued")
    SENT = "sent", _l("Sent")
    FAILED = "failed", _l("Failed")


class OutboxMail(db.Model):
    """A mail waiting for the worker; requests never talk to SMTP themselves."""

    __tablename__ = "outbox"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(server_default=func.now(), index=True)
    to_address: Mapped[str] = mapped_column(String(320))
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    status: Mapped[MailStatus] = enum_column(MailStatus, length=10, default=MailStatus.QUEUED, index=True)
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[dt.datetime] = mapped_column(server_default=func.now())
    sent_at: Mapped[dt.datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    eml_path: Mapped[str | None] = mapped_column(String(500))
    topic: Mapped[str | None] = mapped_column(String(80), index=True)


class EventSettings(db.Model):
    """The single event this deployment serves (seeded from ``seed_data/event.json``)."""

    __tablename__ = "event"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    short_name: Mapped[str] = mapped_column(String(120))
    theme: Mapped[str] = mapped_column(String(300))
    start_date: Mapped[dt.date]
    end_date: Mapped[dt.date]
    venue: Mapped[str] = mapped_column(String(300))
    timezone: Mapped[str] = mapped_column(String(64))
