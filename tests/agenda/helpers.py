"""Test data for the agenda (sessions, accredited participants, focal points)."""

from __future__ import annotations

import datetime as dt
import itertools

from sqlalchemy import select

from conference.agenda.models import ConferenceSession, Room
from conference.core.timeutil import venue_datetime
from conference.extensions import db
from tests import factories

DAY1 = dt.date(2025, 10, 25)
DAY2 = dt.date(2025, 10, 26)
_seq = itertools.count(1)


def room(code: str) -> Room:
    return db.session.scalar(select(Room).where(Room.code == code))


def session_by_code(code: str) -> ConferenceSession:
    return db.session.scalar(select(ConferenceSession).where(ConferenceSession.code == code))


def workshop(capacity: int | None = 2, start: str = "19:00", end: str = "20:00", day: dt.date = DAY2, **kwargs):
    """A workshop that needs sign-up, by default at a time nothing else uses."""
    n = next(_seq)
    obj = ConferenceSession(
        code=kwargs.pop("code", f"T-WS-{n}"),
        kind=kwargs.pop("kind", "workshop"),
        title_en=kwargs.pop("title_en", f"Test workshop {n}"),
        room_id=kwargs.pop("room_id", room(kwargs.pop("room_code", "R339")).id),
        starts_at=venue_datetime(day, start),
        ends_at=venue_datetime(day, end),
        languages=kwargs.pop("languages", ["en"]),
        topics=kwargs.pop("topics", ["forensics"]),
        organisers=[],
        guest_speakers=kwargs.pop("guest_speakers", []),
        capacity=capacity,
        needs_signup=kwargs.pop("needs_signup", True),
        **kwargs,
    )
    db.session.add(obj)
    db.session.commit()
    return obj


def attendee(status: str = "approved", delegation=None, **kwargs):
    """A participant with their own login (role participant), linked through ``user_id``."""
    user = factories.user(role="participant")
    person = factories.participant(delegation=delegation, user_id=user.id, status=status, email=user.email, **kwargs)
    return user, person
