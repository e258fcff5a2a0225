"""The records of registration, once: a participant's fields with their rules, and the API's shapes.

``ParticipantRecord`` is the one description of a participant's own data. The pages, the JSON API and
the spreadsheet importer all check a record through it (``records.clean_record``); the importer's
columns, the export's and the own-data download's keys, and the OpenAPI document come from its fields.
Rules that need the database (known category and country, duplicates) stay in ``records.py``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from typing import Annotated, Any, get_args, get_origin

from annotated_types import MaxLen
from pydantic import Field, ValidationInfo, create_model, field_validator
from pydantic.fields import FieldInfo
from pydantic_core import PydanticCustomError

from conference.core.schemas import Day, Email, Flag, Id, Out, QueryInt, Schema, Text, text
from conference.registration.models import AccreditationStatus, DelegationType

PASSPORT_RE = re.compile(r"^[A-Z0-9]{5,20}$")
PHONE_RE = re.compile(r"^\+?[0-9 ()./-]{6,40}$")
# Fields whose value a focal point never reads back (shown masked), and the import never takes.
SENSITIVE_FIELD = {"sensitive": True}
NOT_IMPORTED = {"column": None}


def _field(title: str, default: Any = ..., **extra: Any) -> Any:
    """A record field: ``title`` is what a person reads; ``column`` (default: the field's name) heads it in
    an import file, None when a spreadsheet does not carry it."""
    max_length = extra.pop("max_length", None)
    return Field(default, title=title, max_length=max_length, json_schema_extra=extra or None)


class ParticipantRecord(Schema):
    """A participant's record as a focal point, the participant or an officer enters it."""

    given_names: Text = _field("Given names (as in the passport)", max_length=200)
    family_name: Text = _field("Family name (as in the passport)", max_length=200)
    badge_name: Text | None = _field("Name on the badge", None, max_length=200)
    title: Text = _field("Title / function", "", max_length=200)
    category_code: Text = _field("Category", max_length=40, column="category")
    nationality_iso3: Text | None = _field("Nationality", None, max_length=3, column="nationality")
    passport_number: Text | None = _field("Passport or ID number", None, max_length=40, **SENSITIVE_FIELD)
    passport_expiry: Day | None = _field("Passport expiry date", None, **SENSITIVE_FIELD)
    date_of_birth: Day | None = _field("Date of birth", None, **SENSITIVE_FIELD)
    email: Email | None = _field("Email", None)
    phone: Text | None = _field("Phone", None, max_length=40)
    arrival_date: Day | None = _field("Arrival date", None)
    departure_date: Day | None = _field("Departure date", None)
    accessibility_needs: Text = _field("Accessibility needs", "", max_length=2000)
    consent_photo_publication: Flag = _field("Photo may be published", False, **NOT_IMPORTED)
    consent_share_contact: Flag = _field("Contact may be shared with exhibitors", False, **NOT_IMPORTED)

    @field_validator("*", mode="before")
    @classmethod
    def _trimmed(cls, value: Any, info: ValidationInfo) -> Any:
        """Text arrives padded from forms and spreadsheets; a field left blank holds its empty value."""
        default = (ParticipantRecord.model_fields.get(info.field_name) or cls.model_fields[info.field_name]).default
        if value is None and default == "":
            return default
        if isinstance(value, str):
            value = value.strip()
            if not value and default is None:
                return None
        return value

    @field_validator("given_names", "family_name", "category_code")
    @classmethod
    def _required(cls, value: str, info: ValidationInfo) -> str:
        if not value:
            raise PydanticCustomError("missing", "{title} is missing.", {"title": title_of(info.field_name)})
        return value

    @field_validator("nationality_iso3", "passport_number", mode="before")
    @classmethod
    def _upper_code(cls, value: Any) -> Any:
        if isinstance(value, str):
            return re.sub(r"[\s-]", "", value).upper() or None
        return value

    @field_validator("passport_number")
    @classmethod
    def _passport(cls, value: str | None) -> str | None:
        if value and not PASSPORT_RE.match(value):
            raise PydanticCustomError("passport", "The passport or ID number must be 5–20 letters and digits.")
        return value

    @field_validator("phone")
    @classmethod
    def _phone(cls, value: str | None) -> str | None:
        if value and not PHONE_RE.match(value):
            raise PydanticCustomError(
                "phone", "“{value}” is not a phone number (digits, spaces and a leading +).", {"value": value}
            )
        return value

    @field_validator("passport_expiry", "date_of_birth", "arrival_date", "departure_date", mode="before")
    @classmethod
    def _date(cls, value: Any, info: ValidationInfo) -> Any:
        """A date, or text written YYYY-MM-DD; never a number (a JSON 0 is not 1970)."""
        if isinstance(value, dt.datetime):
            return value.date()
        if value is None or isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            with contextlib.suppress(ValueError):
                return dt.date.fromisoformat(value.strip()) if value.strip() else None
        raise PydanticCustomError(
            "date_format", "{title} is not a valid date (write it as YYYY-MM-DD).", {"title": title_of(info.field_name)}
        )

    @field_validator("passport_expiry")
    @classmethod
    def _not_expired(cls, value: dt.date | None) -> dt.date | None:
        if value and value < dt.date.today():
            raise PydanticCustomError("expired", "The passport has expired; use a valid passport or ID.")
        return value

    @field_validator("date_of_birth")
    @classmethod
    def _plausible_birth(cls, value: dt.date | None) -> dt.date | None:
        if value and not dt.date(1900, 1, 1) < value < dt.date.today():
            raise PydanticCustomError("birth_date", "The date of birth is not plausible.")
        return value

    @field_validator("departure_date")
    @classmethod
    def _travel_in_order(cls, value: dt.date | None, info: ValidationInfo) -> dt.date | None:
        arrival = info.data.get("arrival_date")
        if value and arrival and value < arrival:
            raise PydanticCustomError("departure_before_arrival", "The departure date is before the arrival date.")
        return value


def title_of(name: str) -> str:
    return ParticipantRecord.model_fields[name].title or name


def max_length(name: str) -> int:
    """The most characters a record field holds (the form's limit is the schema's)."""
    return next(m.max_length for m in ParticipantRecord.model_fields[name].metadata if isinstance(m, MaxLen))


def _extra(info: FieldInfo) -> dict[str, Any]:
    return info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}


RECORD_FIELDS: tuple[str, ...] = tuple(ParticipantRecord.model_fields)
SENSITIVE: tuple[str, ...] = tuple(n for n, f in ParticipantRecord.model_fields.items() if _extra(f).get("sensitive"))
# Import file header → record field, in the template's order.
IMPORT_COLUMNS: dict[str, str] = {
    _extra(f).get("column", name): name
    for name, f in ParticipantRecord.model_fields.items()
    if _extra(f).get("column", name) is not None
}
REQUIRED: tuple[str, ...] = tuple(n for n, f in ParticipantRecord.model_fields.items() if f.is_required())

# The same record where every field may be left out: a change to some fields.
ParticipantChanges = create_model(
    "ParticipantChanges",
    __base__=ParticipantRecord,
    __doc__="Some fields of a participant's record, to change while it is editable.",
    **{
        name: (
            ParticipantRecord.model_fields[name].annotation,
            FieldInfo.merge_field_infos(ParticipantRecord.model_fields[name], default=None),
        )
        for name in REQUIRED
    },
)


class ParticipantIn(ParticipantRecord):
    """A new member of a delegation (a draft until submitted)."""

    consent: Flag = Field(False, description="The person has read the privacy notice and consents.")


class ParticipantPatch(ParticipantChanges):  # type: ignore[misc, valid-type]
    consent: Flag = Field(False, description="The person has read the privacy notice and consents.")


def _plain(annotation: Any) -> Any:
    """The Python type under a field's rules (``Day | None`` → ``date``): responses are not re-checked."""
    for arg in get_args(annotation) or (annotation,):
        base = get_args(arg)[0] if get_origin(arg) is Annotated else arg
        if base is not type(None):
            return base
    return annotation


def _out_type(name: str) -> Any:
    """How a record field reads back: sensitive ones as a masked text unless the reader may see them."""
    if name in SENSITIVE:
        return _plain(ParticipantRecord.model_fields[name].annotation) | str | None
    return _plain(ParticipantRecord.model_fields[name].annotation) | None


class ParticipantState(Out):
    id: int
    delegation_id: int | None
    delegation: str | None = Field(description="The delegation's name.")
    status: AccreditationStatus
    status_message: str | None
    has_photo: bool
    consent_given_at: dt.datetime | None
    submitted_at: dt.datetime | None
    decided_at: dt.datetime | None


ParticipantOut = create_model(
    "ParticipantOut",
    __base__=ParticipantState,
    __doc__="A participant as the reader may see it (passport data masked for focal points).",
    **{name: (_out_type(name), ...) for name in RECORD_FIELDS},
)


class ParticipantList(Out):
    items: list[ParticipantOut]  # type: ignore[valid-type]
    total: int
    page: int
    pages: int


class ParticipantQuery(Schema):
    """Officers filter like the queue; focal points only by status."""

    status: AccreditationStatus | None = None
    delegation_type: DelegationType | None = None
    category: text(40) | None = None
    region: text(100) | None = None
    q: text(100) | None = None
    page: QueryInt = 1


class DocumentBrief(Out):
    kind: str
    filename: str


class OwnData(ParticipantOut):  # type: ignore[misc, valid-type]
    """Everything held about a participant, for the participant themselves."""

    category: str
    nationality: str | None
    documents_of_delegation: list[DocumentBrief]
    exported_at: dt.datetime


class DocumentOut(DocumentBrief):
    id: int


class DelegationIn(Schema):
    """A state from the list, an organisation from the list, or the name of an NGO, company, institute or
    media outlet; and the official postal address."""

    type: DelegationType
    country_iso3: text(3) | None = None
    organisation_code: text(20) | None = None
    name: text(200) | None = None
    address: text(1000)


class DelegationOut(Out):
    id: int
    type: DelegationType
    name: str
    country_iso3: str | None
    organisation_code: str | None
    address: str
    status: AccreditationStatus
    head_of_delegation_id: int | None
    self_registered: bool
    missing_documents: list[str] = Field(description="Kinds of document still to upload before submitting.")
    documents: list[DocumentOut]


class DelegationDetail(DelegationOut):
    members: list[ParticipantOut]  # type: ignore[valid-type]


class DelegationList(Out):
    items: list[DelegationOut]


class TransitionIn(Schema):
    message: text(2000) | None = Field(None, description="Required to reject or request changes.")


class Submitted(Out):
    submitted: list[Id] = Field(description="Ids of the members submitted.")
