"""Badge tables the organiser panel offers for download (collected by the admin panel by name).

Columns come from the row schemas in ``badges.schemas``; holders and officers are read through the
registration's and accounts' queries.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from conference.accounts import queries as accounts
from conference.accounts.roles import Role
from conference.badges.models import Badge, PrintBatch
from conference.badges.schemas import BadgeRow, BatchRow
from conference.badges.services import with_holders
from conference.core.panel import Export, ExportTable, schema_table
from conference.core.timeutil import to_venue
from conference.extensions import db

OFFICERS = frozenset({Role.ADMIN, Role.ACCREDITATION_OFFICER})


def _when(value: dt.datetime | None) -> str:
    return to_venue(value).strftime("%Y-%m-%d %H:%M") if value else ""


def _badges(sensitive: bool) -> ExportTable:
    held = with_holders(db.session.scalars(select(Badge)))
    rows = (
        BadgeRow(
            number=b.number,
            serial=b.serial,
            status=b.status,
            name=h.name,
            delegation=h.delegation,
            category=h.category_code,
            printed=_when(b.printed_at),
            collected=_when(b.collected_at),
            needs_reprint="yes" if b.needs_reprint else "",
            revoked=_when(b.revoked_at),
            revoke_reason=b.revoke_reason or "",
        )
        for b, h in held
    )
    return schema_table(BadgeRow, rows)


def _batches(sensitive: bool) -> ExportTable:
    batches = list(db.session.scalars(select(PrintBatch).order_by(PrintBatch.id)))
    emails = accounts.emails_of(b.created_by_id for b in batches)
    rows = (
        BatchRow(
            id=b.id,
            created=_when(b.created_at),
            by=emails.get(b.created_by_id or 0, ""),
            selection=b.selection,
            value=b.selection_value,
            layout=b.layout,
            total=b.total,
            status=b.status,
            finished=_when(b.finished_at),
        )
        for b in batches
    )
    return schema_table(BatchRow, rows)


EXPORTS: dict[str, Export] = {
    "badges": Export("Badges (status, printing, collection)", _badges, OFFICERS),
    "badge_batches": Export("Badge print batches", _batches, OFFICERS),
}
