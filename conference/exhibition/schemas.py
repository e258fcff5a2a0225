"""The exhibition's records as the API, the document and the lead export see them (one schema each)."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from conference.core.schemas import Out, Schema, text
from conference.exhibition.models import ExhibitorKind


class ExhibitorRef(Out):
    """The exhibitor holding a booth, and where its directory page is."""

    id: int
    name: str
    url: str


class BoothOut(Out):
    """A booth on the Exhibition Hall's plan; positions and sizes in metres from the top-left corner."""

    code: str = Field(examples=["B07"])
    x: float
    y: float
    width: float
    height: float
    size_sqm: int
    zone: str | None
    theme: str
    power: bool
    network: bool
    furniture: str
    exhibitor: ExhibitorRef | None


class Description(Out):
    en: str
    fr: str
    vi: str


class ExhibitorOut(Out):
    """An approved exhibitor in the public directory."""

    id: int
    name: str
    kind: ExhibitorKind
    theme: str
    website: str | None
    description: Description
    booth: str | None = Field(examples=["B07"])
    logo_url: str | None
    url: str


class ExhibitorQuery(Schema):
    q: text(200) = Field("", description="Words in the name or a description.")
    theme: text(40) = Field("", description="Only exhibitors of this theme.")


class LeadOut(Out):
    """A visitor who consented to share their contact details; the titles head the export's columns."""

    name: str = Field(title="Name")
    title: str = Field(title="Function")
    organisation: str = Field(title="Organisation")
    email: str = Field(title="Email")
    phone: str = Field(title="Phone")
    visits: int = Field(title="Visits")
    first_scanned_at: dt.datetime = Field(title="First visit")
    last_scanned_at: dt.datetime = Field(title="Last visit")


class ExhibitorRow(Out):
    """One exhibitor in the organisers' export; the field names head its columns."""

    id: int
    organisation: str
    kind: ExhibitorKind
    theme: str
    status: str
    requested_sqm: int
    preferred: str = Field(description="Preferred booth codes, comma-separated.")
    booth: str
    website: str
    staff: int


class BoothVisitsRow(Out):
    """One booth in the organisers' visit counts: visits and the number of leads, never their details."""

    booth: str
    size_sqm: int
    exhibitor: str
    visits: int
    leads: int
