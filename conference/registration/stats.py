"""Registration figures for the organiser dashboard."""

from __future__ import annotations

from sqlalchemy import func, select

from conference.core.panel import Figure
from conference.core.timeutil import venue_tz
from conference.extensions import db
from conference.registration.models import (
    AccreditationStatus,
    Category,
    Country,
    Delegation,
    DelegationType,
    Participant,
)

GROUP = "registration"


def _pairs(query) -> dict[str, int]:
    return {str(key or "—"): int(n) for key, n in db.session.execute(query)}


def figures() -> list[Figure]:
    by_state = _pairs(select(Participant.status, func.count()).group_by(Participant.status))
    by_category = _pairs(
        select(Category.name, func.count())
        .join(Participant, Participant.category_code == Category.code)
        .group_by(Category.name, Category.sort_order)
        .order_by(Category.sort_order)
    )
    by_type = {
        DelegationType.label_of(k): v
        for k, v in _pairs(
            select(Delegation.type, func.count()).join(Participant.delegation).group_by(Delegation.type)
        ).items()
    }
    by_region = _pairs(
        select(Country.un_region, func.count())
        .select_from(Participant)
        .join(Participant.delegation)
        .join(Country, Country.iso3 == Delegation.country_iso3)
        .group_by(Country.un_region)
        .order_by(Country.un_region)
    )
    day = func.date(func.timezone(venue_tz().key, Participant.submitted_at))
    per_day = {
        str(d): int(n)
        for d, n in db.session.execute(
            select(day, func.count()).where(Participant.submitted_at.is_not(None)).group_by(day).order_by(day)
        )
    }
    delegations = db.session.scalar(select(func.count()).select_from(Delegation)) or 0
    return [
        Figure(GROUP, "Participants by state", sum(by_state.values()), by_state),
        Figure(GROUP, "Approved participants", by_state.get(AccreditationStatus.APPROVED, 0)),
        Figure(GROUP, "Waiting for review", by_state.get(AccreditationStatus.SUBMITTED, 0)),
        Figure(GROUP, "Participants by category", sum(by_category.values()), by_category),
        Figure(GROUP, "Participants by delegation type", sum(by_type.values()), by_type),
        Figure(GROUP, "Participants by UN region (state delegations)", sum(by_region.values()), by_region),
        Figure(GROUP, "Registrations per day (submitted, venue time)", sum(per_day.values()), per_day),
        Figure(GROUP, "Delegations", delegations),
    ]
