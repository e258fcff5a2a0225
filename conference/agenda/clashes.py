"""Whether the programme can take a session as an organiser typed it.

Each check looks at one concept (the form's own values, the room and its seats, the registered people,
the guest speakers) and names the form field its problem belongs to, so that the editor can show every
problem at once, each beside the field to change.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from conference.agenda.models import ConferenceSession, Room, SessionKind, Signup, SignupStatus
from conference.core.services import get_event
from conference.core.timeutil import to_venue
from conference.extensions import db
from conference.registration.queries import participant_briefs


@dataclass
class SessionData:
    """What an organiser types in the session form (times already converted to UTC)."""

    code: str
    kind: str
    title_en: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    room_id: int | None = None
    title_fr: str = ""
    title_vi: str = ""
    description_en: str = ""
    description_fr: str = ""
    description_vi: str = ""
    languages: list[str] = field(default_factory=list)
    interpretation: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    organisers: list[str] = field(default_factory=list)
    guest_speakers: list[str] = field(default_factory=list)
    capacity: int | None = None
    zone_code: str | None = None
    needs_signup: bool = False
    speaker_ids: list[int] = field(default_factory=list)
    moderator_ids: list[int] = field(default_factory=list)

    @property
    def people(self) -> set[int]:
        return set(self.speaker_ids) | set(self.moderator_ids)


@dataclass(frozen=True)
class Problem:
    """One reason the session does not fit, and the form field it concerns."""

    field: str
    message: str


def event_days() -> list[dt.date]:
    event = get_event()
    if event is None:
        return []
    return [event.start_date + dt.timedelta(days=n) for n in range((event.end_date - event.start_date).days + 1)]


def _when(s: ConferenceSession) -> str:
    return f"{to_venue(s.starts_at):%d %b %H:%M}–{to_venue(s.ends_at):%H:%M}"


def _booked_as(other: ConferenceSession) -> dict[str, str]:
    return {"code": other.code, "title": other.title_en, "when": _when(other)}


def _guest_key(name: str) -> str:
    return name.lower().replace("(moderator)", "").strip()


def _form_problems(data: SessionData) -> list[Problem]:
    """The typed values alone: a known kind, an end after the start, within the event's days."""
    problems = []
    if data.kind not in set(SessionKind):
        problems.append(Problem("kind", _l("Unknown kind “%(kind)s”.") % {"kind": data.kind}))
    if data.ends_at <= data.starts_at:
        problems.append(Problem("end", str(_l("The session must end after it starts."))))
    days = event_days()
    last_moment = data.ends_at - dt.timedelta(seconds=1)
    if days and (to_venue(data.starts_at).date() not in days or to_venue(last_moment).date() not in days):
        span = {"first": f"{days[0]:%d %b}", "last": f"{days[-1]:%d %b %Y}"}
        problems.append(Problem("day", _l("The session is outside the event's days (%(first)s – %(last)s).") % span))
    return problems


def _confirmed_seats(session_id: int) -> int:
    return db.session.scalar(
        select(func.count())
        .select_from(Signup)
        .where(Signup.session_id == session_id, Signup.status == SignupStatus.CONFIRMED)
    )


def _seat_problems(data: SessionData, room: Room | None, session_id: int | None) -> list[Problem]:
    """The room exists, and the capacity fits both the room and the seats already confirmed."""
    problems = []
    if data.room_id and room is None:
        problems.append(Problem("room_id", str(_l("No such room."))))
    if data.capacity is not None and data.capacity < 1:
        problems.append(Problem("capacity", str(_l("Capacity must be at least 1."))))
    if room and data.capacity is not None and data.capacity > room.capacity:
        values = {"capacity": data.capacity, "room": room.name, "room_capacity": room.capacity}
        message = _l("Capacity %(capacity)s is above the capacity of %(room)s (%(room_capacity)s).") % values
        problems.append(Problem("capacity", message))
    effective = data.capacity if data.capacity is not None else (room.capacity if room else None)
    confirmed = _confirmed_seats(session_id) if session_id is not None and effective is not None else 0
    if confirmed and effective < confirmed:
        message = _l("%(count)s people already have a confirmed seat; capacity cannot go below that.")
        problems.append(Problem("capacity", message % {"count": confirmed}))
    return problems


def _overlapping(data: SessionData, session_id: int | None) -> list[ConferenceSession]:
    stmt = (
        select(ConferenceSession)
        .where(ConferenceSession.starts_at < data.ends_at, ConferenceSession.ends_at > data.starts_at)
        .options(selectinload(ConferenceSession.people))
    )
    if session_id is not None:
        stmt = stmt.where(ConferenceSession.id != session_id)
    return list(db.session.scalars(stmt))


def _room_problems(room: Room | None, others: list[ConferenceSession]) -> list[Problem]:
    if room is None:
        return []
    message = _l("%(room)s is already booked for %(code)s “%(title)s” (%(when)s).")
    return [
        Problem("room_id", message % {"room": room.name, **_booked_as(other)})
        for other in others
        if other.room_id == room.id
    ]


def _people_problems(data: SessionData, others: list[ConferenceSession]) -> list[Problem]:
    """Registered speakers and moderators exist, hold one role here, and are not elsewhere meanwhile."""
    known = participant_briefs(data.people)

    def field_of(pid: int) -> str:
        return "moderator_ids" if pid in data.moderator_ids else "speaker_ids"

    problems = [
        Problem(field_of(pid), _l("No registered participant has the number %(id)s.") % {"id": pid})
        for pid in sorted(data.people - set(known))
    ]
    if set(data.speaker_ids) & set(data.moderator_ids):
        message = str(_l("A person cannot be both speaker and moderator of one session."))
        problems.append(Problem("moderator_ids", message))
    message = _l("%(name)s is already %(role)s at %(code)s “%(title)s” (%(when)s).")
    for other in others:
        for person in other.people:
            if person.participant_id in known:
                name = known[person.participant_id].display_name
                values = {"name": name, "role": person.role, **_booked_as(other)}
                problems.append(Problem(field_of(person.participant_id), message % values))
    return problems


def _guest_problems(data: SessionData, others: list[ConferenceSession]) -> list[Problem]:
    guests = {_guest_key(g): g for g in data.guest_speakers}
    message = _l("%(name)s already speaks at %(code)s “%(title)s” (%(when)s).")
    return [
        Problem("guest_speakers", message % {"name": guests[_guest_key(guest)], **_booked_as(other)})
        for other in others
        for guest in other.guest_speakers
        if _guest_key(guest) in guests
    ]


def find_clashes(data: SessionData, session_id: int | None = None) -> list[Problem]:
    """Every reason the programme cannot take this session as typed (empty: it fits)."""
    room = db.session.get(Room, data.room_id) if data.room_id else None
    problems = _form_problems(data) + _seat_problems(data, room, session_id)
    if data.ends_at <= data.starts_at:
        return problems + _people_problems(data, [])
    others = _overlapping(data, session_id)
    return problems + _room_problems(room, others) + _people_problems(data, others) + _guest_problems(data, others)
