"""Factories for test data, per domain. They add and flush; the test's transaction rolls back."""

from __future__ import annotations

import itertools

from conference.accounts.models import User
from conference.accounts.services import hash_password
from conference.core.db import utcnow
from conference.extensions import db
from conference.registration.models import Delegation, DelegationType, Participant

TEST_PASSWORD = "correct horse battery"
_seq = itertools.count(1)
_password_hash: str | None = None


def _hash() -> str:
    global _password_hash  # argon2 is slow on purpose; hash the shared test password once
    if _password_hash is None:
        _password_hash = hash_password(TEST_PASSWORD)
    return _password_hash


def user(role: str = "participant", email: str | None = None, **kwargs) -> User:
    n = next(_seq)
    obj = User(
        email=(email or f"{role}{n}@test.example").lower(),
        role=role,
        full_name=kwargs.pop("full_name", f"Test {role} {n}"),
        password_hash=_hash(),
        email_verified_at=utcnow(),
        **kwargs,
    )
    db.session.add(obj)
    db.session.commit()
    return obj


def delegation(country: str | None = "FRA", focal_point: User | None = None, **kwargs) -> Delegation:
    obj = Delegation(
        type=kwargs.pop("type", DelegationType.MEMBER_STATE if country else DelegationType.NGO),
        name=kwargs.pop("name", country or f"Organisation {next(_seq)}"),
        country_iso3=country,
        focal_point_id=focal_point.id if focal_point else None,
        **kwargs,
    )
    db.session.add(obj)
    db.session.commit()
    return obj


def participant(delegation: Delegation | None = None, **kwargs) -> Participant:
    n = next(_seq)
    obj = Participant(
        delegation_id=delegation.id if delegation else None,
        given_names=kwargs.pop("given_names", f"Given{n}"),
        family_name=kwargs.pop("family_name", f"Family{n}"),
        category_code=kwargs.pop("category_code", "delegate"),
        email=kwargs.pop("email", f"participant{n}@test.example"),
        status=kwargs.pop("status", "draft"),
        **kwargs,
    )
    db.session.add(obj)
    db.session.commit()
    return obj


# --- two-factor login (admin domain) ---------------------------------------------------------------
# Tests run with TOTP_REQUIRED off (it defaults to ``not TESTING``), so ``auth.login(role)`` keeps
# working for organiser roles. Tests of the second factor turn it on and use these two helpers.


def two_factor_user(role: str = "admin", email: str | None = None, **kwargs) -> User:
    """An organiser with two-factor login already set up (secret in ``user.totp_secret``)."""
    import pyotp

    return user(role=role, email=email, totp_secret=pyotp.random_base32(), totp_enabled_at=utcnow(), **kwargs)


def totp_code(secret: str) -> str:
    """The code an authenticator app shows now for ``secret``."""
    import pyotp

    return pyotp.TOTP(secret).now()
