"""The accreditation workflow: one service call per transition.

draft → submitted → approved | rejected | changes_requested (with a message) → submitted again;
approved → cancelled. Each transition locks the row, checks the state and the actor's role, writes
an audit entry, mails the people concerned and sends ``accreditation_changed`` (badges listen).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import select

from conference.accounts import queries as accounts_queries
from conference.core import audit
from conference.core.db import utcnow
from conference.core.errors import DomainError
from conference.core.mail import queue_mail
from conference.core.signals import accreditation_changed
from conference.extensions import db
from conference.registration import access
from conference.registration.access import Actor
from conference.registration.errors import RegistrationError
from conference.registration.models import AccreditationStatus as S
from conference.registration.models import Delegation, DocumentKind, Participant
from conference.registration.records import as_text
from conference.registration.services import acting_user, missing_documents

# action → (states it may start from, state it leads to, who may do it)
OFFICER, OWNER = "officer", "owner"
TRANSITIONS: dict[str, tuple[frozenset[str], str, str]] = {
    "submit": (frozenset({S.DRAFT, S.CHANGES_REQUESTED}), S.SUBMITTED, OWNER),
    "approve": (frozenset({S.SUBMITTED}), S.APPROVED, OFFICER),
    "reject": (frozenset({S.SUBMITTED, S.CHANGES_REQUESTED}), S.REJECTED, OFFICER),
    "request_changes": (frozenset({S.SUBMITTED}), S.CHANGES_REQUESTED, OFFICER),
    "cancel": (frozenset({S.APPROVED}), S.CANCELLED, OFFICER),
}
NEEDS_MESSAGE = frozenset({"reject", "request_changes"})
MAIL_SUBJECTS = {
    "submit": "Registration received",
    "approve": "Accreditation approved",
    "reject": "Accreditation not approved",
    "request_changes": "Changes requested to your registration",
    "cancel": "Accreditation cancelled",
}


def incomplete_reasons(participant: Participant) -> list[str]:
    """What is missing before a record can be submitted, in plain words."""
    reasons = []
    if not participant.photo_path:
        reasons.append("a photo")
    if not participant.passport_number:
        reasons.append("the passport or ID number")
    if not participant.passport_expiry:
        reasons.append("the passport expiry date")
    if not participant.date_of_birth:
        reasons.append("the date of birth")
    if not participant.nationality_iso3:
        reasons.append("the nationality")
    if not participant.email:
        reasons.append("an email address")
    if participant.consent_given_at is None:
        reasons.append("consent to the privacy notice")
    return reasons


def _still_missing(participant: Participant, reasons: list[str]) -> str:
    return f"{participant.full_name}: still missing {', '.join(reasons)}."


def _check_submittable(participant: Participant, actor: Actor | None, *, via_link: bool) -> None:
    missing = incomplete_reasons(participant)
    if missing:
        problem = _still_missing(participant, missing)
        raise DomainError(
            RegistrationError.INCOMPLETE, missing=problem, problems=[problem], participant_id=participant.id
        )
    delegation = participant.delegation
    if delegation is not None:
        docs = missing_documents(delegation)
        if docs:
            names = ", ".join(DocumentKind(d).label.lower() for d in docs)
            raise DomainError(RegistrationError.DOCUMENTS_MISSING, documents=names)
    if not via_link and not access.is_officer(actor) and actor is not None and not _verified(actor):
        raise DomainError(RegistrationError.EMAIL_NOT_VERIFIED)


def _verified(actor: Actor) -> bool:
    brief = accounts_queries.user_brief(actor.id)
    return brief is not None and brief.email_verified


def _mail(participant: Participant, action: str, message: str | None) -> None:
    recipients = {participant.email} if participant.email else set()
    delegation = participant.delegation
    if delegation is not None and delegation.focal_point_id:
        focal = accounts_queries.user_brief(delegation.focal_point_id)
        if focal is not None:
            recipients.add(focal.email)
    state = S.label_of(participant.status).lower()
    body = (
        f"The registration of {participant.full_name}"
        f"{' (' + delegation.name + ')' if delegation else ''} for the signing conference of the UN Convention "
        f"against Cybercrime (Hanoi, 25–26 October 2025) is now: {state}.\n"
    )
    if message:
        body += f"\nMessage from the accreditation team:\n{message}\n"
    if action == "approve":
        body += (
            "\nCollect your photo badge at the accreditation centre (National Convention Center) with your passport.\n"
        )
    for to in sorted(recipients):
        queue_mail(
            to,
            f"{MAIL_SUBJECTS[action]}: {participant.full_name} — Hanoi Convention 2025",
            body,
            topic=f"registration_{action}",
        )


def _apply(participant: Participant, action: str, actor: Actor | None, message: str | None, *, via_link: bool) -> None:
    sources, target, who = TRANSITIONS[action]
    if who == OFFICER and not access.is_officer(actor):
        raise DomainError(RegistrationError.OFFICERS_ONLY)
    if (
        who == OWNER
        and not via_link
        and not (
            access.is_officer(actor)
            or access.is_focal_point_of(actor, participant)
            or (actor is not None and participant.user_id == actor.id)
        )
    ):
        raise DomainError(RegistrationError.PARTICIPANT_NOT_FOUND)
    if participant.status not in sources:
        raise DomainError(
            RegistrationError.WRONG_STATE,
            name=participant.full_name,
            state=S.label_of(participant.status).lower(),
            action=action.replace("_", " "),
            participant_id=participant.id,
        )
    message = as_text(message) or None
    if action in NEEDS_MESSAGE and not message:
        raise DomainError(
            RegistrationError.MESSAGE_REQUIRED, fields={"message": RegistrationError.MESSAGE_REQUIRED.message}
        )
    if action == "submit":
        _check_submittable(participant, actor, via_link=via_link)
    old = participant.status
    now = utcnow()
    participant.status = target
    participant.status_message = message
    if action == "submit":
        participant.submitted_at = now
    else:
        participant.decided_at = now
        participant.decided_by_id = actor.id if actor else None
    audit.record(
        "participant.resubmit" if action == "submit" and old == S.CHANGES_REQUESTED else f"participant.{action}",
        "participant",
        participant.id,
        before={"status": old},
        after={"status": target},
        reason=message,
    )
    _mail(participant, action, message)
    accreditation_changed.send(None, participant_id=participant.id, old_status=old, new_status=target)


def _locked(participant_id: int) -> Participant:
    participant = db.session.scalar(select(Participant).where(Participant.id == participant_id).with_for_update())
    if participant is None:
        raise DomainError(RegistrationError.PARTICIPANT_NOT_FOUND)
    return participant


def transition(
    actor_id: int | None, participant_id: int, action: str, message: str | None = None, *, via_link: bool = False
) -> Participant:
    """Apply one workflow action to one participant. Refused with unknown_action, wrong_state,
    message_required, incomplete, documents_missing, officers_only, email_not_verified or
    participant_not_found."""
    if action not in TRANSITIONS:
        raise DomainError(RegistrationError.UNKNOWN_ACTION, action=action)
    actor = acting_user(actor_id)
    participant = _locked(participant_id)
    if not via_link and not access.can_view_participant(actor, participant):
        raise DomainError(RegistrationError.PARTICIPANT_NOT_FOUND)
    _apply(participant, action, actor, message, via_link=via_link)
    return participant


def submit(actor_id: int | None, participant_id: int, *, via_link: bool = False) -> Participant:
    return transition(actor_id, participant_id, "submit", via_link=via_link)


def approve(actor_id: int, participant_id: int) -> Participant:
    return transition(actor_id, participant_id, "approve")


def reject(actor_id: int, participant_id: int, message: str) -> Participant:
    return transition(actor_id, participant_id, "reject", message)


def request_changes(actor_id: int, participant_id: int, message: str) -> Participant:
    return transition(actor_id, participant_id, "request_changes", message)


def cancel(actor_id: int, participant_id: int, message: str | None = None) -> Participant:
    return transition(actor_id, participant_id, "cancel", message)


@dataclass
class BulkResult:
    done: list[int] = field(default_factory=list)
    skipped: dict[int, str] = field(default_factory=dict)  # id → why, in plain words


def bulk(actor_id: int, participant_ids: Iterable[int], action: str, message: str | None = None) -> BulkResult:
    """An officer applies one action to many records in one transaction; records in the wrong state
    are skipped and reported, the others change together."""
    if action not in TRANSITIONS or TRANSITIONS[action][2] != OFFICER:
        raise DomainError(RegistrationError.UNKNOWN_ACTION, action=action)
    actor = acting_user(actor_id)
    if not access.is_officer(actor):
        raise DomainError(RegistrationError.OFFICERS_ONLY)
    if action in NEEDS_MESSAGE and not as_text(message):
        raise DomainError(RegistrationError.MESSAGE_REQUIRED)
    result = BulkResult()
    ids = sorted(set(participant_ids))
    rows = db.session.scalars(
        select(Participant).where(Participant.id.in_(ids)).order_by(Participant.id).with_for_update()
    )
    for participant in rows:
        try:
            _apply(participant, action, actor, message, via_link=False)
        except DomainError as exc:
            result.skipped[participant.id] = exc.message
        else:
            result.done.append(participant.id)
    return result


def submit_delegation(actor_id: int, delegation_id: int) -> BulkResult:
    """The focal point submits every draft (or returned) member at once. Nothing is submitted when a
    document is missing, the email is unverified, or any member is incomplete (all are listed)."""
    actor = acting_user(actor_id)
    delegation = db.session.scalar(select(Delegation).where(Delegation.id == delegation_id).with_for_update())
    if delegation is None or not access.can_manage_delegation(actor, delegation):
        raise DomainError(RegistrationError.DELEGATION_NOT_FOUND)
    members = list(
        db.session.scalars(
            select(Participant)
            .where(
                Participant.delegation_id == delegation.id,
                Participant.status.in_([S.DRAFT, S.CHANGES_REQUESTED]),
            )
            .order_by(Participant.id)
            .with_for_update()
        )
    )
    if not members:
        raise DomainError(RegistrationError.NOTHING_TO_SUBMIT)
    problems = [_still_missing(m, r) for m in members if (r := incomplete_reasons(m))]
    if problems:
        raise DomainError(RegistrationError.INCOMPLETE, missing=" ".join(problems), problems=problems)
    result = BulkResult()
    for member in members:
        _apply(member, "submit", actor, None, via_link=False)
        result.done.append(member.id)
    if delegation.status in (S.DRAFT, S.CHANGES_REQUESTED):
        audit.record(
            "delegation.submit",
            "delegation",
            delegation.id,
            before={"status": delegation.status},
            after={"status": S.SUBMITTED},
        )
        delegation.status = S.SUBMITTED
        delegation.submitted_at = utcnow()
    return result
