"""Forms: the exhibitor application (with or without a new account), staff, the organisers' decisions."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField
from wtforms import (
    EmailField,
    FieldList,
    Form,
    FormField,
    PasswordField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
    URLField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional

from conference.core.emails import EmailAddress
from conference.exhibition.labels import KINDS, SIZES, THEMES


def choices(mapping: dict) -> list[SelectChoice]:
    return [SelectChoice(str(value), label) for value, label in mapping.items()]


class StaffEntry(Form):
    """One row of the staff list; an empty row is ignored."""

    given_names = StringField(_l("Given names"), validators=[Optional(), Length(max=200)])
    family_name = StringField(_l("Family name"), validators=[Optional(), Length(max=200)])
    email = EmailField(_l("Email"), validators=[Optional(), EmailAddress(), Length(max=320)])
    title = StringField(_l("Function"), validators=[Optional(), Length(max=200)])


class ApplicationForm(FlaskForm):
    organisation_name = StringField(_l("Organisation"), validators=[DataRequired(), Length(max=200)])
    kind = SelectField(_l("Kind of organisation"), choices=choices(KINDS), validators=[DataRequired()])
    theme = SelectField(_l("Theme"), choices=choices(THEMES), validators=[DataRequired()])
    requested_size_sqm = SelectField(_l("Booth size"), choices=choices(SIZES), coerce=int)
    preferred_booths = SelectMultipleField(_l("Preferred booths (optional)"), validators=[Optional()])
    website = URLField(_l("Website"), validators=[Optional(), Length(max=300)])
    description_en = TextAreaField(_l("Description (English)"), validators=[DataRequired(), Length(max=2000)])
    description_fr = TextAreaField(_l("Description (French, optional)"), validators=[Optional(), Length(max=2000)])
    description_vi = TextAreaField(_l("Description (Vietnamese, optional)"), validators=[Optional(), Length(max=2000)])
    logo = FileField(
        _l("Logo (JPEG or PNG, at least 64 × 64 pixels)"), validators=[FileAllowed(["jpg", "jpeg", "png"])]
    )
    staff = FieldList(FormField(StaffEntry), min_entries=3, max_entries=12)
    submit = SubmitField(_l("Send the application"))


class SignUpApplicationForm(ApplicationForm):
    """For a newcomer: the application and the exhibitor account in one form."""

    full_name = StringField(_l("Your name"), validators=[DataRequired(), Length(max=200)])
    email = EmailField(_l("Your email"), validators=[DataRequired(), EmailAddress(), Length(max=320)])
    password = PasswordField(_l("Choose a password"), validators=[DataRequired(), Length(min=10, max=200)])


class StaffForm(FlaskForm):
    given_names = StringField(_l("Given names"), validators=[DataRequired(), Length(max=200)])
    family_name = StringField(_l("Family name"), validators=[DataRequired(), Length(max=200)])
    email = EmailField(_l("Email"), validators=[DataRequired(), EmailAddress(), Length(max=320)])
    title = StringField(_l("Function"), validators=[Optional(), Length(max=200)])
    submit = SubmitField(_l("Add staff member"))


class ApproveForm(FlaskForm):
    message = TextAreaField(_l("Message to the applicant (optional)"), validators=[Optional(), Length(max=2000)])
    submit = SubmitField(_l("Approve"))


class RejectForm(FlaskForm):
    reason = TextAreaField(_l("Reason (sent to the applicant)"), validators=[DataRequired(), Length(max=2000)])
    submit = SubmitField(_l("Refuse"))


class AllocateForm(FlaskForm):
    booth = SelectField(_l("Booth"), validators=[DataRequired()])
    submit = SubmitField(_l("Allocate booth"))


class ReleaseForm(FlaskForm):
    submit = SubmitField(_l("Release booth"))


class OrganiserApplicationForm(ApplicationForm):
    """An organiser enters an application on an organisation's behalf (its contact gets the account)."""

    full_name = StringField(_l("Contact person"), validators=[DataRequired(), Length(max=200)])
    email = EmailField(_l("Contact email"), validators=[DataRequired(), EmailAddress(), Length(max=320)])
    submit = SubmitField(_l("Create the application"))
