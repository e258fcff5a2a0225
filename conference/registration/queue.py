"""The accreditation queue: filtered, paginated lists of participants for officers, and counts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import contains_eager, joinedload

from conference.extensions import db
from conference.registration.models import Country, Delegation, Participant

PER_PAGE = 50


@dataclass(frozen=True)
class Filters:
    status: str = ""
    delegation_type: str = ""
    category: str = ""
    region: str = ""
    q: str = ""

    @classmethod
    def from_args(cls, args: Any) -> Filters:
        return cls(**{name: (args.get(name) or "").strip()[:100] for name in cls.__dataclass_fields__})

    def as_args(self) -> dict[str, str]:
        return {k: v for k, v in self.__dict__.items() if v}


@dataclass
class Page:
    items: list[Participant]
    total: int
    page: int
    pages: int


def _query(filters: Filters):
    query = (
        select(Participant)
        .outerjoin(Participant.delegation)
        .outerjoin(Country, Country.iso3 == Delegation.country_iso3)
    )
    if filters.status:
        query = query.where(Participant.status == filters.status)
    if filters.delegation_type:
        query = query.where(Delegation.type == filters.delegation_type)
    if filters.category:
        query = query.where(Participant.category_code == filters.category)
    if filters.region:
        query = query.where(Country.un_region == filters.region)
    if filters.q:
        like = f"%{filters.q}%"
        query = query.where(
            Participant.given_names.ilike(like)
            | Participant.family_name.ilike(like)
            | Participant.email.ilike(like)
            | Delegation.name.ilike(like)
        )
    return query


def search(filters: Filters, *, page: int = 1) -> Page:
    """Oldest submissions first, so the queue is worked in order."""
    total = db.session.scalar(select(func.count()).select_from(_query(filters).subquery())) or 0
    pages = max(1, -(-total // PER_PAGE))
    page = min(max(page, 1), pages)
    items = list(
        db.session.scalars(
            _query(filters)
            .options(contains_eager(Participant.delegation), joinedload(Participant.category))
            .order_by(Participant.submitted_at.asc().nulls_last(), Participant.id)
            .offset((page - 1) * PER_PAGE)
            .limit(PER_PAGE)
        ).unique()
    )
    return Page(items=items, total=total, page=page, pages=pages)


def counts_by_state() -> dict[str, int]:
    rows = db.session.execute(select(Participant.status, func.count()).group_by(Participant.status))
    return {status: n for status, n in rows}
