"""Agenda services: reading the programme."""

from __future__ import annotations

import datetime as dt
from itertools import groupby

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from conference.agenda.models import ConferenceSession
from conference.core.timeutil import to_venue
from conference.extensions import db


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
