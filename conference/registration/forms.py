"""Registration forms. Formats are checked here; the rules (duplicates, states, lists) in the services."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    PasswordField,
    SelectChoice,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, EqualTo, Length, Optional

from conference.core.emails import EmailAddress
from conference.registration.models import DelegationType, DocumentKind
from conference.registration.schemas import max_length
from conference.registration.services import INDIVIDUAL_TYPES

# Names are typed in any script: let the browser choose the direction (Arabic is right-to-left).
AUTO_DIR = {"dir": "auto"}


def options(pairs) -> list[SelectChoice]:
    """WTForms wants SelectChoice objects rather than (value, label) tuples."""
    return [SelectChoice(value, label) for value, label in pairs]


class SignUpForm(FlaskForm):
    full_name = StringField(_l("Your full name"), render_kw=AUTO_DIR, validators=[DataRequired(), Length(max=200)])
    email = EmailField(_l("Email"), validators=[DataRequired(), EmailAddress(), Length(max=320)])
    password = PasswordField(
        _l("Password (at least 10 characters)"), validators=[DataRequired(), Length(min=10, max=200)]
    )
    confirm = PasswordField(
        _l("Repeat the password"), validators=[DataRequired(), EqualTo("password", _l("The passwords differ."))]
    )
    privacy = BooleanField(
        _l("I have read the privacy notice"),
        validators=[DataRequired(_l("Please read and accept the privacy notice."))],
    )
    submit = SubmitField(_l("Create my account"))


class IndividualSignUpForm(SignUpForm):
    delegation_type = SelectField(
        _l("I register as"),
        choices=DelegationType.choices([t for t in DelegationType if t in INDIVIDUAL_TYPES]),
    )
    organisation_name = StringField(
        _l("Organisation or media outlet"), render_kw=AUTO_DIR, validators=[DataRequired(), Length(max=200)]
    )
    address = TextAreaField(_l("Postal address of the organisation"), validators=[Optional(), Length(max=1000)])


class DelegationForm(FlaskForm):
    type = SelectField(_l("Type of delegation"), choices=[SelectChoice("", "—"), *DelegationType.choices()])
    country_iso3 = SelectField(_l("State (for state delegations)"), choices=[], validate_choice=False)
    organisation_code = SelectField(
        _l("Organisation (for the EU, IGOs and UN entities)"), choices=[], validate_choice=False
    )
    name = StringField(
        _l("Name (for NGOs, companies, academia, media)"), render_kw=AUTO_DIR, validators=[Optional(), Length(max=200)]
    )
    address = TextAreaField(_l("Official postal address"), validators=[DataRequired(), Length(max=1000)])
    submit = SubmitField(_l("Save the delegation"))


class DocumentForm(FlaskForm):
    kind = SelectField(_l("Document"), choices=DocumentKind.choices())
    file = FileField(_l("PDF file (at most 10 MB)"), validators=[FileRequired(_l("Choose a PDF file."))])
    submit = SubmitField(_l("Upload"))


class ParticipantForm(FlaskForm):
    given_names = StringField(
        _l("Given names (as in the passport)"),
        render_kw=AUTO_DIR,
        validators=[DataRequired(), Length(max=max_length("given_names"))],
    )
    family_name = StringField(
        _l("Family name (as in the passport)"),
        render_kw=AUTO_DIR,
        validators=[DataRequired(), Length(max=max_length("family_name"))],
    )
    badge_name = StringField(
        _l("Name on the badge, if different"),
        render_kw=AUTO_DIR,
        validators=[Optional(), Length(max=max_length("badge_name"))],
    )
    title = StringField(
        _l("Title / function"), render_kw=AUTO_DIR, validators=[Optional(), Length(max=max_length("title"))]
    )
    category_code = SelectField(_l("Category"), choices=[], validate_choice=False)
    nationality_iso3 = SelectField(_l("Nationality"), choices=[], validate_choice=False)
    passport_number = StringField(
        _l("Passport or ID number"), validators=[Optional(), Length(max=max_length("passport_number"))]
    )
    passport_expiry = DateField(_l("Passport expiry date"), validators=[Optional()])
    date_of_birth = DateField(_l("Date of birth"), validators=[Optional()])
    email = EmailField(_l("Email"), validators=[Optional(), EmailAddress(), Length(max=320)])
    phone = StringField(_l("Phone"), validators=[Optional(), Length(max=max_length("phone"))])
    arrival_date = DateField(_l("Arrival date"), validators=[Optional()])
    departure_date = DateField(_l("Departure date"), validators=[Optional()])
    accessibility_needs = TextAreaField(
        _l("Accessibility needs"), validators=[Optional(), Length(max=max_length("accessibility_needs"))]
    )
    consent_photo_publication = BooleanField(_l("The photo may appear in official conference publications"))
    consent_share_contact = BooleanField(_l("Contact details may be shared with exhibitors the person visits"))
    consent = BooleanField(_l("The person has read the privacy notice and consents to this processing"))
    submit = SubmitField(_l("Save"))


class PhotoForm(FlaskForm):
    photo = FileField(
        _l("Photo (JPEG or PNG, at least 300×400 px, at most 5 MB)"), validators=[FileRequired(_l("Choose a photo."))]
    )
    submit = SubmitField(_l("Upload photo"))


class ImportForm(FlaskForm):
    file = FileField(_l("CSV or XLSX file"), validators=[FileRequired(_l("Choose a file."))])
    submit = SubmitField(_l("Check and import"))


class HeadForm(FlaskForm):
    participant_id = SelectField(_l("Head of Delegation"), choices=[], validate_choice=False)
    submit = SubmitField(_l("Designate"))


class DecisionForm(FlaskForm):
    """The action comes from the button pressed (name="action")."""

    message = TextAreaField(
        _l("Message to the focal point (required to reject or request changes)"),
        validators=[Optional(), Length(max=2000)],
    )


class ActionForm(FlaskForm):
    """A bare POST button (CSRF only)."""


class LoginFromLinkForm(FlaskForm):
    password = PasswordField(
        _l("Choose a password (at least 10 characters)"), validators=[DataRequired(), Length(min=10, max=200)]
    )
    submit = SubmitField(_l("Create my login"))
