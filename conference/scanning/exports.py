"""Scanning exports for the organiser panel: every scan, with its checkpoint, badge, staff and times.

The columns and their headers are those of ``schemas.ScanRecordOut``.
"""

from __future__ import annotations

from sqlalchemy import Row, text

from conference.accounts.queries import emails_of
from conference.accounts.roles import Role
from conference.core.panel import Export, ExportTable, schema_table
from conference.extensions import db
from conference.scanning.schemas import ScanRecordOut

_SCANS = text(
    """
    SELECT s.id AS scan_id, s.received_at, s.scanned_at, s.offline, c.name AS checkpoint, c.kind, c.direction,
           CASE WHEN s.badge_id IS NOT NULL THEN 'HN' || lpad(s.badge_id::text, 6, '0') END AS badge,
           s.serial, bh.display_name AS participant, bh.delegation,
           CASE WHEN s.accepted THEN 'accepted' ELSE 'refused' END AS result, s.reason, s.staff_user_id, s.device
    FROM scans s JOIN checkpoints c ON c.id = s.checkpoint_id
    LEFT JOIN badge_holders bh ON bh.badge_id = s.badge_id
    ORDER BY s.id
    """
)


def _scans(sensitive: bool) -> ExportTable:
    rows = db.session.execute(_SCANS).all()
    emails = emails_of(row.staff_user_id for row in rows)

    def record(row: Row) -> ScanRecordOut:
        return ScanRecordOut.model_validate({**row._mapping, "staff": emails.get(row.staff_user_id)})

    return schema_table(ScanRecordOut, (record(row) for row in rows))


EXPORTS = {
    "scans": Export(
        title="Badge scans (every scan, accepted or refused)",
        build=_scans,
        roles=frozenset({Role.ADMIN, Role.ACCREDITATION_OFFICER, Role.PROTOCOL_OFFICER}),
    ),
}
