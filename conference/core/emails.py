"""Every e-mail address is checked and normalised here, with email-validator (no DNS look-ups).

Forms, services and the spreadsheet importer call this so that an address accepted in one place
is accepted in all of them, and stored in one form (trimmed and lower-cased, as look-ups expect).
"""

from __future__ import annotations

from email_validator import EmailNotValidError, validate_email
from wtforms import Field
from wtforms.form import BaseForm
from wtforms.validators import ValidationError


class InvalidEmail(ValueError):
    """Not an e-mail address; the message says why in the user's terms."""


def normalise_email(value: str) -> str:
    """The address as we store it; raises InvalidEmail. Deliverability is not checked: no network call."""
    try:
        checked = validate_email(value.strip(), check_deliverability=False)
    except EmailNotValidError as exc:
        raise InvalidEmail(str(exc)) from exc
    return checked.normalized.lower()


def is_email(value: str) -> bool:
    try:
        normalise_email(value)
    except InvalidEmail:
        return False
    return True


class EmailAddress:
    """WTForms validator with the services' rule; an empty field is left to Optional or DataRequired.

    The message is WTForms' own, so its translations still apply."""

    def __init__(self, message: str | None = None) -> None:
        self.message = message

    def __call__(self, form: BaseForm, field: Field) -> None:
        if field.data and not is_email(field.data):
            raise ValidationError(self.message or field.gettext("Invalid email address."))
