from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from conference.badges.models import BadgeLayout, PrintSelection, SerialReason

LAYOUT_CHOICES = BadgeLayout.choices()
REPRINT_CHOICES = SerialReason.choices([r for r in SerialReason if r != SerialReason.ISSUED])


class BatchForm(FlaskForm):
    selection = SelectField(
        _l("Which badges"),
        choices=PrintSelection.choices([s for s in PrintSelection if s != PrintSelection.BADGE]),
    )
    delegation = SelectField(_l("Delegation"), coerce=str, validators=[Optional()])
    category = SelectField(_l("Category"), coerce=str, validators=[Optional()])
    arrival = DateField(_l("Arrival date"), validators=[Optional()])
    include_printed = BooleanField(_l("Include badges already printed"))
    layout = SelectField(_l("Layout"), choices=LAYOUT_CHOICES)
    submit = SubmitField(_l("Print batch"))

    def value(self) -> str:
        if self.selection.data == "delegation":
            return self.delegation.data or ""
        if self.selection.data == "category":
            return self.category.data or ""
        if self.selection.data == "arrival":
            return self.arrival.data.isoformat() if self.arrival.data else ""
        return ""


class DeskPrintForm(FlaskForm):
    layout = SelectField(_l("Layout"), choices=LAYOUT_CHOICES)
    submit = SubmitField(_l("Print this badge"))


class ReprintForm(FlaskForm):
    reason = SelectField(_l("Why reprint"), choices=REPRINT_CHOICES)
    note = TextAreaField(_l("Note"), validators=[Length(max=500)])
    submit = SubmitField(_l("Reprint with a new serial"))


class RevokeForm(FlaskForm):
    reason = StringField(_l("Why revoke"), validators=[DataRequired(), Length(max=300)])
    submit = SubmitField(_l("Revoke badge"))


class CollectForm(FlaskForm):
    id_checked = BooleanField(_l("I checked the holder's passport or ID against the badge"))
    submit = SubmitField(_l("Record hand-over"))


class SearchForm(FlaskForm):
    class Meta:
        csrf = False

    q = StringField(_l("Name or badge number"), validators=[Optional(), Length(max=100)])
