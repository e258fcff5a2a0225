"""Read-only queries behind the panel's pages (the audit log, the outbox); staff accounts are read
through ``accounts.queries``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Select, func, select

from conference.core.models import AuditEntry, OutboxMail
from conference.core.schemas import INT32_MAX
from conference.core.timeutil import venue_datetime
from conference.extensions import db

PAGE_SIZE = 100
LAST_PAGE = INT32_MAX // PAGE_SIZE  # the offset of any page stays a 32-bit number


@dataclass(frozen=True)
class AuditFilter:
    who: str = ""
    entity_type: str = ""
    action: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    security: bool = False


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def audit_query(f: AuditFilter) -> Select:
    query = select(AuditEntry)
    if f.who:
        query = query.where(AuditEntry.actor_label.ilike(f"%{_escape_like(f.who.strip())}%", escape="\\"))
    if f.entity_type:
        query = query.where(AuditEntry.entity_type == f.entity_type)
    if f.action:
        query = query.where(AuditEntry.action.ilike(f"{_escape_like(f.action.strip())}%", escape="\\"))
    if f.date_from:
        query = query.where(AuditEntry.at >= venue_datetime(f.date_from, "00:00"))
    if f.date_to:
        query = query.where(AuditEntry.at < venue_datetime(f.date_to + dt.timedelta(days=1), "00:00"))
    if f.security:
        query = query.where(AuditEntry.is_security.is_(True))
    return query


def audit_page(f: AuditFilter, page: int = 1) -> tuple[list[AuditEntry], bool]:
    """One page of entries, newest first, and whether an older page exists."""
    rows = db.session.scalars(
        audit_query(f).order_by(AuditEntry.id.desc()).offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE + 1)
    ).all()
    return list(rows[:PAGE_SIZE]), len(rows) > PAGE_SIZE


def audit_entity_types() -> list[str]:
    return list(db.session.scalars(select(AuditEntry.entity_type).distinct().order_by(AuditEntry.entity_type)))


def outbox_page(status: str = "", page: int = 1) -> tuple[list[OutboxMail], bool, dict[str, int]]:
    query = select(OutboxMail)
    if status:
        query = query.where(OutboxMail.status == status)
    rows = db.session.scalars(
        query.order_by(OutboxMail.id.desc()).offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE + 1)
    ).all()
    counts = dict(db.session.execute(select(OutboxMail.status, func.count()).group_by(OutboxMail.status)).all())
    return list(rows[:PAGE_SIZE]), len(rows) > PAGE_SIZE, counts
