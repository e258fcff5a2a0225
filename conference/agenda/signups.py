"""Sign-up for panels and workshops: seats, the waiting list, automatic promotion.

Locking rules (so that no session is ever overbooked, whatever the number of processes):
1. the ``LockNamespace.SIGNUPS`` advisory lock on the participant first: one booking change per person at
   a time, so two parallel requests cannot book one person into overlapping sessions;
2. then the session row ``SELECT … FOR UPDATE``: seats are counted and taken while it is held.
Promotion from the waiting list runs under the session lock only (a waiting person's other
bookings were already checked to not overlap when they joined the queue).
The unique constraint on (session, participant) is the last line of defence.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from conference.accounts.models import User
from conference.accounts.roles import Role
from conference.agenda.models import ConferenceSession, Signup, SignupStatus
from conference.core import audit
from conference.core.db import utcnow
from conference.core.errors import Conflict, DomainError, Forbidden, NotFound
from conference.core.locks import LockNamespace, xact_lock
from conference.core.mail import queue_mail
from conference.core.timeutil import to_venue
from conference.extensions import db
from conference.registration.models import AccreditationStatus, Participant
from conference.registration.services import (
    delegations_of_focal_point,
    get_participant,
    members_of,
    participant_for_user,
)

ACTIVE = (SignupStatus.CONFIRMED.value, SignupStatus.WAITLISTED.value)
# Sign-up opens once a registration is complete: submitted (under review) or approved.
MAY_SIGN_UP = frozenset({AccreditationStatus.SUBMITTED.value, AccreditationStatus.APPROVED.value})


@dataclass(frozen=True)
class SeatCount:
    confirmed: int
    waitlisted: int


def bookable_participants(user: User) -> list[Participant]:
    """Whom ``user`` may sign up: themselves, and the members of delegations they are focal point of."""
    people: dict[int, Participant] = {}
    own = participant_for_user(user.id)
    if own is not None:
        people[own.id] = own
    if user.has_role(Role.FOCAL_POINT):
        for delegation in delegations_of_focal_point(user.id):
            for member in members_of(delegation.id):
                people[member.id] = member
    return list(people.values())


def _may_book(user: User, participant: Participant) -> bool:
    if user.role in (Role.ADMIN, Role.PROTOCOL_OFFICER):
        return True
    return any(p.id == participant.id for p in bookable_participants(user))


def seat_counts(session_ids: list[int] | None = None) -> dict[int, SeatCount]:
    stmt = select(
        Signup.session_id,
        func.count().filter(Signup.status == SignupStatus.CONFIRMED),
        func.count().filter(Signup.status == SignupStatus.WAITLISTED),
    ).group_by(Signup.session_id)
    if session_ids is not None:
        stmt = stmt.where(Signup.session_id.in_(session_ids))
    return {sid: SeatCount(c, w) for sid, c, w in db.session.execute(stmt)}


def _lock_session(session_id: int) -> ConferenceSession:
    session = db.session.scalar(
        select(ConferenceSession)
        .where(ConferenceSession.id == session_id)
        .options(joinedload(ConferenceSession.room))
        .with_for_update(of=ConferenceSession)
        .execution_options(populate_existing=True)
    )
    if session is None:
        raise NotFound("session_not_found", "No such session.")
    return session


def _confirmed(session_id: int) -> int:
    return db.session.scalar(
        select(func.count())
        .select_from(Signup)
        .where(Signup.session_id == session_id, Signup.status == SignupStatus.CONFIRMED)
    )


def waiting_position(signup: Signup) -> int | None:
    if signup.status != SignupStatus.WAITLISTED:
        return None
    return 1 + db.session.scalar(
        select(func.count())
        .select_from(Signup)
        .where(
            Signup.session_id == signup.session_id,
            Signup.status == SignupStatus.WAITLISTED,
            (Signup.requested_at < signup.requested_at)
            | ((Signup.requested_at == signup.requested_at) & (Signup.id < signup.id)),
        )
    )


def _mail_address(participant: Participant) -> str | None:
    if participant.email:
        return participant.email
    if participant.user_id:
        user = db.session.get(User, participant.user_id)
        return user.email if user else None
    return None


def sign_up(session_id: int, participant_id: int, user_id: int, now: dt.datetime | None = None) -> Signup:
    """Take a seat for ``participant_id`` (or a place on the waiting list when the session is full).

    Fails with ``not_found``, ``forbidden`` (not yours to book), ``not_accredited`` (registration not
    submitted or approved), ``no_signup`` (session open without sign-up), ``already_signed_up``,
    ``overlap`` (already booked or waiting at the same time).
    """
    now = now or utcnow()
    user = db.session.get(User, user_id)
    participant = get_participant(participant_id)
    if participant is None or user is None:
        raise NotFound("participant_not_found", "No such participant.")
    if not _may_book(user, participant):
        raise Forbidden("forbidden", "You may only sign up yourself or the members of your delegation.")
    if participant.status not in MAY_SIGN_UP:
        raise DomainError(
            "not_accredited",
            f"{participant.display_name}'s registration must be submitted or approved before signing up.",
        )
    xact_lock(LockNamespace.SIGNUPS, participant_id)
    session = db.session.get(ConferenceSession, session_id, options=[joinedload(ConferenceSession.room)])
    if session is None:
        raise NotFound("session_not_found", "No such session.")
    if not session.needs_signup:
        raise DomainError("no_signup", "This session is open to all accredited participants without sign-up.")
    row = db.session.scalar(
        select(Signup).where(Signup.session_id == session_id, Signup.participant_id == participant_id)
    )
    if row is not None and row.status in ACTIVE:
        raise Conflict("already_signed_up", f"{participant.display_name} is already {row.status} for this session.")
    clash = db.session.scalar(
        select(ConferenceSession)
        .join(Signup, Signup.session_id == ConferenceSession.id)
        .where(
            Signup.participant_id == participant_id,
            Signup.status.in_(ACTIVE),
            ConferenceSession.id != session_id,
            ConferenceSession.starts_at < session.ends_at,
            ConferenceSession.ends_at > session.starts_at,
        )
        .limit(1)
    )
    if clash is not None:
        raise Conflict(
            "overlap",
            f"{participant.display_name} is already signed up for “{clash.title_en}” "
            f"({to_venue(clash.starts_at):%d %b %H:%M}–{to_venue(clash.ends_at):%H:%M}) at the same time. "
            "Cancel that one first.",
        )
    # Everything above only concerns this participant (guarded by their advisory lock); seats are
    # counted and taken under the session's row lock, kept as short as possible.
    session = _lock_session(session_id)
    capacity = session.effective_capacity
    status = (
        SignupStatus.CONFIRMED if capacity is None or _confirmed(session_id) < capacity else SignupStatus.WAITLISTED
    )
    if row is None:
        row = Signup(session_id=session_id, participant_id=participant_id)
        db.session.add(row)
    row.status = status.value
    row.requested_at = now
    row.confirmed_at = now if status == SignupStatus.CONFIRMED else None
    row.cancelled_at = None
    row.booked_by_id = user_id
    try:
        db.session.flush()
    except IntegrityError as exc:
        db.session.rollback()
        raise Conflict("already_signed_up", "This participant is already signed up for this session.") from exc
    audit.record(
        "signup.create",
        "session",
        session_id,
        after={"participant_id": participant_id, "status": row.status},
    )
    db.session.commit()
    return row


def _cancel_row(row: Signup, session: ConferenceSession, now: dt.datetime, reason: str | None = None) -> None:
    """Cancel one active sign-up and give a freed seat to the next in line (no commit)."""
    was = row.status
    row.status = SignupStatus.CANCELLED.value
    row.cancelled_at = now
    row.confirmed_at = None
    audit.record(
        "signup.cancel",
        "session",
        session.id,
        before={"participant_id": row.participant_id, "status": was},
        after={"participant_id": row.participant_id, "status": row.status},
        reason=reason,
    )
    db.session.flush()
    if was == SignupStatus.CONFIRMED:
        promote_waiting(session, now)


def cancel(session_id: int, participant_id: int, user_id: int, now: dt.datetime | None = None) -> Signup:
    """Give up a seat (or a waiting place); the seat goes at once to the first person waiting."""
    now = now or utcnow()
    user = db.session.get(User, user_id)
    participant = get_participant(participant_id)
    if participant is None or user is None:
        raise NotFound("participant_not_found", "No such participant.")
    if not _may_book(user, participant):
        raise Forbidden("forbidden", "You may only cancel your own sign-ups or your delegation's.")
    xact_lock(LockNamespace.SIGNUPS, participant_id)
    session = _lock_session(session_id)
    row = db.session.scalar(
        select(Signup).where(
            Signup.session_id == session_id, Signup.participant_id == participant_id, Signup.status.in_(ACTIVE)
        )
    )
    if row is None:
        raise NotFound("not_signed_up", f"{participant.display_name} is not signed up for this session.")
    _cancel_row(row, session, now)
    db.session.commit()
    return row


def promote_waiting(session: ConferenceSession, now: dt.datetime | None = None) -> list[Signup]:
    """Fill free seats from the waiting list in order of request, mailing each person (no commit)."""
    now = now or utcnow()
    session = _lock_session(session.id)
    capacity = session.effective_capacity
    free = None if capacity is None else capacity - _confirmed(session.id)
    stmt = (
        select(Signup)
        .where(Signup.session_id == session.id, Signup.status == SignupStatus.WAITLISTED)
        .order_by(Signup.requested_at, Signup.id)
        .with_for_update()
    )
    if free is not None:
        if free <= 0:
            return []
        stmt = stmt.limit(free)
    promoted = list(db.session.scalars(stmt))
    for row in promoted:
        row.status = SignupStatus.CONFIRMED.value
        row.confirmed_at = now
        audit.record(
            "signup.promote",
            "session",
            session.id,
            before={"participant_id": row.participant_id, "status": "waitlisted"},
            after={"participant_id": row.participant_id, "status": "confirmed"},
        )
        participant = db.session.get(Participant, row.participant_id)
        address = _mail_address(participant) if participant else None
        if address:
            queue_mail(
                address,
                f"A seat is yours: {session.title_en}",
                f"Dear {participant.display_name},\n\n"
                f"A seat has freed up and you are now confirmed for “{session.title_en}” on "
                f"{to_venue(session.starts_at):%A %d %B, %H:%M}–{to_venue(session.ends_at):%H:%M} (venue time)"
                f"{' in ' + session.room.name if session.room else ''}.\n\n"
                "If you can no longer attend, please cancel so that the next person can have the seat.\n",
                topic="agenda.promotion",
            )
    db.session.flush()
    return promoted


def cancel_all_for(participant_id: int, reason: str) -> int:
    """Cancel every active sign-up of a participant (e.g. their accreditation was withdrawn). No commit."""
    now = utcnow()
    rows = list(
        db.session.scalars(select(Signup).where(Signup.participant_id == participant_id, Signup.status.in_(ACTIVE)))
    )
    for row in rows:
        _cancel_row(row, _lock_session(row.session_id), now, reason=reason)
    return len(rows)


def signups_of(participant_ids: list[int]) -> list[Signup]:
    """Active sign-ups of these participants, with their sessions, in time order."""
    if not participant_ids:
        return []
    return list(
        db.session.scalars(
            select(Signup)
            .join(ConferenceSession, ConferenceSession.id == Signup.session_id)
            .where(Signup.participant_id.in_(participant_ids), Signup.status.in_(ACTIVE))
            .options(joinedload(Signup.session).joinedload(ConferenceSession.room))
            .order_by(ConferenceSession.starts_at)
        )
    )


def attendees(session_id: int) -> list:
    """Who holds a seat or waits, in queue order (for organisers)."""
    return list(
        db.session.execute(
            select(Signup, Participant)
            .join(Participant, Participant.id == Signup.participant_id)
            .where(Signup.session_id == session_id, Signup.status.in_(ACTIVE))
            .order_by(Signup.status, Signup.requested_at, Signup.id)
        ).all()
    )
