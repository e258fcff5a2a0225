"""The scanning API's records: a scan sent by a device, its verdict, the offline roster and occupancy.

The API validates requests and shapes answers with these, and the OpenAPI document is generated from
them; ``ScanIn`` is the one definition of what a scan request may hold.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, model_validator

from conference.core.schemas import Flag, Id, Moment, Out, Schema, text
from conference.scanning.enums import CheckpointKind, Collected, Direction, Reason

CLIENT_SCAN_ID_LENGTH = 64  # scans.client_scan_id
DEVICE_LENGTH = 120  # scans.device
CODE_LENGTH = 2000  # far beyond any badge code; what is recorded is cut to 200 characters


class ScanIn(Schema):
    """One scan: the code the camera read, or a badge picked by hand (``badge_id``)."""

    checkpoint: Id
    code: text(CODE_LENGTH) | None = Field(None, description="The text read from the badge QR (HC1:…).")
    badge_id: Id | None = Field(None, description="Instead of code: a badge picked by hand.")
    client_scan_id: text(CLIENT_SCAN_ID_LENGTH, min_length=1) = Field(
        description="Unique per scan (a UUID): a scan sent again is recorded once."
    )
    scanned_at: Moment | None = Field(None, description="The device's clock (the server's when absent).")
    device: text(DEVICE_LENGTH) = Field("", description="The device's name (a device token's name when absent).")
    offline: Flag = Field(False, description="The scan was queued while offline.")

    @model_validator(mode="after")
    def code_or_badge(self) -> ScanIn:
        if self.code is None and self.badge_id is None:
            raise ValueError("send the scanned code, or a badge_id for a manual pick")
        return self


class BadgeHolderOut(Out):
    """Whom the badge belongs to, as the steward sees them on the verdict screen."""

    id: int = Field(description="The participant's id.")
    badge_id: int
    number: str = Field(examples=["HN000042"])
    name: str
    title: str
    delegation: str
    category: str
    colour: str = Field(examples=["#C8102E"])
    letter: str
    photo_url: str | None


class ScanOut(Out):
    """The verdict of a scan: refusals are verdicts too (recorded, answered 201)."""

    verdict: Literal["accepted", "refused"]
    reason: Reason
    message: str = Field(description="The reason in plain words, for the steward.")
    colour: Literal["green", "amber", "red"] = Field(description="The verdict screen's colour.")
    participant: BadgeHolderOut | None
    scan_id: int
    checkpoint: int
    scanned_at: dt.datetime
    duplicate: bool = Field(description="This client_scan_id was recorded before: the first verdict again.")
    collected: Collected | None = Field(
        None, description="Accreditation desk only: was the badge handed over now, and if not, why."
    )


class RosterQuery(Schema):
    since: Moment | None = Field(None, description="The synced_at of the previous answer; none for everything.")


class RosterBadgeOut(Out):
    """What a scanner needs to decide offline about one badge (no passport data)."""

    id: int
    number: str
    serial: int
    revoked_serials: list[int]
    approved: bool
    name: str
    title: str
    delegation: str
    category: str
    colour: str
    letter: str
    zones: list[str]
    photo_url: str | None


class RosterOut(Out):
    synced_at: dt.datetime = Field(description="Pass as since next time.")
    full: bool
    keys: dict[str, str] = Field(description="Key id → raw Ed25519 public key, hex.")
    badges: list[RosterBadgeOut]


class OccupancyOut(Out):
    """Badges inside now, by zone code and by room code."""

    zones: dict[str, int]
    rooms: dict[str, int]


class ScanRecordOut(Out):
    """One recorded scan as the organiser panel exports it; the titles are the export's headers."""

    scan_id: int = Field(title="scan id")
    received_at: dt.datetime = Field(title="received at (UTC)")
    scanned_at: dt.datetime = Field(title="scanned at (device, UTC)")
    offline: bool = Field(title="offline")
    checkpoint: str = Field(title="checkpoint")
    kind: CheckpointKind = Field(title="kind")
    direction: Direction = Field(title="direction")
    badge: str | None = Field(title="badge")
    serial: int | None = Field(title="serial")
    participant: str | None = Field(title="participant")
    delegation: str | None = Field(title="delegation")
    result: Literal["accepted", "refused"] = Field(title="result")
    reason: Reason = Field(title="reason")
    staff: str | None = Field(title="staff")
    device: str = Field(title="device")
