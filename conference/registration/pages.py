"""The registration blueprint and what its page modules share (labels, the record form's choices)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint
from flask_login import current_user

from conference.accounts.roles import Role
from conference.registration import records, services
from conference.registration.forms import ParticipantForm, options
from conference.registration.models import DelegationType, DocumentKind
from conference.registration.schemas import RECORD_FIELDS

bp = Blueprint("registration", __name__, url_prefix="/registration")
# Focal points, self-registered individuals (participants) and officers use the delegation pages;
# object-level checks in the services decide which delegation each may see.
MANAGERS = (Role.FOCAL_POINT, Role.PARTICIPANT, Role.ACCREDITATION_OFFICER)
OFFICERS = (Role.ACCREDITATION_OFFICER,)


@bp.context_processor
def labels() -> dict:
    return {
        "types_label": DelegationType.label_of,
        "doc_label": DocumentKind.label_of,
        "masked": records.masked,
    }


def uid() -> int:
    return current_user.id


def fill_record_choices(form: ParticipantForm) -> None:
    form.category_code.choices = options((c.code, c.name) for c in services.categories())
    form.nationality_iso3.choices = options([("", "—")] + [(c.iso3, c.name) for c in services.countries()])


def record_data(form: ParticipantForm) -> dict[str, Any]:
    """The record's fields as typed in the form (the record's schema checks them in the service)."""
    data = {name: getattr(form, name).data for name in RECORD_FIELDS}
    data["consent"] = form.consent.data
    return data


def form_errors(form: Any) -> str:
    return " ".join(e for errs in form.errors.values() for e in errs)
