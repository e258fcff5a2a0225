"""Badge lifecycle: issue, reprint (new serial, old one revoked), revoke, collection at the desk.

Locking rule: every change to a badge first takes its row with ``SELECT … FOR UPDATE``, so two
officers reprinting the same badge at once produce two consecutive serials, never the same one
(and the unique (badge_id, serial) constraint backs that up).

Other domains call ``badge_state`` (scanning: is this serial still good?) and
``badge_for_participant``; they never touch the models. The holder's name, delegation and category
come from the registration's queries as plain data (``HeldBadge``).

Services flush and never commit: the request, CLI command or job that called them commits.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from sqlalchemy import select

from conference.badges.errors import BadgeError
from conference.badges.models import Badge, BadgeSerial, BadgeStatus, SerialReason
from conference.core import audit
from conference.core.db import utcnow
from conference.core.errors import CoreError, DomainError
from conference.core.schemas import INT32_MAX
from conference.extensions import db
from conference.registration import queries as registration
from conference.registration.enums import AccreditationStatus

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
        raise DomainError(BadgeError.BADGE_NOT_FOUND)
    return badge


def _locked(badge_id: int) -> Badge:
    badge = db.session.scalar(select(Badge).where(Badge.id == badge_id).with_for_update())
    if badge is None:
        raise DomainError(BadgeError.BADGE_NOT_FOUND)
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
        raise DomainError(BadgeError.BAD_REASON, fields={"reason": BadgeError.BAD_REASON.message})
    if reason == SerialReason.OTHER and not note.strip():
        raise DomainError(BadgeError.NOTE_REQUIRED, fields={"note": BadgeError.NOTE_REQUIRED.message})
    badge = _locked(badge_id)
    if badge.status == BadgeStatus.REVOKED:
        raise DomainError(BadgeError.REVOKED)
    before = audit.snapshot(badge, _AUDITED)
    _new_serial(badge, reason, note.strip(), actor_id)
    badge.needs_reprint = False
    badge.printed_at = None
    badge.collected_at = None
    badge.collected_by_id = None
    audit.record(
        "badge.reprint", "badge", badge.id, before=before, after=audit.snapshot(badge, _AUDITED), reason=reason
    )
    db.session.flush()
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
    """Revoke a badge: scanners refuse its code from now on (flushes). Fails with ``reason_required``
    or ``badge_revoked`` (revoked already)."""
    if not reason.strip():
        raise DomainError(CoreError.REASON_REQUIRED, fields={"reason": CoreError.REASON_REQUIRED.message})
    badge = _locked(badge_id)
    if badge.status == BadgeStatus.REVOKED:
        raise DomainError(BadgeError.REVOKED)
    _revoke(badge, reason.strip())
    db.session.flush()
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
        raise DomainError(BadgeError.ID_NOT_CHECKED, fields={"id_checked": BadgeError.ID_NOT_CHECKED.message})
    badge = _locked(badge_id)
    if badge.status == BadgeStatus.REVOKED:
        raise DomainError(BadgeError.REVOKED)
    if badge.printed_at is None:
        raise DomainError(BadgeError.NOT_PRINTED)
    if badge.collected_at is not None:
        raise DomainError(BadgeError.ALREADY_COLLECTED)
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


class HeldBadge(NamedTuple):
    """A badge with what it shows of its holder, for the desk's lists and pages (``for b, h in …``)."""

    badge: Badge
    holder: registration.BadgeHolder


def with_holders(badges: Iterable[Badge], *, in_badge_order: bool = True) -> list[HeldBadge]:
    """Each badge with its holder (one query), by delegation then name, or in the given order."""
    by_participant = {b.participant_id: b for b in badges}
    holders = registration.badge_holders(by_participant)
    if in_badge_order:
        return [HeldBadge(by_participant[h.participant_id], h) for h in holders]
    by_id = {h.participant_id: h for h in holders}
    return [HeldBadge(b, by_id[pid]) for pid, b in by_participant.items() if pid in by_id]


def held_badge(badge_id: int) -> HeldBadge:
    """One badge with its holder. Fails with ``badge_not_found``."""
    return with_holders([get_badge(badge_id)])[0]


def not_collected(limit: int = 500) -> list[HeldBadge]:
    """Printed, active badges of approved holders that nobody has collected yet, by delegation then name."""
    waiting = db.session.scalars(
        select(Badge).where(
            Badge.status == BadgeStatus.ACTIVE, Badge.printed_at.is_not(None), Badge.collected_at.is_(None)
        )
    )
    held = with_holders(waiting)
    return [h for h in held if h.holder.status == AccreditationStatus.APPROVED][:limit]


def needs_reprint(limit: int = 500) -> list[HeldBadge]:
    """Active badges whose printed name, photo or category changed since printing."""
    badges = db.session.scalars(
        select(Badge)
        .where(Badge.status == BadgeStatus.ACTIVE, Badge.needs_reprint.is_(True))
        .order_by(Badge.id)
        .limit(limit)
    )
    return with_holders(badges, in_badge_order=False)


def find_badges(query: str, limit: int = 50) -> list[HeldBadge]:
    """Badges by number (HN000123 or 123) or by a part of the holder's name."""
    query = query.strip()
    digits = query.upper().removeprefix("HN").lstrip("0")
    if digits.isdigit():
        badge = db.session.get(Badge, int(digits)) if int(digits) <= INT32_MAX else None
        return with_holders([badge]) if badge else []
    if len(query) < 2:
        return []
    named = registration.participants_named(query, limit)
    badges = {b.participant_id: b for b in db.session.scalars(select(Badge).where(Badge.participant_id.in_(named)))}
    return with_holders([badges[pid] for pid in named if pid in badges], in_badge_order=False)


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
