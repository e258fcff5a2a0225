"""Exhibition services: applications, review and booth allocation, staff. Lead capture is in ``leads``
and re-exported here, so other domains call everything through ``exhibition.services``."""

from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from flask import current_app
from flask_babel import lazy_gettext as _l
from PIL import Image
from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from conference.accounts import queries as accounts_queries
from conference.accounts import services as accounts
from conference.accounts.roles import Role
from conference.core import audit, uploads
from conference.core.db import utcnow
from conference.core.errors import CoreError, DomainError
from conference.core.mail import queue_mail
from conference.exhibition import staff as staffing
from conference.exhibition.errors import ExhibitionError
from conference.exhibition.labels import KINDS, SIZES, THEMES
from conference.exhibition.leads import ScanOutcome as ScanOutcome
from conference.exhibition.leads import booths_of_user as booths_of_user
from conference.exhibition.leads import lead_counts as lead_counts
from conference.exhibition.leads import leads_of as leads_of
from conference.exhibition.leads import record_booth_scan as record_booth_scan
from conference.exhibition.leads import visit_counts as visit_counts
from conference.exhibition.models import (
    Booth,
    BoothAllocation,
    Exhibitor,
    ExhibitorStaff,
    ExhibitorStatus,
)
from conference.exhibition.staff import MAX_STAFF as MAX_STAFF
from conference.exhibition.staff import StaffMember as StaffMember
from conference.extensions import db

LOGO_MAX_BYTES = 2 * 1024 * 1024
LOGO_MAX_SIDE = 600


@dataclass
class Application:
    organisation_name: str
    kind: str
    theme: str
    requested_size_sqm: int
    description_en: str = ""
    description_fr: str = ""
    description_vi: str = ""
    website: str = ""
    preferred_booths: list[str] = field(default_factory=list)
    staff: list[StaffMember] = field(default_factory=list)
    logo: bytes | None = None


# --- booths and the floor plan ------------------------------------------------------------------


@lru_cache(maxsize=4)
def _read_floorplan(path: str) -> dict[str, Any]:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def floorplan() -> dict[str, Any]:
    """The hall's outline and fixed features (entrances, aisles, stage…), in metres."""
    return _read_floorplan(str(Path(current_app.config["SEED_DIR"]) / "floorplan.json"))


def list_booths() -> list[Booth]:
    return list(db.session.scalars(select(Booth).order_by(Booth.code)))


def booth_by_code(code: str) -> Booth:
    booth = db.session.scalar(select(Booth).where(Booth.code == code.upper()))
    if booth is None:
        raise DomainError(ExhibitionError.UNKNOWN_BOOTH, code=code)
    return booth


def occupants() -> dict[int, Exhibitor]:
    """booth id → the approved exhibitor holding it."""
    rows = db.session.execute(
        select(BoothAllocation.booth_id, Exhibitor)
        .join(Exhibitor, Exhibitor.id == BoothAllocation.exhibitor_id)
        .where(Exhibitor.status == ExhibitorStatus.APPROVED)
    )
    return {booth_id: exhibitor for booth_id, exhibitor in rows}


# --- exhibitors -----------------------------------------------------------------------------------


def get_exhibitor(exhibitor_id: int) -> Exhibitor:
    exhibitor = db.session.get(
        Exhibitor, exhibitor_id, options=[selectinload(Exhibitor.staff), selectinload(Exhibitor.allocation)]
    )
    if exhibitor is None:
        raise DomainError(ExhibitionError.EXHIBITOR_NOT_FOUND)
    return exhibitor


def exhibitor_of_user(user_id: int) -> Exhibitor | None:
    """The exhibitor a user applied for, or else the one they staff."""
    own = db.session.scalar(select(Exhibitor).where(Exhibitor.user_id == user_id))
    if own is not None:
        return own
    return db.session.scalar(
        select(Exhibitor)
        .join(ExhibitorStaff, ExhibitorStaff.exhibitor_id == Exhibitor.id)
        .where(ExhibitorStaff.user_id == user_id)
        .order_by(Exhibitor.id)
        .limit(1)
    )


def public_exhibitors(query: str = "", theme: str = "") -> list[Exhibitor]:
    """Approved exhibitors for the public directory, by name; ``query`` matches name or description."""
    stmt = (
        select(Exhibitor)
        .where(Exhibitor.status == ExhibitorStatus.APPROVED)
        .options(selectinload(Exhibitor.allocation).selectinload(BoothAllocation.booth))
        .order_by(func.lower(Exhibitor.organisation_name))
    )
    if theme:
        stmt = stmt.where(Exhibitor.theme == theme)
    query = query.strip()
    if query:
        like = "%" + re.sub(r"([\\%_])", r"\\\1", query) + "%"
        stmt = stmt.where(
            or_(
                Exhibitor.organisation_name.ilike(like, escape="\\"),
                Exhibitor.description_en.ilike(like, escape="\\"),
                Exhibitor.description_fr.ilike(like, escape="\\"),
                Exhibitor.description_vi.ilike(like, escape="\\"),
            )
        )
    return list(db.session.scalars(stmt))


def applications(status: str | None = None) -> list[Exhibitor]:
    stmt = (
        select(Exhibitor)
        .options(selectinload(Exhibitor.allocation).selectinload(BoothAllocation.booth))
        .order_by(Exhibitor.created_at.desc(), Exhibitor.id.desc())
    )
    if status:
        stmt = stmt.where(Exhibitor.status == status)
    return list(db.session.scalars(stmt))


def _validate(app: Application) -> None:
    """Refuse an application before anything is written (the logo file included)."""
    if not app.organisation_name.strip():
        raise DomainError(ExhibitionError.ORGANISATION_NAME_REQUIRED)
    if app.kind not in KINDS:
        raise DomainError(ExhibitionError.UNKNOWN_KIND)
    if app.theme not in THEMES:
        raise DomainError(ExhibitionError.UNKNOWN_THEME)
    if app.requested_size_sqm not in SIZES:
        raise DomainError(ExhibitionError.UNKNOWN_SIZE)
    if app.website and not re.match(r"^https?://[^\s/]+\.[^\s]+$", app.website):
        raise DomainError(ExhibitionError.BAD_WEBSITE)
    known = set(db.session.scalars(select(Booth.code)))
    unknown = [code for code in app.preferred_booths if code not in known]
    if unknown:
        raise DomainError(ExhibitionError.UNKNOWN_BOOTH, code=", ".join(unknown))
    _validate_staff(app.staff)
    if app.logo:
        uploads.check_image(app.logo, max_bytes=LOGO_MAX_BYTES, min_width=64, min_height=64)


def _validate_staff(staff: list[StaffMember]) -> None:
    if len(staff) > MAX_STAFF:
        raise DomainError(ExhibitionError.TOO_MANY_STAFF, limit=MAX_STAFF)
    seen: set[str] = set()
    for member in staff:
        email = staffing.check_staff_member(member)
        if email in seen:
            raise DomainError(ExhibitionError.STAFF_EXISTS, email=email)
        seen.add(email)


def _store_logo(data: bytes) -> str:
    """Validate a logo like a photo, flatten any transparency on white, shrink it and store it as JPEG."""
    checked = uploads.check_image(data, max_bytes=LOGO_MAX_BYTES, min_width=64, min_height=64)
    image = checked.image
    if checked.format == "PNG":
        # check_image has decoded the file safely; reopen it only to keep transparent areas white.
        original = Image.open(io.BytesIO(data))
        if original.mode in ("RGBA", "LA", "P"):
            rgba = original.convert("RGBA")
            background = Image.new("RGB", rgba.size, "white")
            background.paste(rgba, mask=rgba.getchannel("A"))
            image = background
    image.thumbnail((LOGO_MAX_SIDE, LOGO_MAX_SIDE))
    return uploads.save_jpeg(image, "exhibitors/logos")


def _apply(user_id: int, email: str, app: Application) -> Exhibitor:
    _validate(app)
    if db.session.scalar(select(Exhibitor.id).where(Exhibitor.user_id == user_id)) is not None:
        raise DomainError(ExhibitionError.APPLICATION_EXISTS)
    exhibitor = Exhibitor(
        user_id=user_id,
        organisation_name=app.organisation_name.strip(),
        kind=app.kind,
        theme=app.theme,
        requested_size_sqm=app.requested_size_sqm,
        description_en=app.description_en.strip(),
        description_fr=app.description_fr.strip(),
        description_vi=app.description_vi.strip(),
        website=app.website.strip(),
        preferred_booths=list(dict.fromkeys(app.preferred_booths)),
        status=ExhibitorStatus.APPLIED.value,
    )
    if app.logo:
        exhibitor.logo_path = _store_logo(app.logo)
    db.session.add(exhibitor)
    db.session.flush()
    audit.record(
        "exhibitor.apply",
        "exhibitor",
        exhibitor.id,
        after={
            "organisation_name": exhibitor.organisation_name,
            "kind": exhibitor.kind,
            "theme": exhibitor.theme,
            "requested_size_sqm": exhibitor.requested_size_sqm,
            "preferred_booths": exhibitor.preferred_booths,
            "staff": len(app.staff),
        },
    )
    for member in app.staff:
        staffing.add_staff_member(exhibitor, member)
    queue_mail(
        email,
        "Your exhibitor application — Hanoi Convention 2025",
        f"Thank you for applying to exhibit as {exhibitor.organisation_name}.\n\n"
        "The organisers will review your application and write to you with their decision and, "
        "once approved, your booth on the floor plan.\n",
        topic="exhibitor_application",
    )
    return exhibitor


def submit_application(user_id: int, app: Application) -> Exhibitor:
    """A logged-in user applies to exhibit. Fails on invalid data, a bad logo or a second application."""
    user = accounts.get_user(user_id)
    if user is None:
        raise DomainError(CoreError.NOT_FOUND)
    return _apply(user.id, user.email, app)


def sign_up_and_apply(email: str, password: str, full_name: str, app: Application) -> Exhibitor:
    """A newcomer creates an exhibitor account and applies in one step (one transaction).

    Fails like ``submit_application``, or with ``email_taken`` / ``weak_password``."""
    user = accounts.create_user(email, role=Role.EXHIBITOR, full_name=full_name.strip(), password=password)
    accounts.send_verification(user)
    return _apply(user.id, user.email, app)


def create_exhibitor(email: str, full_name: str, app: Application) -> Exhibitor:
    """An organiser enters an application for an organisation (e.g. an invited country pavilion).

    The contact gets an exhibitor account without a password and a mail saying how to set one.
    Fails like ``submit_application``, or with ``email_taken``."""
    user = accounts.create_user(email, role=Role.EXHIBITOR, full_name=full_name.strip(), verified=True)
    queue_mail(
        user.email,
        "Your exhibitor account — Hanoi Convention 2025",
        f"The organisers registered {app.organisation_name.strip()} as an exhibitor and created an account for "
        "this address.\n\nChoose a password with 'Forgot your password?' on the login page, then follow "
        "your application under 'My booth'.\n",
        topic="exhibitor_account",
    )
    return _apply(user.id, user.email, app)


# --- staff ----------------------------------------------------------------------------------------


def add_staff(exhibitor_id: int, data: StaffMember) -> ExhibitorStaff:
    """Add a staff member later on. Their accreditation waits for the accreditation officers
    (status ``submitted``), since the organisers approved the exhibitor without seeing this person."""
    exhibitor = get_exhibitor(exhibitor_id)
    if exhibitor.status == ExhibitorStatus.REJECTED:
        raise DomainError(ExhibitionError.EXHIBITOR_REJECTED)
    return staffing.add_staff_member(exhibitor, data)


# --- the organisers' decisions --------------------------------------------------------------------


def _locked_exhibitor(exhibitor_id: int) -> Exhibitor:
    exhibitor = db.session.get(Exhibitor, exhibitor_id, with_for_update=True, populate_existing=True)
    if exhibitor is None:
        raise DomainError(ExhibitionError.EXHIBITOR_NOT_FOUND)
    return exhibitor


def _applicant_email(exhibitor: Exhibitor) -> str:
    return accounts_queries.emails_of([exhibitor.user_id])[exhibitor.user_id]


def approve_exhibitor(exhibitor_id: int, decided_by_id: int | None, message: str = "") -> Exhibitor:
    """Accept an application. The staff listed in it are accredited with it (status ``approved``):
    the organiser reviewed them as part of the application. Staff get a login to scan leads."""
    exhibitor = _locked_exhibitor(exhibitor_id)
    if exhibitor.status == ExhibitorStatus.APPROVED:
        raise DomainError(ExhibitionError.ALREADY_APPROVED)
    before = exhibitor.status
    exhibitor.status = ExhibitorStatus.APPROVED.value
    exhibitor.status_message = message.strip() or None
    exhibitor.decided_at = utcnow()
    exhibitor.decided_by_id = decided_by_id
    staffing.follow_decision(exhibitor, decided_by_id)
    for member in exhibitor.staff:
        staffing.ensure_staff_account(member)
    audit.record(
        "exhibitor.approve", "exhibitor", exhibitor.id, before={"status": before}, after={"status": "approved"}
    )
    queue_mail(
        _applicant_email(exhibitor),
        "Your exhibitor application is approved — Hanoi Convention 2025",
        f"Good news: {exhibitor.organisation_name} will exhibit at the Hanoi Convention signing conference.\n"
        + (f"\n{exhibitor.status_message}\n" if exhibitor.status_message else "")
        + "\nWe will write again when your booth is allocated. Your staff's badges print with everyone else's.\n",
        topic="exhibitor_decision",
    )
    return exhibitor


def reject_exhibitor(exhibitor_id: int, decided_by_id: int | None, reason: str) -> Exhibitor:
    """Refuse an application (a reason is required); frees its booth and refuses its staff's accreditation."""
    if not reason.strip():
        raise DomainError(CoreError.REASON_REQUIRED, fields={"reason": CoreError.REASON_REQUIRED.message})
    exhibitor = _locked_exhibitor(exhibitor_id)
    if exhibitor.status == ExhibitorStatus.REJECTED:
        raise DomainError(ExhibitionError.ALREADY_REJECTED)
    before = exhibitor.status
    allocation = db.session.scalar(select(BoothAllocation).where(BoothAllocation.exhibitor_id == exhibitor.id))
    if allocation is not None:
        audit.record("booth.release", "booth", allocation.booth_id, before={"exhibitor_id": exhibitor.id})
        db.session.delete(allocation)
    exhibitor.status = ExhibitorStatus.REJECTED.value
    exhibitor.status_message = reason.strip()
    exhibitor.decided_at = utcnow()
    exhibitor.decided_by_id = decided_by_id
    staffing.follow_decision(exhibitor, decided_by_id, exhibitor.status_message)
    audit.record(
        "exhibitor.reject",
        "exhibitor",
        exhibitor.id,
        before={"status": before},
        after={"status": "rejected"},
        reason=exhibitor.status_message,
    )
    queue_mail(
        _applicant_email(exhibitor),
        "Your exhibitor application — Hanoi Convention 2025",
        f"We are sorry: the application of {exhibitor.organisation_name} to exhibit was not accepted.\n\n"
        f"Reason: {exhibitor.status_message}\n",
        topic="exhibitor_decision",
    )
    return exhibitor


def allocate_booth(exhibitor_id: int, booth_code: str, allocated_by_id: int | None) -> BoothAllocation:
    """Give an approved exhibitor a booth (moving them if they had one).

    Fails with ``not_approved``, ``booth_too_small`` (smaller than the requested size) or
    ``booth_taken``; the unique booth on ``booth_allocations`` settles two organisers racing."""
    exhibitor = _locked_exhibitor(exhibitor_id)
    booth = booth_by_code(booth_code)
    if exhibitor.status != ExhibitorStatus.APPROVED:
        raise DomainError(ExhibitionError.NOT_APPROVED)
    if booth.size_sqm < exhibitor.requested_size_sqm:
        raise DomainError(
            ExhibitionError.BOOTH_TOO_SMALL,
            code=booth.code,
            size=booth.size_sqm,
            organisation=exhibitor.organisation_name,
            requested=exhibitor.requested_size_sqm,
        )
    allocation = db.session.scalar(select(BoothAllocation).where(BoothAllocation.exhibitor_id == exhibitor.id))
    previous = allocation.booth.code if allocation else None
    if previous == booth.code:
        raise DomainError(ExhibitionError.ALREADY_ALLOCATED, organisation=exhibitor.organisation_name, code=booth.code)
    try:
        with db.session.begin_nested():
            if allocation is None:
                allocation = BoothAllocation(exhibitor_id=exhibitor.id, booth_id=booth.id)
                db.session.add(allocation)
            allocation.booth_id = booth.id
            allocation.allocated_by_id = allocated_by_id
            allocation.allocated_at = utcnow()
            db.session.flush()
    except IntegrityError as exc:
        holder = db.session.scalar(
            select(Exhibitor.organisation_name)
            .join(BoothAllocation, BoothAllocation.exhibitor_id == Exhibitor.id)
            .where(BoothAllocation.booth_id == booth.id)
        )
        raise DomainError(
            ExhibitionError.BOOTH_TAKEN, code=booth.code, holder=holder or str(_l("another exhibitor"))
        ) from exc
    audit.record(
        "booth.allocate",
        "booth",
        booth.id,
        before={"booth": previous} if previous else None,
        after={"booth": booth.code, "exhibitor_id": exhibitor.id},
    )
    queue_mail(
        _applicant_email(exhibitor),
        f"Your booth: {booth.code} — Hanoi Convention 2025",
        f"{exhibitor.organisation_name} exhibits at booth {booth.code} ({booth.size_sqm} m², "
        f"{booth.width:g} × {booth.height:g} m) in the Exhibition Hall of the National Convention Center.\n"
        + (f"This replaces booth {previous}.\n" if previous else "")
        + f"Furniture: {booth.furniture or '—'}. Power: {'yes' if booth.power else 'no'}. "
        f"Network: {'yes' if booth.network else 'no'}.\n",
        topic="exhibitor_decision",
    )
    return allocation


def release_booth(exhibitor_id: int) -> None:
    """Take an exhibitor's booth back (it becomes free on the floor plan)."""
    exhibitor = _locked_exhibitor(exhibitor_id)
    allocation = db.session.scalar(select(BoothAllocation).where(BoothAllocation.exhibitor_id == exhibitor.id))
    if allocation is None:
        raise DomainError(ExhibitionError.NO_BOOTH)
    code = allocation.booth.code
    audit.record("booth.release", "booth", allocation.booth_id, before={"booth": code, "exhibitor_id": exhibitor.id})
    db.session.delete(allocation)
    queue_mail(
        _applicant_email(exhibitor),
        "Your booth allocation changed — Hanoi Convention 2025",
        f"Booth {code} is no longer allocated to {exhibitor.organisation_name}. The organisers will write to "
        "you about a new booth.\n",
        topic="exhibitor_decision",
    )


def applicant(exhibitor: Exhibitor) -> Any:
    """The applicant's account (to log them in after signing up)."""
    return accounts.get_user(exhibitor.user_id)


def organisation_of_staff(participant_id: int) -> str | None:
    """The exhibitor a staff participant works for (they have no delegation), e.g. for their badge."""
    return db.session.scalar(
        select(Exhibitor.organisation_name)
        .join(ExhibitorStaff, ExhibitorStaff.exhibitor_id == Exhibitor.id)
        .where(ExhibitorStaff.participant_id == participant_id)
    )
