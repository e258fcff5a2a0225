"""Rooms of the venue and the programme's sessions."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import ARRAY, CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from conference.extensions import db


class SessionKind(enum.StrEnum):
    WELCOME = "welcome"
    PLENARY = "plenary"
    SIGNING = "signing"
    PANEL = "panel"
    WORKSHOP = "workshop"
    PRESS = "press"
    BILATERAL = "bilateral"
    SOCIAL = "social"


class Room(db.Model):
    __tablename__ = "rooms"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(20))
    capacity: Mapped[int]
    floor: Mapped[str] = mapped_column(String(20), default="")
    zone_code: Mapped[str | None] = mapped_column(ForeignKey("zones.code"))


class ConferenceSession(db.Model):
    """A programme item. Times are stored in UTC and shown in venue time."""

    __tablename__ = "sessions"
    __table_args__ = (CheckConstraint("ends_at > starts_at", name="ends_after_start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    kind: Mapped[str] = mapped_column(String(20), index=True)
    title_en: Mapped[str] = mapped_column(String(300))
    title_fr: Mapped[str] = mapped_column(String(300), default="")
    title_vi: Mapped[str] = mapped_column(String(300), default="")
    description_en: Mapped[str] = mapped_column(Text, default="")
    description_fr: Mapped[str] = mapped_column(Text, default="")
    description_vi: Mapped[str] = mapped_column(Text, default="")
    room_id: Mapped[int | None] = mapped_column(ForeignKey("rooms.id"), index=True)
    starts_at: Mapped[dt.datetime] = mapped_column(index=True)
    ends_at: Mapped[dt.datetime]
    languages: Mapped[list[str]] = mapped_column(ARRAY(String(8)), default=list)
    topics: Mapped[list[str]] = mapped_column(ARRAY(String(40)), default=list)
    organisers: Mapped[list[str]] = mapped_column(ARRAY(String(20)), default=list)
    guest_speakers: Mapped[list[str]] = mapped_column(ARRAY(String(200)), default=list)
    capacity: Mapped[int | None]
    zone_code: Mapped[str | None] = mapped_column(ForeignKey("zones.code"))
    needs_signup: Mapped[bool] = mapped_column(default=False)

    room: Mapped[Room | None] = relationship()

    def title(self, locale: str = "en") -> str:
        return getattr(self, f"title_{locale}", "") or self.title_en

    def description(self, locale: str = "en") -> str:
        return getattr(self, f"description_{locale}", "") or self.description_en

    @property
    def effective_capacity(self) -> int | None:
        if self.capacity is not None:
            return self.capacity
        return self.room.capacity if self.room else None
