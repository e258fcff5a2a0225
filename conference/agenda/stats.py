"""The agenda's figures for the organiser panel: fill rates, waiting lists, signatures so far."""

from __future__ import annotations

from sqlalchemy import select

from conference.agenda import signing, signups
from conference.agenda.models import ConferenceSession, SignatoryLevel
from conference.core.panel import Figure
from conference.extensions import db


def _percent(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


def figures() -> list[Figure]:
    sessions = list(db.session.scalars(select(ConferenceSession).where(ConferenceSession.needs_signup)))
    counts = signups.seat_counts([s.id for s in sessions])
    fill: dict[str, float] = {}
    waiting: dict[str, int] = {}
    confirmed_total = waiting_total = seats_total = 0
    for s in sorted(sessions, key=lambda s: s.starts_at):
        c = counts.get(s.id, signups.SeatCount(0, 0))
        capacity = s.effective_capacity or 0
        fill[s.code] = _percent(c.confirmed, capacity)
        waiting[s.code] = c.waitlisted
        confirmed_total += c.confirmed
        waiting_total += c.waitlisted
        seats_total += capacity
    rows = signing.signatures()
    by_level: dict[str, int] = {}
    for s in rows:
        label = SignatoryLevel(s.level).label
        by_level[label] = by_level.get(label, 0) + 1
    return [
        Figure("agenda", "Confirmed seats in side events", confirmed_total, {"seats offered": seats_total}),
        Figure(
            "agenda",
            "Fill rate per session (%)",
            round(100 * confirmed_total / seats_total, 1) if seats_total else 0,
            fill,
        ),
        Figure("agenda", "People on waiting lists", waiting_total, {k: v for k, v in waiting.items() if v}),
        Figure("agenda", "States that have signed", len(rows), by_level),
        Figure("agenda", "Declarations of intention to sign", len(signing.declarations())),
    ]
