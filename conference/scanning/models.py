"""Checkpoints, every scan made at them, and who is inside where (presence)."""

from __future__ import annotations

import datetime as dt

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column

from conference.core.enums import LabelledEnum, enum_column
from conference.extensions import db


class CheckpointKind(LabelledEnum):
    ZONE_GATE = "zone_gate", _l("Zone gate")
    SESSION_DOOR = "session_door", _l("Session door")
    BOOTH = "booth", _l("Exhibition booth")
    DESK = "desk", _l("Accreditation desk (badge collection)")


class Direction(LabelledEnum):
    IN = "in", _l("Entry")
    OUT = "out", _l("Exit")


class Reentry(LabelledEnum):
    """What a second entry without an exit in between gets."""

    # Refused while inside (anti-passback); fine after an exit scan.
    AFTER_EXIT = "after_exit", _l("Again after an exit scan (anti-passback)")
    ONCE = "once", _l("Only once")  # only the first entry ever
    ANY = "any", _l("Always (no passback check)")  # always let in; presence is still tracked


class Reason(LabelledEnum):
    """One code per verdict, shared by the service, the API and the scanner page."""

    ACCEPTED = "accepted", _l("Accepted")
    ALREADY_INSIDE = "already_inside", _l("Already inside")
    WRONG_ZONE = "wrong_zone", _l("Wrong zone")
    SESSION_FULL = "session_full", _l("Session full")
    NOT_OPEN = "not_open", _l("Not open")
    SUPERSEDED = "superseded", _l("Superseded")
    REVOKED = "revoked", _l("Revoked")
    NOT_APPROVED = "not_approved", _l("Not approved")
    INVALID = "invalid", _l("Invalid")
    UNREADABLE = "unreadable", _l("Unreadable")


class Checkpoint(db.Model):
    """A place where badges are scanned: a zone gate, a session door, a booth or the accreditation desk."""

    __tablename__ = "checkpoints"
    __table_args__ = (
        CheckConstraint(
            "(kind = 'zone_gate' AND zone_code IS NOT NULL)"
            " OR (kind = 'session_door' AND session_id IS NOT NULL)"
            " OR (kind = 'booth' AND booth_id IS NOT NULL)"
            " OR kind = 'desk'",
            name="target_for_kind",
        ),
        CheckConstraint("closes_at IS NULL OR opens_at IS NULL OR closes_at > opens_at", name="closes_after_opens"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    kind: Mapped[CheckpointKind] = enum_column(CheckpointKind, length=20)
    direction: Mapped[Direction] = enum_column(Direction, length=3, default=Direction.IN)
    zone_code: Mapped[str | None] = mapped_column(ForeignKey("zones.code"), index=True)
    session_id: Mapped[int | None] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"), index=True)
    booth_id: Mapped[int | None] = mapped_column(ForeignKey("booths.id", ondelete="CASCADE"), index=True)
    opens_at: Mapped[dt.datetime | None]
    closes_at: Mapped[dt.datetime | None]
    reentry: Mapped[Reentry] = enum_column(Reentry, length=12, default=Reentry.AFTER_EXIT)
    created_at: Mapped[dt.datetime] = mapped_column(server_default=func.now())


class Scan(db.Model):
    """Every scan, accepted or refused. ``client_scan_id`` makes a re-sent scan count once."""

    __tablename__ = "scans"
    __table_args__ = (
        Index("ix_scans_checkpoint_received", "checkpoint_id", "received_at"),
        Index("ix_scans_badge", "badge_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    client_scan_id: Mapped[str] = mapped_column(String(64), unique=True)
    checkpoint_id: Mapped[int] = mapped_column(ForeignKey("checkpoints.id", ondelete="CASCADE"))
    badge_id: Mapped[int | None] = mapped_column(ForeignKey("badges.id", ondelete="SET NULL"))
    participant_id: Mapped[int | None] = mapped_column(ForeignKey("participants.id", ondelete="SET NULL"), index=True)
    serial: Mapped[int | None]
    code: Mapped[str] = mapped_column(Text, default="")  # what was read, cut to 200 characters
    accepted: Mapped[bool]
    reason: Mapped[Reason] = enum_column(Reason, length=20)
    staff_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    device: Mapped[str] = mapped_column(String(120), default="")
    offline: Mapped[bool] = mapped_column(default=False)
    scanned_at: Mapped[dt.datetime]  # the device's clock
    received_at: Mapped[dt.datetime] = mapped_column(server_default=func.now())  # the server's clock


class Presence(db.Model):
    """Whether a badge is inside a zone, a room or a session now (``place`` = 'zone:P', 'room:4', 'session:12').

    A row appears at the first accepted entry and is flipped by entries and exits; occupancy is a
    count of ``inside`` rows per place, attendance of a session a count of its rows.
    """

    __tablename__ = "presence"
    __table_args__ = (Index("ix_presence_place_inside", "place", "inside"),)

    badge_id: Mapped[int] = mapped_column(ForeignKey("badges.id", ondelete="CASCADE"), primary_key=True)
    place: Mapped[str] = mapped_column(String(24), primary_key=True)
    inside: Mapped[bool] = mapped_column(default=True)
    entries: Mapped[int] = mapped_column(default=1)
    changed_at: Mapped[dt.datetime] = mapped_column(server_default=func.now())
