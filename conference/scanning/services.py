"""Scanning: checkpoints, and ``perform_scan``, the one function that decides and records every scan.

Locking rules (READ COMMITTED):
- Each scan of a badge first takes a transaction-level advisory lock on the badge
  (``pg_advisory_xact_lock(SCAN_LOCK, badge_id)``), so scans of one badge at two gates, or the
  same scan sent twice at once, run one after the other and each sees the other's committed
  presence and scan rows. Presence rows are only written under that lock.
- An entry at a session door also locks the session (``SESSION_LOCK``, session id) after the
  badge, so two people taking the last seat are decided one after the other. Locks are always
  taken badge first, then session, so they cannot deadlock.
- ``scans.client_scan_id`` is unique: a scan re-sent (retry, offline queue) is recorded once and
  answered with the verdict recorded the first time.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from flask import url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from psycopg.rows import namedtuple_row
from sqlalchemy import select

from conference.accounts.roles import Role
from conference.badges import queries as badge_codes
from conference.badges import services as badges
from conference.core import audit
from conference.core.db import utcnow
from conference.core.errors import DomainError, NotFound
from conference.core.signals import booth_scanned
from conference.exhibition.services import booths_of_user
from conference.extensions import db
from conference.scanning import sql
from conference.scanning.models import Checkpoint, CheckpointKind, Direction, Reason, Reentry

SCAN_LOCK = 7001
SESSION_LOCK = 7002
# A device clock further off than this is not trusted for opening times (the server's is used).
CLOCK_FUTURE_SLACK = dt.timedelta(minutes=5)
CLOCK_PAST_LIMIT = dt.timedelta(days=2)

AMBER_REASONS = frozenset({Reason.ALREADY_INSIDE, Reason.UNREADABLE})


# The reason in plain words, as the steward reads it on the verdict screen (translated when shown).
REASON_MESSAGES = {
    Reason.ACCEPTED: _l("Welcome: let this person in."),
    Reason.ALREADY_INSIDE: _l("Already inside: this badge entered and has not left."),
    Reason.WRONG_ZONE: _l("Wrong zone: this badge does not give access here."),
    Reason.SESSION_FULL: _l("Session full: no seats left in this room."),
    Reason.NOT_OPEN: _l("Closed: this checkpoint is not open at this time."),
    Reason.SUPERSEDED: _l("Old badge: replaced by a reprint. Ask for the new badge."),
    Reason.REVOKED: _l("Badge revoked: keep the badge and call the supervisor."),
    Reason.NOT_APPROVED: _l("Accreditation not approved or cancelled."),
    Reason.INVALID: _l("Not a badge of this event (forged or foreign code)."),
    Reason.UNREADABLE: _l("Unreadable code: scan again."),
}


def reason_message(reason: str) -> str:
    return str(REASON_MESSAGES[Reason(reason)])


def colour_of(reason: str) -> str:
    if reason == Reason.ACCEPTED:
        return "green"
    return "amber" if reason in AMBER_REASONS else "red"


@dataclass(frozen=True)
class ScanResult:
    scan_id: int
    checkpoint_id: int
    reason: str
    participant: dict[str, Any] | None
    scanned_at: dt.datetime
    duplicate: bool = False  # this client_scan_id had been recorded before
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def accepted(self) -> bool:
        return self.reason == Reason.ACCEPTED

    def as_json(self) -> dict[str, Any]:
        return {
            "verdict": "accepted" if self.accepted else "refused",
            "reason": self.reason,
            "message": reason_message(self.reason),
            "colour": colour_of(self.reason),
            "participant": self.participant,
            "scan_id": self.scan_id,
            "checkpoint": self.checkpoint_id,
            "scanned_at": self.scanned_at.isoformat(),
            "duplicate": self.duplicate,
            **self.extra,
        }


def _lookup(params: dict[str, Any], lock: bool) -> Any:
    """Take the locks, then read, in one round trip: both statements go out in a psycopg pipeline
    on the session's own connection and transaction. The read starts after the locks are held, so
    it sees every scan of this badge committed before."""
    raw = db.session.connection().connection.driver_connection
    with raw.pipeline():
        if lock:
            raw.execute(sql.LOCKS, {**params, "ns": SCAN_LOCK, "session_ns": SESSION_LOCK})
        cursor = raw.cursor(row_factory=namedtuple_row)
        cursor.execute(sql.LOOKUP, params)
    return cursor.fetchone()


def _effective_time(scanned_at: dt.datetime, now: dt.datetime) -> dt.datetime:
    if now - CLOCK_PAST_LIMIT <= scanned_at <= now + CLOCK_FUTURE_SLACK:
        return scanned_at
    return now


def _decide(row: Any, serial: int | None, when: dt.datetime) -> str:
    """The verdict for a badge the code points to, checkpoint rules in the order a steward expects."""
    if row.badge_id is None:
        return Reason.INVALID  # signed by us, but no such badge (deleted)
    if (row.opens_at and when < row.opens_at) or (row.closes_at and when >= row.closes_at):
        return Reason.NOT_OPEN
    if row.badge_status == "revoked":
        return Reason.REVOKED
    if serial is not None and serial < row.serial:
        return Reason.SUPERSEDED
    if serial is not None and serial > row.serial:
        return Reason.INVALID  # a serial we never issued
    if row.participant_status != "approved":
        return Reason.NOT_APPROVED
    if row.direction != Direction.IN or row.kind not in (CheckpointKind.ZONE_GATE, CheckpointKind.SESSION_DOOR):
        return Reason.ACCEPTED  # exits, booths and the desk only need a valid, approved badge
    zone = row.zone_code if row.kind == CheckpointKind.ZONE_GATE else row.session_zone
    if zone and zone not in (row.zones or []):
        return Reason.WRONG_ZONE
    if (row.reentry == Reentry.AFTER_EXIT and row.inside) or (row.reentry == Reentry.ONCE and row.entries):
        return Reason.ALREADY_INSIDE
    full = row.capacity is not None and row.seats_taken >= row.capacity
    if row.kind == CheckpointKind.SESSION_DOOR and full and not row.inside:
        return Reason.SESSION_FULL
    return Reason.ACCEPTED


def _places(row: Any) -> list[str]:
    if row.kind == CheckpointKind.ZONE_GATE:
        return [f"zone:{row.zone_code}"]
    if row.kind == CheckpointKind.SESSION_DOOR:
        return [f"session:{row.session_id}"] + ([f"room:{row.room_id}"] if row.room_id else [])
    return []


def photo_url(badge_id: int) -> str:
    return url_for("scanning.photo", badge_id=badge_id)


def _participant(row: Any) -> dict[str, Any] | None:
    if row.participant_id is None:
        return None
    return {
        "id": row.participant_id,
        "badge_id": row.badge_id,
        "number": f"HN{row.badge_id:06d}",
        "name": row.name,
        "title": row.title or "",
        "delegation": row.delegation or "",
        "category": row.category,
        "colour": row.colour,
        "letter": row.letter,
        "photo_url": photo_url(row.badge_id) if row.photo_thumb_path else None,
    }


def perform_scan(
    checkpoint_id: int,
    code: str | None,
    *,
    client_scan_id: str,
    staff_user_id: int | None,
    scanned_at: dt.datetime | None = None,
    device: str = "",
    offline: bool = False,
    badge_id: int | None = None,
    now: dt.datetime | None = None,
) -> ScanResult:
    """Decide one scan, record it (accepted or refused) and update presence. Flushes; the caller
    (the API request) commits, which also releases the scan's advisory locks.

    ``code`` is what the camera or hand-held scanner read; a manual pick passes ``badge_id``
    instead (the steward checked the person, the current serial is assumed). Idempotent by
    ``client_scan_id``: a second call returns the first verdict with ``duplicate=True``.
    Raises NotFound(``checkpoint_not_found``) and DomainError(``bad_scan``) for malformed input;
    every badge problem is a recorded refusal, not an exception.
    """
    if not client_scan_id or len(client_scan_id) > 64:
        raise DomainError("bad_scan", "client_scan_id is required (at most 64 characters).")
    now = now or utcnow()
    scanned_at = scanned_at or now
    serial: int | None = None
    reason: str | None = None
    if badge_id is None:
        try:
            decoded = badge_codes.read_code(code or "")
        except badge_codes.InvalidCode as exc:
            reason = Reason.UNREADABLE if exc.reason == "unreadable" else Reason.INVALID
        else:
            badge_id, serial = decoded.badge_id, decoded.serial
        recorded_code = (code or "")[:200]
    else:
        recorded_code = f"manual:HN{badge_id:06d}"
    params = {"badge_id": badge_id, "checkpoint_id": checkpoint_id, "client_scan_id": client_scan_id}
    row = _lookup(params, lock=badge_id is not None)
    if row is None:
        raise NotFound("checkpoint_not_found", "No such checkpoint.")
    if row.existing_id is not None:
        return ScanResult(
            row.existing_id, checkpoint_id, row.existing_reason, _participant(row), row.existing_scanned_at, True
        )
    if reason is None:
        reason = _decide(row, serial, _effective_time(scanned_at, now))
    accepted = reason == Reason.ACCEPTED
    places = _places(row) if accepted else []
    entering = row.direction == Direction.IN
    scan_id = db.session.execute(
        sql.INSERT,
        {
            **params,
            "badge_id": row.badge_id,
            "participant_id": row.participant_id,
            "serial": serial if serial is not None else row.serial,
            "code": recorded_code,
            "accepted": accepted,
            "reason": str(reason),
            "staff_user_id": staff_user_id,
            "device": device[:120],
            "offline": offline,
            "scanned_at": scanned_at,
            "enter": places if entering else [],
            "leave": [] if entering else places,
        },
    ).scalar()
    if scan_id is None:  # the same scan, recorded by a concurrent request a moment ago
        return _recorded(client_scan_id)
    extra: dict[str, Any] = {}
    if row.kind == CheckpointKind.DESK and accepted:
        extra["collected"] = _record_collection(row.badge_id, staff_user_id)
    if row.kind == CheckpointKind.BOOTH and row.participant_id is not None:
        booth_scanned.send(
            None,
            booth_id=row.booth_id,
            participant_id=row.participant_id,
            staff_user_id=staff_user_id,
            scanned_at=scanned_at,
            accepted=accepted,
        )
    return ScanResult(scan_id, checkpoint_id, str(reason), _participant(row), scanned_at, False, extra)


def _recorded(client_scan_id: str) -> ScanResult:
    from conference.scanning.models import Scan

    scan = db.session.scalar(select(Scan).where(Scan.client_scan_id == client_scan_id))
    if scan is None:
        raise DomainError("bad_scan", "This scan could not be recorded; send it again.")
    participant = None
    if scan.badge_id is not None:
        params = {"badge_id": scan.badge_id, "checkpoint_id": scan.checkpoint_id, "client_scan_id": client_scan_id}
        row = _lookup(params, lock=False)
        participant = _participant(row)
    return ScanResult(scan.id, scan.checkpoint_id, scan.reason, participant, scan.scanned_at, True)


# What the desk tells the steward when the badges service refuses a hand-over.
_NOT_HANDED_OVER = {"already_collected": "already", "not_printed": "not_printed", "badge_revoked": "revoked"}


def _record_collection(badge_id: int, staff_user_id: int | None) -> str:
    """The accreditation desk hands the badge over, by the badges service's rules; the steward scans
    the badge while holding the person's ID, so the scan is the ID check."""
    try:
        badges.record_collection(badge_id, id_checked=True, actor_id=staff_user_id)
    except DomainError as exc:
        if exc.code not in _NOT_HANDED_OVER:
            raise
        return _NOT_HANDED_OVER[exc.code]
    return "now"


# --- checkpoints (organisers) and scanning devices ------------------------------------------------

CHECKPOINT_FIELDS = (
    "name",
    "kind",
    "direction",
    "zone_code",
    "session_id",
    "booth_id",
    "opens_at",
    "closes_at",
    "reentry",
)


@dataclass(frozen=True)
class CheckpointData:
    name: str
    kind: str
    direction: str = Direction.IN
    zone_code: str | None = None
    session_id: int | None = None
    booth_id: int | None = None
    opens_at: dt.datetime | None = None
    closes_at: dt.datetime | None = None
    reentry: str = Reentry.AFTER_EXIT


def _check(data: CheckpointData) -> dict[str, Any]:
    if data.kind not in set(CheckpointKind):
        raise DomainError("bad_kind", "Unknown checkpoint kind.")
    targets = {
        CheckpointKind.ZONE_GATE: ("zone_code", _l("Choose the zone this gate leads into.")),
        CheckpointKind.SESSION_DOOR: ("session_id", _l("Choose the session behind this door.")),
        CheckpointKind.BOOTH: ("booth_id", _l("Choose the booth.")),
    }
    values = {name: getattr(data, name) for name in CHECKPOINT_FIELDS}
    values["name"] = data.name.strip()
    if not values["name"]:
        raise DomainError("name_required", _("Give the checkpoint a name."))
    for kind, (column, message) in targets.items():
        if data.kind == kind and values[column] in (None, ""):
            raise DomainError(f"{column}_required", str(message))
        if data.kind != kind:
            values[column] = None  # a gate has no booth, a booth no session…
    if data.opens_at and data.closes_at and data.closes_at <= data.opens_at:
        raise DomainError("closes_before_opens", _("The closing time must be after the opening time."))
    if data.kind in (CheckpointKind.BOOTH, CheckpointKind.DESK):
        values["direction"] = Direction.IN
    return values


def save_checkpoint(checkpoint_id: int | None, data: CheckpointData) -> Checkpoint:
    """Create (``checkpoint_id`` None) or change a checkpoint. Raises DomainError for a missing target,
    bad times, or Conflict(``name_taken``) for a duplicate name."""
    from conference.core.errors import Conflict

    values = _check(data)
    clash = db.session.scalar(select(Checkpoint.id).where(Checkpoint.name == values["name"]))
    if clash is not None and clash != checkpoint_id:
        raise Conflict("name_taken", _("Another checkpoint already has this name."))
    if checkpoint_id is None:
        checkpoint = Checkpoint(**values)
        db.session.add(checkpoint)
        db.session.flush()
        audit.record("checkpoint.create", "checkpoint", checkpoint.id, after=values)
    else:
        checkpoint = get_checkpoint(checkpoint_id)
        before = audit.snapshot(checkpoint, CHECKPOINT_FIELDS)
        for name, value in values.items():
            setattr(checkpoint, name, value)
        old, new = audit.changes(before, audit.snapshot(checkpoint, CHECKPOINT_FIELDS))
        audit.record("checkpoint.update", "checkpoint", checkpoint.id, before=old, after=new)
    db.session.commit()
    return checkpoint


def get_checkpoint(checkpoint_id: int) -> Checkpoint:
    checkpoint = db.session.get(Checkpoint, checkpoint_id)
    if checkpoint is None:
        raise NotFound("checkpoint_not_found", "No such checkpoint.")
    return checkpoint


def may_use_checkpoint(user: Any, checkpoint_id: int) -> bool:
    """The single place deciding who scans where: scanners and organisers everywhere; exhibitor
    staff only at the checkpoints of the booths they staff. Loads the checkpoint only when the role
    needs it."""
    if user.has_role(Role.SCANNER, Role.ACCREDITATION_OFFICER, Role.PROTOCOL_OFFICER):
        return True
    if not user.has_role(Role.EXHIBITOR):
        return False
    checkpoint = db.session.get(Checkpoint, checkpoint_id)
    if checkpoint is None or checkpoint.kind != CheckpointKind.BOOTH:
        return False
    return checkpoint.booth_id in booths_of_user(user.id)


def issue_device_token(user_id: int, device_name: str) -> str:
    """An API token for one scanning device, held by a scanner (or exhibitor) user. Shown once.
    Raises NotFound(``user_not_found``) and DomainError(``not_a_scanner``)."""
    from conference.accounts.services import get_user, issue_api_token

    user = get_user(user_id)
    if user is None:
        raise NotFound("user_not_found", "No such user.")
    if user.role not in (Role.SCANNER, Role.EXHIBITOR):
        raise DomainError("not_a_scanner", _("Device tokens are for scanner or exhibitor accounts."))
    if not device_name.strip():
        raise DomainError("name_required", _("Name the device, e.g. “Gate A phone 3”."))
    return issue_api_token(user, f"device: {device_name.strip()}")
