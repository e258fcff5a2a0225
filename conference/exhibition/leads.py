"""Lead capture at booths: every accepted badge scan counts a visit; a visitor's contact details are
kept as a lead for the exhibitor only when the visitor consented to share them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.dialects.postgresql import insert

from conference.accounts.models import User
from conference.accounts.roles import Role
from conference.core import audit
from conference.core.errors import DomainError, Forbidden, NotFound
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
from conference.registration.models import Participant


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


def _record(booth_id: int, participant_id: int, staff_user_id: int | None, scanned_at: dt.datetime) -> ScanOutcome:
    booth = db.session.get(Booth, booth_id)
    if booth is None:
        raise NotFound("booth_not_found", "No such booth.")
    exhibitor = db.session.scalar(
        select(Exhibitor)
        .join(BoothAllocation, BoothAllocation.exhibitor_id == Exhibitor.id)
        .where(BoothAllocation.booth_id == booth_id, Exhibitor.status == ExhibitorStatus.APPROVED)
    )
    if exhibitor is None:
        raise DomainError("booth_not_allocated", f"Booth {booth.code} has no exhibitor.")
    staff = db.session.get(User, staff_user_id) if staff_user_id is not None else None
    if staff is None or (staff.role != Role.ADMIN and booth_id not in booths_of_user(staff.id)):
        raise Forbidden("not_booth_staff", f"You are not on the staff of booth {booth.code}.")
    participant = db.session.get(Participant, participant_id)
    if participant is None:
        raise NotFound("participant_not_found", "No such participant.")
    db.session.add(
        BoothVisit(booth_id=booth_id, exhibitor_id=exhibitor.id, staff_user_id=staff.id, scanned_at=scanned_at)
    )
    lead = bool(participant.consent_share_contact)
    if lead:
        details = {
            "name": participant.display_name[:200],
            "title": participant.title or "",
            "organisation": participant.delegation.name if participant.delegation else "",
            "email": participant.email or "",
            "phone": participant.phone or "",
        }
        stmt = insert(Lead).values(
            exhibitor_id=exhibitor.id,
            participant_id=participant.id,
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
    # No visitor identity in the audit entry: a visitor who did not consent stays anonymous.
    audit.record("booth.scan", "booth", booth_id, after={"exhibitor_id": exhibitor.id, "lead": lead})
    visits = db.session.scalar(select(func.count()).select_from(BoothVisit).where(BoothVisit.booth_id == booth_id))
    return ScanOutcome(booth.code, lead, participant.display_name if lead else None, visits or 0)


def record_booth_scan(
    booth_id: int,
    participant_id: int,
    staff_user_id: int | None,
    scanned_at: dt.datetime,
    *,
    commit: bool = True,
) -> ScanOutcome:
    """Count a visit at a booth, and keep the visitor's contact details as a lead only if they consented.

    Fails with ``booth_not_allocated``, ``not_booth_staff`` or ``participant_not_found``.
    ``commit=False`` for callers inside another transaction (the scanner's signal)."""
    outcome = _record(booth_id, participant_id, staff_user_id, scanned_at)
    if commit:
        db.session.commit()
    return outcome


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
