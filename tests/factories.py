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


# --- registration ---------------------------------------------------------------------------------


def photo_bytes(width: int = 600, height: int = 800, fmt: str = "JPEG", colour: tuple = (200, 210, 220)) -> bytes:
    """A test photo made with Pillow (a light background with a darker 'head')."""
    import io

    from PIL import Image, ImageDraw

    image = Image.new("RGB", (width, height), colour)
    ImageDraw.Draw(image).ellipse((width // 4, height // 6, 3 * width // 4, height // 2), fill=(120, 90, 70))
    buffer = io.BytesIO()
    image.save(buffer, fmt)
    return buffer.getvalue()


def pdf_bytes(text: str = "Note verbale") -> bytes:
    body = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    return (
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
        b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
        b"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >> endobj\n"
        b"4 0 obj << /Length " + str(len(body)).encode() + b" >> stream\n" + body + b"\nendstream endobj\n"
        b"trailer << /Root 1 0 R >>\n%%EOF\n"
    )


def document(delegation: Delegation, kind: str = "note_verbale"):
    from conference.core.uploads import save_bytes
    from conference.registration.models import Document

    data = pdf_bytes()
    obj = Document(
        delegation_id=delegation.id,
        kind=kind,
        filename=f"{kind}.pdf",
        path=save_bytes(data, "documents", ".pdf"),
        size=len(data),
    )
    db.session.add(obj)
    db.session.commit()
    return obj


def complete_participant(delegation: Delegation | None = None, **kwargs) -> Participant:
    """A participant with everything needed to submit (photo, passport data, consent)."""
    import datetime as dt

    from conference.registration import photos

    n = next(_seq)
    obj = participant(
        delegation,
        nationality_iso3=kwargs.pop("nationality_iso3", "FRA"),
        passport_number=kwargs.pop("passport_number", f"P{n:07d}"),
        passport_expiry=kwargs.pop("passport_expiry", dt.date(2031, 1, 1)),
        date_of_birth=kwargs.pop("date_of_birth", dt.date(1980, 5, 17)),
        consent_given_at=utcnow(),
        **kwargs,
    )
    status = obj.status
    obj.status = "draft"
    db.session.commit()
    actor = user(role="accreditation_officer")
    photos.set_photo(actor.id, obj.id, photo_bytes())
    obj.status = status
    db.session.commit()
    return obj


# --- exhibition -----------------------------------------------------------------------------------


def exhibitor(owner: User | None = None, *, status: str = "applied", booth: str | None = None, **kwargs):
    """An exhibitor (and its applicant account); ``booth`` allocates that booth code directly."""
    from sqlalchemy import select

    from conference.exhibition.models import Booth, BoothAllocation, Exhibitor

    n = next(_seq)
    obj = Exhibitor(
        user_id=(owner or user(role="exhibitor")).id,
        organisation_name=kwargs.pop("organisation_name", f"Exhibitor {n}"),
        kind=kwargs.pop("kind", "tech_company"),
        theme=kwargs.pop("theme", "cybersecurity"),
        requested_size_sqm=kwargs.pop("requested_size_sqm", 9),
        description_en=kwargs.pop("description_en", f"Exhibitor {n} shows its work."),
        status=status,
        **kwargs,
    )
    db.session.add(obj)
    db.session.flush()
    if booth:
        booth_id = db.session.scalar(select(Booth.id).where(Booth.code == booth))
        db.session.add(BoothAllocation(booth_id=booth_id, exhibitor_id=obj.id))
    db.session.commit()
    return obj


def badge(participant: Participant, **kwargs):
    from conference.badges.models import Badge

    obj = Badge(participant_id=participant.id, **kwargs)
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
