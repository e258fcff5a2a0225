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


# --- badges ------------------------------------------------------------------------------------


def photo_jpeg(seed: int = 0) -> str:
    """A distinct synthetic head-and-shoulders photo, stored as the registration flow stores one."""
    from PIL import Image, ImageDraw

    from conference.core.uploads import save_jpeg

    bg = (200 + seed * 7 % 55, 215 + seed * 3 % 40, 230 + seed % 25)
    image = Image.new("RGB", (600, 800), bg)
    draw = ImageDraw.Draw(image)
    draw.ellipse((190, 140, 410, 400), fill=(150 + seed * 13 % 100, 110 + seed * 5 % 60, 90))
    draw.rounded_rectangle((90, 430, 510, 900), radius=120, fill=(seed * 37 % 200, 60, 120 + seed * 11 % 120))
    return save_jpeg(image, "photos")


def approved_badge(delegation_obj: Delegation | None = None, **kwargs):
    """An approved participant with an issued, active badge (as the approval signal leaves it)."""
    from conference.badges.services import issue_badge

    p = participant(delegation_obj, status="approved", **kwargs)
    badge = issue_badge(p.id)
    db.session.commit()
    return badge
