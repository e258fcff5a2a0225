"""Scanning: checkpoints, and ``perform_scan``, the one function that decides and records every scan.

Locking rules (READ COMMITTED):
- Each scan of a badge first takes a transaction-level advisory lock on the badge
  (``LockNamespace.SCAN``, badge id), so scans of one badge at two gates, or the same scan sent
  twice at once, run one after the other and each sees the other's committed presence and scan
  rows. Presence rows are only written under that lock.
- An entry at a session door also locks the session (``LockNamespace.SESSION_DOOR``, session id)
  after the badge, so two people taking the last seat are decided one after the other. Locks are
  always taken badge first, then session, so they cannot deadlock.
- ``scans.client_scan_id`` is unique: a scan re-sent (retry, offline queue) is recorded once and
  answered with the verdict recorded the first time.

Services flush and never commit: the request (or job) that called them commits, which also releases
the advisory locks.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from flask import url_for
from flask_babel import lazy_gettext as _l
from psycopg.rows import namedtuple_row
from sqlalchemy import select

from conference.accounts.roles import Role
from conference.accounts.services import get_user, issue_api_token
from conference.badges import queries as badge_codes
from conference.badges import services as badges
from conference.core import audit
from conference.core.db import utcnow
from conference.core.errors import CoreError, DomainError
from conference.core.locks import LockNamespace
from conference.core.signals import booth_scanned
from conference.exhibition.services import booths_of_user
from conference.extensions import db
from conference.scanning import sql
from conference.scanning.enums import CheckpointKind, Collected, Direction, Reason, Reentry
from conference.scanning.errors import ScanError
from conference.scanning.models import Checkpoint, Scan

# A device clock further off than this is not trusted for opening times (the server's is used).
CLOCK_FUTURE_SLACK = dt.timedelta(minutes=5)
CLOCK_PAST_LIMIT = dt.timedelta(days=2)
RECORDED_CODE_LENGTH = 200


@dataclass(frozen=True)
class ScanResult:
    scan_id: int
    checkpoint_id: int
    reason: Reason
    participant: dict[str, Any] | None
    scanned_at: dt.datetime
    duplicate: bool = False  # this client_scan_id had been recorded before
    collected: Collected | None = None  # the accreditation desk's hand-over

    @property
    def accepted(self) -> bool:
        return self.reason.accepted

    def as_json(self) -> dict[str, Any]:
        """The verdict as the API answers it (``schemas.ScanOut``) and the scanner page shows it."""
        return {
            "verdict": "accepted" if self.accepted else "refused",
            "reason": self.reason.value,
            "message": self.reason.message,
            "colour": self.reason.colour,
            "participant": self.participant,
            "scan_id": self.scan_id,
            "checkpoint": self.checkpoint_id,
            "scanned_at": self.scanned_at.isoformat(),
            "duplicate": self.duplicate,
            "collected": self.collected.value if self.collected else None,
        }


@dataclass(frozen=True)
class _Reading:
    """What the code says before the database is asked: the badge and serial, or a verdict already."""

    badge_id: int | None
    serial: int | None
    reason: Reason | None
    recorded_code: str


def _read(code: str | None, badge_id: int | None) -> _Reading:
    """A manual pick names the badge (the current serial is assumed); a code is checked and decoded."""
    if badge_id is not None:
        return _Reading(badge_id, None, None, f"manual:HN{badge_id:06d}")
    recorded = (code or "")[:RECORDED_CODE_LENGTH]
    try:
        decoded = badge_codes.read_code(code or "")
    except badge_codes.InvalidCode as exc:
        return _Reading(None, None, Reason.UNREADABLE if exc.reason == "unreadable" else Reason.INVALID, recorded)
    return _Reading(decoded.badge_id, decoded.serial, None, recorded)


def _lookup(params: dict[str, Any], lock: bool) -> Any:
    """Take the locks, then read, in one round trip: both statements go out in a psycopg pipeline
    on the session's own connection and transaction. The read starts after the locks are held, so
    it sees every scan of this badge committed before."""
    raw = db.session.connection().connection.driver_connection
    with raw.pipeline():
        if lock:
            namespaces = {"ns": int(LockNamespace.SCAN), "session_ns": int(LockNamespace.SESSION_DOOR)}
            raw.execute(sql.LOCKS, {**params, **namespaces})
        cursor = raw.cursor(row_factory=namedtuple_row)
        cursor.execute(sql.LOOKUP, params)
    return cursor.fetchone()


def _effective_time(scanned_at: dt.datetime, now: dt.datetime) -> dt.datetime:
    if now - CLOCK_PAST_LIMIT <= scanned_at <= now + CLOCK_FUTURE_SLACK:
        return scanned_at
    return now


def _is_open(row: Any, when: dt.datetime) -> bool:
    return not ((row.opens_at and when < row.opens_at) or (row.closes_at and when >= row.closes_at))


def _badge_refusal(row: Any, serial: int | None) -> Reason | None:
    """What is wrong with the badge or its holder wherever it is shown, if anything."""
    if row.badge_status == "revoked":
        return Reason.REVOKED
    if serial is not None and serial < row.serial:
        return Reason.SUPERSEDED
    if serial is not None and serial > row.serial:
        return Reason.INVALID  # a serial we never issued
    if row.participant_status != "approved":
        return Reason.NOT_APPROVED
    return None


def _entry_refusal(row: Any) -> Reason | None:
    """What keeps a valid badge from entering through this gate or door now, if anything. Exits,
    booths and the desk only need a valid, approved badge."""
    if row.direction != Direction.IN or row.kind not in (CheckpointKind.ZONE_GATE, CheckpointKind.SESSION_DOOR):
        return None
    zone = row.zone_code if row.kind == CheckpointKind.ZONE_GATE else row.session_zone
    if zone and zone not in (row.zones or []):
        return Reason.WRONG_ZONE
    if (row.reentry == Reentry.AFTER_EXIT and row.inside) or (row.reentry == Reentry.ONCE and row.entries):
        return Reason.ALREADY_INSIDE
    full = row.capacity is not None and row.seats_taken >= row.capacity
    if row.kind == CheckpointKind.SESSION_DOOR and full and not row.inside:
        return Reason.SESSION_FULL
    return None


def _decide(row: Any, serial: int | None, when: dt.datetime) -> Reason:
    """The verdict for a badge the code points to, checkpoint rules in the order a steward expects."""
    if row.badge_id is None:
        return Reason.INVALID  # signed by us, but no such badge (deleted)
    if not _is_open(row, when):
        return Reason.NOT_OPEN
    return _badge_refusal(row, serial) or _entry_refusal(row) or Reason.ACCEPTED


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


@dataclass(frozen=True)
class _Record:
    """One scan row to write, with the presence it moves."""

    client_scan_id: str
    reading: _Reading
    staff_user_id: int | None
    scanned_at: dt.datetime
    device: str
    offline: bool


def _insert(row: Any, checkpoint_id: int, record: _Record, reason: Reason) -> int | None:
    """Record the scan and move presence in one statement; None when a concurrent request recorded
    the same ``client_scan_id`` a moment ago."""
    places = _places(row) if reason.accepted else []
    entering = row.direction == Direction.IN
    serial = record.reading.serial
    return db.session.execute(
        sql.INSERT,
        {
            "client_scan_id": record.client_scan_id,
            "checkpoint_id": checkpoint_id,
            "badge_id": row.badge_id,
            "participant_id": row.participant_id,
            "serial": serial if serial is not None else row.serial,
            "code": record.reading.recorded_code,
            "accepted": reason.accepted,
            "reason": reason.value,
            "staff_user_id": record.staff_user_id,
            "device": record.device[:120],
            "offline": record.offline,
            "scanned_at": record.scanned_at,
            "enter": places if entering else [],
            "leave": [] if entering else places,
        },
    ).scalar()


def _after_scan(row: Any, record: _Record, reason: Reason) -> Collected | None:
    """What a recorded scan sets off: the desk hands the badge over; a booth tells the exhibition."""
    if row.kind == CheckpointKind.BOOTH and row.participant_id is not None:
        booth_scanned.send(
            None,
            booth_id=row.booth_id,
            participant_id=row.participant_id,
            staff_user_id=record.staff_user_id,
            scanned_at=record.scanned_at,
            accepted=reason.accepted,
        )
    if row.kind == CheckpointKind.DESK and reason.accepted:
        return _record_collection(row.badge_id, record.staff_user_id)
    return None


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
    ``client_scan_id`` (1–64 characters, checked by ``schemas.ScanIn``): a second call returns the
    first verdict with ``duplicate=True``. Raises ``ScanError.CHECKPOINT_NOT_FOUND``; every badge
    problem is a recorded refusal, not an exception.
    """
    now = now or utcnow()
    reading = _read(code, badge_id)
    record = _Record(client_scan_id, reading, staff_user_id, scanned_at or now, device, offline)
    params = {"badge_id": reading.badge_id, "checkpoint_id": checkpoint_id, "client_scan_id": client_scan_id}
    row = _lookup(params, lock=reading.badge_id is not None)
    if row is None:
        raise DomainError(ScanError.CHECKPOINT_NOT_FOUND)
    if row.existing_id is not None:
        reason = Reason(row.existing_reason)
        return ScanResult(row.existing_id, checkpoint_id, reason, _participant(row), row.existing_scanned_at, True)
    reason = reading.reason or _decide(row, reading.serial, _effective_time(record.scanned_at, now))
    scan_id = _insert(row, checkpoint_id, record, reason)
    if scan_id is None:
        return _recorded(client_scan_id)
    collected = _after_scan(row, record, reason)
    return ScanResult(scan_id, checkpoint_id, reason, _participant(row), record.scanned_at, False, collected)


def _recorded(client_scan_id: str) -> ScanResult:
    scan = db.session.scalar(select(Scan).where(Scan.client_scan_id == client_scan_id))
    if scan is None:
        raise DomainError(ScanError.SCAN_NOT_RECORDED)
    participant = None
    if scan.badge_id is not None:
        params = {"badge_id": scan.badge_id, "checkpoint_id": scan.checkpoint_id, "client_scan_id": client_scan_id}
        participant = _participant(_lookup(params, lock=False))
    return ScanResult(scan.id, scan.checkpoint_id, Reason(scan.reason), participant, scan.scanned_at, True)


# What the desk tells the steward when the badges service refuses a hand-over.
_NOT_HANDED_OVER = {
    "already_collected": Collected.ALREADY,
    "not_printed": Collected.NOT_PRINTED,
    "badge_revoked": Collected.REVOKED,
}


def _record_collection(badge_id: int, staff_user_id: int | None) -> Collected:
    """The accreditation desk hands the badge over, by the badges service's rules; the steward scans
    the badge while holding the person's ID, so the scan is the ID check. The badges service refuses
    before it changes anything, so its refusal needs no roll-back here (the scan stays recorded)."""
    try:
        badges.record_collection(badge_id, id_checked=True, actor_id=staff_user_id)
    except DomainError as exc:
        if exc.code not in _NOT_HANDED_OVER:
            raise
        return _NOT_HANDED_OVER[exc.code]
    return Collected.NOW


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

# The target each kind of checkpoint needs, and the refusal when it is missing.
_TARGETS = {
    CheckpointKind.ZONE_GATE: ("zone_code", ScanError.ZONE_REQUIRED),
    CheckpointKind.SESSION_DOOR: ("session_id", ScanError.SESSION_REQUIRED),
    CheckpointKind.BOOTH: ("booth_id", ScanError.BOOTH_REQUIRED),
}


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


def _refuse(reason: ScanError, field: str) -> DomainError:
    return DomainError(reason, fields={field: reason.message})


def _check(data: CheckpointData) -> dict[str, Any]:
    """The columns to store, or the refusal beside the form field that is wrong."""
    if data.kind not in set(CheckpointKind):
        raise DomainError(CoreError.INVALID_INPUT, fields={"kind": _l("Unknown checkpoint kind.")})
    values = {name: getattr(data, name) for name in CHECKPOINT_FIELDS}
    values["name"] = data.name.strip()
    if not values["name"]:
        raise _refuse(ScanError.CHECKPOINT_NAME_REQUIRED, "name")
    for kind, (column, missing) in _TARGETS.items():
        if data.kind == kind and values[column] in (None, ""):
            raise _refuse(missing, column)
        if data.kind != kind:
            values[column] = None  # a gate has no booth, a booth no session…
    if data.opens_at and data.closes_at and data.closes_at <= data.opens_at:
        raise _refuse(ScanError.CLOSES_BEFORE_OPENS, "closes_at")
    if data.kind in (CheckpointKind.BOOTH, CheckpointKind.DESK):
        values["direction"] = Direction.IN
    return values


def save_checkpoint(checkpoint_id: int | None, data: CheckpointData) -> Checkpoint:
    """Create (``checkpoint_id`` None) or change a checkpoint; flushes. Refuses with
    ``CoreError.INVALID_INPUT`` (unknown kind), ``ScanError.CHECKPOINT_NAME_REQUIRED``, ``ZONE_REQUIRED`` /
    ``SESSION_REQUIRED`` / ``BOOTH_REQUIRED``, ``CLOSES_BEFORE_OPENS``, ``NAME_TAKEN`` or
    ``CHECKPOINT_NOT_FOUND``, each naming the form field it concerns."""
    values = _check(data)
    clash = db.session.scalar(select(Checkpoint.id).where(Checkpoint.name == values["name"]))
    if clash is not None and clash != checkpoint_id:
        raise _refuse(ScanError.NAME_TAKEN, "name")
    if checkpoint_id is None:
        checkpoint = Checkpoint(**values)
        db.session.add(checkpoint)
        db.session.flush()
        audit.record("checkpoint.create", "checkpoint", checkpoint.id, after=values)
        return checkpoint
    checkpoint = get_checkpoint(checkpoint_id)
    before = audit.snapshot(checkpoint, CHECKPOINT_FIELDS)
    for name, value in values.items():
        setattr(checkpoint, name, value)
    db.session.flush()
    old, new = audit.changes(before, audit.snapshot(checkpoint, CHECKPOINT_FIELDS))
    audit.record("checkpoint.update", "checkpoint", checkpoint.id, before=old, after=new)
    return checkpoint


def get_checkpoint(checkpoint_id: int) -> Checkpoint:
    checkpoint = db.session.get(Checkpoint, checkpoint_id)
    if checkpoint is None:
        raise DomainError(ScanError.CHECKPOINT_NOT_FOUND)
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


def check_checkpoint_access(user: Any, checkpoint_id: int) -> None:
    """Refuse with ``ScanError.CHECKPOINT_FORBIDDEN`` where ``user`` may not scan."""
    if not may_use_checkpoint(user, checkpoint_id):
        raise DomainError(ScanError.CHECKPOINT_FORBIDDEN)


def issue_device_token(user_id: int, device_name: str) -> str:
    """An API token for one scanning device, held by a scanner (or exhibitor) user. Shown once.
    Refuses with ``CoreError.NOT_FOUND``, ``ScanError.NOT_A_SCANNER`` or ``DEVICE_NAME_REQUIRED``."""
    user = get_user(user_id)
    if user is None:
        raise DomainError(CoreError.NOT_FOUND, fields={"user_id": CoreError.NOT_FOUND.message})
    if user.role not in (Role.SCANNER, Role.EXHIBITOR):
        raise _refuse(ScanError.NOT_A_SCANNER, "user_id")
    if not device_name.strip():
        raise _refuse(ScanError.DEVICE_NAME_REQUIRED, "device")
    return issue_api_token(user, f"device: {device_name.strip()}")
