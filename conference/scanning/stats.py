"""Scanning figures for the organiser panel: who is inside, arrivals per gate, scans by verdict."""

from __future__ import annotations

from sqlalchemy import func, select, text

from conference.core.panel import Figure
from conference.core.timeutil import venue_tz
from conference.extensions import db
from conference.scanning import queries
from conference.scanning.models import Scan

GROUP = "scanning"


def _arrivals_per_gate() -> dict[str, int]:
    """Accepted entries per gate and 15-minute slot (venue time), e.g. {"Gate P1 10:15": 42}."""
    rows = db.session.execute(
        text(
            """
            SELECT c.name, to_char(date_bin('15 minutes', s.scanned_at AT TIME ZONE :venue_tz,
                                             TIMESTAMP '2025-01-01'), 'DD HH24:MI') AS slot, count(*)
            FROM scans s JOIN checkpoints c ON c.id = s.checkpoint_id
            WHERE s.accepted AND c.direction = 'in' AND c.kind IN ('zone_gate', 'session_door')
            GROUP BY c.name, slot ORDER BY slot, c.name
            """
        ),
        {"venue_tz": venue_tz().key},
    ).all()
    return {f"{name} {slot}": n for name, slot, n in rows}


def figures() -> list[Figure]:
    accepted, refused = db.session.execute(
        select(func.count().filter(Scan.accepted), func.count().filter(~Scan.accepted))
    ).one()
    reasons = dict(
        db.session.execute(select(Scan.reason, func.count()).where(~Scan.accepted).group_by(Scan.reason)).all()
    )
    zones, rooms = queries.zone_occupancy(), queries.room_occupancy()
    sessions = {row["code"]: row["attended"] for row in queries.attendance_by_session()}
    return [
        Figure(GROUP, "Inside now, per zone", sum(zones.values()), dict(sorted(zones.items()))),
        Figure(GROUP, "Inside now, per room", sum(rooms.values()), dict(sorted(rooms.items()))),
        Figure(GROUP, "Session attendance (badges that entered)", sum(sessions.values()), sessions),
        Figure(GROUP, "Arrivals per gate per 15 minutes", accepted, _arrivals_per_gate()),
        Figure(GROUP, "Scans accepted", accepted),
        Figure(GROUP, "Scans refused", refused, dict(sorted(reasons.items()))),
    ]
