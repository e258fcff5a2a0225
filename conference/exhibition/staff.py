"""Exhibitor staff: their participant records (Exhibitor category) and their logins for booth scans."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from conference.accounts import services as accounts
from conference.accounts.roles import Role
from conference.core import audit
from conference.core.errors import Conflict
from conference.core.mail import queue_mail
from conference.exhibition.models import Exhibitor, ExhibitorStaff, ExhibitorStatus
from conference.extensions import db
from conference.registration import services as registration
from conference.registration import workflow
from conference.registration.models import AccreditationStatus, Participant

STAFF_CATEGORY = "exhibitor"


@dataclass(frozen=True)
class StaffMember:
    given_names: str
    family_name: str
    email: str
    title: str = ""


def create_staff_participant(member: ExhibitorStaff, status: str) -> Participant:
    """The staff member's participant record (Exhibitor category: exhibition-zone access), created
    through registration inside the caller's unit of work, so their badges print with everyone's."""
    return registration.create_participant(
        None,
        {
            "user_id": member.user_id,
            "given_names": member.given_names,
            "family_name": member.family_name,
            "title": member.title,
            "email": member.email,
            "category_code": STAFF_CATEGORY,
        },
        status=str(status),
    )


# The exhibitor decision, as the workflow action for each status a staff member's record may be in.
# Records in any other status are left to the accreditation officers.
_WORKFLOW_ACTIONS = {
    AccreditationStatus.APPROVED: {AccreditationStatus.SUBMITTED: "approve"},
    AccreditationStatus.REJECTED: {AccreditationStatus.SUBMITTED: "reject", AccreditationStatus.APPROVED: "cancel"},
}


def set_staff_status(exhibitor: Exhibitor, status: str, decided_by_id: int | None, message: str | None = None) -> None:
    """The staff's accreditation follows the exhibitor decision, through the registration workflow,
    so each transition is audited, mailed and tells badges like any other. ``message`` (required to
    refuse) is what the staff member reads. Raises Forbidden unless ``decided_by_id`` is an officer."""
    ids = [m.participant_id for m in exhibitor.staff if m.participant_id]
    if not ids:
        return
    current = db.session.execute(select(Participant.id, Participant.status).where(Participant.id.in_(ids))).all()
    for source, action in _WORKFLOW_ACTIONS[AccreditationStatus(status)].items():
        matching = [pid for pid, state in current if state == source]
        if matching:
            workflow.bulk(decided_by_id, matching, action, message)


def ensure_staff_account(member: ExhibitorStaff) -> None:
    """Staff scan badges at the booth, so each needs a login; they set its password with 'forgot password'."""
    if member.user_id is not None:
        return
    user = accounts.get_user_by_email(member.email)
    if user is None:
        user = accounts.create_user(member.email, role=Role.EXHIBITOR, full_name=member.full_name, commit=False)
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
        participant = db.session.get(Participant, member.participant_id)
        if participant is not None and participant.user_id is None:
            participant.user_id = user.id


def add_staff_member(exhibitor: Exhibitor, data: StaffMember, status: str) -> ExhibitorStaff:
    email = accounts.normalise_email(data.email)
    if any(m.email == email for m in exhibitor.staff):
        raise Conflict("staff_exists", f"{email} is already on the staff list.")
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
    member.participant_id = create_staff_participant(member, status).id
    if exhibitor.status == ExhibitorStatus.APPROVED:
        ensure_staff_account(member)
    audit.record(
        "exhibitor.staff_add",
        "exhibitor",
        exhibitor.id,
        after={"staff_id": member.id, "email": email, "participant_id": member.participant_id, "status": status},
    )
    return member
