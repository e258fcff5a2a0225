from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, EmailField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from conference.accounts.roles import Role
from conference.core.emails import EmailAddress


class InviteForm(FlaskForm):
    email = EmailField(_l("Email"), validators=[DataRequired(), EmailAddress(), Length(max=320)])
    full_name = StringField(_l("Full name"), validators=[Optional(), Length(max=200)])
    role = SelectField(_l("Role"), choices=Role.choices, default=Role.ACCREDITATION_OFFICER.value)
    submit = SubmitField(_l("Send invitation"))


class RoleForm(FlaskForm):
    role = SelectField(_l("Role"), choices=Role.choices)
    submit = SubmitField(_l("Change role"))


class ReasonForm(FlaskForm):
    reason = TextAreaField(_l("Reason (kept in the audit log)"), validators=[DataRequired(), Length(max=500)])
    submit = SubmitField(_l("Confirm"))


class AuditFilterForm(FlaskForm):
    class Meta:
        csrf = False

    who = StringField(_l("Who"), validators=[Optional(), Length(max=200)])
    entity_type = SelectField(_l("Entity"), validators=[Optional()])
    action = StringField(_l("Action"), validators=[Optional(), Length(max=80)])
    date_from = DateField(_l("From"), validators=[Optional()])
    date_to = DateField(_l("To"), validators=[Optional()])
    security = BooleanField(_l("Security events only"))
