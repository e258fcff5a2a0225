"""Rooms of the venue and the programme's sessions."""

from __future__ import annotations

import datetime as dt

from flask_babel import lazy_gettext as _l
from sqlalchemy import ARRAY, CheckConstraint, ForeignKey, String, Text, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from conference.core.enums import LabelledEnum, enum_column
from conference.extensions import db


class SessionKind(LabelledEnum):
    WELCOME = "welcome", _l("Welcome")
    PLENARY = "plenary", _l("Plenary")
    SIGNING = "signing", _l("Signing")
    PANEL = "panel", _l("Panel")
    WORKSHOP = "workshop", _l("Workshop")
    PRESS = "press", _l("Press")
    BILATERAL = "bilateral", _l("Bilateral")
    SOCIAL = "social", _l("Social")


class RoomKind(LabelledEnum):
    """What a room of the venue is for (rooms.csv)."""

    PLENARY = "plenary", _l("Plenary hall")
    SIGNING = "signing", _l("Signing room")
    HALL = "hall", _l("Hall")
    MEETING = "meeting", _l("Meeting room")
    BILATERAL = "bilateral", _l("Bilateral meeting room")
    EXHIBITION = "exhibition", _l("Exhibition hall")
    MEDIA = "media", _l("Media centre")
    VIP = "vip", _l("VIP lounge")
    BANQUET = "banquet", _l("Banquet hall")


class Room(db.Model):
    __tablename__ = "rooms"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    kind: Mapped[RoomKind] = enum_column(RoomKind, length=20)
    capacity: Mapped[int]
    floor: Mapped[str] = mapped_column(String(20), default="")
    zone_code: Mapped[str | None] = mapped_column(ForeignKey("zones.code"), index=True)


# Published to other domains as the view session_doors (with rooms and confirmed sign-ups; columns in
# migrations/versions/0009_published_views.py). Scanning reads only that view.
class ConferenceSession(db.Model):
    """A programme item. Times are stored in UTC and shown in venue time."""

    __tablename__ = "sessions"
    __table_args__ = (CheckConstraint("ends_at > starts_at", name="ends_after_start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    kind: Mapped[SessionKind] = enum_column(SessionKind, length=20, index=True)
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
    interpretation: Mapped[list[str]] = mapped_column(ARRAY(String(8)), default=list, server_default="{}")
    capacity: Mapped[int | None]
    zone_code: Mapped[str | None] = mapped_column(ForeignKey("zones.code"), index=True)
    needs_signup: Mapped[bool] = mapped_column(default=False)

    room: Mapped[Room | None] = relationship()
    people: Mapped[list[SessionPerson]] = relationship(cascade="all, delete-orphan", order_by="SessionPerson.id")

    def title(self, locale: str = "en") -> str:
        return getattr(self, f"title_{locale}", "") or self.title_en

    def description(self, locale: str = "en") -> str:
        return getattr(self, f"description_{locale}", "") or self.description_en

    @property
    def effective_capacity(self) -> int | None:
        if self.capacity is not None:
            return self.capacity
        return self.room.capacity if self.room else None


class PersonRole(LabelledEnum):
    SPEAKER = "speaker", _l("Speaker")
    MODERATOR = "moderator", _l("Moderator")


class SessionPerson(db.Model):
    """A registered participant who speaks at or moderates a session (guests stay names in
    ``ConferenceSession.guest_speakers``)."""

    __tablename__ = "session_people"
    __table_args__ = (UniqueConstraint("session_id", "participant_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"), index=True)
    role: Mapped[PersonRole] = enum_column(PersonRole, length=20, default=PersonRole.SPEAKER)


class SignupStatus(LabelledEnum):
    CONFIRMED = "confirmed", _l("Confirmed")
    WAITLISTED = "waitlisted", _l("Waitlisted")
    CANCELLED = "cancelled", _l("Cancelled")


class Signup(db.Model):
    """A participant's seat (or place in the waiting list) at a session that needs sign-up.

    One row per (session, participant): cancelling keeps the row, signing up again reuses it
    with a new ``requested_at`` (the back of the queue).
    """

    __tablename__ = "signups"
    __table_args__ = (UniqueConstraint("session_id", "participant_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"), index=True)
    status: Mapped[SignupStatus] = enum_column(SignupStatus, length=12, index=True)
    requested_at: Mapped[dt.datetime]
    confirmed_at: Mapped[dt.datetime | None]
    cancelled_at: Mapped[dt.datetime | None]
    booked_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)

    session: Mapped[ConferenceSession] = relationship()


class CalendarFeed(db.Model):
    """The secret token of a participant's subscribable personal agenda (``.ics``)."""

    __tablename__ = "calendar_feeds"

    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"), primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(server_default=func.now())


class SpeakerLevel(LabelledEnum):
    """Protocol levels of a plenary speaker, highest first."""

    HEAD_OF_STATE = "head_of_state", _l("Head of State")
    HEAD_OF_GOVERNMENT = "head_of_government", _l("Head of Government")
    MINISTER = "minister", _l("Deputy Prime Minister / Minister")
    VICE_MINISTER = "vice_minister", _l("Vice-Minister")
    AMBASSADOR = "ambassador", _l("Ambassador / Permanent Representative")
    OTHER = "other", _l("Other")


class InscriptionStatus(LabelledEnum):
    INSCRIBED = "inscribed", _l("Inscribed")
    SPEAKING = "speaking", _l("Speaking")
    SPOKEN = "spoken", _l("Spoken")
    WITHDRAWN = "withdrawn", _l("Withdrawn")


class ListOfSpeakers(db.Model):
    """The running state of a plenary's list of speakers (one per session)."""

    __tablename__ = "lists_of_speakers"

    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"), primary_key=True)
    time_limit_seconds: Mapped[int] = mapped_column(default=300)
    current_id: Mapped[int | None] = mapped_column(
        ForeignKey("speaker_inscriptions.id", ondelete="SET NULL"), index=True
    )
    timer_started_at: Mapped[dt.datetime | None]
    timer_elapsed_seconds: Mapped[int] = mapped_column(default=0)  # accumulated while stopped


class SpeakerInscription(db.Model):
    """A delegation on a plenary's list of speakers (once per session)."""

    __tablename__ = "speaker_inscriptions"
    __table_args__ = (UniqueConstraint("session_id", "delegation_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"), index=True)
    delegation_id: Mapped[int] = mapped_column(ForeignKey("delegations.id", ondelete="CASCADE"), index=True)
    delegation_name: Mapped[str] = mapped_column(String(200))
    group_rank: Mapped[int]  # 0 states, 1 observers, 2 organisations
    speaker_name: Mapped[str] = mapped_column(String(200))
    speaker_title: Mapped[str] = mapped_column(String(200), default="")
    level: Mapped[SpeakerLevel] = enum_column(SpeakerLevel, length=30)
    inscribed_at: Mapped[dt.datetime]
    position: Mapped[int | None]  # set when a protocol officer reorders by hand
    status: Mapped[InscriptionStatus] = enum_column(InscriptionStatus, length=12, default=InscriptionStatus.INSCRIBED)
    spoke_at: Mapped[dt.datetime | None]
    inscribed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)


class SignatoryLevel(LabelledEnum):
    HEAD_OF_STATE = "head_of_state", _l("Head of State")
    HEAD_OF_GOVERNMENT = "head_of_government", _l("Head of Government")
    FOREIGN_MINISTER = "foreign_minister", _l("Minister for Foreign Affairs")
    MINISTER = "minister", _l("Other minister")
    VICE_MINISTER = "vice_minister", _l("Vice-Minister")
    AMBASSADOR = "ambassador", _l("Ambassador / Permanent Representative")
    OTHER = "other", _l("Other")


# Who signs without full powers (Vienna Convention on the Law of Treaties, art. 7(2)(a)).
SIGNS_WITHOUT_FULL_POWERS = frozenset(
    {SignatoryLevel.HEAD_OF_STATE, SignatoryLevel.HEAD_OF_GOVERNMENT, SignatoryLevel.FOREIGN_MINISTER}
)


class FullPowersStatus(LabelledEnum):
    NOT_NEEDED = "not_needed", _l("Not needed")
    MISSING = "missing", _l("Missing")
    SUBMITTED = "submitted", _l("Submitted")
    VERIFIED = "verified", _l("Verified")
    REJECTED = "rejected", _l("Rejected")


class SigningDeclaration(db.Model):
    """A state's (or the EU's) intention to sign, its full powers and its signing slot."""

    __tablename__ = "signing_declarations"

    id: Mapped[int] = mapped_column(primary_key=True)
    party_code: Mapped[str] = mapped_column(String(20), unique=True)  # ISO3 of the state, or the REIO's code
    party_name: Mapped[str] = mapped_column(String(200))
    delegation_id: Mapped[int] = mapped_column(ForeignKey("delegations.id", ondelete="CASCADE"), index=True)
    is_host: Mapped[bool] = mapped_column(default=False)
    signatory_name: Mapped[str] = mapped_column(String(200))
    signatory_title: Mapped[str] = mapped_column(String(200))
    level: Mapped[SignatoryLevel] = enum_column(SignatoryLevel, length=30)
    declared_at: Mapped[dt.datetime]
    full_powers_status: Mapped[FullPowersStatus] = enum_column(FullPowersStatus, length=12)
    full_powers_path: Mapped[str | None] = mapped_column(String(300))
    full_powers_reason: Mapped[str | None] = mapped_column(Text)
    full_powers_checked_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    slot_position: Mapped[int | None]
    slot_starts_at: Mapped[dt.datetime | None]
    slot_minutes: Mapped[int | None]


class Signature(db.Model):
    """A signature of the Convention, as the Treaty Section records it. One per party, ever."""

    __tablename__ = "signatures"

    id: Mapped[int] = mapped_column(primary_key=True)
    party_code: Mapped[str] = mapped_column(String(20), unique=True)
    party_name: Mapped[str] = mapped_column(String(200))
    declaration_id: Mapped[int] = mapped_column(ForeignKey("signing_declarations.id"), unique=True)
    signed_at: Mapped[dt.datetime]
    signatory_name: Mapped[str] = mapped_column(String(200))
    signatory_title: Mapped[str] = mapped_column(String(200))
    level: Mapped[SignatoryLevel] = enum_column(SignatoryLevel, length=30)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
