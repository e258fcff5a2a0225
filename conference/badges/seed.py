"""Demo badges: every approved demo participant gets an active badge (``flask seed --demo``)."""

from __future__ import annotations

from sqlalchemy import select

from conference.badges.models import Badge, BadgeSerial, SerialReason
from conference.core.services import SeedReport
from conference.extensions import db
from conference.registration import queries as registration


def seed(report: SeedReport) -> None:
    """Nothing to seed outside demo mode: badges are issued by the accreditation workflow."""


def seed_demo(report: SeedReport) -> None:
    have = set(db.session.scalars(select(Badge.participant_id)))
    missing = [pid for pid in registration.approved_for_badges() if pid not in have]
    badges = [Badge(participant_id=pid) for pid in missing]
    db.session.add_all(badges)
    db.session.flush()
    db.session.add_all(BadgeSerial(badge_id=b.id, serial=1, reason=SerialReason.ISSUED) for b in badges)
    db.session.flush()
    report.add("badges", created=len(missing))
