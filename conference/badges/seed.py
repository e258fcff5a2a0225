"""Demo badges: every approved demo participant gets an active badge (``flask seed --demo``)."""

from __future__ import annotations

from sqlalchemy import select

from conference.badges.models import Badge, BadgeSerial, SerialReason
from conference.core.services import SeedReport
from conference.extensions import db
from conference.registration.models import AccreditationStatus, Participant


def seed(report: SeedReport) -> None:
    """Nothing to seed outside demo mode: badges are issued by the accreditation workflow."""


def seed_demo(report: SeedReport) -> None:
    missing = db.session.scalars(
        select(Participant.id)
        .outerjoin(Badge, Badge.participant_id == Participant.id)
        .where(Participant.status == AccreditationStatus.APPROVED, Badge.id.is_(None))
    ).all()
    badges = [Badge(participant_id=pid) for pid in missing]
    db.session.add_all(badges)
    db.session.flush()
    db.session.add_all(BadgeSerial(badge_id=b.id, serial=1, reason=SerialReason.ISSUED) for b in badges)
    db.session.flush()
    report.add("badges", created=len(missing))
