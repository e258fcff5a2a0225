"""Exhibitor staff: their participant records (Exhibitor category) and their logins for booth scans."""

from __future__ import annotations

from dataclasses import dataclass

from conference.accounts import services as accounts
from conference.accounts.roles import Role
from conference.core import audit
from conference.core.emails import InvalidEmail, normalise_email
from conference.core.errors import DomainError
from conference.core.mail import queue_mail
from conference.core.signals import exhibitor_decided
from conference.exhibition.errors import ExhibitionError
from conference.exhibition.models import Exhibitor, ExhibitorStaff, ExhibitorStatus
from conference.extensions import db
from conference.registration import services as registration
from conference.registration.enums import AccreditationStatus

STAFF_CATEGORY = "exhibitor"
MAX_STAFF = 12


@dataclass(frozen=True)
class StaffMember:
    given_names: str
    family_name: str
    email: str
    title: str = ""


def check_staff_member(member: StaffMember) -> str:
    """The member's address as stored; refuses a missing name or an address that is not one."""
    if not member.given_names.strip() or not member.family_name.strip():
        raise DomainError(ExhibitionError.STAFF_NAME_REQUIRED)
    try:
        return normalise_email(member.email)
    except InvalidEmail as exc:
        raise DomainError(ExhibitionError.STAFF_BAD_EMAIL, email=member.email) from exc


def create_staff_participant(member: ExhibitorStaff) -> int:
    """The staff member's participant record (Exhibitor category: exhibition-zone access), created
    through registration inside the caller's unit of work, so their badges print with everyone's.
    It waits as ``submitted``: the exhibitor decision (or an officer) settles it."""
    participant = registration.create_participant(
        None,
        {
            "user_id": member.user_id,
            "given_names": member.given_names,
            "family_name": member.family_name,
            "title": member.title,
            "email": member.email,
            "category_code": STAFF_CATEGORY,
        },
        status=AccreditationStatus.SUBMITTED.value,
    )
    return participant.id


def follow_decision(exhibitor: Exhibitor, decided_by_id: int | None, message: str | None = None) -> None:
    """The staff's accreditation follows the exhibitor decision; registration applies it through its
    workflow, so each transition is audited, mailed and tells badges like any other. ``message``
    (required to refuse) is what the staff member reads. Refused unless ``decided_by_id`` is an officer."""
    exhibitor_decided.send(
        None,
        participant_ids=[m.participant_id for m in exhibitor.staff if m.participant_id],
        accepted=exhibitor.status == ExhibitorStatus.APPROVED,
        decided_by_id=decided_by_id,
        message=message,
    )


def ensure_staff_account(member: ExhibitorStaff) -> None:
    """Staff scan badges at the booth, so each needs a login; they set its password with 'forgot password'."""
    if member.user_id is not None:
        return
    user = accounts.get_user_by_email(member.email)
    if user is None:
        user = accounts.create_user(member.email, role=Role.EXHIBITOR, full_name=member.full_name)
        queue_mail(
            user.email,
            "Your exhibitor staff account — Hanoi Convention 2025",
            f"{member.exhibitor.organisation_name} listed you as booth staff. An account was created for this "
            "address so that you can scan visitors' badges at the booth.\n\nChoose a password with "
            "'Forgot your password?' on the login page, then log in with this email address.\n",
            topic="exhibitor_staff_account",
        )
    member.user_id = user.id
    if member.participant_id:
        registration.link_account(member.participant_id, user.id)


def add_staff_member(exhibitor: Exhibitor, data: StaffMember) -> ExhibitorStaff:
    """Put one person on the exhibitor's staff list, with a participant record waiting for a decision."""
    email = check_staff_member(data)
    if any(m.email == email for m in exhibitor.staff):
        raise DomainError(ExhibitionError.STAFF_EXISTS, email=email)
    if len(exhibitor.staff) >= MAX_STAFF:
        raise DomainError(ExhibitionError.TOO_MANY_STAFF, limit=MAX_STAFF)
    existing = accounts.get_user_by_email(email)
    member = ExhibitorStaff(
        given_names=data.given_names.strip(),
        family_name=data.family_name.strip(),
        title=data.title.strip(),
        email=email,
        user_id=existing.id if existing else None,
    )
    exhibitor.staff.append(member)
    db.session.flush()
    member.participant_id = create_staff_participant(member)
    if exhibitor.status == ExhibitorStatus.APPROVED:
        ensure_staff_account(member)
    audit.record(
        "exhibitor.staff_add",
        "exhibitor",
        exhibitor.id,
        after={
            "staff_id": member.id,
            "email": email,
            "participant_id": member.participant_id,
            "status": AccreditationStatus.SUBMITTED.value,
        },
    )
    return member
