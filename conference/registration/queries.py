"""Reads other domains need from the registration, as plain data (no ORM rows leave the domain)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import Select, select
from sqlalchemy.orm import aliased

from conference.extensions import db
from conference.registration.models import (
    AccreditationStatus,
    Category,
    Delegation,
    DelegationType,
    Organisation,
    Participant,
)


@dataclass(frozen=True)
class BadgeHolder:
    """What a badge shows of its holder: name, title, delegation, category and photo.

    ``band_label`` is the delegation's country code, else its organisation's acronym ("" without one).
    """

    participant_id: int
    status: AccreditationStatus
    name: str
    title: str
    delegation: str
    delegation_type: DelegationType | None
    band_label: str
    category_code: str
    category_name: str
    category_letter: str
    category_colour: str
    zones: tuple[str, ...]
    photo_path: str | None


def _in_badge_order(query: Select) -> Select:
    # Badges print and list by delegation, then family and given names: one order for every list.
    return query.order_by(
        Delegation.name.nulls_last(), Participant.family_name, Participant.given_names, Participant.id
    )


def badge_holders(participant_ids: Collection[int]) -> list[BadgeHolder]:
    """The holders among ``participant_ids``, in badge order (by delegation, then name), in one query."""
    if not participant_ids:
        return []
    org = aliased(Organisation)
    rows = db.session.execute(
        _in_badge_order(
            select(Participant, Category, Delegation, org.acronym)
            .join(Category, Category.code == Participant.category_code)
            .outerjoin(Delegation, Delegation.id == Participant.delegation_id)
            .outerjoin(org, org.code == Delegation.organisation_code)
            .where(Participant.id.in_(list(participant_ids)))
        )
    )
    return [
        BadgeHolder(
            participant_id=p.id,
            status=p.status,
            name=p.display_name,
            title=p.title or "",
            delegation=d.name if d else "",
            delegation_type=d.type if d else None,
            band_label=(d.country_iso3 or acronym or "") if d else "",
            category_code=c.code,
            category_name=c.name,
            category_letter=c.letter,
            category_colour=c.badge_colour,
            zones=tuple(c.zones or ()),
            photo_path=p.photo_path,
        )
        for p, c, d, acronym in rows
    ]


def approved_for_badges(
    *,
    delegation_id: int | None = None,
    category_code: str | None = None,
    arrival_date: dt.date | None = None,
    participant_ids: Collection[int] | None = None,
) -> list[int]:
    """Ids of the approved participants matching every filter given, in badge order."""
    query = (
        select(Participant.id)
        .outerjoin(Delegation, Delegation.id == Participant.delegation_id)
        .where(Participant.status == AccreditationStatus.APPROVED)
    )
    if delegation_id is not None:
        query = query.where(Participant.delegation_id == delegation_id)
    if category_code is not None:
        query = query.where(Participant.category_code == category_code)
    if arrival_date is not None:
        query = query.where(Participant.arrival_date == arrival_date)
    if participant_ids is not None:
        query = query.where(Participant.id.in_(list(participant_ids)))
    return list(db.session.scalars(_in_badge_order(query)))


def participants_named(text: str, limit: int) -> list[int]:
    """Ids of participants whose given, family or badge name contains ``text``, by family then given name."""
    pattern = f"%{text}%"
    return list(
        db.session.scalars(
            select(Participant.id)
            .where(
                Participant.given_names.ilike(pattern)
                | Participant.family_name.ilike(pattern)
                | Participant.badge_name.ilike(pattern)
            )
            .order_by(Participant.family_name, Participant.given_names, Participant.id)
            .limit(limit)
        )
    )


def delegation_names() -> list[tuple[int, str]]:
    """(id, name) of every delegation, by name: the choices of a list."""
    return [
        (row.id, row.name)
        for row in db.session.execute(select(Delegation.id, Delegation.name).order_by(Delegation.name))
    ]


def category_choices() -> list[tuple[str, str, str]]:
    """(code, letter, name) of every participant category, in the order the organisers set."""
    rows = db.session.execute(select(Category.code, Category.letter, Category.name).order_by(Category.sort_order))
    return [tuple(row) for row in rows]
