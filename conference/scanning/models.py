"""Checkpoints, every scan made at them, and who is inside where (presence)."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column

from conference.extensions import db


class CheckpointKind(enum.StrEnum):
    ZONE_GATE = "zone_gate"
    SESSION_DOOR = "session_door"
    BOOTH = "booth"
    DESK = "desk"  # the accreditation desk: badge collection


class Direction(enum.StrEnum):
    IN = "in"
    OUT = "out"


class Reentry(enum.StrEnum):
    """What a second entry without an exit in between gets."""

    AFTER_EXIT = "after_exit"  # refused while inside (anti-passback); fine after an exit scan
    ONCE = "once"  # only the first entry ever
    ANY = "any"  # always let in; presence is still tracked


class Reason(enum.StrEnum):
    """One code per verdict, shared by the service, the API and the scanner page."""

    ACCEPTED = "accepted"
    ALREADY_INSIDE = "already_inside"
    WRONG_ZONE = "wrong_zone"
    SESSION_FULL = "session_full"
    NOT_OPEN = "not_open"
    SUPERSEDED = "superseded"
    REVOKED = "revoked"
    NOT_APPROVED = "not_approved"
    INVALID = "invalid"
    UNREADABLE = "unreadable"


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
    kind: Mapped[str] = mapped_column(String(20))
    direction: Mapped[str] = mapped_column(String(3), default=Direction.IN.value)
    zone_code: Mapped[str | None] = mapped_column(ForeignKey("zones.code"))
    session_id: Mapped[int | None] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"))
    booth_id: Mapped[int | None] = mapped_column(ForeignKey("booths.id", ondelete="CASCADE"))
    opens_at: Mapped[dt.datetime | None]
    closes_at: Mapped[dt.datetime | None]
    reentry: Mapped[str] = mapped_column(String(12), default=Reentry.AFTER_EXIT.value)
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
    participant_id: Mapped[int | None] = mapped_column(ForeignKey("participants.id", ondelete="SET NULL"))
    serial: Mapped[int | None]
    code: Mapped[str] = mapped_column(Text, default="")  # what was read, cut to 200 characters
    accepted: Mapped[bool]
    reason: Mapped[str] = mapped_column(String(20))
    staff_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
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
