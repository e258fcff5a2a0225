"""Badge lifecycle: issue, reprint (new serial, old one revoked), revoke, collection at the desk.

Locking rule: every change to a badge first takes its row with ``SELECT … FOR UPDATE``, so two
officers reprinting the same badge at once produce two consecutive serials, never the same one
(and the unique (badge_id, serial) constraint backs that up).

Other domains call ``badge_state`` (scanning: is this serial still good?) and
``badge_for_participant``; they never touch the models.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from conference.badges.models import Badge, BadgeSerial, BadgeStatus, SerialReason
from conference.core import audit
from conference.core.db import utcnow
from conference.core.errors import Conflict, DomainError, NotFound
from conference.extensions import db
from conference.registration.models import AccreditationStatus, Participant

REPRINT_REASONS = (
    SerialReason.LOST,
    SerialReason.DAMAGED,
    SerialReason.NAME_CHANGED,
    SerialReason.PHOTO_CHANGED,
    SerialReason.CATEGORY_CHANGED,
    SerialReason.OTHER,
)
_AUDITED = ("serial", "status", "needs_reprint", "printed_at", "collected_at", "collected_by_id", "revoke_reason")


@dataclass(frozen=True)
class BadgeState:
    """What a scanner needs to judge a code: the current serial, the status, the revoked serials.

    A code is good only when its serial equals ``current_serial`` and ``status`` is ``active``.
    ``revoked_serials`` lists every serial that must be refused (all earlier ones, and the current
    one too once the badge is revoked), for scanners that cache a revocation list offline.
    """

    badge_id: int
    participant_id: int
    current_serial: int
    status: str
    revoked_serials: tuple[int, ...]


def badge_state(badge_id: int) -> BadgeState | None:
    """The revocation state of one badge, or None when no such badge exists."""
    row = db.session.execute(
        select(Badge.id, Badge.participant_id, Badge.serial, Badge.status).where(Badge.id == badge_id)
    ).one_or_none()
    if row is None:
        return None
    return _state(*row)


def _state(badge_id: int, participant_id: int, serial: int, status: str) -> BadgeState:
    # Every serial before the current one was superseded by a reprint, so it is revoked.
    revoked = tuple(range(1, serial)) + ((serial,) if status == BadgeStatus.REVOKED else ())
    return BadgeState(badge_id, participant_id, serial, status, revoked)


def badge_for_participant(participant_id: int) -> Badge | None:
    return db.session.scalar(select(Badge).where(Badge.participant_id == participant_id))


def get_badge(badge_id: int) -> Badge:
    badge = db.session.get(Badge, badge_id)
    if badge is None:
        raise NotFound("badge_not_found", "No such badge.")
    return badge


def _locked(badge_id: int) -> Badge:
    badge = db.session.scalar(select(Badge).where(Badge.id == badge_id).with_for_update())
    if badge is None:
        raise NotFound("badge_not_found", "No such badge.")
    return badge


def _new_serial(badge: Badge, reason: str, note: str, actor_id: int | None) -> None:
    now = utcnow()
    for old in db.session.scalars(
        select(BadgeSerial).where(BadgeSerial.badge_id == badge.id, BadgeSerial.revoked_at.is_(None))
    ):
        old.revoked_at = now
        old.revoke_reason = f"superseded: {reason}"
    badge.serial += 1
    db.session.add(BadgeSerial(badge_id=badge.id, serial=badge.serial, reason=reason, note=note, issued_by_id=actor_id))


def issue_badge(participant_id: int, *, actor_id: int | None = None) -> Badge:
    """Make sure an approved participant has an active badge (flushes; the caller commits).

    A revoked badge (e.g. a cancelled then re-approved accreditation) comes back with a NEW serial,
    so the codes printed before the cancellation stay refused.
    """
    badge = db.session.scalar(select(Badge).where(Badge.participant_id == participant_id).with_for_update())
    if badge is None:
        badge = Badge(participant_id=participant_id, serial=1, status=BadgeStatus.ACTIVE.value)
        db.session.add(badge)
        db.session.flush()
        db.session.add(BadgeSerial(badge_id=badge.id, serial=1, reason=SerialReason.ISSUED, issued_by_id=actor_id))
        audit.record("badge.issued", "badge", badge.id, after={"participant_id": participant_id, "serial": 1})
    elif badge.status == BadgeStatus.REVOKED:
        before = audit.snapshot(badge, _AUDITED)
        _new_serial(badge, SerialReason.ISSUED, "re-issued after revocation", actor_id)
        badge.status = BadgeStatus.ACTIVE.value
        badge.revoked_at = None
        badge.revoke_reason = None
        badge.printed_at = None
        badge.collected_at = None
        badge.collected_by_id = None
        audit.record("badge.reissued", "badge", badge.id, before=before, after=audit.snapshot(badge, _AUDITED))
    db.session.flush()
    return badge


def reprint(badge_id: int, reason: str, note: str = "", *, actor_id: int | None = None) -> Badge:
    """Issue a new serial (the old one is revoked) so the badge goes back into the print queue.

    Fails with ``bad_reason`` for an unknown reason, ``note_required`` for "other" without a note,
    and ``badge_revoked`` when the badge itself was revoked (re-approve the accreditation instead).
    """
    if reason not in REPRINT_REASONS:
        raise DomainError("bad_reason", "Choose why the badge is reprinted.")
    if reason == SerialReason.OTHER and not note.strip():
        raise DomainError("note_required", "Say why the badge is reprinted.")
    badge = _locked(badge_id)
    if badge.status == BadgeStatus.REVOKED:
        raise Conflict("badge_revoked", "This badge is revoked; it cannot be reprinted.")
    before = audit.snapshot(badge, _AUDITED)
    _new_serial(badge, reason, note.strip(), actor_id)
    badge.needs_reprint = False
    badge.printed_at = None
    badge.collected_at = None
    badge.collected_by_id = None
    audit.record(
        "badge.reprint", "badge", badge.id, before=before, after=audit.snapshot(badge, _AUDITED), reason=reason
    )
    db.session.commit()
    return badge


def _revoke(badge: Badge, reason: str) -> None:
    before = audit.snapshot(badge, _AUDITED)
    now = utcnow()
    badge.status = BadgeStatus.REVOKED.value
    badge.revoked_at = now
    badge.revoke_reason = reason
    for serial in db.session.scalars(
        select(BadgeSerial).where(BadgeSerial.badge_id == badge.id, BadgeSerial.revoked_at.is_(None))
    ):
        serial.revoked_at = now
        serial.revoke_reason = reason
    audit.record("badge.revoke", "badge", badge.id, before=before, after=audit.snapshot(badge, _AUDITED), reason=reason)


def revoke(badge_id: int, reason: str) -> Badge:
    """Revoke a badge: scanners refuse its code from now on. Fails with ``reason_required`` or
    ``already_revoked``."""
    if not reason.strip():
        raise DomainError("reason_required", "Say why the badge is revoked.")
    badge = _locked(badge_id)
    if badge.status == BadgeStatus.REVOKED:
        raise Conflict("already_revoked", "This badge is already revoked.")
    _revoke(badge, reason.strip())
    db.session.commit()
    return badge


def revoke_for_participant(participant_id: int, reason: str) -> None:
    """Revoke a participant's badge if they have an active one (flushes; the caller commits)."""
    badge = db.session.scalar(select(Badge).where(Badge.participant_id == participant_id).with_for_update())
    if badge is not None and badge.status == BadgeStatus.ACTIVE:
        _revoke(badge, reason)
        db.session.flush()


def flag_for_reprint(participant_id: int, fields: list[str]) -> None:
    """The name, photo or category on a printed badge changed: ask the officers for a reprint
    (flushes; the caller commits). Unprinted badges need nothing: they will print the new details."""
    badge = db.session.scalar(select(Badge).where(Badge.participant_id == participant_id).with_for_update())
    if badge is None or badge.status != BadgeStatus.ACTIVE or badge.printed_at is None or badge.needs_reprint:
        return
    badge.needs_reprint = True
    audit.record(
        "badge.needs_reprint",
        "badge",
        badge.id,
        before={"needs_reprint": False},
        after={"needs_reprint": True, "fields": sorted(fields)},
    )
    db.session.flush()


def record_collection(badge_id: int, *, id_checked: bool, actor_id: int | None) -> Badge:
    """The officer (at the badge page or the desk checkpoint) hands the badge over after checking the
    holder's ID; the one rule set for a hand-over. Flushes; the caller commits.

    Fails with ``id_not_checked``, ``badge_revoked``, ``not_printed`` or ``already_collected``.
    """
    if not id_checked:
        raise DomainError("id_not_checked", "Check the holder's passport or ID before handing the badge over.")
    badge = _locked(badge_id)
    if badge.status == BadgeStatus.REVOKED:
        raise Conflict("badge_revoked", "This badge is revoked; do not hand it over.")
    if badge.printed_at is None:
        raise Conflict("not_printed", "This badge has not been printed yet.")
    if badge.collected_at is not None:
        raise Conflict("already_collected", "This badge was already collected.")
    before = audit.snapshot(badge, _AUDITED)
    badge.collected_at = utcnow()
    badge.collected_by_id = actor_id
    audit.record("badge.collected", "badge", badge.id, before=before, after=audit.snapshot(badge, _AUDITED))
    db.session.flush()
    return badge


def serial_history(badge_id: int) -> list[BadgeSerial]:
    return list(
        db.session.scalars(select(BadgeSerial).where(BadgeSerial.badge_id == badge_id).order_by(BadgeSerial.serial))
    )


def not_collected(limit: int = 500) -> list[Badge]:
    """Printed, active badges nobody has collected yet, by delegation then name."""
    from conference.registration.models import Delegation

    return list(
        db.session.scalars(
            select(Badge)
            .join(Participant, Participant.id == Badge.participant_id)
            .outerjoin(Delegation, Delegation.id == Participant.delegation_id)
            .where(
                Badge.status == BadgeStatus.ACTIVE,
                Badge.printed_at.is_not(None),
                Badge.collected_at.is_(None),
                Participant.status == AccreditationStatus.APPROVED,
            )
            .order_by(Delegation.name, Participant.family_name, Participant.given_names)
            .limit(limit)
        )
    )


def needs_reprint(limit: int = 500) -> list[Badge]:
    """Active badges whose printed name, photo or category changed since printing."""
    return list(
        db.session.scalars(
            select(Badge)
            .where(Badge.status == BadgeStatus.ACTIVE, Badge.needs_reprint.is_(True))
            .order_by(Badge.id)
            .limit(limit)
        )
    )


def find_badges(query: str, limit: int = 50) -> list[Badge]:
    """Badges by number (HN000123 or 123) or by a part of the holder's name."""
    query = query.strip()
    digits = query.upper().removeprefix("HN").lstrip("0")
    if digits.isdigit():
        badge = db.session.get(Badge, int(digits))
        return [badge] if badge else []
    if len(query) < 2:
        return []
    pattern = f"%{query}%"
    return list(
        db.session.scalars(
            select(Badge)
            .join(Participant, Participant.id == Badge.participant_id)
            .where(
                Participant.given_names.ilike(pattern)
                | Participant.family_name.ilike(pattern)
                | Participant.badge_name.ilike(pattern)
            )
            .order_by(Participant.family_name, Participant.given_names)
            .limit(limit)
        )
    )


def revocations() -> list[BadgeState]:
    """Every badge with at least one revoked serial: the list an offline scanner caches.

    Badges still on serial 1 and active have nothing to refuse and are left out.
    """
    rows = db.session.execute(
        select(Badge.id, Badge.participant_id, Badge.serial, Badge.status)
        .where((Badge.serial > 1) | (Badge.status == BadgeStatus.REVOKED))
        .order_by(Badge.id)
    )
    return [_state(*row) for row in rows]
