"""Agenda services: reading the programme, and editing it with clash detection."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from itertools import groupby

from sqlalchemy import any_, func, or_, select, text
from sqlalchemy.orm import joinedload, selectinload

from conference.agenda.models import ConferenceSession, PersonRole, Room, SessionKind, SessionPerson, Signup
from conference.core import audit
from conference.core.errors import DomainError, NotFound
from conference.core.locks import LockNamespace, xact_lock
from conference.core.services import get_event
from conference.core.timeutil import to_venue
from conference.extensions import db

EDIT_FIELDS = (
    "code",
    "kind",
    "title_en",
    "title_fr",
    "title_vi",
    "description_en",
    "description_fr",
    "description_vi",
    "room_id",
    "starts_at",
    "ends_at",
    "languages",
    "interpretation",
    "topics",
    "organisers",
    "guest_speakers",
    "capacity",
    "zone_code",
    "needs_signup",
)


def list_sessions() -> list[ConferenceSession]:
    return list(
        db.session.scalars(
            select(ConferenceSession)
            .options(joinedload(ConferenceSession.room))
            .order_by(ConferenceSession.starts_at, ConferenceSession.code)
        )
    )


def programme_by_day() -> list[tuple[dt.date, list[ConferenceSession]]]:
    """The whole programme grouped by venue-local day."""
    sessions = list_sessions()
    return [(day, list(items)) for day, items in groupby(sessions, key=lambda s: to_venue(s.starts_at).date())]


def event_days() -> list[dt.date]:
    event = get_event()
    if event is None:
        return []
    return [event.start_date + dt.timedelta(days=n) for n in range((event.end_date - event.start_date).days + 1)]


def day_bounds(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """UTC bounds of a venue-local day."""
    from conference.core.timeutil import venue_datetime

    start = venue_datetime(day, "00:00")
    return start, start + dt.timedelta(days=1)


@dataclass(frozen=True)
class AgendaFilter:
    day: dt.date | None = None
    kind: str | None = None
    room_id: int | None = None
    topic: str | None = None
    language: str | None = None
    q: str | None = None


def find_sessions(f: AgendaFilter) -> list[ConferenceSession]:
    """Sessions matching the public agenda's filters, in time order."""
    stmt = select(ConferenceSession).options(joinedload(ConferenceSession.room))
    if f.day:
        start, end = day_bounds(f.day)
        stmt = stmt.where(ConferenceSession.starts_at >= start, ConferenceSession.starts_at < end)
    if f.kind:
        stmt = stmt.where(ConferenceSession.kind == f.kind)
    if f.room_id:
        stmt = stmt.where(ConferenceSession.room_id == f.room_id)
    if f.topic:
        stmt = stmt.where(f.topic == any_(ConferenceSession.topics))
    if f.language:
        stmt = stmt.where(
            or_(f.language == any_(ConferenceSession.languages), f.language == any_(ConferenceSession.interpretation))
        )
    if f.q:
        like = f"%{f.q.strip()}%"
        stmt = stmt.where(
            or_(
                ConferenceSession.code.ilike(like),
                ConferenceSession.title_en.ilike(like),
                ConferenceSession.title_fr.ilike(like),
                ConferenceSession.title_vi.ilike(like),
                ConferenceSession.description_en.ilike(like),
                func.array_to_string(ConferenceSession.guest_speakers, " ").ilike(like),
            )
        )
    return list(db.session.scalars(stmt.order_by(ConferenceSession.starts_at, ConferenceSession.code)))


def get_session(session_id: int) -> ConferenceSession:
    obj = db.session.get(
        ConferenceSession,
        session_id,
        options=[joinedload(ConferenceSession.room), selectinload(ConferenceSession.people)],
    )
    if obj is None:
        raise NotFound("session_not_found", "No such session.")
    return obj


def list_rooms() -> list[Room]:
    return list(db.session.scalars(select(Room).order_by(Room.kind, Room.code)))


def all_topics() -> list[str]:
    return list(db.session.scalars(select(func.unnest(ConferenceSession.topics)).distinct().order_by(text("1"))))


def all_languages() -> list[str]:
    return list(db.session.scalars(select(func.unnest(ConferenceSession.languages)).distinct().order_by(text("1"))))


def people_of(session_id: int) -> list[tuple[SessionPerson, str]]:
    """Registered speakers and moderators with their display names (read from registration)."""
    from conference.registration.services import get_participant

    result = []
    for person in db.session.scalars(
        select(SessionPerson).where(SessionPerson.session_id == session_id).order_by(SessionPerson.id)
    ):
        participant = get_participant(person.participant_id)
        result.append((person, participant.display_name if participant else "?"))
    return result


# --- editing -------------------------------------------------------------------------------------


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


def _guest_key(name: str) -> str:
    return name.lower().replace("(moderator)", "").strip()


def _overlapping(data: SessionData, session_id: int | None):
    stmt = select(ConferenceSession).where(
        ConferenceSession.starts_at < data.ends_at, ConferenceSession.ends_at > data.starts_at
    )
    if session_id is not None:
        stmt = stmt.where(ConferenceSession.id != session_id)
    return stmt


def _when(s: ConferenceSession) -> str:
    return f"{to_venue(s.starts_at):%d %b %H:%M}–{to_venue(s.ends_at):%H:%M}"


def find_clashes(data: SessionData, session_id: int | None = None) -> list[str]:
    """Every reason the programme cannot take this session as typed (empty: it fits)."""
    from conference.registration.services import get_participant

    problems: list[str] = []
    if data.kind not in set(SessionKind):
        problems.append(f"Unknown kind “{data.kind}”.")
    if data.ends_at <= data.starts_at:
        problems.append("The session must end after it starts.")
    days = event_days()
    if days and (
        to_venue(data.starts_at).date() not in days
        or to_venue(data.ends_at - dt.timedelta(seconds=1)).date() not in days
    ):
        problems.append(f"The session is outside the event's days ({days[0]:%d %b} – {days[-1]:%d %b %Y}).")
    room = db.session.get(Room, data.room_id) if data.room_id else None
    if data.room_id and room is None:
        problems.append("No such room.")
    if room and data.capacity is not None and data.capacity > room.capacity:
        problems.append(f"Capacity {data.capacity} is above the capacity of {room.name} ({room.capacity}).")
    if data.capacity is not None and data.capacity < 1:
        problems.append("Capacity must be at least 1.")
    effective = data.capacity if data.capacity is not None else (room.capacity if room else None)
    if session_id is not None and effective is not None:
        confirmed = db.session.scalar(
            select(func.count())
            .select_from(Signup)
            .where(Signup.session_id == session_id, Signup.status == "confirmed")
        )
        if confirmed and effective < confirmed:
            problems.append(f"{confirmed} people already have a confirmed seat; capacity cannot go below that.")
    if data.ends_at <= data.starts_at:
        return problems
    others = list(db.session.scalars(_overlapping(data, session_id).options(selectinload(ConferenceSession.people))))
    if room:
        for other in others:
            if other.room_id == room.id:
                problems.append(f"{room.name} is already booked for {other.code} “{other.title_en}” ({_when(other)}).")
    people = set(data.speaker_ids) | set(data.moderator_ids)
    guests = {_guest_key(g): g for g in data.guest_speakers}
    for other in others:
        for person in other.people:
            if person.participant_id in people:
                participant = get_participant(person.participant_id)
                name = participant.display_name if participant else f"Participant {person.participant_id}"
                problems.append(f"{name} is already {person.role} at {other.code} “{other.title_en}” ({_when(other)}).")
        for guest in other.guest_speakers:
            if _guest_key(guest) in guests:
                problems.append(
                    f"{guests[_guest_key(guest)]} already speaks at {other.code} “{other.title_en}” ({_when(other)})."
                )
    return problems


def _check_people(data: SessionData) -> None:
    from conference.registration.services import get_participant

    for pid in set(data.speaker_ids) | set(data.moderator_ids):
        if get_participant(pid) is None:
            raise DomainError("unknown_participant", f"No registered participant has the number {pid}.")
    both = set(data.speaker_ids) & set(data.moderator_ids)
    if both:
        raise DomainError("speaker_and_moderator", "A person cannot be both speaker and moderator of one session.")


def save_session(data: SessionData, session_id: int | None = None) -> ConferenceSession:
    """Create or update a session. Refuses (``clash``) a room double-booked, a speaker or moderator in
    two sessions at once, a session outside the event's days, or a capacity above the room's.

    Programme edits are serialised by an advisory lock so two organisers cannot create the same clash.
    """
    from conference.agenda.signups import promote_waiting

    xact_lock(LockNamespace.PROGRAMME, 0)
    _check_people(data)
    problems = find_clashes(data, session_id)
    if problems:
        raise DomainError("clash", " ".join(problems), problems=problems)
    duplicate = db.session.scalar(select(ConferenceSession.id).where(ConferenceSession.code == data.code))
    if duplicate is not None and duplicate != session_id:
        raise DomainError("duplicate_code", f"Another session already has the code {data.code}.")
    if session_id is None:
        obj = ConferenceSession()
        before = None
        db.session.add(obj)
    else:
        obj = get_session(session_id)
        before = audit.snapshot(obj, EDIT_FIELDS)
    for name in EDIT_FIELDS:
        setattr(obj, name, getattr(data, name))
    wanted = {pid: PersonRole.SPEAKER.value for pid in data.speaker_ids}
    wanted |= {pid: PersonRole.MODERATOR.value for pid in data.moderator_ids}
    for person in list(obj.people):
        if person.participant_id not in wanted:
            obj.people.remove(person)
        else:
            person.role = wanted.pop(person.participant_id)
    for pid, role in wanted.items():
        obj.people.append(SessionPerson(participant_id=pid, role=role))
    db.session.flush()
    after = audit.snapshot(obj, EDIT_FIELDS) | {"speakers": data.speaker_ids, "moderators": data.moderator_ids}
    if before is None:
        audit.record("session.create", "session", obj.id, after=after)
    else:
        old, new = audit.changes(before, after)
        audit.record("session.update", "session", obj.id, before=old, after=new)
    promote_waiting(obj)
    db.session.commit()
    return obj


def delete_session(session_id: int) -> None:
    """Remove a session; refused while people hold a seat or wait for one (cancel them first)."""
    obj = get_session(session_id)
    active = db.session.scalar(
        select(func.count())
        .select_from(Signup)
        .where(Signup.session_id == session_id, Signup.status.in_(("confirmed", "waitlisted")))
    )
    if active:
        raise DomainError("session_has_signups", f"{active} people are signed up for this session.")
    audit.record("session.delete", "session", obj.id, before=audit.snapshot(obj, EDIT_FIELDS))
    db.session.delete(obj)
    db.session.commit()
