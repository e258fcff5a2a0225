"""Store UTC, show venue time (Asia/Ho_Chi_Minh)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

VENUE_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def venue_datetime(day: dt.date, hhmm: str) -> dt.datetime:
    """A venue-local wall-clock time as an aware UTC datetime."""
    hour, minute = (int(p) for p in hhmm.split(":"))
    return dt.datetime.combine(day, dt.time(hour, minute), VENUE_TZ).astimezone(dt.UTC)


def to_venue(value: dt.datetime) -> dt.datetime:
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(VENUE_TZ)
