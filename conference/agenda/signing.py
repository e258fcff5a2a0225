"""The signing of the Convention: declarations of intention, full powers, slots, signatures.

Heads of State, Heads of Government and Ministers for Foreign Affairs sign without further papers;
anyone else needs full powers verified by a protocol officer before a signature can be recorded.
A party signs once: ``signatures.party_code`` is unique.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from conference.accounts.queries import user_brief
from conference.agenda.access import is_officer
from conference.agenda.errors import AgendaError
from conference.agenda.models import (
    SIGNS_WITHOUT_FULL_POWERS,
    ConferenceSession,
    FullPowersStatus,
    SessionKind,
    SignatoryLevel,
    Signature,
    SigningDeclaration,
)
from conference.core import audit
from conference.core.db import utcnow
from conference.core.errors import CoreError, DomainError
from conference.core.uploads import check_pdf, save_bytes
from conference.extensions import db
from conference.registration.enums import DelegationType
from conference.registration.errors import RegistrationError
from conference.registration.queries import DelegationBrief, delegation_brief, delegations

MAX_FULL_POWERS_BYTES = 10 * 1024 * 1024
HOST_ISO3 = "VNM"
SIGNING_PARTIES = {
    DelegationType.MEMBER_STATE,
    DelegationType.OBSERVER_STATE,
    DelegationType.REIO,
    DelegationType.HOST_COUNTRY,
}
LEVEL_RANK = {level.value: rank for rank, level in enumerate(SignatoryLevel)}


def ceremony_session() -> ConferenceSession | None:
    """The first session of kind ``signing`` (the ceremony the slots belong to)."""
    return db.session.scalar(
        select(ConferenceSession)
        .where(ConferenceSession.kind == SessionKind.SIGNING)
        .order_by(ConferenceSession.starts_at)
        .limit(1)
    )


def needs_full_powers(level: str) -> bool:
    return level not in SIGNS_WITHOUT_FULL_POWERS


def _party(delegation: DelegationBrief) -> tuple[str, str]:
    code = delegation.party_code
    if delegation.type not in SIGNING_PARTIES or not code:
        raise DomainError(AgendaError.NOT_A_SIGNING_PARTY)
    return code, delegation.party_name


def signing_delegations(user_id: int) -> list[DelegationBrief]:
    """The delegations this user may declare for (their own, as focal point; every one for officers)."""
    return delegations(SIGNING_PARTIES, focal_point_id=None if is_officer(user_id) else user_id)


def _owned_delegation(delegation_id: int, user_id: int) -> DelegationBrief:
    delegation = delegation_brief(delegation_id)
    if delegation is None or user_brief(user_id) is None:
        raise DomainError(RegistrationError.DELEGATION_NOT_FOUND)
    if delegation.focal_point_id != user_id and not is_officer(user_id):
        raise DomainError(AgendaError.NOT_THE_FOCAL_POINT)
    return delegation


def declaration_for(delegation_id: int) -> SigningDeclaration | None:
    return db.session.scalar(select(SigningDeclaration).where(SigningDeclaration.delegation_id == delegation_id))


def get_declaration(declaration_id: int) -> SigningDeclaration:
    row = db.session.get(SigningDeclaration, declaration_id)
    if row is None:
        raise DomainError(AgendaError.DECLARATION_NOT_FOUND)
    return row


def signature_of(party_code: str) -> Signature | None:
    return db.session.scalar(select(Signature).where(Signature.party_code == party_code))


def declare(
    delegation_id: int,
    user_id: int,
    signatory_name: str,
    signatory_title: str,
    level: str,
    now: dt.datetime | None = None,
) -> SigningDeclaration:
    """Declare (or change) who will sign for a State or the EU. A new signatory who needs full powers
    must upload them again. Refused once the party has signed (``already_signed``)."""
    delegation = _owned_delegation(delegation_id, user_id)
    code, name = _party(delegation)
    if level not in LEVEL_RANK:
        raise DomainError(AgendaError.BAD_LEVEL, fields={"level": AgendaError.BAD_LEVEL.message})
    if not signatory_name.strip() or not signatory_title.strip():
        raise DomainError(AgendaError.SIGNATORY_REQUIRED)
    if signature_of(code) is not None:
        raise DomainError(AgendaError.ALREADY_SIGNED, party=name)
    row = db.session.scalar(select(SigningDeclaration).where(SigningDeclaration.party_code == code).with_for_update())
    before = None
    if row is None:
        row = SigningDeclaration(party_code=code, party_name=name, declared_at=now or utcnow())
        db.session.add(row)
    else:
        before = audit.snapshot(row, ("signatory_name", "signatory_title", "level", "full_powers_status"))
    changed_person = row.signatory_name != signatory_name.strip() or row.level != level
    row.delegation_id = delegation.id
    row.is_host = code == HOST_ISO3 or delegation.type == DelegationType.HOST_COUNTRY
    row.signatory_name = signatory_name.strip()
    row.signatory_title = signatory_title.strip()
    row.level = level
    if not needs_full_powers(level):
        row.full_powers_status = FullPowersStatus.NOT_NEEDED.value
    elif changed_person or row.full_powers_status in (None, FullPowersStatus.NOT_NEEDED):
        row.full_powers_status = FullPowersStatus.MISSING.value
        row.full_powers_path = None
        row.full_powers_reason = None
    try:
        with db.session.begin_nested():
            db.session.flush()
    except IntegrityError as exc:
        raise DomainError(AgendaError.ALREADY_DECLARED, party=name) from exc
    after = audit.snapshot(row, ("signatory_name", "signatory_title", "level", "full_powers_status"))
    audit.record("signing.declare", "signing_declaration", row.id, before=before, after=after)
    return row


def upload_full_powers(declaration_id: int, user_id: int, data: bytes) -> SigningDeclaration:
    """Store the instrument of full powers (a PDF) for a signatory who needs one."""
    row = get_declaration(declaration_id)
    _owned_delegation(row.delegation_id, user_id)
    if not needs_full_powers(row.level):
        raise DomainError(AgendaError.FULL_POWERS_NOT_NEEDED)
    if signature_of(row.party_code) is not None:
        raise DomainError(AgendaError.ALREADY_SIGNED, party=row.party_name)
    check_pdf(data, max_bytes=MAX_FULL_POWERS_BYTES)
    row.full_powers_path = save_bytes(data, "full_powers", ".pdf")
    row.full_powers_status = FullPowersStatus.SUBMITTED.value
    row.full_powers_reason = None
    audit.record("signing.full_powers_upload", "signing_declaration", row.id, after={"status": "submitted"})
    return row


def review_full_powers(declaration_id: int, user_id: int, verified: bool, reason: str = "") -> SigningDeclaration:
    """A protocol officer verifies the full powers, or rejects them with a reason (``reason_required``)."""
    row = db.session.scalar(select(SigningDeclaration).where(SigningDeclaration.id == declaration_id).with_for_update())
    if row is None:
        raise DomainError(AgendaError.DECLARATION_NOT_FOUND)
    if row.full_powers_status not in (FullPowersStatus.SUBMITTED, FullPowersStatus.VERIFIED):
        raise DomainError(AgendaError.NO_FULL_POWERS)
    if not verified and not reason.strip():
        raise DomainError(CoreError.REASON_REQUIRED, fields={"reason": CoreError.REASON_REQUIRED.message})
    before = row.full_powers_status
    row.full_powers_status = (FullPowersStatus.VERIFIED if verified else FullPowersStatus.REJECTED).value
    row.full_powers_reason = None if verified else reason.strip()
    row.full_powers_checked_by_id = user_id
    audit.record(
        "signing.full_powers_review",
        "signing_declaration",
        row.id,
        before={"status": before},
        after={"status": row.full_powers_status},
        reason=row.full_powers_reason,
    )
    return row


def _order_key(d: SigningDeclaration) -> tuple:
    return (not d.is_host, d.slot_position is None, d.slot_position or 0, LEVEL_RANK.get(d.level, 99), d.declared_at)


def declarations() -> list[SigningDeclaration]:
    """Every declaration in signing order: the host first, then hand order, then level and declaration time."""
    return sorted(db.session.scalars(select(SigningDeclaration)), key=_order_key)


def move_slot(declaration_id: int, offset: int) -> list[SigningDeclaration]:
    """Move a party up or down the signing order by hand (the host stays first)."""
    order = declarations()
    index = next((n for n, d in enumerate(order) if d.id == declaration_id), None)
    if index is None:
        raise DomainError(AgendaError.DECLARATION_NOT_FOUND)
    target = index + offset
    if not 0 <= target < len(order):
        raise DomainError(AgendaError.CANNOT_MOVE, name=order[index].party_name)
    if order[index].is_host or order[target].is_host:
        raise DomainError(AgendaError.HOST_FIRST)
    before = [d.party_code for d in order]
    order[index], order[target] = order[target], order[index]
    for position, d in enumerate(order, start=1):
        d.slot_position = position
    audit.record(
        "signing.reorder",
        "signing",
        None,
        before={"order": before},
        after={"order": [d.party_code for d in order]},
        reason="reordered by hand",
    )
    return order


def set_order(declaration_ids: list[int]) -> list[SigningDeclaration]:
    """Put every party in the given order by hand (dragged on the signing desk). The host signs first."""
    order = declarations()
    by_id = {d.id: d for d in order}
    if sorted(declaration_ids) != sorted(by_id):
        raise DomainError(AgendaError.STALE_ORDER)
    wanted = [by_id[i] for i in declaration_ids]
    hosts = [d for d in wanted if d.is_host]
    if hosts and wanted[: len(hosts)] != hosts:
        raise DomainError(AgendaError.HOST_FIRST)
    for position, d in enumerate(wanted, start=1):
        d.slot_position = position
    audit.record(
        "signing.reorder",
        "signing",
        None,
        before={"order": [d.party_code for d in order]},
        after={"order": [d.party_code for d in wanted]},
        reason="reordered by hand",
    )
    return wanted


def schedule_slots(starts_at: dt.datetime, minutes: int) -> list[SigningDeclaration]:
    """Give every party that has not signed yet a slot of ``minutes`` from ``starts_at``, in signing order."""
    if not 1 <= minutes <= 30:
        raise DomainError(AgendaError.BAD_SLOT_LENGTH, fields={"minutes": AgendaError.BAD_SLOT_LENGTH.message})
    signed = set(db.session.scalars(select(Signature.party_code)))
    order = [d for d in declarations() if d.party_code not in signed]
    for n, d in enumerate(order):
        d.slot_starts_at = starts_at + dt.timedelta(minutes=n * minutes)
        d.slot_minutes = minutes
    audit.record(
        "signing.schedule",
        "signing",
        None,
        after={"starts_at": starts_at, "minutes": minutes, "parties": [d.party_code for d in order]},
    )
    return order


def record_signature(declaration_id: int, user_id: int, signed_at: dt.datetime | None = None) -> Signature:
    """Record that the declared signatory has signed. Refused without verified full powers where
    needed (``full_powers_not_verified``) and a second time for the same party (``already_signed``,
    guaranteed by the unique constraint)."""
    row = db.session.scalar(select(SigningDeclaration).where(SigningDeclaration.id == declaration_id).with_for_update())
    if row is None:
        raise DomainError(AgendaError.DECLARATION_NOT_FOUND)
    if needs_full_powers(row.level) and row.full_powers_status != FullPowersStatus.VERIFIED:
        level = SignatoryLevel(row.level).label
        raise DomainError(AgendaError.FULL_POWERS_NOT_VERIFIED, signatory=row.signatory_name, level=level)
    if signature_of(row.party_code) is not None:
        raise DomainError(AgendaError.ALREADY_SIGNED, party=row.party_name)
    signature = Signature(
        party_code=row.party_code,
        party_name=row.party_name,
        declaration_id=row.id,
        signed_at=signed_at or utcnow(),
        signatory_name=row.signatory_name,
        signatory_title=row.signatory_title,
        level=row.level,
        recorded_by_id=user_id,
    )
    try:
        with db.session.begin_nested():
            db.session.add(signature)
            db.session.flush()
    except IntegrityError as exc:
        raise DomainError(AgendaError.ALREADY_SIGNED, party=row.party_name) from exc
    audit.record(
        "signing.sign",
        "signature",
        signature.id,
        after={"party": row.party_code, "signatory": row.signatory_name, "level": row.level},
    )
    return signature


def signatures() -> list[Signature]:
    return list(db.session.scalars(select(Signature).order_by(Signature.signed_at, Signature.id)))


def signature_count() -> int:
    return db.session.scalar(select(func.count()).select_from(Signature)) or 0
