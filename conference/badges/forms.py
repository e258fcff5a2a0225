from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional

LAYOUT_CHOICES = [
    SelectChoice("cr80", _l("CR80 card, one per page (card printer)")),
    SelectChoice("a6", _l("A6 lanyard badge, one per page")),
    SelectChoice("cr80-a4", _l("CR80 cards on A4, 10 per sheet, crop marks")),
    SelectChoice("a6-a4", _l("A6 badges on A4, 4 per sheet, crop marks")),
]
REPRINT_CHOICES = [
    SelectChoice("lost", _l("Lost badge")),
    SelectChoice("damaged", _l("Damaged badge")),
    SelectChoice("name_changed", _l("Name changed")),
    SelectChoice("photo_changed", _l("Photo changed")),
    SelectChoice("category_changed", _l("Category changed")),
    SelectChoice("other", _l("Other (say why)")),
]


class BatchForm(FlaskForm):
    selection = SelectField(
        _l("Which badges"),
        choices=[
            SelectChoice("unprinted", _l("All approved, not yet printed")),
            SelectChoice("delegation", _l("One delegation")),
            SelectChoice("category", _l("One category")),
            SelectChoice("arrival", _l("Arriving on a date")),
        ],
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
