"""Badge figures for the organiser dashboard (collected by the admin panel by name)."""

from __future__ import annotations

from sqlalchemy import func, select

from conference.badges.models import Badge, BadgeStatus, PrintBatch
from conference.core.panel import Figure
from conference.extensions import db

GROUP = "badges"


def figures() -> list[Figure]:
    active = Badge.status == BadgeStatus.ACTIVE
    row = db.session.execute(
        select(
            func.count().filter(active),
            func.count().filter(active, Badge.printed_at.is_not(None)),
            func.count().filter(active, Badge.collected_at.is_not(None)),
            func.count().filter(active, Badge.printed_at.is_not(None), Badge.collected_at.is_(None)),
            func.count().filter(active, Badge.needs_reprint.is_(True)),
            func.count().filter(Badge.status == BadgeStatus.REVOKED),
            func.coalesce(func.sum(Badge.serial - 1), 0),
        )
    ).one()
    issued, printed, collected, waiting, reprint, revoked, reprints = row
    batches = db.session.scalar(select(func.count()).select_from(PrintBatch)) or 0
    return [
        Figure(GROUP, "Active badges", issued),
        Figure(GROUP, "Badges printed", printed, {"printed": printed, "not printed": issued - printed}),
        Figure(GROUP, "Badges collected", collected, {"collected": collected, "printed, not collected": waiting}),
        Figure(GROUP, "Badges needing a reprint", reprint),
        Figure(GROUP, "Reprints issued", int(reprints)),
        Figure(GROUP, "Badges revoked", revoked),
        Figure(GROUP, "Print batches", batches),
    ]
