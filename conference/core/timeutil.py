"""Store UTC, show venue time: the zone is the ``VENUE_TIMEZONE`` setting, read here and nowhere else."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from zoneinfo import ZoneInfo

from flask import current_app


@lru_cache
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def venue_tz() -> ZoneInfo:
    """The venue's time zone, from the app's ``VENUE_TIMEZONE``."""
    return _zone(current_app.config["VENUE_TIMEZONE"])


def venue_datetime(day: dt.date, hhmm: str) -> dt.datetime:
    """A venue-local wall-clock time as an aware UTC datetime."""
    hour, minute = (int(p) for p in hhmm.split(":"))
    return dt.datetime.combine(day, dt.time(hour, minute), venue_tz()).astimezone(dt.UTC)


def to_venue(value: dt.datetime) -> dt.datetime:
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(venue_tz())
