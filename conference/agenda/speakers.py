"""The list of speakers of the high-level plenary: inscription, protocol order, running the floor.

Order: by hand-set position when a protocol officer has reordered, otherwise states before
observers before organisations, then level (Head of State first), then time of inscription.
Changes to one list are serialised by locking its ``lists_of_speakers`` row.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.exc import IntegrityError

from conference.accounts.queries import user_brief
from conference.agenda.access import is_officer
from conference.agenda.errors import AgendaError
from conference.agenda.models import (
    ConferenceSession,
    InscriptionStatus,
    ListOfSpeakers,
    SessionKind,
    SpeakerInscription,
    SpeakerLevel,
)
from conference.core import audit
from conference.core.db import utcnow
from conference.core.errors import DomainError
from conference.extensions import db
from conference.registration.enums import DelegationType
from conference.registration.errors import RegistrationError
from conference.registration.queries import delegation_brief

LEVEL_RANK = {level.value: rank for rank, level in enumerate(SpeakerLevel)}
STATES = {DelegationType.MEMBER_STATE, DelegationType.HOST_COUNTRY}
OBSERVERS = {DelegationType.OBSERVER_STATE, DelegationType.REIO}


def group_rank(delegation_type: str) -> int:
    """0 states, 1 observers (observer states, the EU), 2 organisations and others."""
    if delegation_type in STATES:
        return 0
    if delegation_type in OBSERVERS:
        return 1
    return 2


def plenaries() -> list[ConferenceSession]:
    return list(
        db.session.scalars(
            select(ConferenceSession)
            .where(ConferenceSession.kind == SessionKind.PLENARY)
            .order_by(ConferenceSession.starts_at)
        )
    )


def get_plenary(session_id: int) -> ConferenceSession:
    session = db.session.get(ConferenceSession, session_id)
    if session is None or session.kind != SessionKind.PLENARY:
        raise DomainError(AgendaError.PLENARY_NOT_FOUND)
    return session


def _lock_list(session_id: int) -> ListOfSpeakers:
    """The list's row, locked (created on first use; ON CONFLICT makes parallel first uses safe)."""
    get_plenary(session_id)
    db.session.execute(
        insert(ListOfSpeakers)
        .values(session_id=session_id, time_limit_seconds=300, timer_elapsed_seconds=0)
        .on_conflict_do_nothing(index_elements=["session_id"])
    )
    return db.session.scalar(
        select(ListOfSpeakers)
        .where(ListOfSpeakers.session_id == session_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )


def get_list(session_id: int) -> ListOfSpeakers:
    get_plenary(session_id)
    return db.session.get(ListOfSpeakers, session_id) or ListOfSpeakers(
        session_id=session_id, time_limit_seconds=300, timer_elapsed_seconds=0
    )


def _sort_key(i: SpeakerInscription) -> tuple:
    return (
        i.position is None,
        i.position or 0,
        i.group_rank,
        LEVEL_RANK.get(i.level, 99),
        i.inscribed_at,
        i.id,
    )


def ordered(session_id: int) -> list[SpeakerInscription]:
    """Every inscription of the session, in speaking order (spoken and withdrawn ones included)."""
    rows = db.session.scalars(select(SpeakerInscription).where(SpeakerInscription.session_id == session_id))
    return sorted(rows, key=_sort_key)


def inscriptions_of(delegation_ids: list[int]) -> list[SpeakerInscription]:
    if not delegation_ids:
        return []
    return list(
        db.session.scalars(
            select(SpeakerInscription)
            .where(SpeakerInscription.delegation_id.in_(delegation_ids))
            .order_by(SpeakerInscription.inscribed_at)
        )
    )


def inscribe(
    session_id: int,
    delegation_id: int,
    user_id: int,
    speaker_name: str,
    speaker_title: str,
    level: str,
    now: dt.datetime | None = None,
) -> SpeakerInscription:
    """Put a delegation on a plenary's list of speakers. Once per delegation and session
    (``already_inscribed``, guaranteed by a unique constraint); only its focal point (``not_focal_point``)."""
    delegation = delegation_brief(delegation_id)
    if delegation is None or user_brief(user_id) is None:
        raise DomainError(RegistrationError.DELEGATION_NOT_FOUND)
    if delegation.focal_point_id != user_id and not is_officer(user_id):
        raise DomainError(AgendaError.NOT_THE_FOCAL_POINT)
    if level not in LEVEL_RANK:
        raise DomainError(AgendaError.BAD_LEVEL, fields={"level": AgendaError.BAD_LEVEL.message})
    if not speaker_name.strip():
        raise DomainError(AgendaError.SPEAKER_REQUIRED, fields={"speaker_name": AgendaError.SPEAKER_REQUIRED.message})
    _lock_list(session_id)
    existing = db.session.scalar(
        select(SpeakerInscription).where(
            SpeakerInscription.session_id == session_id, SpeakerInscription.delegation_id == delegation_id
        )
    )
    if existing is not None:
        raise DomainError(AgendaError.ALREADY_INSCRIBED, delegation=delegation.name)
    row = SpeakerInscription(
        session_id=session_id,
        delegation_id=delegation_id,
        delegation_name=delegation.name,
        group_rank=group_rank(delegation.type),
        speaker_name=speaker_name.strip(),
        speaker_title=speaker_title.strip(),
        level=level,
        inscribed_at=now or utcnow(),
        status=InscriptionStatus.INSCRIBED.value,
        inscribed_by_id=user_id,
    )
    try:
        with db.session.begin_nested():
            db.session.add(row)
            db.session.flush()
    except IntegrityError as exc:
        raise DomainError(AgendaError.ALREADY_INSCRIBED, delegation=delegation.name) from exc
    audit.record(
        "speakers.inscribe",
        "session",
        session_id,
        after={"delegation": delegation.name, "speaker": row.speaker_name, "level": level},
    )
    return row


def _inscription(inscription_id: int) -> SpeakerInscription:
    row = db.session.get(SpeakerInscription, inscription_id)
    if row is None:
        raise DomainError(AgendaError.INSCRIPTION_NOT_FOUND)
    return row


def move(inscription_id: int, offset: int, reason: str | None = None) -> list[SpeakerInscription]:
    """Move one speaker up (``-1``) or down (``+1``) by hand; every position is then fixed and audited."""
    row = _inscription(inscription_id)
    _lock_list(row.session_id)
    order = ordered(row.session_id)
    index = next(n for n, item in enumerate(order) if item.id == row.id)
    target = index + offset
    if not 0 <= target < len(order):
        raise DomainError(AgendaError.CANNOT_MOVE, name=row.delegation_name)
    before = [i.delegation_name for i in order]
    order[index], order[target] = order[target], order[index]
    for position, item in enumerate(order, start=1):
        item.position = position
    audit.record(
        "speakers.reorder",
        "session",
        row.session_id,
        before={"order": before},
        after={"order": [i.delegation_name for i in order]},
        reason=reason or f"{row.delegation_name} moved {'up' if offset < 0 else 'down'} by hand",
    )
    return order


def set_order(session_id: int, inscription_ids: list[int]) -> list[SpeakerInscription]:
    """Put the whole list in the given order by hand (dragged in the console); audited."""
    _lock_list(session_id)
    order = ordered(session_id)
    by_id = {i.id: i for i in order}
    if sorted(inscription_ids) != sorted(by_id):
        raise DomainError(AgendaError.STALE_ORDER)
    wanted = [by_id[i] for i in inscription_ids]
    for position, item in enumerate(wanted, start=1):
        item.position = position
    audit.record(
        "speakers.reorder",
        "session",
        session_id,
        before={"order": [i.delegation_name for i in order]},
        after={"order": [i.delegation_name for i in wanted]},
        reason="reordered by hand",
    )
    return wanted


def reset_order(session_id: int) -> None:
    """Back to protocol order (drops the hand-set positions)."""
    _lock_list(session_id)
    for item in ordered(session_id):
        item.position = None
    audit.record("speakers.reorder", "session", session_id, reason="back to protocol order")


def set_time_limit(session_id: int, seconds: int) -> ListOfSpeakers:
    if not 30 <= seconds <= 1800:
        raise DomainError(AgendaError.BAD_TIME_LIMIT, fields={"minutes": AgendaError.BAD_TIME_LIMIT.message})
    los = _lock_list(session_id)
    before = los.time_limit_seconds
    los.time_limit_seconds = seconds
    audit.record("speakers.time_limit", "session", session_id, before={"seconds": before}, after={"seconds": seconds})
    return los


def _elapsed(los: ListOfSpeakers, now: dt.datetime) -> int:
    running = int((now - los.timer_started_at).total_seconds()) if los.timer_started_at else 0
    return los.timer_elapsed_seconds + running


def next_speaker(session_id: int, now: dt.datetime | None = None) -> SpeakerInscription | None:
    """Close the current statement (spoken) and give the floor to the next inscribed speaker, timer reset."""
    now = now or utcnow()
    los = _lock_list(session_id)
    if los.current_id is not None:
        current = _inscription(los.current_id)
        if current.status == InscriptionStatus.SPEAKING:
            current.status = InscriptionStatus.SPOKEN.value
            current.spoke_at = current.spoke_at or now
    upcoming = next((i for i in ordered(session_id) if i.status == InscriptionStatus.INSCRIBED), None)
    los.current_id = upcoming.id if upcoming else None
    los.timer_started_at = None
    los.timer_elapsed_seconds = 0
    if upcoming is not None:
        upcoming.status = InscriptionStatus.SPEAKING.value
        upcoming.spoke_at = now
    audit.record(
        "speakers.next", "session", session_id, after={"speaker": upcoming.delegation_name if upcoming else None}
    )
    return upcoming


def start_timer(session_id: int, now: dt.datetime | None = None) -> ListOfSpeakers:
    los = _lock_list(session_id)
    if los.current_id is None:
        raise DomainError(AgendaError.NOBODY_SPEAKING)
    if los.timer_started_at is None:
        los.timer_started_at = now or utcnow()
        audit.record("speakers.timer_start", "session", session_id)
    return los


def stop_timer(session_id: int, now: dt.datetime | None = None) -> ListOfSpeakers:
    los = _lock_list(session_id)
    if los.timer_started_at is not None:
        los.timer_elapsed_seconds = _elapsed(los, now or utcnow())
        los.timer_started_at = None
        audit.record("speakers.timer_stop", "session", session_id, after={"elapsed": los.timer_elapsed_seconds})
    return los


def mark(inscription_id: int, status: str, user_id: int, now: dt.datetime | None = None) -> SpeakerInscription:
    """Mark a speaker as spoken or withdrawn (a focal point may withdraw their own delegation)."""
    if status not in (InscriptionStatus.SPOKEN, InscriptionStatus.WITHDRAWN):
        raise DomainError(AgendaError.BAD_STATUS)
    row = _inscription(inscription_id)
    delegation = delegation_brief(row.delegation_id)
    own_withdrawal = status == InscriptionStatus.WITHDRAWN and delegation and delegation.focal_point_id == user_id
    if not own_withdrawal and not is_officer(user_id):
        raise DomainError(AgendaError.OFFICERS_ONLY)
    los = _lock_list(row.session_id)
    before = row.status
    row.status = status
    if los.current_id == row.id:
        los.current_id = None
        los.timer_started_at = None
        los.timer_elapsed_seconds = 0
    audit.record(
        "speakers.mark",
        "session",
        row.session_id,
        before={"delegation": row.delegation_name, "status": before},
        after={"delegation": row.delegation_name, "status": status},
    )
    return row


def _public(i: SpeakerInscription) -> dict:
    return {
        "id": i.id,
        "delegation": i.delegation_name,
        "speaker": i.speaker_name,
        "title": i.speaker_title,
        "level": i.level,
        "level_label": SpeakerLevel(i.level).label,
        "status": i.status,
    }


def screen_state(session_id: int, now: dt.datetime | None = None) -> dict:
    """What the room screen shows: who speaks, the time left, who is next."""
    now = now or utcnow()
    session = get_plenary(session_id)
    los = get_list(session_id)
    order = ordered(session_id)
    current = next((i for i in order if i.id == los.current_id), None)
    upcoming = [i for i in order if i.status == InscriptionStatus.INSCRIBED]
    elapsed = _elapsed(los, now)
    return {
        "session": {"id": session.id, "code": session.code, "title": session.title_en},
        "time_limit_seconds": los.time_limit_seconds,
        "current": _public(current) if current else None,
        "timer": {
            "running": los.timer_started_at is not None,
            "elapsed_seconds": elapsed,
            "remaining_seconds": los.time_limit_seconds - elapsed,
        },
        "next": [_public(i) for i in upcoming[:3]],
        "remaining_speakers": len(upcoming),
        "spoken": sum(1 for i in order if i.status == InscriptionStatus.SPOKEN),
    }
