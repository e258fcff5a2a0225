"""Agenda services: reading the programme, and editing it with clash detection."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import groupby

from sqlalchemy import any_, func, or_, select, text
from sqlalchemy.orm import joinedload, selectinload

from conference.agenda.clashes import SessionData, find_clashes
from conference.agenda.errors import AgendaError
from conference.agenda.models import ConferenceSession, PersonRole, Room, SessionPerson, Signup
from conference.agenda.signups import promote_waiting
from conference.core import audit
from conference.core.errors import DomainError
from conference.core.locks import LockNamespace, xact_lock
from conference.core.timeutil import to_venue, venue_datetime
from conference.extensions import db
from conference.registration.queries import participant_briefs

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


def day_bounds(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """UTC bounds of a venue-local day."""
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
        raise DomainError(AgendaError.SESSION_NOT_FOUND)
    return obj


def list_rooms() -> list[Room]:
    return list(db.session.scalars(select(Room).order_by(Room.kind, Room.code)))


def all_topics() -> list[str]:
    return list(db.session.scalars(select(func.unnest(ConferenceSession.topics)).distinct().order_by(text("1"))))


def all_languages() -> list[str]:
    return list(db.session.scalars(select(func.unnest(ConferenceSession.languages)).distinct().order_by(text("1"))))


def people_of(session_id: int) -> list[tuple[SessionPerson, str]]:
    """Registered speakers and moderators with their display names (read from registration)."""
    people = list(
        db.session.scalars(
            select(SessionPerson).where(SessionPerson.session_id == session_id).order_by(SessionPerson.id)
        )
    )
    names = participant_briefs(p.participant_id for p in people)
    return [(p, names[p.participant_id].display_name if p.participant_id in names else "?") for p in people]


# --- editing -------------------------------------------------------------------------------------


def _refuse_clashes(data: SessionData, session_id: int | None) -> None:
    problems = find_clashes(data, session_id)
    if problems:
        fields: dict[str, str] = {}
        for problem in problems:
            fields[problem.field] = (
                f"{fields[problem.field]} {problem.message}" if problem.field in fields else problem.message
            )
        messages = [p.message for p in problems]
        raise DomainError(AgendaError.CLASH, fields=fields, summary=" ".join(messages), problems=messages)
    duplicate = db.session.scalar(select(ConferenceSession.id).where(ConferenceSession.code == data.code))
    if duplicate is not None and duplicate != session_id:
        taken = str(AgendaError.DUPLICATE_CODE.message) % {"code": data.code}
        raise DomainError(AgendaError.DUPLICATE_CODE, fields={"code": taken}, code=data.code)


def _set_people(obj: ConferenceSession, data: SessionData) -> None:
    wanted = {pid: PersonRole.SPEAKER.value for pid in data.speaker_ids}
    wanted |= {pid: PersonRole.MODERATOR.value for pid in data.moderator_ids}
    for person in list(obj.people):
        if person.participant_id not in wanted:
            obj.people.remove(person)
        else:
            person.role = wanted.pop(person.participant_id)
    for pid, role in wanted.items():
        obj.people.append(SessionPerson(participant_id=pid, role=role))


def save_session(data: SessionData, session_id: int | None = None) -> ConferenceSession:
    """Create or update a session. Refuses (``clash``) a room double-booked, a speaker or moderator in
    two sessions at once, a session outside the event's days, or a capacity above the room's; refuses
    (``duplicate_code``) a code another session has.

    Programme edits are serialised by an advisory lock so two organisers cannot create the same clash.
    """
    xact_lock(LockNamespace.PROGRAMME, 0)
    _refuse_clashes(data, session_id)
    if session_id is None:
        obj = ConferenceSession()
        before = None
        db.session.add(obj)
    else:
        obj = get_session(session_id)
        before = audit.snapshot(obj, EDIT_FIELDS)
    for name in EDIT_FIELDS:
        setattr(obj, name, getattr(data, name))
    _set_people(obj, data)
    db.session.flush()
    after = audit.snapshot(obj, EDIT_FIELDS) | {"speakers": data.speaker_ids, "moderators": data.moderator_ids}
    if before is None:
        audit.record("session.create", "session", obj.id, after=after)
    else:
        old, new = audit.changes(before, after)
        audit.record("session.update", "session", obj.id, before=old, after=new)
    promote_waiting(obj)
    return obj


def delete_session(session_id: int) -> None:
    """Remove a session; refused (``session_has_signups``) while people hold a seat or wait for one."""
    obj = get_session(session_id)
    active = db.session.scalar(
        select(func.count())
        .select_from(Signup)
        .where(Signup.session_id == session_id, Signup.status.in_(("confirmed", "waitlisted")))
    )
    if active:
        raise DomainError(AgendaError.SESSION_HAS_SIGNUPS, count=active)
    audit.record("session.delete", "session", obj.id, before=audit.snapshot(obj, EDIT_FIELDS))
    db.session.delete(obj)
    db.session.flush()
