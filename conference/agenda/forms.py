"""Forms of the agenda: the session editor, sign-up, the list of speakers, the signing."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    DateField,
    IntegerField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, Regexp

from conference.agenda.models import SessionKind, SignatoryLevel, SpeakerLevel


def split_list(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").replace(";", ",").split(",") if v.strip()]


def split_ids(value: str | None) -> list[int]:
    return [int(v) for v in split_list(value)]


IDS = Regexp(r"^[\d,;\s]*$", message=_l("Participant numbers separated by commas."))


class SessionForm(FlaskForm):
    code = StringField(_l("Code"), validators=[DataRequired(), Length(max=40)])
    kind = SelectField(_l("Kind"), choices=SessionKind.choices())
    title_en = StringField(_l("Title (English)"), validators=[DataRequired(), Length(max=300)])
    title_fr = StringField(_l("Title (French)"), validators=[Length(max=300)])
    title_vi = StringField(_l("Title (Vietnamese)"), validators=[Length(max=300)])
    description_en = TextAreaField(_l("Description (English)"))
    description_fr = TextAreaField(_l("Description (French)"))
    description_vi = TextAreaField(_l("Description (Vietnamese)"))
    room_id = SelectField(_l("Room"), coerce=int)
    day = DateField(_l("Day"), validators=[InputRequired()])
    start = TimeField(_l("Starts (venue time)"), validators=[InputRequired()])
    end = TimeField(_l("Ends (venue time)"), validators=[InputRequired()])
    languages = StringField(_l("Languages (codes, comma separated)"), default="en")
    interpretation = StringField(_l("Interpretation into (codes, comma separated)"))
    topics = StringField(_l("Topics (comma separated)"))
    organisers = StringField(_l("Organiser, then co-organisers (delegation codes, comma separated)"))
    speaker_ids = StringField(_l("Registered speakers (participant numbers)"), validators=[IDS])
    moderator_ids = StringField(_l("Registered moderators (participant numbers)"), validators=[IDS])
    guest_speakers = TextAreaField(_l("Guest speakers (one per line; add “(moderator)” for a moderator)"))
    capacity = IntegerField(_l("Capacity (empty: the room's)"), validators=[Optional(), NumberRange(min=1)])
    zone_code = SelectField(_l("Access zone"))
    needs_signup = BooleanField(_l("Participants must sign up"))
    submit = SubmitField(_l("Save session"))


class SignupForm(FlaskForm):
    participant_id = SelectField(_l("Participant"), coerce=int)
    submit = SubmitField(_l("Sign up"))


class InscriptionForm(FlaskForm):
    session_id = SelectField(_l("Plenary session"), coerce=int)
    delegation_id = SelectField(_l("Delegation"), coerce=int)
    speaker_name = StringField(_l("Speaker's name"), validators=[DataRequired(), Length(max=200)])
    speaker_title = StringField(_l("Speaker's title"), validators=[Length(max=200)])
    level = SelectField(_l("Level"), choices=SpeakerLevel.choices())
    submit = SubmitField(_l("Inscribe on the list of speakers"))


class TimeLimitForm(FlaskForm):
    minutes = IntegerField(_l("Time limit per statement (minutes)"), validators=[InputRequired(), NumberRange(1, 30)])
    submit = SubmitField(_l("Set"))


class DeclarationForm(FlaskForm):
    delegation_id = SelectField(_l("State or organisation"), coerce=int)
    signatory_name = StringField(_l("Signatory's full name"), validators=[DataRequired(), Length(max=200)])
    signatory_title = StringField(_l("Signatory's title"), validators=[DataRequired(), Length(max=200)])
    level = SelectField(_l("Signatory's level"), choices=SignatoryLevel.choices())
    submit = SubmitField(_l("Declare the intention to sign"))


class FullPowersForm(FlaskForm):
    document = FileField(_l("Instrument of full powers (PDF)"), validators=[FileRequired()])
    submit = SubmitField(_l("Upload full powers"))


class ReviewForm(FlaskForm):
    reason = StringField(_l("Reason (required to reject)"), validators=[Length(max=500)])
    verify = SubmitField(_l("Verified"))
    reject = SubmitField(_l("Reject"))


class ScheduleForm(FlaskForm):
    day = DateField(_l("Ceremony day"), validators=[InputRequired()])
    start = TimeField(_l("First slot (venue time)"), validators=[InputRequired()])
    minutes = IntegerField(_l("Minutes per slot"), default=3, validators=[InputRequired(), NumberRange(1, 30)])
    submit = SubmitField(_l("Schedule the slots"))
