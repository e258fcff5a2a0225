"""Look-ups of the seeded programme, and an attendee with their own login."""

from __future__ import annotations

from sqlalchemy import select

from conference.accounts.models import User
from conference.agenda.models import ConferenceSession, Room
from conference.extensions import db
from conference.registration.models import Participant
from tests import factories
from tests.factories import DAY1, DAY2

__all__ = ["DAY1", "DAY2", "attendee", "room", "session_by_code"]


def room(code: str) -> Room:
    return db.session.scalar(select(Room).where(Room.code == code))


def session_by_code(code: str) -> ConferenceSession:
    return db.session.scalar(select(ConferenceSession).where(ConferenceSession.code == code))


def attendee(status: str = "approved", **kwargs) -> tuple[User, Participant]:
    """A participant who signs in with their own account (role participant): (account, record)."""
    person = factories.ParticipantFactory(with_login=True, status=status, **kwargs)
    return db.session.get(User, person.user_id), person
