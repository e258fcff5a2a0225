"""What other domains read of badges: a scanned code checked against our keys, and the public keys."""

from __future__ import annotations

from conference.badges.tokens import BadgeCode, InvalidCode, keyring, verify

__all__ = ["BadgeCode", "InvalidCode", "public_keys", "read_code"]


def read_code(code: str) -> BadgeCode:
    """The badge and serial a scanned code names, if we signed it. Raises InvalidCode(reason)."""
    return verify(code)


def public_keys() -> dict[int, bytes]:
    """Key id → raw Ed25519 public key, for scanners that verify codes offline."""
    return keyring().public_raw()
