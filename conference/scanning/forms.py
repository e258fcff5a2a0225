"""Organiser forms: a checkpoint, a device token."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateTimeLocalField, SelectField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional

from conference.scanning.models import CheckpointKind, Direction, Reentry


def choices(pairs, blank: bool = False) -> list[SelectChoice]:
    return ([SelectChoice("", "—")] if blank else []) + [SelectChoice(value, label) for value, label in pairs]


def _optional_int(value: object) -> int | None:
    return int(value) if value not in (None, "", "None") else None


class CheckpointForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=120)])
    kind = SelectField(_l("Kind"), choices=CheckpointKind.choices())
    direction = SelectField(_l("Direction"), choices=Direction.choices())
    zone_code = SelectField(_l("Zone (gates)"), validators=[Optional()])
    session_id = SelectField(_l("Session (session doors)"), coerce=_optional_int, validators=[Optional()])
    booth_id = SelectField(_l("Booth (booths)"), coerce=_optional_int, validators=[Optional()])
    opens_at = DateTimeLocalField(_l("Opens (venue time)"), format="%Y-%m-%dT%H:%M", validators=[Optional()])
    closes_at = DateTimeLocalField(_l("Closes (venue time)"), format="%Y-%m-%dT%H:%M", validators=[Optional()])
    reentry = SelectField(_l("Re-entry"), choices=Reentry.choices())
    submit = SubmitField(_l("Save checkpoint"))

    def set_choices(self, options: dict) -> None:
        self.zone_code.choices = choices(options["zones"], blank=True)
        self.session_id.choices = choices(options["sessions"], blank=True)
        self.booth_id.choices = choices(options["booths"], blank=True)


class DeviceTokenForm(FlaskForm):
    user_id = SelectField(_l("Scanner account"), coerce=int)
    device = StringField(_l("Device name"), validators=[DataRequired(), Length(max=100)])
    submit = SubmitField(_l("Issue device token"))
