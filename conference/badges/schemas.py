"""The records of badges, once: the API's answers and the organiser panel's tables take their shape here.

A table's headers are its row schema's field titles, and a row is the schema's values in field order,
so a column cannot be added to one and forgotten in the other.
"""

from __future__ import annotations

from pydantic import Field

from conference.badges.models import BadgeStatus
from conference.core.schemas import Out


class BadgeStateOut(Out):
    """A code is good only if its serial equals ``current_serial`` and ``status`` is active."""

    badge_id: int
    participant_id: int
    current_serial: int
    status: BadgeStatus = Field(examples=["active", "revoked"])
    revoked_serials: list[int]


class RevocationsOut(Out):
    public_keys: dict[str, str] = Field(description="Key id → raw Ed25519 public key, base64.")
    badges: list[BadgeStateOut]


class BadgeRow(Out):
    """One badge in the organisers' table: its printing and collection, and who holds it."""

    number: str = Field(title="badge")
    serial: int = Field(title="serial")
    status: str = Field(title="status")
    name: str = Field(title="name on badge")
    delegation: str = Field(title="delegation")
    category: str = Field(title="category")
    printed: str = Field(title="printed")
    collected: str = Field(title="collected")
    needs_reprint: str = Field(title="needs reprint")
    revoked: str = Field(title="revoked")
    revoke_reason: str = Field(title="revoke reason")


class BatchRow(Out):
    """One print batch in the organisers' table."""

    id: int = Field(title="batch")
    created: str = Field(title="created")
    by: str = Field(title="by")
    selection: str = Field(title="selection")
    value: str = Field(title="value")
    layout: str = Field(title="layout")
    total: int = Field(title="badges")
    status: str = Field(title="status")
    finished: str = Field(title="finished")
