"""The agenda's records as the JSON API reads and writes them (one schema per record).

The API validates requests with these, answers with them, and the OpenAPI document is generated from them.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import BeforeValidator, Field

from conference.agenda.models import InscriptionStatus, SessionKind, SignatoryLevel, SignupStatus, SpeakerLevel
from conference.core.schemas import Id, Out, QueryInt, Schema, clean_text, within_years


def _event_day(value: Any) -> Any:
    """``2025-10-26`` (a date in venue time) or ``2`` (the event's second day), as a date or a number."""
    if not isinstance(value, str):
        return value
    clean_text(value)
    if value.isdigit():
        return int(value)
    return within_years(dt.date.fromisoformat(value))


EventDay = Annotated[
    dt.date | Annotated[int, Field(ge=1, le=31)],
    BeforeValidator(_event_day),
    Field(description="A date in venue time (YYYY-MM-DD), or the day's number in the event (1, 2)."),
]


class SessionsQuery(Schema):
    day: EventDay | None = None
    kind: SessionKind | None = None


class RoomOut(Out):
    code: str
    name: str


class LocalisedOut(Out):
    """The same text in each language of the conference."""

    en: str
    fr: str
    vi: str


class SessionOut(Out):
    """A programme item; times in UTC. ``capacity`` is the session's own, else its room's (null: no limit)."""

    id: int
    code: str
    kind: SessionKind
    title: LocalisedOut
    description: LocalisedOut
    starts_at: dt.datetime
    ends_at: dt.datetime
    room: RoomOut | None
    languages: list[str]
    interpretation: list[str]
    topics: list[str]
    organisers: list[str]
    speakers: list[str] = Field(description="Guest speakers, by name.")
    capacity: int | None
    zone: str | None = Field(description="The access zone a badge needs to enter.")
    needs_signup: bool
    confirmed: int = Field(description="Seats taken.")
    waitlisted: int = Field(description="People on the waiting list.")
    url: str = Field(description="The session's public page.")


class SessionsOut(Out):
    sessions: list[SessionOut]


class SignupIn(Schema):
    participant_id: Id | None = Field(
        None, description="Whom to book (a focal point books a member); default: your own participant."
    )


class SignupQuery(Schema):
    participant_id: QueryInt | None = Field(None, description="Whose sign-up to cancel; default: your own.")


class SignupOut(Out):
    session_id: int
    participant_id: int
    status: SignupStatus
    waiting_position: int | None = Field(description="Place on the waiting list (1 is next); null when confirmed.")


class OrderIn(Schema):
    """A list dragged into a new order: every id of the list, first to last."""

    order: list[Id] = Field(max_length=1000)


class OrderedOut(Out):
    ok: bool


class ScreenSessionOut(Out):
    id: int
    code: str
    title: str


class SpeakerOut(Out):
    id: int
    delegation: str
    speaker: str
    title: str
    level: SpeakerLevel
    level_label: str
    status: InscriptionStatus


class TimerOut(Out):
    running: bool
    elapsed_seconds: int
    remaining_seconds: int = Field(description="Negative once the speaker is over time.")


class ScreenOut(Out):
    """What the room screen shows: who has the floor, the time left, who is next."""

    session: ScreenSessionOut
    time_limit_seconds: int
    current: SpeakerOut | None
    timer: TimerOut
    next: list[SpeakerOut] = Field(description="The next three speakers.")
    remaining_speakers: int
    spoken: int


class SignatureOut(Out):
    party: str
    party_code: str
    signed_at: dt.datetime
    level: SignatoryLevel
    level_label: str


class SignaturesOut(Out):
    count: int
    signatures: list[SignatureOut] = Field(description="In order of signature.")


class SignupRow(Out):
    """A line of the sign-ups export; the column headers are the fields' titles."""

    session: str = Field(title="session")
    title: str = Field(title="title")
    starts: str = Field(title="starts (venue time)")
    participant_id: int = Field(title="participant id")
    name: str = Field(title="name")
    status: SignupStatus = Field(title="status")
    requested_at: str = Field(title="requested at")
    email: str = Field("", title="email", json_schema_extra={"sensitive": True})


class SignatoryRow(Out):
    """A line of the signatories export; the column headers are the fields' titles."""

    party: str = Field(title="party")
    code: str = Field(title="code")
    signatory: str = Field(title="signatory")
    title: str = Field(title="title")
    level: str = Field(title="level")
    full_powers: str = Field(title="full powers")
    slot: str = Field(title="slot (venue time)")
    signed_at: str = Field(title="signed at (venue time)")
