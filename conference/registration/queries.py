"""Reads other domains need from the registration, as plain data (no ORM rows leave the domain)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from conference.extensions import db
from conference.registration.models import AccreditationStatus, Category, Delegation, Participant, Zone


@dataclass(frozen=True)
class ParticipantBrief:
    """Who a participant is, for another domain: the name people read and the registration's state."""

    id: int
    display_name: str
    status: str
    email: str | None
    user_id: int | None
    delegation_id: int | None


@dataclass(frozen=True)
class DelegationBrief:
    """A delegation as other domains see it; ``party_code``/``party_name`` name the State or organisation."""

    id: int
    name: str
    type: str
    focal_point_id: int | None
    country_iso3: str | None
    organisation_code: str | None
    country_name: str | None

    @property
    def party_code(self) -> str | None:
        return self.country_iso3 or self.organisation_code

    @property
    def party_name(self) -> str:
        return self.country_name or self.name


def _participant(row: Participant) -> ParticipantBrief:
    return ParticipantBrief(row.id, row.display_name, row.status, row.email, row.user_id, row.delegation_id)


def _delegation(row: Delegation) -> DelegationBrief:
    return DelegationBrief(
        row.id,
        row.name,
        row.type,
        row.focal_point_id,
        row.country_iso3,
        row.organisation_code,
        row.country.name if row.country else None,
    )


def participant_brief(participant_id: int) -> ParticipantBrief | None:
    row = db.session.get(Participant, participant_id)
    return _participant(row) if row else None


def participant_briefs(participant_ids: Iterable[int]) -> dict[int, ParticipantBrief]:
    """Id → brief of each participant that exists among ``participant_ids``."""
    ids = set(participant_ids)
    if not ids:
        return {}
    return {row.id: _participant(row) for row in db.session.scalars(select(Participant).where(Participant.id.in_(ids)))}


def participant_of_user(user_id: int) -> ParticipantBrief | None:
    """The participant record a user account is linked to (a participant's own login)."""
    row = db.session.scalar(select(Participant).where(Participant.user_id == user_id).order_by(Participant.id).limit(1))
    return _participant(row) if row else None


def members_of_focal_point(user_id: int) -> list[ParticipantBrief]:
    """The members of every delegation ``user_id`` is focal point of, by name."""
    rows = db.session.scalars(
        select(Participant)
        .join(Delegation, Delegation.id == Participant.delegation_id)
        .where(Delegation.focal_point_id == user_id)
        .order_by(Participant.family_name, Participant.given_names, Participant.id)
    )
    return [_participant(row) for row in rows]


def delegation_brief(delegation_id: int) -> DelegationBrief | None:
    row = db.session.get(Delegation, delegation_id, options=[joinedload(Delegation.country)])
    return _delegation(row) if row else None


def delegations(types: Iterable[str] | None = None, focal_point_id: int | None = None) -> list[DelegationBrief]:
    """Delegations by name, optionally only of ``types`` and only those ``focal_point_id`` is focal point of."""
    stmt = select(Delegation).options(joinedload(Delegation.country))
    if types is not None:
        stmt = stmt.where(Delegation.type.in_([str(t) for t in types]))
    if focal_point_id is not None:
        stmt = stmt.where(Delegation.focal_point_id == focal_point_id)
    return [_delegation(row) for row in db.session.scalars(stmt.order_by(Delegation.name, Delegation.id))]


def zones() -> list[tuple[str, str]]:
    """(code, name) of every access zone, by code."""
    return [(z.code, z.name) for z in db.session.scalars(select(Zone).order_by(Zone.code))]


@dataclass(frozen=True)
class ContactCard:
    """What a participant shares with an exhibitor whose booth they visit, if ``consents`` is true."""

    name: str
    title: str
    organisation: str
    email: str
    phone: str
    consents: bool


def contact_card(participant_id: int) -> ContactCard | None:
    row = db.session.get(Participant, participant_id, options=[joinedload(Participant.delegation)])
    if row is None:
        return None
    return ContactCard(
        name=row.display_name,
        title=row.title or "",
        organisation=row.delegation.name if row.delegation else "",
        email=row.email or "",
        phone=row.phone or "",
        consents=bool(row.consent_share_contact),
    )


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
