"""iCalendar exports: the whole programme, one session, a participant's personal agenda.

The personal agenda is a subscribable URL carrying a secret token (calendar apps cannot log in).
"""

from __future__ import annotations

import secrets

from icalendar import Calendar, Event
from sqlalchemy import select

from conference.agenda.models import CalendarFeed, ConferenceSession
from conference.core import audit
from conference.core.db import utcnow
from conference.core.errors import NotFound
from conference.core.timeutil import venue_tz
from conference.extensions import db

PRODID = "-//Hanoi Convention conference platform//agenda//EN"


def to_ics(sessions: list[ConferenceSession], name: str, url_for_session, locale: str = "en") -> bytes:
    """An iCalendar document; ``url_for_session(session)`` gives each event's public page."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", venue_tz().key)
    stamp = utcnow()
    for s in sessions:
        event = Event()
        event.add("uid", f"session-{s.code}@hanoi-convention.example")
        event.add("dtstamp", stamp)
        event.add("dtstart", s.starts_at)
        event.add("dtend", s.ends_at)
        event.add("summary", s.title(locale))
        description = s.description(locale)
        if s.guest_speakers:
            description += "\n\nSpeakers: " + "; ".join(s.guest_speakers)
        event.add("description", description.strip())
        if s.room:
            event.add("location", f"{s.room.name}, National Convention Center, Hanoi")
        event.add("categories", [s.kind])
        event.add("url", url_for_session(s))
        cal.add_component(event)
    return cal.to_ical()


def feed_token(participant_id: int) -> str:
    """The participant's calendar token, created on first use."""
    feed = db.session.get(CalendarFeed, participant_id)
    if feed is None:
        feed = CalendarFeed(participant_id=participant_id, token=secrets.token_urlsafe(32))
        db.session.add(feed)
        audit.record("calendar_feed.create", "participant", participant_id)
        db.session.commit()
    return feed.token


def reset_feed_token(participant_id: int) -> str:
    """A new secret URL; the old one stops working at once (e.g. it was shared by mistake)."""
    feed = db.session.get(CalendarFeed, participant_id)
    if feed is None:
        feed = CalendarFeed(participant_id=participant_id, token="")
        db.session.add(feed)
    feed.token = secrets.token_urlsafe(32)
    audit.record("calendar_feed.reset", "participant", participant_id, security=True)
    db.session.commit()
    return feed.token


def participant_for_token(token: str) -> int:
    participant_id = db.session.scalar(select(CalendarFeed.participant_id).where(CalendarFeed.token == token))
    if participant_id is None:
        raise NotFound("feed_not_found", "This calendar link is not valid (it may have been reset).")
    return participant_id
