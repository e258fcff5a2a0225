"""The exhibition's figures for the organiser panel: booths allocated and free, visits per booth."""

from __future__ import annotations

from sqlalchemy import func, select

from conference.core.panel import Figure
from conference.exhibition import services
from conference.exhibition.models import Exhibitor
from conference.extensions import db


def figures() -> list[Figure]:
    booths = services.list_booths()
    occupied = services.occupants()
    visits = services.visit_counts()
    by_status = dict(db.session.execute(select(Exhibitor.status, func.count()).group_by(Exhibitor.status)).all())
    return [
        Figure(
            "exhibition",
            "Booths allocated",
            len(occupied),
            detail={"allocated": len(occupied), "free": len(booths) - len(occupied)},
        ),
        Figure("exhibition", "Exhibitor applications", sum(by_status.values()), detail=by_status),
        Figure(
            "exhibition",
            "Booth visits",
            sum(visits.values()),
            detail={b.code: visits.get(b.id, 0) for b in booths if b.id in occupied or b.id in visits},
        ),
    ]
