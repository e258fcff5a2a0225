"""Reads other domains need from the registration, as plain data (no ORM rows leave the domain)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from conference.extensions import db
from conference.registration.models import AccreditationStatus, Category, Delegation, Participant


@dataclass(frozen=True)
class AccreditedMember:
    """An approved participant as a published list of participants names them: never passport data."""

    full_name: str
    family_name: str
    title: str
    head_of_delegation: bool
    category_order: int  # the category's sort order (e.g. delegates before advisers)


@dataclass(frozen=True)
class AccreditedDelegation:
    """A delegation with at least one approved participant, and those participants."""

    name: str
    type: str
    country_name: str | None
    organisation_name: str | None
    members: tuple[AccreditedMember, ...]


def accredited_delegations() -> list[AccreditedDelegation]:
    """Every delegation with approved participants, each with its approved participants (unordered)."""
    rows = db.session.execute(
        select(Participant, Category.sort_order)
        .join(Category, Category.code == Participant.category_code)
        .where(Participant.status == AccreditationStatus.APPROVED, Participant.delegation_id.is_not(None))
    ).all()
    members: dict[int, list[tuple[Participant, int]]] = {}
    for participant, order in rows:
        members.setdefault(participant.delegation_id, []).append((participant, order))
    delegations = db.session.scalars(
        select(Delegation)
        .where(Delegation.id.in_(members))
        .options(joinedload(Delegation.country), joinedload(Delegation.organisation))
    ).all()
    return [
        AccreditedDelegation(
            name=delegation.name,
            type=str(delegation.type),
            country_name=delegation.country.name if delegation.country else None,
            organisation_name=delegation.organisation.name if delegation.organisation else None,
            members=tuple(
                AccreditedMember(
                    full_name=p.full_name,
                    family_name=p.family_name,
                    title=p.title or "",
                    head_of_delegation=p.id == delegation.head_of_delegation_id,
                    category_order=order,
                )
                for p, order in members[delegation.id]
            ),
        )
        for delegation in delegations
    ]
