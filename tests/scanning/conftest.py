"""Scanning test helpers: codes for badges, forged codes, one-call scans."""

from __future__ import annotations

import base64
import datetime as dt
import struct
import uuid

import base45
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from conference.badges import tokens
from conference.badges.models import Badge
from conference.scanning import services
from conference.scanning.models import Checkpoint
from tests.factories import DAY1

# Sessions made for scans: on day 1 at 10:00 in Hall 1, doors scan them without a sign-up list.
SCANNED_SESSION = {"day": DAY1, "start": "10:00", "end": "11:00", "room_code": "HALL1", "needs_signup": False}


def code_for(badge: Badge, serial: int | None = None) -> str:
    return tokens.sign(badge.id, badge.serial if serial is None else serial)


def forged_code(badge_id: int, serial: int = 1, key_id: int | None = None) -> str:
    """A well-formed code signed with a key that is not ours."""
    head = struct.pack(">BBIH", 1, key_id if key_id is not None else tokens.keyring().key_id, badge_id, serial)
    return "HC1:" + base45.b45encode(head + Ed25519PrivateKey.generate().sign(head)).decode()


def scan(checkpoint: Checkpoint, code: str | None, **kwargs) -> services.ScanResult:
    kwargs.setdefault("client_scan_id", uuid.uuid4().hex)
    kwargs.setdefault("staff_user_id", None)
    return services.perform_scan(checkpoint.id, code, **kwargs)


def hours(n: float) -> dt.timedelta:
    return dt.timedelta(hours=n)


@pytest.fixture
def public_key_b64(app) -> str:
    return base64.b64encode(tokens.keyring().public_raw()[tokens.keyring().key_id]).decode()
