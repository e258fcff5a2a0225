"""Two-factor login: TOTP codes from an authenticator app, with one-time recovery codes.

Organiser roles (admin, accreditation officer, protocol officer) must pass a second factor after
the password before they count as logged in. ``TOTP_REQUIRED`` switches the rule (default on;
off only under ``TESTING`` so other domains' tests can log organisers in with a password, or with
the environment variable ``TOTP_REQUIRED=0`` outside production, for benchmarks).

Losing the device: another admin resets the user's two-factor login (audited) from the panel's
People page (``services.reset_two_factor``); the user enrols again at the next login.

A wrong code is an answer, not a refusal: it is recorded (a security event) and the function returns
None, so the record is committed with the page that asks again. Functions here flush only.
"""

from __future__ import annotations

import base64
import hashlib
import io
import os
import re
import secrets
import time

import pyotp
import qrcode
import qrcode.image.svg
from flask import current_app
from sqlalchemy import delete, func, select, update

from conference.accounts.errors import AccountError
from conference.accounts.models import RecoveryCode, User
from conference.accounts.roles import ORGANISER_ROLES
from conference.core import audit
from conference.core.db import utcnow
from conference.core.errors import DomainError
from conference.extensions import db

ISSUER = "Hanoi Convention 2025"
RECOVERY_CODES = 10
_RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i to misread


def enforced() -> bool:
    config = current_app.config
    if "TOTP_REQUIRED" in config:
        return bool(config["TOTP_REQUIRED"])
    env = os.environ.get("TOTP_REQUIRED")
    if env is not None and not config.get("PRODUCTION"):
        return env.strip().lower() in {"1", "true", "yes", "on"}
    return not config.get("TESTING")


def required_for(user: User) -> bool:
    """Whether this account must pass a second factor at login."""
    return user.role in ORGANISER_ROLES and enforced()


def is_enrolled(user: User) -> bool:
    return user.totp_enabled_at is not None and bool(user.totp_secret)


def session_marker(user: User) -> str | None:
    """What a fully logged-in session remembers; a 2FA reset or re-enrolment changes it."""
    if not is_enrolled(user):
        return None
    return f"{user.id}:{int(user.totp_enabled_at.timestamp())}"


def _user(user_id: int, *, lock: bool = False) -> User:
    query = select(User).where(User.id == user_id)
    if lock:
        query = query.with_for_update()
    user = db.session.scalar(query)
    if user is None:
        raise DomainError(AccountError.USER_NOT_FOUND)
    return user


def _security(action: str, user: User, **kwargs) -> None:
    audit.record(action, "user", user.id, actor_id=user.id, actor_label=user.email, security=True, **kwargs)


def start_enrolment(user_id: int) -> str:
    """Give the user a new, not yet confirmed secret (each start replaces the previous one).

    Raises DomainError(``2fa_enrolled``) when two-factor login is already on: the secret is never
    shown again; an admin must reset it first.
    """
    user = _user(user_id, lock=True)
    if is_enrolled(user):
        raise DomainError(AccountError.TWO_FACTOR_ENROLLED)
    user.totp_secret = pyotp.random_base32()
    user.totp_last_step = None
    _security("auth.2fa_enrol_started", user)
    return user.totp_secret


def provisioning_uri(user: User) -> str:
    return pyotp.TOTP(user.totp_secret).provisioning_uri(name=user.email, issuer_name=ISSUER)


def qr_data_uri(text: str) -> str:
    """An SVG QR code as a data: URI (our CSP allows data: images, so no file is ever stored)."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=2)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


def _matching_step(secret: str, code: str, now: float) -> int | None:
    """The 30-second step whose code matches (one step of clock drift either way), else None."""
    totp = pyotp.TOTP(secret)
    step = int(now) // totp.interval
    for candidate in (step, step - 1, step + 1):
        if secrets.compare_digest(totp.generate_otp(candidate), code):
            return candidate
    return None


def _clean(code: str) -> str:
    return re.sub(r"[\s-]", "", code or "").lower()


def _hash_recovery(code: str) -> str:
    # Recovery codes are 60 random bits, so a fast hash is enough (like API tokens).
    return hashlib.sha256(_clean(code).encode()).hexdigest()


def _new_recovery_codes(user: User) -> list[str]:
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    codes = []
    for _ in range(RECOVERY_CODES):
        raw = "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(12))
        code = f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"
        codes.append(code)
        db.session.add(RecoveryCode(user_id=user.id, code_hash=_hash_recovery(code)))
    return codes


def confirm_enrolment(user_id: int, code: str, *, now: float | None = None) -> list[str] | None:
    """Turn two-factor login on once the app shows a matching code; returns the recovery codes
    (shown once), or None for a code that does not match (recorded).
    Raises DomainError(``2fa_enrolled`` | ``2fa_not_started``)."""
    user = _user(user_id, lock=True)
    if is_enrolled(user):
        raise DomainError(AccountError.TWO_FACTOR_ENROLLED)
    if not user.totp_secret:
        raise DomainError(AccountError.TWO_FACTOR_NOT_STARTED)
    step = _matching_step(user.totp_secret, _clean(code), time.time() if now is None else now)
    if step is None:
        _security("auth.2fa_enrol_failed", user)
        return None
    user.totp_enabled_at = utcnow()
    user.totp_last_step = step
    codes = _new_recovery_codes(user)
    _security("auth.2fa_enrolled", user, after={"recovery_code_count": RECOVERY_CODES})
    return codes


def verify(user_id: int, code: str, *, now: float | None = None) -> str | None:
    """Check a login's second factor: a 6-digit app code (each usable once) or an unused recovery
    code. Returns ``"totp"`` or ``"recovery"``, or None for a code that is not valid (recorded).
    Raises DomainError(``2fa_not_enrolled``)."""
    user = _user(user_id, lock=True)
    if not is_enrolled(user):
        raise DomainError(AccountError.TWO_FACTOR_NOT_ENROLLED)
    cleaned = _clean(code)
    method = None
    if cleaned.isdigit() and len(cleaned) == 6:
        step = _matching_step(user.totp_secret, cleaned, time.time() if now is None else now)
        if step is not None and (user.totp_last_step is None or step > user.totp_last_step):
            user.totp_last_step = step
            method = "totp"
    elif cleaned:
        used = db.session.scalar(
            update(RecoveryCode)
            .where(
                RecoveryCode.user_id == user.id,
                RecoveryCode.code_hash == _hash_recovery(cleaned),
                RecoveryCode.used_at.is_(None),
            )
            .values(used_at=utcnow())
            .returning(RecoveryCode.id)
        )
        method = "recovery" if used is not None else None
    if method is None:
        _security("auth.2fa_failed", user)
        return None
    after = {"method": method}
    if method == "recovery":
        after["recovery_codes_left"] = recovery_codes_left(user.id)
    _security("auth.2fa_passed", user, after=after)
    return method


def recovery_codes_left(user_id: int) -> int:
    return db.session.scalar(
        select(func.count()).where(RecoveryCode.user_id == user_id, RecoveryCode.used_at.is_(None))
    )


def regenerate_recovery_codes(user_id: int) -> list[str]:
    """Replace all recovery codes of an enrolled user (the old ones stop working).
    Raises DomainError(``2fa_not_enrolled``)."""
    user = _user(user_id, lock=True)
    if not is_enrolled(user):
        raise DomainError(AccountError.TWO_FACTOR_NOT_ENROLLED)
    codes = _new_recovery_codes(user)
    _security("auth.2fa_recovery_codes_renewed", user)
    return codes
