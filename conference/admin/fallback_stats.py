"""Foundation figures, read-only from the models, used only while a domain has no ``stats.py``
of its own (``collect.figures`` switches to the domain's as soon as it exists)."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import func, select

from conference.core.panel import Figure
from conference.extensions import db


def _counts(column, *where) -> dict[str, int]:
    rows = db.session.execute(select(column, func.count()).where(*where).group_by(column)).all()
    return {str(key or "—"): count for key, count in sorted(rows, key=lambda r: str(r[0] or ""))}


def registration_figures() -> list[Figure]:
    from conference.registration.models import Country, Delegation, Participant

    by_status = _counts(Participant.status)
    approved = Participant.status == "approved"
    regions = db.session.execute(
        select(Country.un_region, func.count(Participant.id))
        .join(Participant, Participant.nationality_iso3 == Country.iso3)
        .where(approved)
        .group_by(Country.un_region)
        .order_by(Country.un_region)
    ).all()
    daily = db.session.execute(
        select(func.date(Participant.submitted_at), func.count())
        .where(Participant.submitted_at.is_not(None))
        .group_by(func.date(Participant.submitted_at))
        .order_by(func.date(Participant.submitted_at))
    ).all()
    return [
        Figure("registration", "Participants registered", sum(by_status.values()), by_status),
        Figure("registration", "Approved participants", by_status.get("approved", 0)),
        Figure("registration", "Awaiting review", by_status.get("submitted", 0)),
        Figure("registration", "Delegations", sum(_counts(Delegation.status).values()), _counts(Delegation.status)),
        Figure("registration", "Delegations by type", "", _counts(Delegation.type)),
        Figure("registration", "Approved participants by category", "", _counts(Participant.category_code, approved)),
        Figure("registration", "Approved participants by UN region", "", {str(r): n for r, n in regions}),
        Figure("registration", "Registrations over time", "", {str(day): n for day, n in daily}),
    ]


def badge_figures() -> list[Figure]:
    from conference.badges.models import Badge

    printed, collected = db.session.execute(
        select(
            func.count(Badge.printed_at).filter(Badge.status == "active"),
            func.count(Badge.collected_at).filter(Badge.status == "active"),
        )
    ).one()
    return [Figure("badges", "Badges printed", printed), Figure("badges", "Badges collected", collected)]


PROVIDERS: dict[str, Callable[[], list[Figure]]] = {"registration": registration_figures, "badges": badge_figures}
