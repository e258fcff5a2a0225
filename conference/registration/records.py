"""A participant record: checking it against its schema and the reference lists, the duplicate guard, and
reading it back (masked for those who may not see passport data)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from pydantic import ValidationError
from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError

from conference.core.api import field_errors
from conference.core.errors import CoreError, DomainError
from conference.extensions import db
from conference.registration.errors import RegistrationError
from conference.registration.models import AccreditationStatus, Category, Country, Participant
from conference.registration.schemas import (
    RECORD_FIELDS,
    SENSITIVE,
    ParticipantChanges,
    ParticipantOut,
    ParticipantRecord,
)

# A change to these fields asks for a new badge (field → what the badge shows).
BADGE_FIELDS = {"given_names": "name", "family_name": "name", "badge_name": "name", "category_code": "category"}


def as_text(value: Any) -> str:
    """Whatever a form, a spreadsheet or a JSON client sent, as trimmed text."""
    return "" if value is None else str(value).strip()


def invalid(fields: dict[str, str]) -> DomainError:
    """The refusal for wrong fields, each named with what is wrong with it."""
    return DomainError(CoreError.INVALID_INPUT, fields=fields)


def _unknown_codes(data: dict[str, Any]) -> dict[str, str]:
    """The category and nationality must be on the seeded lists."""
    errors: dict[str, str] = {}
    category = data.get("category_code")
    if isinstance(category, str) and category.strip() and db.session.get(Category, category.strip()) is None:
        errors["category_code"] = f"“{category.strip()}” is not a known category."
    country = data.get("nationality_iso3")
    if isinstance(country, str) and country.strip() and db.session.get(Country, country.strip().upper()) is None:
        errors["nationality_iso3"] = (
            f"“{country.strip()}” is not a known country code (use ISO 3166 alpha-3, e.g. VNM)."
        )
    return errors


def clean_record(data: dict[str, Any], *, partial: bool = False) -> dict[str, Any]:
    """The record's values, checked and normalised; INVALID_INPUT names every wrong field.

    Only the record's own fields are read. With ``partial`` only the keys present are checked (a change);
    otherwise names and category are required.
    """
    given = {name: value for name, value in data.items() if name in RECORD_FIELDS}
    schema = ParticipantChanges if partial else ParticipantRecord
    errors: dict[str, str] = {}
    values: dict[str, Any] = {}
    try:
        values = schema.model_validate(given).model_dump(exclude_unset=True)
    except ValidationError as exc:
        errors = field_errors(exc)
    for name, message in _unknown_codes(given).items():
        errors.setdefault(name, message)
    if errors:
        raise invalid(errors)
    return values


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


def clash_error(clash: Participant | None, *, email: str | None) -> DomainError:
    """The duplicate refusal, naming the record it clashes with (and, for a form, the field)."""
    if clash is None:  # the other record went away meanwhile: still one person, one accreditation
        return DomainError(RegistrationError.DUPLICATE_PARTICIPANT, what="person", clash="")
    field = "email" if email and clash.email == email else "passport_number"
    where = clash.delegation.name if clash.delegation else "no delegation"
    params = {
        "what": "email address" if field == "email" else "passport number",
        "clash": f" (record #{clash.id}, {where}, {AccreditationStatus.label_of(clash.status).lower()})",
        "clash_participant_id": clash.id,
        "field": field,
    }
    message = DomainError(RegistrationError.DUPLICATE_PARTICIPANT, **params).message
    return DomainError(RegistrationError.DUPLICATE_PARTICIPANT, fields={field: message}, **params)


def guard_duplicates(values: dict[str, Any], exclude_id: int | None = None) -> None:
    """The friendly check first: a clash named with the record it clashes with."""
    clash = find_clash(email=values.get("email"), passport_number=values.get("passport_number"), exclude_id=exclude_id)
    if clash is not None:
        raise clash_error(clash, email=values.get("email"))


@contextmanager
def duplicate_guarded(values: dict[str, Any], exclude_id: int | None = None) -> Iterator[None]:
    """Write what the block changes in a savepoint, so that a lost race on the duplicate indexes becomes
    the same refusal as ``guard_duplicates`` and the caller's earlier work stays."""
    db.session.flush()
    try:
        with db.session.begin_nested():
            yield
    except IntegrityError as exc:
        if "uq_participants_active" not in str(exc.orig):
            raise
        email, passport = values.get("email"), values.get("passport_number")
        clash = find_clash(email=email, passport_number=passport, exclude_id=exclude_id)
        raise clash_error(clash, email=email) from exc


def masked(value: Any) -> str:
    """What a focal point sees of a sensitive value they typed: that it is there, not what it is."""
    if value in (None, ""):
        return ""
    text = str(value)
    return "•••" + text[-2:] if len(text) > 4 and not isinstance(value, dt.date) else "•••"


def participant_out(participant: Participant, *, sensitive: bool) -> ParticipantOut:  # type: ignore[valid-type]
    """A participant as its reader may see it; sensitive fields masked unless ``sensitive``."""
    values = {name: getattr(participant, name) for name in RECORD_FIELDS}
    if not sensitive:
        values.update({name: masked(values[name]) for name in SENSITIVE})
    return ParticipantOut.model_validate(
        {
            **values,
            "id": participant.id,
            "delegation_id": participant.delegation_id,
            "delegation": participant.delegation.name if participant.delegation else None,
            "status": participant.status,
            "status_message": participant.status_message,
            "has_photo": bool(participant.photo_path),
            "consent_given_at": participant.consent_given_at,
            "submitted_at": participant.submitted_at,
            "decided_at": participant.decided_at,
        }
    )


def record_dict(participant: Participant, *, sensitive: bool) -> dict[str, Any]:
    """The same as plain JSON values."""
    return participant_out(participant, sensitive=sensitive).model_dump(mode="json")
