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

from conference.accounts.queries import user_brief
from conference.agenda.access import is_officer
from conference.agenda.errors import AgendaError
from conference.agenda.models import ConferenceSession, Signup, SignupStatus
from conference.core import audit
from conference.core.db import utcnow
from conference.core.errors import DomainError
from conference.core.locks import LockNamespace, xact_lock
from conference.core.mail import queue_mail
from conference.core.timeutil import to_venue
from conference.extensions import db
from conference.registration.enums import AccreditationStatus
from conference.registration.errors import RegistrationError
from conference.registration.queries import (
    ParticipantBrief,
    members_of_focal_point,
    participant_brief,
    participant_briefs,
    participant_of_user,
)

ACTIVE = (SignupStatus.CONFIRMED.value, SignupStatus.WAITLISTED.value)
# Sign-up opens once a registration is complete: submitted (under review) or approved.
MAY_SIGN_UP = frozenset({AccreditationStatus.SUBMITTED.value, AccreditationStatus.APPROVED.value})


@dataclass(frozen=True)
class SeatCount:
    confirmed: int
    waitlisted: int


def bookable_participants(user_id: int) -> list[ParticipantBrief]:
    """Whom a user may sign up: themselves, and the members of delegations they are focal point of."""
    people: dict[int, ParticipantBrief] = {}
    own = participant_of_user(user_id)
    if own is not None:
        people[own.id] = own
    for member in members_of_focal_point(user_id):
        people[member.id] = member
    return list(people.values())


def _booking_for(participant_id: int, user_id: int) -> ParticipantBrief:
    """The participant a user books or cancels for; refused when it is not theirs to book."""
    participant = participant_brief(participant_id)
    if participant is None or user_brief(user_id) is None:
        raise DomainError(RegistrationError.PARTICIPANT_NOT_FOUND)
    if not is_officer(user_id) and all(p.id != participant.id for p in bookable_participants(user_id)):
        raise DomainError(AgendaError.NOT_YOURS_TO_BOOK)
    return participant


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
        raise DomainError(AgendaError.SESSION_NOT_FOUND)
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


def _mail_address(participant: ParticipantBrief) -> str | None:
    if participant.email:
        return participant.email
    user = user_brief(participant.user_id)
    return user.email if user else None


def _when(session: ConferenceSession) -> str:
    return f"{to_venue(session.starts_at):%d %b %H:%M}–{to_venue(session.ends_at):%H:%M}"


def _bookable_session(session_id: int, participant: ParticipantBrief) -> tuple[ConferenceSession, Signup | None]:
    """The session and the participant's earlier sign-up row, refused when this booking cannot be made.

    Run under the participant's advisory lock: nothing here depends on other people's bookings.
    """
    session = db.session.get(ConferenceSession, session_id, options=[joinedload(ConferenceSession.room)])
    if session is None:
        raise DomainError(AgendaError.SESSION_NOT_FOUND)
    if not session.needs_signup:
        raise DomainError(AgendaError.NO_SIGNUP)
    row = db.session.scalar(
        select(Signup).where(Signup.session_id == session_id, Signup.participant_id == participant.id)
    )
    if row is not None and row.status in ACTIVE:
        raise DomainError(AgendaError.ALREADY_SIGNED_UP, name=participant.display_name)
    clash = db.session.scalar(
        select(ConferenceSession)
        .join(Signup, Signup.session_id == ConferenceSession.id)
        .where(
            Signup.participant_id == participant.id,
            Signup.status.in_(ACTIVE),
            ConferenceSession.id != session_id,
            ConferenceSession.starts_at < session.ends_at,
            ConferenceSession.ends_at > session.starts_at,
        )
        .limit(1)
    )
    if clash is not None:
        raise DomainError(AgendaError.OVERLAP, name=participant.display_name, title=clash.title_en, when=_when(clash))
    return session, row


def sign_up(session_id: int, participant_id: int, user_id: int, now: dt.datetime | None = None) -> Signup:
    """Take a seat for ``participant_id`` (or a place on the waiting list when the session is full).

    Fails with ``participant_not_found``, ``session_not_found``, ``not_yours_to_book``, ``not_accredited``
    (registration not submitted or approved), ``no_signup`` (session open without sign-up),
    ``already_signed_up``, ``overlap`` (already booked or waiting at the same time).
    """
    now = now or utcnow()
    participant = _booking_for(participant_id, user_id)
    if participant.status not in MAY_SIGN_UP:
        raise DomainError(AgendaError.NOT_ACCREDITED, name=participant.display_name)
    xact_lock(LockNamespace.SIGNUPS, participant_id)
    session, row = _bookable_session(session_id, participant)
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
        with db.session.begin_nested():
            db.session.flush()
    except IntegrityError as exc:
        raise DomainError(AgendaError.ALREADY_SIGNED_UP, name=participant.display_name) from exc
    audit.record(
        "signup.create",
        "session",
        session_id,
        after={"participant_id": participant_id, "status": row.status},
    )
    return row


def _cancel_row(row: Signup, session: ConferenceSession, now: dt.datetime, reason: str | None = None) -> None:
    """Cancel one active sign-up and give a freed seat to the next in line."""
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
    participant = _booking_for(participant_id, user_id)
    xact_lock(LockNamespace.SIGNUPS, participant_id)
    session = _lock_session(session_id)
    row = db.session.scalar(
        select(Signup).where(
            Signup.session_id == session_id, Signup.participant_id == participant_id, Signup.status.in_(ACTIVE)
        )
    )
    if row is None:
        raise DomainError(AgendaError.NOT_SIGNED_UP, name=participant.display_name)
    _cancel_row(row, session, now)
    return row


def promote_waiting(session: ConferenceSession, now: dt.datetime | None = None) -> list[Signup]:
    """Fill free seats from the waiting list in order of request, mailing each person."""
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
        participant = participant_brief(row.participant_id)
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
    """Cancel every active sign-up of a participant (e.g. their accreditation was withdrawn)."""
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


def attendees(session_id: int) -> list[tuple[Signup, ParticipantBrief]]:
    """Who holds a seat or waits, in queue order (for organisers)."""
    rows = list(
        db.session.scalars(
            select(Signup)
            .where(Signup.session_id == session_id, Signup.status.in_(ACTIVE))
            .order_by(Signup.status, Signup.requested_at, Signup.id)
        )
    )
    people = participant_briefs(row.participant_id for row in rows)
    return [(row, people[row.participant_id]) for row in rows if row.participant_id in people]
