"""The accreditation workflow: one service call per transition.

draft → submitted → approved | rejected | changes_requested (with a message) → submitted again;
approved → cancelled. Each transition locks the row, checks the state and the actor's role, writes
an audit entry, mails the people concerned and sends ``accreditation_changed`` (badges listen).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import select

from conference.accounts.models import User
from conference.core import audit
from conference.core.db import utcnow
from conference.core.errors import DomainError, Forbidden, NotFound
from conference.core.mail import queue_mail
from conference.core.signals import accreditation_changed
from conference.extensions import db
from conference.registration import access
from conference.registration.models import AccreditationStatus as S
from conference.registration.models import Delegation, DocumentKind, Participant
from conference.registration.records import as_text
from conference.registration.services import missing_documents

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


def _check_submittable(participant: Participant, actor: User | None, *, via_link: bool) -> None:
    missing = incomplete_reasons(participant)
    if missing:
        raise DomainError(
            "incomplete", f"{participant.full_name}: still missing {', '.join(missing)}.", participant_id=participant.id
        )
    delegation = participant.delegation
    if delegation is not None:
        docs = missing_documents(delegation)
        if docs:
            names = ", ".join(DocumentKind(d).label.lower() for d in docs)
            raise DomainError("documents_missing", f"Upload the delegation's {names} (PDF) first.")
    if not via_link and not access.is_officer(actor) and actor is not None and actor.email_verified_at is None:
        raise Forbidden(
            "email_not_verified", "Confirm your email address first: open the link we mailed you, then submit."
        )


def _mail(participant: Participant, action: str, message: str | None) -> None:
    recipients = {participant.email} if participant.email else set()
    delegation = participant.delegation
    if delegation is not None and delegation.focal_point_id:
        focal = db.session.get(User, delegation.focal_point_id)
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


def _apply(participant: Participant, action: str, actor: User | None, message: str | None, *, via_link: bool) -> None:
    sources, target, who = TRANSITIONS[action]
    if who == OFFICER and not access.is_officer(actor):
        raise Forbidden("officers_only", "Only accreditation officers can do this.")
    if (
        who == OWNER
        and not via_link
        and not (
            access.is_officer(actor)
            or access.is_focal_point_of(actor, participant)
            or (actor is not None and participant.user_id == actor.id)
        )
    ):
        raise NotFound("participant_not_found", "No such participant.")
    if participant.status not in sources:
        raise DomainError(
            "wrong_state",
            f"{participant.full_name} is {S.label_of(participant.status).lower()}; "
            f"“{action.replace('_', ' ')}” is not possible now.",
            participant_id=participant.id,
        )
    message = as_text(message) or None
    if action in NEEDS_MESSAGE and not message:
        raise DomainError("message_required", "Say why, in a message the focal point will read.")
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
        raise NotFound("participant_not_found", "No such participant.")
    return participant


def transition(
    actor_id: int | None, participant_id: int, action: str, message: str | None = None, *, via_link: bool = False
) -> Participant:
    """Apply one workflow action to one participant. Raises DomainError(wrong_state, message_required,
    incomplete, documents_missing), Forbidden (wrong role, unverified email) or NotFound."""
    if action not in TRANSITIONS:
        raise DomainError("unknown_action", f"Unknown action {action!r}.")
    actor = db.session.get(User, actor_id) if actor_id is not None else None
    participant = _locked(participant_id)
    if not via_link and not access.can_view_participant(actor, participant):
        raise NotFound("participant_not_found", "No such participant.")
    _apply(participant, action, actor, message, via_link=via_link)
    db.session.commit()
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
        raise DomainError("unknown_action", f"“{action}” cannot be done in bulk.")
    actor = db.session.get(User, actor_id)
    if not access.is_officer(actor):
        raise Forbidden("officers_only", "Only accreditation officers can do this.")
    if action in NEEDS_MESSAGE and not as_text(message):
        raise DomainError("message_required", "Say why, in a message the focal points will read.")
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
    db.session.commit()
    return result


def submit_delegation(actor_id: int, delegation_id: int) -> BulkResult:
    """The focal point submits every draft (or returned) member at once. Nothing is submitted when a
    document is missing, the email is unverified, or any member is incomplete (all are listed)."""
    actor = db.session.get(User, actor_id)
    delegation = db.session.scalar(select(Delegation).where(Delegation.id == delegation_id).with_for_update())
    if delegation is None or not access.can_manage_delegation(actor, delegation):
        raise NotFound("delegation_not_found", "No such delegation.")
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
        raise DomainError("nothing_to_submit", "There is no member in draft to submit. Add members first.")
    problems = [f"{m.full_name}: still missing {', '.join(r)}." for m in members if (r := incomplete_reasons(m))]
    if problems:
        raise DomainError("incomplete", " ".join(problems), problems=problems)
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
    db.session.commit()
    return result
