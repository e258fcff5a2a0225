"""A participant record's fields: checking and normalising them, the duplicate guard, plain views."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError

from conference.core.emails import InvalidEmail, normalise_email
from conference.core.errors import Conflict, DomainError
from conference.extensions import db
from conference.registration.models import AccreditationStatus, Category, Country, Participant

# Fields a participant record holds, in form order; the sensitive ones only officers read back.
TEXT_FIELDS = ("given_names", "family_name", "badge_name", "title", "email", "phone", "accessibility_needs")
DATE_FIELDS = ("passport_expiry", "date_of_birth", "arrival_date", "departure_date")
RECORD_FIELDS = (
    "given_names",
    "family_name",
    "badge_name",
    "title",
    "category_code",
    "nationality_iso3",
    "passport_number",
    "passport_expiry",
    "date_of_birth",
    "email",
    "phone",
    "arrival_date",
    "departure_date",
    "accessibility_needs",
    "consent_photo_publication",
    "consent_share_contact",
)
SENSITIVE = ("passport_number", "passport_expiry", "date_of_birth")
BADGE_FIELDS = {"given_names": "name", "family_name": "name", "badge_name": "name", "category_code": "category"}
MAX_LENGTHS = {"given_names": 200, "family_name": 200, "badge_name": 200, "title": 200, "email": 320, "phone": 40}
PASSPORT_RE = re.compile(r"^[A-Z0-9]{5,20}$")
PHONE_RE = re.compile(r"^\+?[0-9 ()./-]{6,40}$")


class InvalidData(DomainError):
    """Some fields are wrong; ``details['errors']`` maps each field to a message in plain words."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("invalid_data", " ".join(errors.values()), errors=errors)
        self.errors = errors


def normalise_passport(value: Any) -> str | None:
    cleaned = re.sub(r"[\s-]", "", as_text(value)).upper()
    return cleaned or None


def _parse_date(value: Any) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value).strip())


def as_text(value: Any) -> str:
    """Whatever a form, a spreadsheet or a JSON client sent, as trimmed text."""
    return "" if value is None else str(value).strip()


def clean_record(data: dict[str, Any], *, partial: bool = False) -> dict[str, Any]:
    """Check and normalise participant fields. Raises InvalidData naming each wrong field.

    With ``partial`` only the keys present are checked (an update); otherwise names and category
    are required.
    """
    errors: dict[str, str] = {}
    out: dict[str, Any] = {}
    for name in TEXT_FIELDS:
        if name in data:
            value = as_text(data[name])
            if len(value) > MAX_LENGTHS.get(name, 2000):
                errors[name] = f"{name.replace('_', ' ').capitalize()} is too long."
            out[name] = value
    for name in ("given_names", "family_name"):
        if (name in data or not partial) and not out.get(name):
            errors[name] = (
                f"{'Given names' if name == 'given_names' else 'Family name'} (as in the passport) is missing."
            )
    if out.get("email"):
        try:
            out["email"] = normalise_email(out["email"])
        except InvalidEmail:
            errors["email"] = f"“{out['email']}” is not an email address."
    if "email" in out and not out["email"]:
        out["email"] = None
    for name in ("badge_name", "phone"):
        if name in out and not out[name]:
            out[name] = None
    if out.get("phone") and not PHONE_RE.match(out["phone"]):
        errors["phone"] = f"“{out['phone']}” is not a phone number (digits, spaces and a leading +)."
    if "category_code" in data or not partial:
        code = as_text(data.get("category_code"))
        if not code:
            errors["category_code"] = "Choose a category."
        elif db.session.get(Category, code) is None:
            errors["category_code"] = f"“{code}” is not a known category."
        out["category_code"] = code
    if "nationality_iso3" in data:
        code = as_text(data.get("nationality_iso3")).upper() or None
        if code and db.session.get(Country, code) is None:
            errors["nationality_iso3"] = f"“{code}” is not a known country code (use ISO 3166 alpha-3, e.g. VNM)."
        out["nationality_iso3"] = code
    if "passport_number" in data:
        number = normalise_passport(data.get("passport_number"))
        if number and not PASSPORT_RE.match(number):
            errors["passport_number"] = "The passport or ID number must be 5–20 letters and digits."
        out["passport_number"] = number
    for name in DATE_FIELDS:
        if name in data:
            try:
                out[name] = _parse_date(data[name])
            except ValueError:
                errors[name] = f"{name.replace('_', ' ').capitalize()} is not a valid date (write it as YYYY-MM-DD)."
    today = dt.date.today()
    if out.get("date_of_birth") and not (dt.date(1900, 1, 1) < out["date_of_birth"] < today):
        errors["date_of_birth"] = "The date of birth is not plausible."
    if out.get("passport_expiry") and out["passport_expiry"] < today:
        errors["passport_expiry"] = "The passport has expired; use a valid passport or ID."
    if out.get("arrival_date") and out.get("departure_date") and out["departure_date"] < out["arrival_date"]:
        errors["departure_date"] = "The departure date is before the arrival date."
    for name in ("consent_photo_publication", "consent_share_contact"):
        if name in data:
            out[name] = bool(data[name])
    if errors:
        raise InvalidData(errors)
    return out


def find_clash(*, email: str | None, passport_number: str | None, exclude_id: int | None = None) -> Participant | None:
    """An active participant already holding this email or passport number (the duplicate guard)."""
    conditions = []
    if email:
        conditions.append(Participant.email == email)
    if passport_number:
        conditions.append(Participant.passport_number == passport_number)
    if not conditions:
        return None
    query = select(Participant).where(
        or_(*conditions), Participant.status.notin_([AccreditationStatus.REJECTED, AccreditationStatus.CANCELLED])
    )
    if exclude_id is not None:
        query = query.where(Participant.id != exclude_id)
    return db.session.scalar(query.limit(1))


def clash_error(clash: Participant, *, email: str | None, passport_number: str | None) -> Conflict:
    what = "email address" if email and clash.email == email else "passport number"
    where = clash.delegation.name if clash.delegation else "no delegation"
    return Conflict(
        "duplicate_participant",
        f"This {what} is already registered for an active participant "
        f"(record #{clash.id}, {where}, {AccreditationStatus.label_of(clash.status).lower()}). "
        "One person can be accredited only once; ask the accreditation team if this is a mistake.",
        clash_participant_id=clash.id,
        field="email" if what == "email address" else "passport_number",
    )


def flush_guarded(participant: Participant) -> None:
    """Flush, turning a lost race on the duplicate indexes into the same Conflict as the check."""
    email, passport, own_id = participant.email, participant.passport_number, participant.id
    try:
        db.session.flush()
    except IntegrityError as exc:
        db.session.rollback()
        if "uq_participants_active" not in str(exc.orig):
            raise
        clash = find_clash(email=email, passport_number=passport, exclude_id=own_id)
        if clash is None:
            raise Conflict("duplicate_participant", "This person is already registered.") from exc
        raise clash_error(clash, email=email, passport_number=passport) from exc


def guard_duplicates(values: dict[str, Any], exclude_id: int | None = None) -> None:
    clash = find_clash(email=values.get("email"), passport_number=values.get("passport_number"), exclude_id=exclude_id)
    if clash is not None:
        raise clash_error(clash, email=values.get("email"), passport_number=values.get("passport_number"))


def masked(value: Any) -> str:
    """What a focal point sees of a sensitive value they typed: that it is there, not what it is."""
    if value in (None, ""):
        return ""
    text = str(value)
    return "•••" + text[-2:] if len(text) > 4 and not isinstance(value, dt.date) else "•••"


def record_dict(participant: Participant, *, sensitive: bool) -> dict[str, Any]:
    """A participant as plain JSON values; sensitive fields masked unless ``sensitive``."""
    out: dict[str, Any] = {
        "id": participant.id,
        "delegation_id": participant.delegation_id,
        "delegation": participant.delegation.name if participant.delegation else None,
        "status": participant.status,
        "status_message": participant.status_message,
        "has_photo": bool(participant.photo_path),
        "consent_given_at": participant.consent_given_at.isoformat() if participant.consent_given_at else None,
        "submitted_at": participant.submitted_at.isoformat() if participant.submitted_at else None,
        "decided_at": participant.decided_at.isoformat() if participant.decided_at else None,
    }
    for name in RECORD_FIELDS:
        value = getattr(participant, name)
        if name in SENSITIVE and not sensitive:
            value = masked(value)
        out[name] = value.isoformat() if isinstance(value, dt.date) else value
    return out
