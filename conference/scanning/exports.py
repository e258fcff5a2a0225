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
    rows = db.session.execute(
        text(
            """
            SELECT s.id, s.received_at, s.scanned_at, s.offline, c.name, c.kind, c.direction,
                   CASE WHEN s.badge_id IS NOT NULL THEN 'HN' || lpad(s.badge_id::text, 6, '0') END,
                   s.serial, coalesce(nullif(p.badge_name, ''), p.given_names || ' ' || p.family_name),
                   d.name, CASE WHEN s.accepted THEN 'accepted' ELSE 'refused' END, s.reason, u.email, s.device
            FROM scans s JOIN checkpoints c ON c.id = s.checkpoint_id
            LEFT JOIN participants p ON p.id = s.participant_id
            LEFT JOIN delegations d ON d.id = p.delegation_id
            LEFT JOIN users u ON u.id = s.staff_user_id
            ORDER BY s.id
            """
        )
    )
    return ExportTable(HEADERS, ([v.isoformat() if hasattr(v, "isoformat") else v for v in row] for row in rows))


EXPORTS = {
    "scans": Export(
        title="Badge scans (every scan, accepted or refused)",
        build=_scans,
        roles=frozenset({Role.ADMIN, Role.ACCREDITATION_OFFICER, Role.PROTOCOL_OFFICER}),
    ),
}
