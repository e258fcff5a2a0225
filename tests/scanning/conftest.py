"""Scanning test helpers: badges in a given state, checkpoints, one-call scans."""

from __future__ import annotations

import base64
import datetime as dt
import struct
import uuid

import base45
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select

from conference.agenda.models import ConferenceSession, Room
from conference.badges import tokens
from conference.badges.models import Badge
from conference.extensions import db
from conference.scanning import services
from conference.scanning.models import Checkpoint
from tests import factories


def make_badge(
    status: str = "approved",
    category: str = "delegate",
    serial: int = 1,
    printed_at: dt.datetime | None = None,
    **kwargs,
) -> Badge:
    person = factories.participant(status=status, category_code=category, **kwargs)
    badge = Badge(participant_id=person.id, serial=serial, printed_at=printed_at)
    db.session.add(badge)
    db.session.commit()
    return badge


def make_checkpoint(kind: str = "zone_gate", **kwargs) -> Checkpoint:
    if kind == "zone_gate":
        kwargs.setdefault("zone_code", "P")
    checkpoint = Checkpoint(name=kwargs.pop("name", f"cp-{uuid.uuid4().hex[:8]}"), kind=kind, **kwargs)
    db.session.add(checkpoint)
    db.session.commit()
    return checkpoint


def make_session(capacity: int | None, zone_code: str | None = "W") -> ConferenceSession:
    """A session of our own (seeded ones are shared with other tests)."""
    room = db.session.scalar(select(Room).where(Room.code == "HALL1"))
    start = dt.datetime(2025, 10, 25, 3, 0, tzinfo=dt.UTC)
    session = ConferenceSession(
        code=f"T{uuid.uuid4().hex[:10]}",
        kind="workshop",
        title_en="Test workshop",
        room_id=room.id,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=1),
        capacity=capacity,
        zone_code=zone_code,
    )
    db.session.add(session)
    db.session.commit()
    return session


def code_for(badge: Badge, serial: int | None = None) -> str:
    return tokens.sign(badge.id, badge.serial if serial is None else serial)


def forged_code(badge_id: int, serial: int = 1, key_id: int | None = None) -> str:
    """A well-formed code signed with a key that is not ours."""
    head = struct.pack(">BBIH", 1, key_id if key_id is not None else tokens.keyring().key_id, badge_id, serial)
    return "HC1:" + base45.b45encode(head + Ed25519PrivateKey.generate().sign(head)).decode()


def scan(checkpoint: Checkpoint, code: str | None, **kwargs) -> services.ScanResult:
    kwargs.setdefault("client_scan_id", uuid.uuid4().hex)
    kwargs.setdefault("staff_user_id", None)
    result = services.perform_scan(checkpoint.id, code, **kwargs)
    db.session.commit()  # the boundary, as the API request does
    return result


def hours(n: float) -> dt.timedelta:
    return dt.timedelta(hours=n)


@pytest.fixture
def public_key_b64(app) -> str:
    return base64.b64encode(tokens.keyring().public_raw()[tokens.keyring().key_id]).decode()
