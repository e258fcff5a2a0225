"""Badges: one per participant; each reprint raises the serial and so supersedes older codes."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import ForeignKey, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from conference.extensions import db


class BadgeStatus(enum.StrEnum):
    ACTIVE = "active"
    REVOKED = "revoked"


class Badge(db.Model):
    __tablename__ = "badges"

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id"), unique=True)
    serial: Mapped[int] = mapped_column(default=1)
    status: Mapped[str] = mapped_column(String(10), default=BadgeStatus.ACTIVE.value, index=True)
    issued_at: Mapped[dt.datetime] = mapped_column(server_default=func.now())
    revoked_at: Mapped[dt.datetime | None]
    revoke_reason: Mapped[str | None] = mapped_column(Text)
    needs_reprint: Mapped[bool] = mapped_column(default=False)
    printed_at: Mapped[dt.datetime | None]
    collected_at: Mapped[dt.datetime | None]
    collected_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    participant: Mapped[Participant] = relationship()  # noqa: F821 (registration domain)

    @property
    def number(self) -> str:
        """The badge number printed in text under the QR."""
        return f"HN{self.id:06d}"
