"""Read-only questions about scanning: the offline roster, occupancy and attendance, choices for forms.

Other domains are read through the views they publish (badge_holders, session_doors; see
migration 0009_published_views) or through their services, never through their tables.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import func, select, text

from conference.core.db import utcnow
from conference.extensions import db
from conference.scanning.models import Checkpoint, Presence, Scan

# Changes to a badge or its holder since ``since``; without ``since``, every badge (a full sync).
_ROSTER = text(
    """
    SELECT badge_id AS id, serial, badge_status AS status, participant_status, display_name AS name,
           title, photo_thumb_path, delegation, category, colour, letter, zones
    FROM badge_holders
    WHERE CAST(:since AS timestamptz) IS NULL OR changed_at > :since
    ORDER BY badge_id
    """
)


def roster(since: dt.datetime | None) -> dict[str, Any]:
    """What a scanner needs to decide offline: per badge the holder's name, delegation, category,
    colour, zones, current serial and revoked serials, and a thumbnail URL. No passport data.

    Incremental with ``since`` (the ``synced_at`` of the previous answer); the page also asks for a
    full roster now and then, which catches changes that leave no timestamp.
    """
    from conference.badges.queries import public_keys
    from conference.scanning.services import photo_url

    synced_at = utcnow() - dt.timedelta(seconds=2)  # rows committing during this read come again next time
    badges = []
    for row in db.session.execute(_ROSTER, {"since": since}):
        badges.append(
            {
                "id": row.id,
                "number": f"HN{row.id:06d}",
                "serial": row.serial,
                "revoked_serials": list(range(1, row.serial + 1)) if row.status == "revoked" else [],
                "approved": row.participant_status == "approved",
                "name": row.name,
                "title": row.title or "",
                "delegation": row.delegation or "",
                "category": row.category,
                "colour": row.colour,
                "letter": row.letter,
                "zones": list(row.zones or []),
                "photo_url": photo_url(row.id) if row.photo_thumb_path else None,
            }
        )
    keys = {str(kid): raw.hex() for kid, raw in public_keys().items()}
    return {"synced_at": synced_at.isoformat(), "full": since is None, "keys": keys, "badges": badges}


def checkpoints_for(user: Any) -> list[Checkpoint]:
    from conference.scanning.services import may_use_checkpoint

    everything = db.session.scalars(select(Checkpoint).order_by(Checkpoint.kind, Checkpoint.name))
    return [c for c in everything if may_use_checkpoint(user, c.id)]


def checkpoint_config(checkpoint: Checkpoint) -> dict[str, Any]:
    """The rules of a checkpoint the page applies itself when offline."""
    zone = checkpoint.zone_code
    if checkpoint.session_id is not None:
        zone = db.session.execute(
            text("SELECT zone_code FROM session_doors WHERE session_id = :id"), {"id": checkpoint.session_id}
        ).scalar()
    return {
        "id": checkpoint.id,
        "name": checkpoint.name,
        "kind": checkpoint.kind,
        "direction": checkpoint.direction,
        "zone": zone,
        "reentry": checkpoint.reentry,
        "opens_at": checkpoint.opens_at.isoformat() if checkpoint.opens_at else None,
        "closes_at": checkpoint.closes_at.isoformat() if checkpoint.closes_at else None,
    }


def badge_photo_path(badge_id: int) -> str | None:
    return db.session.execute(
        text("SELECT photo_thumb_path FROM badge_holders WHERE badge_id = :id"),
        {"id": badge_id},
    ).scalar()


def occupancy() -> dict[str, int]:
    """Who is inside now, per place ('zone:P', 'room:4', 'session:12')."""
    rows = db.session.execute(
        select(Presence.place, func.count()).where(Presence.inside).group_by(Presence.place)
    ).all()
    return {place: count for place, count in rows}


def zone_occupancy() -> dict[str, int]:
    return {place.removeprefix("zone:"): n for place, n in occupancy().items() if place.startswith("zone:")}


def room_occupancy() -> dict[str, int]:
    """Inside now per room code."""
    from conference.agenda.services import list_rooms

    inside = {place: n for place, n in occupancy().items() if place.startswith("room:")}
    return {room.code: inside[f"room:{room.id}"] for room in list_rooms() if f"room:{room.id}" in inside}


def session_attendance(session_id: int) -> dict[str, int]:
    """Badges that entered the session at least once, and those inside now."""
    row = db.session.execute(
        select(func.count(), func.count().filter(Presence.inside)).where(Presence.place == f"session:{session_id}")
    ).one()
    return {"attended": row[0], "inside": row[1]}


def attendance_by_session() -> list[dict[str, Any]]:
    """Sessions someone entered through a door checkpoint: attended (ever), inside now, capacity."""
    rows = db.session.execute(
        text(
            """
            SELECT sd.session_id AS id, sd.code, sd.title_en, sd.starts_at, sd.capacity,
                   count(*) AS attended, count(*) FILTER (WHERE pr.inside) AS inside
            FROM presence pr JOIN session_doors sd ON pr.place = 'session:' || sd.session_id
            GROUP BY sd.session_id, sd.code, sd.title_en, sd.starts_at, sd.capacity
            ORDER BY sd.starts_at, sd.code
            """
        )
    ).all()
    return [row._asdict() for row in rows]


def recent_scans(checkpoint_id: int | None = None, limit: int = 50) -> list[Scan]:
    query = select(Scan).order_by(Scan.received_at.desc(), Scan.id.desc()).limit(limit)
    if checkpoint_id is not None:
        query = query.where(Scan.checkpoint_id == checkpoint_id)
    return list(db.session.scalars(query))


def form_choices() -> dict[str, list[tuple[Any, str]]]:
    """Zones, sessions and booths for the checkpoint form."""
    from conference.core.timeutil import to_venue
    from conference.exhibition.services import list_booths
    from conference.registration.services import zones

    sessions = db.session.execute(text("SELECT session_id, starts_at, title_en FROM session_doors ORDER BY 2, 3")).all()
    return {
        "zones": [(code, f"{code} — {name}") for code, name in zones()],
        "sessions": [(sid, f"{to_venue(start):%d %b %H:%M} — {title}") for sid, start, title in sessions],
        "booths": [(booth.id, booth.code) for booth in list_booths()],
    }
