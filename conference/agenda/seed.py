"""Rooms of the NCC and the programme (``rooms.csv``, ``programme.csv``)."""

from __future__ import annotations

import datetime as dt

from conference.agenda.models import ConferenceSession, Room
from conference.core.services import SeedReport, get_event, read_csv, upsert
from conference.core.timeutil import venue_datetime


def _list(value: str) -> list[str]:
    return [v.strip() for v in value.split(";") if v.strip()]


def seed(report: SeedReport) -> None:
    rooms = upsert(
        Room,
        "code",
        (
            {
                "code": r["code"],
                "name": r["name"],
                "kind": r["kind"],
                "capacity": int(r["capacity"]),
                "floor": r["floor"],
                "zone_code": r["zone"] or None,
            }
            for r in read_csv("rooms.csv")
        ),
        report,
    )
    first_day: dt.date = get_event().start_date
    rows = []
    for r in read_csv("programme.csv"):
        day = first_day + dt.timedelta(days=int(r["day"]) - 1)
        rows.append(
            {
                "code": r["code"],
                "kind": r["kind"],
                "title_en": r["title_en"],
                "title_fr": r["title_fr"],
                "title_vi": r["title_vi"],
                "description_en": r["description_en"],
                "room_id": rooms[r["room"]].id if r["room"] else None,
                "starts_at": venue_datetime(day, r["start"]),
                "ends_at": venue_datetime(day, r["end"]),
                "languages": _list(r["languages"]),
                "topics": _list(r["topics"]),
                "organisers": _list(r["organiser"]),
                "guest_speakers": _list(r["speakers"]),
                "capacity": int(r["capacity"]) if r["capacity"] else None,
                "zone_code": r["zone"] or None,
                "needs_signup": r["needs_signup"] == "1",
            }
        )
    upsert(ConferenceSession, "code", rows, report)
