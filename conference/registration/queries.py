"""Reads other domains need from the registration, as plain data (no ORM rows leave the domain)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import joinedload

from conference.extensions import db
from conference.registration.models import Participant


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
