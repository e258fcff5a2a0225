"""Registration services. Other domains read participants and delegations only through these."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from conference.extensions import db
from conference.registration.models import AccreditationStatus, Category, Delegation, Participant


def get_participant(participant_id: int) -> Participant | None:
    return db.session.get(
        Participant,
        participant_id,
        options=[joinedload(Participant.delegation), joinedload(Participant.category)],
    )


def participant_for_user(user_id: int) -> Participant | None:
    """The participant record a user account is linked to (a participant's own login)."""
    return db.session.scalar(select(Participant).where(Participant.user_id == user_id).limit(1))


def delegations_of_focal_point(user_id: int) -> list[Delegation]:
    return list(db.session.scalars(select(Delegation).where(Delegation.focal_point_id == user_id)))


def members_of(delegation_id: int) -> list[Participant]:
    return list(
        db.session.scalars(
            select(Participant)
            .where(Participant.delegation_id == delegation_id)
            .order_by(Participant.family_name, Participant.given_names)
        )
    )


def is_approved(participant: Participant) -> bool:
    return participant.status == AccreditationStatus.APPROVED


def get_category(code: str) -> Category | None:
    return db.session.get(Category, code)
