"""Reads other domains need from the registration, as plain data (no ORM rows leave the domain)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from sqlalchemy import Select, select
from sqlalchemy.orm import aliased, joinedload

from conference.extensions import db
from conference.registration.models import (
    AccreditationStatus,
    Category,
    Delegation,
    DelegationType,
    Organisation,
    Participant,
    Zone,
)


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
