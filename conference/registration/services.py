"""Registration services. Other domains read participants and delegations only through these.

Write services take plain values and the acting user's id, check who may act (``access.py``),
record an audit entry, queue mail where someone must know, and flush: the request, command or job that
called them commits. Refusals come from ``errors.py``. Field checks and the duplicate guard are in
``records.py`` (the record's schema in ``schemas.py``), photos in ``photos.py``, personal links in ``links.py``, the
workflow in ``workflow.py``, the bulk import in ``importer.py``, privacy in ``privacy.py``.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from conference.accounts import queries as accounts_queries
from conference.accounts import services as accounts
from conference.accounts.roles import Role
from conference.core import audit, uploads
from conference.core.db import utcnow
from conference.core.errors import DomainError
from conference.core.locks import LockNamespace, xact_lock
from conference.core.models import AuditEntry
from conference.core.signals import accreditation_changed, badge_details_changed
from conference.extensions import db
from conference.registration import access
from conference.registration.errors import RegistrationError
from conference.registration.models import (
    AccreditationStatus,
    Category,
    Country,
    Delegation,
    DelegationType,
    Document,
    DocumentKind,
    Organisation,
    Participant,
    Zone,
)
from conference.registration.records import (
    BADGE_FIELDS,
    as_text,
    clean_record,
    duplicate_guarded,
    guard_duplicates,
    invalid,
)
from conference.registration.schemas import RECORD_FIELDS, SENSITIVE

PDF_MAX_BYTES = 10 * 1024 * 1024
STATE_TYPES = frozenset({DelegationType.MEMBER_STATE, DelegationType.OBSERVER_STATE, DelegationType.HOST_COUNTRY})
ORGANISATION_TYPES = frozenset({DelegationType.REIO, DelegationType.IGO, DelegationType.UN_ENTITY})
INDIVIDUAL_TYPES = frozenset(
    {DelegationType.MEDIA, DelegationType.NGO, DelegationType.ACADEMIA, DelegationType.PRIVATE_SECTOR}
)
# The documents a delegation of each type must upload before it submits.
REQUIRED_DOCUMENTS: dict[str, tuple[str, ...]] = {
    **{t: (DocumentKind.NOTE_VERBALE,) for t in STATE_TYPES},
    **{t: (DocumentKind.NOMINATION_LETTER,) for t in ORGANISATION_TYPES},
    DelegationType.NGO: (DocumentKind.NOMINATION_LETTER,),
    DelegationType.ACADEMIA: (DocumentKind.NOMINATION_LETTER,),
    DelegationType.PRIVATE_SECTOR: (DocumentKind.NOMINATION_LETTER,),
    DelegationType.MEDIA: (DocumentKind.LETTER_OF_ASSIGNMENT, DocumentKind.PRESS_CARD),
}
# The category a new member of each type of delegation starts with.
DEFAULT_CATEGORY = {
    DelegationType.MEMBER_STATE: "delegate",
    DelegationType.OBSERVER_STATE: "observer",
    DelegationType.HOST_COUNTRY: "host_country",
    DelegationType.REIO: "observer",
    DelegationType.IGO: "igo",
    DelegationType.UN_ENTITY: "un_system",
    DelegationType.NGO: "ngo",
    DelegationType.PRIVATE_SECTOR: "private_sector",
    DelegationType.ACADEMIA: "academia",
    DelegationType.MEDIA: "media",
}
# --- reads used by other domains (keep names and signatures) -------------------------------------


def get_participant(participant_id: int) -> Participant | None:
    return db.session.get(
        Participant,
        participant_id,
        options=[joinedload(Participant.delegation), joinedload(Participant.category)],
    )


def participant_for_user(user_id: int) -> Participant | None:
    """The participant record a user account is linked to (a participant's own login)."""
    return db.session.scalar(select(Participant).where(Participant.user_id == user_id).limit(1))


def delegations_of_focal_point(user_id: int) -> list[Delegation]:
    return list(db.session.scalars(select(Delegation).where(Delegation.focal_point_id == user_id)))


def members_of(delegation_id: int) -> list[Participant]:
    return list(
        db.session.scalars(
            select(Participant)
            .where(Participant.delegation_id == delegation_id)
            .order_by(Participant.family_name, Participant.given_names)
        )
    )


def is_approved(participant: Participant) -> bool:
    return participant.status == AccreditationStatus.APPROVED


def get_category(code: str) -> Category | None:
    return db.session.get(Category, code)


# --- reference lists -------------------------------------------------------------------------------


def categories() -> list[Category]:
    return list(db.session.scalars(select(Category).order_by(Category.sort_order)))


def zones() -> list[tuple[str, str]]:
    """(code, name) of every access zone, for other domains' forms."""
    return [(z.code, z.name) for z in db.session.scalars(select(Zone).order_by(Zone.code))]


def countries() -> list[Country]:
    return list(db.session.scalars(select(Country).order_by(Country.name)))


def organisations() -> list[Organisation]:
    return list(db.session.scalars(select(Organisation).order_by(Organisation.name)))


def un_regions() -> list[str]:
    return list(db.session.scalars(select(Country.un_region).distinct().order_by(Country.un_region)))


# --- helpers ---------------------------------------------------------------------------------------


def acting_user(actor_id: int | None) -> access.Actor | None:
    return accounts_queries.user_brief(actor_id)


def delegation_for(actor_id: int | None, delegation_id: int, *, lock: bool = False) -> Delegation:
    query = select(Delegation).where(Delegation.id == delegation_id)
    if lock:
        query = query.with_for_update()
    delegation = db.session.scalar(query)
    if delegation is None or not access.can_manage_delegation(acting_user(actor_id), delegation):
        raise DomainError(RegistrationError.DELEGATION_NOT_FOUND)
    return delegation


def participant_visible_to(actor_id: int | None, participant_id: int) -> Participant:
    participant = get_participant(participant_id)
    if participant is None or not access.can_view_participant(acting_user(actor_id), participant):
        raise DomainError(RegistrationError.PARTICIPANT_NOT_FOUND)
    return participant


# --- accounts: focal points and individuals ------------------------------------------------------


def sign_up_focal_point(email: str, full_name: str, password: str) -> access.Actor:
    """Create a focal point's account (returned, to log in) and mail the verification link. Refused
    (``email_taken``) when the email has one."""
    user = accounts.create_user(email, role=Role.FOCAL_POINT, full_name=full_name.strip(), password=password)
    accounts.send_verification(user)
    return user


def sign_up_individual(
    email: str, full_name: str, password: str, *, delegation_type: str, organisation_name: str, address: str = ""
) -> tuple[access.Actor, Delegation]:
    """An individual (media, NGO, academia, private sector) registering alone.

    They get a participant account and a one-person delegation of which they are the focal point, so
    they upload their own documents and complete their own record through the same pages.
    """
    if delegation_type not in INDIVIDUAL_TYPES:
        raise DomainError(
            RegistrationError.INDIVIDUAL_TYPE, fields={"delegation_type": RegistrationError.INDIVIDUAL_TYPE.message}
        )
    if not organisation_name.strip():
        raise invalid({"organisation_name": "Name the organisation or media outlet you represent."})
    user = accounts.create_user(email, role=Role.PARTICIPANT, full_name=full_name.strip(), password=password)
    delegation = Delegation(
        type=delegation_type,
        name=organisation_name.strip()[:200],
        address=address.strip(),
        focal_point_id=user.id,
        self_registered=True,
    )
    db.session.add(delegation)
    db.session.flush()
    audit.record("delegation.create", "delegation", delegation.id, after=audit.snapshot(delegation, DELEGATION_FIELDS))
    accounts.send_verification(user)
    return user, delegation


# --- delegations -----------------------------------------------------------------------------------

DELEGATION_FIELDS = ("type", "name", "country_iso3", "organisation_code", "address")


def _clean_delegation(data: dict[str, Any]) -> dict[str, Any]:
    errors: dict[str, str] = {}
    kind = as_text(data.get("type"))
    out: dict[str, Any] = {"type": kind, "address": as_text(data.get("address"))}
    if kind not in {t.value for t in DelegationType}:
        errors["type"] = "Choose the type of delegation."
    country = as_text(data.get("country_iso3")).upper() or None
    org = as_text(data.get("organisation_code")) or None
    if kind in STATE_TYPES:
        country_row = db.session.get(Country, country) if country else None
        if country_row is None:
            errors["country_iso3"] = "Choose the state from the list."
        else:
            out.update(country_iso3=country_row.iso3, organisation_code=None, name=country_row.name)
    elif kind in ORGANISATION_TYPES:
        org_row = db.session.get(Organisation, org) if org else None
        if org_row is None:
            errors["organisation_code"] = "Choose the organisation from the list."
        else:
            out.update(organisation_code=org_row.code, country_iso3=None, name=org_row.name)
    elif kind:
        name = as_text(data.get("name"))
        if not name:
            errors["name"] = "Name the organisation or media outlet."
        out.update(name=name[:200], country_iso3=None, organisation_code=None)
    if not out["address"]:
        errors["address"] = "Give the official postal address."
    if errors:
        raise invalid(errors)
    return out


def create_delegation(actor_id: int, data: dict[str, Any]) -> Delegation:
    """A focal point registers a delegation (type, state or organisation from the lists, address).

    Refuses a second active delegation for the same state or organisation (``delegation_exists``), and
    anyone but a focal point or an officer (``not_focal_point``).
    """
    actor = acting_user(actor_id)
    if actor is None or not actor.has_role(Role.FOCAL_POINT, Role.ACCREDITATION_OFFICER):
        raise DomainError(RegistrationError.NOT_FOCAL_POINT)
    values = _clean_delegation(data)
    # Serialise registrations of the same state/organisation so two focal points cannot both win.
    key = values.get("country_iso3") or values.get("organisation_code")
    if key:
        xact_lock(LockNamespace.DELEGATION, key)
        same = (
            Delegation.country_iso3 == values["country_iso3"]
            if values.get("country_iso3")
            else Delegation.organisation_code == values["organisation_code"]
        )
        existing = db.session.scalar(
            select(Delegation).where(same, Delegation.status != AccreditationStatus.CANCELLED).limit(1)
        )
        if existing is not None:
            raise DomainError(RegistrationError.DELEGATION_EXISTS, name=values["name"])
    delegation = Delegation(focal_point_id=actor.id if not access.is_officer(actor) else None, **values)
    db.session.add(delegation)
    db.session.flush()
    audit.record("delegation.create", "delegation", delegation.id, after=audit.snapshot(delegation, DELEGATION_FIELDS))
    return delegation


def update_delegation(actor_id: int, delegation_id: int, data: dict[str, Any]) -> Delegation:
    """Change the address (and the name of an NGO, company, institute or outlet). The type, state and
    organisation stay: changing them would bypass the one-delegation-per-state rule."""
    delegation = delegation_for(actor_id, delegation_id)
    values = _clean_delegation(
        {
            "type": delegation.type,
            "country_iso3": delegation.country_iso3,
            "organisation_code": delegation.organisation_code,
            "name": data.get("name", delegation.name),
            "address": data.get("address", delegation.address),
        }
    )
    before = audit.snapshot(delegation, DELEGATION_FIELDS)
    delegation.address = values["address"]
    delegation.name = values["name"]
    old, new = audit.changes(before, audit.snapshot(delegation, DELEGATION_FIELDS))
    if new:
        audit.record("delegation.update", "delegation", delegation.id, before=old, after=new)
    return delegation


def get_delegation(actor_id: int, delegation_id: int) -> Delegation:
    """The delegation if the actor may manage it, else ``delegation_not_found`` (never say it exists)."""
    return delegation_for(actor_id, delegation_id)


def list_delegations(actor_id: int) -> list[Delegation]:
    actor = acting_user(actor_id)
    query = select(Delegation).order_by(Delegation.name)
    if not access.is_officer(actor):
        query = query.where(Delegation.focal_point_id == actor_id)
    return list(db.session.scalars(query))


def upload_document(actor_id: int, delegation_id: int, kind: str, filename: str, data: bytes) -> Document:
    """Store a PDF (checked to be one, ≤ 10 MB) for the delegation. UploadError on a bad file."""
    delegation = delegation_for(actor_id, delegation_id)
    if kind not in {k.value for k in DocumentKind}:
        raise invalid({"kind": "Choose what this document is."})
    uploads.check_pdf(data, max_bytes=PDF_MAX_BYTES)
    path = uploads.save_bytes(data, "documents", ".pdf")
    safe_name = re.sub(r"[^\w.\- ]", "_", filename or "document.pdf")[:200] or "document.pdf"
    doc = Document(
        delegation_id=delegation.id, kind=kind, filename=safe_name, path=path, size=len(data), uploaded_by_id=actor_id
    )
    db.session.add(doc)
    db.session.flush()
    audit.record("document.upload", "delegation", delegation.id, after={"document_id": doc.id, "kind": kind})
    return doc


def get_document(actor_id: int, document_id: int) -> Document:
    doc = db.session.get(Document, document_id)
    if doc is None or not access.can_manage_delegation(acting_user(actor_id), doc.delegation):
        raise DomainError(RegistrationError.DOCUMENT_NOT_FOUND)
    return doc


def documents_of(delegation_id: int) -> list[Document]:
    return list(
        db.session.scalars(select(Document).where(Document.delegation_id == delegation_id).order_by(Document.id))
    )


def missing_documents(delegation: Delegation) -> list[str]:
    have = {d.kind for d in documents_of(delegation.id)}
    return [kind for kind in REQUIRED_DOCUMENTS.get(delegation.type, ()) if kind not in have]


def set_head_of_delegation(actor_id: int, delegation_id: int, participant_id: int) -> Delegation:
    delegation = delegation_for(actor_id, delegation_id)
    participant = db.session.get(Participant, participant_id)
    if participant is None or participant.delegation_id != delegation.id:
        raise DomainError(RegistrationError.NOT_A_MEMBER)
    before = {"head_of_delegation_id": delegation.head_of_delegation_id}
    delegation.head_of_delegation_id = participant.id
    if participant.category_code == "delegate" and participant.status in access.EDITABLE_BY_FOCAL_POINT:
        participant.category_code = "head_of_delegation"
    audit.record(
        "delegation.head", "delegation", delegation.id, before=before, after={"head_of_delegation_id": participant.id}
    )
    return delegation


# --- participants ----------------------------------------------------------------------------------


def _record_snapshot(participant: Participant) -> dict[str, Any]:
    return audit.snapshot(participant, RECORD_FIELDS)


def create_participant(delegation_id: int | None, data: dict, *, status: str = "draft") -> Participant:
    """Create a participant record (other domains call this; e.g. exhibitor staff, category "exhibitor").

    ``data`` holds the record fields (see RECORD_FIELDS; ``consent`` true records consent now;
    ``user_id`` links an account). A record created in another status than draft sends
    ``accreditation_changed`` with ``old_status=None``. Refused with ``invalid_input`` (the wrong fields)
    or ``duplicate_participant``; a refusal leaves the caller's earlier work in place.
    """
    if status not in {s.value for s in AccreditationStatus}:
        raise invalid({"status": f"Unknown status {status!r}."})
    values = clean_record(data)
    if delegation_id is not None and db.session.get(Delegation, delegation_id) is None:
        raise DomainError(RegistrationError.DELEGATION_NOT_FOUND)
    if status not in access.CLOSED:
        guard_duplicates(values)
    now = utcnow()
    participant = Participant(
        delegation_id=delegation_id,
        user_id=data.get("user_id"),
        status=status,
        consent_given_at=now if data.get("consent") else None,
        submitted_at=now if status != AccreditationStatus.DRAFT else None,
        **values,
    )
    with duplicate_guarded(values):
        db.session.add(participant)
    audit.record(
        "participant.create", "participant", participant.id, after={**_record_snapshot(participant), "status": status}
    )
    if status != AccreditationStatus.DRAFT:
        # Created already decided (e.g. exhibitor staff): tell badges as for any status change.
        accreditation_changed.send(None, participant_id=participant.id, old_status=None, new_status=status)
    return participant


def add_member(actor_id: int, delegation_id: int, data: dict[str, Any]) -> Participant:
    """The focal point adds one member to their delegation (a draft until submitted)."""
    delegation = delegation_for(actor_id, delegation_id)
    if delegation.self_registered and not members_of(delegation.id):
        # An individual's one-person delegation: the record is their own, linked to their login.
        data = {**data, "user_id": delegation.focal_point_id}
    return create_participant(delegation.id, data)


def update_participant(
    actor_id: int | None, participant_id: int, data: dict[str, Any], *, via_link: bool = False
) -> Participant:
    """Change a record. The focal point and the participant edit only in draft or changes requested;
    after approval only officers do, and a change to name, photo or category asks for a badge reprint.
    """
    actor = acting_user(actor_id)
    participant = editable_participant(actor, participant_id, via_link=via_link)
    values = clean_record(data, partial=True)
    if not access.is_officer(actor) or via_link:
        # Sensitive fields left blank on a form mean "keep", so they never have to be shown back.
        for name in SENSITIVE:
            if name in values and values[name] is None:
                values.pop(name)
    merged = {
        "email": values.get("email", participant.email),
        "passport_number": values.get("passport_number", participant.passport_number),
    }
    guard_duplicates(merged, exclude_id=participant.id)
    before = _record_snapshot(participant)
    with duplicate_guarded(merged, exclude_id=participant.id):
        for key, value in values.items():
            setattr(participant, key, value)
        if data.get("consent") and participant.consent_given_at is None:
            participant.consent_given_at = utcnow()
    old, new = audit.changes(before, _record_snapshot(participant))
    if new:
        audit.record("participant.update", "participant", participant.id, before=old, after=new)
        signal_badge_change(participant, {BADGE_FIELDS[k] for k in new if k in BADGE_FIELDS})
    return participant


def editable_participant(actor: access.Actor | None, participant_id: int, *, via_link: bool = False) -> Participant:
    """The record if the actor may change it now: the focal point and the participant (or their personal
    link) while it is pending, officers until it is closed. Refused ``participant_not_found`` for a record
    the actor may not see, ``not_editable`` for one they may no longer change."""
    participant = get_participant(participant_id)
    if participant is None or (not via_link and not access.can_view_participant(actor, participant)):
        raise DomainError(RegistrationError.PARTICIPANT_NOT_FOUND)
    editable = (
        participant.status in access.EDITABLE_BY_FOCAL_POINT
        if via_link
        else access.can_edit_participant(actor, participant)
    )
    if not editable:
        raise DomainError(
            RegistrationError.NOT_EDITABLE, state=AccreditationStatus.label_of(participant.status).lower()
        )
    return participant


def signal_badge_change(participant: Participant, fields: set[str]) -> None:
    if fields and participant.status == AccreditationStatus.APPROVED:
        badge_details_changed.send(None, participant_id=participant.id, fields=sorted(fields))


def history(participant_id: int) -> list[AuditEntry]:
    """Who did what to a record, newest first (shown to officers)."""
    return list(
        db.session.scalars(
            select(AuditEntry)
            .where(AuditEntry.entity_type == "participant", AuditEntry.entity_id == str(participant_id))
            .order_by(AuditEntry.id.desc())
            .limit(100)
        )
    )


def view_participant(actor_id: int, participant_id: int) -> Participant:
    """A record the actor may see. An officer's view (it shows passport data) is audited."""
    participant = participant_visible_to(actor_id, participant_id)
    if access.can_see_sensitive(acting_user(actor_id)):
        audit.record("participant.view_sensitive", "participant", participant.id)
    return participant


def link_account(participant_id: int, user_id: int) -> None:
    """Give a record without a login the account its holder now has (e.g. exhibitor staff who scan)."""
    participant = db.session.get(Participant, participant_id)
    if participant is not None and participant.user_id is None:
        participant.user_id = user_id
