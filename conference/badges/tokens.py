"""The text inside a badge's QR code: signed, compact, versioned, and free of personal data.

``HC1:`` + base45( version | key id | badge id | serial | Ed25519 signature ), 72 bytes → 112
characters, all in the QR alphanumeric set, so it fits a version-6 QR at error correction M.
Anyone holding the public key can verify a code offline (the scanner page does, with WebCrypto).
"""

from __future__ import annotations

import base64
import struct
from dataclasses import dataclass
from pathlib import Path

import base45
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from flask import current_app

PREFIX = "HC1:"
VERSION = 1
_HEAD = struct.Struct(">BBIH")  # version, key id, badge id, serial
SIGNATURE_SIZE = 64


class InvalidCode(Exception):
    """``reason`` is ``unreadable`` (not our format) or ``bad_signature`` / ``unknown_key``."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class BadgeCode:
    badge_id: int
    serial: int
    key_id: int


@dataclass
class KeyRing:
    key_id: int
    private_key: Ed25519PrivateKey
    public_keys: dict[int, Ed25519PublicKey]

    def public_raw(self) -> dict[int, bytes]:
        return {
            kid: key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
            for kid, key in self.public_keys.items()
        }


def _load_private(value: str) -> Ed25519PrivateKey:
    value = value.strip()
    if value.startswith("-----BEGIN"):
        key = serialization.load_pem_private_key(value.encode(), password=None)
        if not isinstance(key, Ed25519PrivateKey):
            raise ValueError("BADGE_SIGNING_KEY is not an Ed25519 key")
        return key
    return Ed25519PrivateKey.from_private_bytes(base64.b64decode(value))


def _instance_key(instance: Path) -> Ed25519PrivateKey:
    """Development only: a key generated once into instance/ (never in the repository)."""
    path = instance / "badge_signing_key.pem"
    if not path.exists():
        instance.mkdir(parents=True, exist_ok=True)
        pem = Ed25519PrivateKey.generate().private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        path.write_bytes(pem)
        path.chmod(0o600)
    return _load_private(path.read_text())


def keyring() -> KeyRing:
    ring = current_app.extensions.get("badge_keyring")
    if ring is None:
        config = current_app.config
        if config.get("BADGE_SIGNING_KEY"):
            private = _load_private(config["BADGE_SIGNING_KEY"])
        elif config.get("PRODUCTION"):
            raise RuntimeError("BADGE_SIGNING_KEY must be set in production.")
        else:
            private = _instance_key(Path(config["INSTANCE_PATH"]))
        key_id = int(config["BADGE_KEY_ID"])
        public = {key_id: private.public_key()}
        # Older keys keep verifying until they are retired: "2:BASE64RAW,3:BASE64RAW".
        for item in filter(None, (config.get("BADGE_VERIFY_KEYS") or "").split(",")):
            kid, raw = item.split(":", 1)
            public[int(kid)] = Ed25519PublicKey.from_public_bytes(base64.b64decode(raw))
        ring = KeyRing(key_id, private, public)
        current_app.extensions["badge_keyring"] = ring
    return ring


def sign(badge_id: int, serial: int) -> str:
    ring = keyring()
    head = _HEAD.pack(VERSION, ring.key_id, badge_id, serial)
    return PREFIX + base45.b45encode(head + ring.private_key.sign(head)).decode("ascii")


def verify(code: str) -> BadgeCode:
    """Check a scanned code's format and signature. Raises InvalidCode with the reason."""
    code = (code or "").strip()
    if not code.upper().startswith(PREFIX):
        raise InvalidCode("unreadable")
    try:
        data = base45.b45decode(code[len(PREFIX) :].upper())
    except (ValueError, KeyError) as exc:
        raise InvalidCode("unreadable") from exc
    if len(data) != _HEAD.size + SIGNATURE_SIZE:
        raise InvalidCode("unreadable")
    head, signature = data[: _HEAD.size], data[_HEAD.size :]
    version, key_id, badge_id, serial = _HEAD.unpack(head)
    if version != VERSION:
        raise InvalidCode("unreadable")
    key = keyring().public_keys.get(key_id)
    if key is None:
        raise InvalidCode("unknown_key")
    try:
        key.verify(signature, head)
    except InvalidSignature as exc:
        raise InvalidCode("bad_signature") from exc
    return BadgeCode(badge_id=badge_id, serial=serial, key_id=key_id)
