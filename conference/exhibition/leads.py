"""Lead capture at booths: every accepted badge scan counts a visit; a visitor's contact details are
kept as a lead for the exhibitor only when the visitor consented to share them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.dialects.postgresql import insert

from conference.accounts import services as accounts
from conference.accounts.roles import Role
from conference.core import audit
from conference.core.errors import CoreError, DomainError
from conference.exhibition.errors import ExhibitionError
from conference.exhibition.models import (
    Booth,
    BoothAllocation,
    BoothVisit,
    Exhibitor,
    ExhibitorStaff,
    ExhibitorStatus,
    Lead,
)
from conference.extensions import db
from conference.registration.queries import ContactCard, contact_card


@dataclass(frozen=True)
class ScanOutcome:
    booth_code: str
    lead: bool  # True: the visitor consented and their contact details were kept
    visitor_name: str | None  # only when ``lead``
    booth_visits: int


def booths_of_user(user_id: int) -> list[int]:
    """The booth ids a user staffs (as the applicant or a listed staff member of an approved exhibitor)."""
    staff_of = select(ExhibitorStaff.exhibitor_id).where(ExhibitorStaff.user_id == user_id)
    return list(
        db.session.scalars(
            select(BoothAllocation.booth_id)
            .join(Exhibitor, Exhibitor.id == BoothAllocation.exhibitor_id)
            .where(
                Exhibitor.status == ExhibitorStatus.APPROVED,
                or_(Exhibitor.user_id == user_id, Exhibitor.id.in_(staff_of)),
            )
            .order_by(BoothAllocation.booth_id)
        )
    )


def _staffed_exhibitor(booth: Booth, staff_user_id: int | None) -> tuple[Exhibitor, int]:
    """The approved exhibitor at ``booth`` and the id of the scanning user, who must be on its staff."""
    exhibitor = db.session.scalar(
        select(Exhibitor)
        .join(BoothAllocation, BoothAllocation.exhibitor_id == Exhibitor.id)
        .where(BoothAllocation.booth_id == booth.id, Exhibitor.status == ExhibitorStatus.APPROVED)
    )
    if exhibitor is None:
        raise DomainError(ExhibitionError.BOOTH_NOT_ALLOCATED, code=booth.code)
    staff = accounts.get_user(staff_user_id) if staff_user_id is not None else None
    if staff is None or (staff.role != Role.ADMIN and booth.id not in booths_of_user(staff.id)):
        raise DomainError(ExhibitionError.NOT_BOOTH_STAFF, code=booth.code)
    return exhibitor, staff.id


def _keep_lead(exhibitor_id: int, participant_id: int, card: ContactCard, scanned_at: dt.datetime) -> None:
    """One lead per visitor and exhibitor; a repeat visit counts and refreshes the shared details."""
    details = {
        "name": card.name[:200],
        "title": card.title,
        "organisation": card.organisation,
        "email": card.email,
        "phone": card.phone,
    }
    stmt = insert(Lead).values(
        exhibitor_id=exhibitor_id,
        participant_id=participant_id,
        visits=1,
        first_scanned_at=scanned_at,
        last_scanned_at=scanned_at,
        **details,
    )
    db.session.execute(
        stmt.on_conflict_do_update(
            index_elements=[Lead.exhibitor_id, Lead.participant_id],
            set_={"visits": Lead.visits + 1, "last_scanned_at": stmt.excluded.last_scanned_at, **details},
        )
    )


def record_booth_scan(
    booth_id: int, participant_id: int, staff_user_id: int | None, scanned_at: dt.datetime
) -> ScanOutcome:
    """Count a visit at a booth, and keep the visitor's contact details as a lead only if they consented.

    Flushes inside the caller's unit of work (the scanner's). Fails with ``booth_not_allocated``,
    ``not_booth_staff`` or ``not_found`` (no such booth or participant)."""
    booth = db.session.get(Booth, booth_id)
    if booth is None:
        raise DomainError(CoreError.NOT_FOUND)
    exhibitor, staff_id = _staffed_exhibitor(booth, staff_user_id)
    card = contact_card(participant_id)
    if card is None:
        raise DomainError(CoreError.NOT_FOUND)
    db.session.add(
        BoothVisit(booth_id=booth_id, exhibitor_id=exhibitor.id, staff_user_id=staff_id, scanned_at=scanned_at)
    )
    if card.consents:
        _keep_lead(exhibitor.id, participant_id, card, scanned_at)
    # No visitor identity in the audit entry: a visitor who did not consent stays anonymous.
    audit.record("booth.scan", "booth", booth_id, after={"exhibitor_id": exhibitor.id, "lead": card.consents})
    visits = db.session.scalar(select(func.count()).select_from(BoothVisit).where(BoothVisit.booth_id == booth_id))
    return ScanOutcome(booth.code, card.consents, card.name if card.consents else None, visits or 0)


def leads_of(exhibitor_id: int) -> list[Lead]:
    return list(
        db.session.scalars(
            select(Lead).where(Lead.exhibitor_id == exhibitor_id).order_by(Lead.last_scanned_at.desc(), Lead.id)
        )
    )


def visit_counts(exhibitor_id: int | None = None) -> dict[int, int]:
    """booth id → number of visits (anonymous and leads alike)."""
    stmt = select(BoothVisit.booth_id, func.count()).group_by(BoothVisit.booth_id)
    if exhibitor_id is not None:
        stmt = stmt.where(BoothVisit.exhibitor_id == exhibitor_id)
    return dict(db.session.execute(stmt).all())


def lead_counts() -> dict[int, int]:
    """exhibitor id → number of leads (for organisers: counts only, never the details)."""
    return dict(db.session.execute(select(Lead.exhibitor_id, func.count()).group_by(Lead.exhibitor_id)).all())
