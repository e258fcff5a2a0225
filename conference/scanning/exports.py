"""Scanning exports for the organiser panel: every scan, with its checkpoint, badge, staff and times."""

from __future__ import annotations

from sqlalchemy import text

from conference.accounts.roles import Role
from conference.core.panel import Export, ExportTable
from conference.extensions import db

HEADERS = (
    "scan id",
    "received at (UTC)",
    "scanned at (device, UTC)",
    "offline",
    "checkpoint",
    "kind",
    "direction",
    "badge",
    "serial",
    "participant",
    "delegation",
    "result",
    "reason",
    "staff",
    "device",
)


def _scans(sensitive: bool) -> ExportTable:
    from conference.accounts.services import user_emails

    rows = db.session.execute(
        text(
            """
            SELECT s.id, s.received_at, s.scanned_at, s.offline, c.name, c.kind, c.direction,
                   CASE WHEN s.badge_id IS NOT NULL THEN 'HN' || lpad(s.badge_id::text, 6, '0') END,
                   s.serial, bh.display_name, bh.delegation,
                   CASE WHEN s.accepted THEN 'accepted' ELSE 'refused' END, s.reason, s.staff_user_id, s.device
            FROM scans s JOIN checkpoints c ON c.id = s.checkpoint_id
            LEFT JOIN badge_holders bh ON bh.badge_id = s.badge_id
            ORDER BY s.id
            """
        )
    ).all()
    emails = user_emails({row.staff_user_id for row in rows if row.staff_user_id is not None})
    return ExportTable(
        HEADERS,
        (
            [v.isoformat() if hasattr(v, "isoformat") else v for v in (*row[:13], emails.get(row[13]), row[14])]
            for row in rows
        ),
    )


EXPORTS = {
    "scans": Export(
        title="Badge scans (every scan, accepted or refused)",
        build=_scans,
        roles=frozenset({Role.ADMIN, Role.ACCREDITATION_OFFICER, Role.PROTOCOL_OFFICER}),
    ),
}
