"""The one place tests make records: factory_boy factories bound to the test's ``db.session``.

They flush and never commit: the test's transaction is rolled back at the end, and a test that
needs committed data (a live server, concurrent connections) commits at its own boundary. Where a
domain has a service that creates a record under its rules (a badge is issued by the badges
service), the factory calls it, so tests see the records the application itself makes.
"""

from __future__ import annotations

import datetime as dt
import io

import factory
import pyotp
from factory.alchemy import SQLAlchemyModelFactory
from PIL import Image, ImageDraw
from sqlalchemy import select

from conference.accounts.models import User
from conference.accounts.services import hash_password
from conference.agenda.models import ConferenceSession, Room
from conference.badges import printing
from conference.badges import services as badges
from conference.badges.models import Badge, SerialReason
from conference.core.db import utcnow
from conference.core.timeutil import venue_datetime
from conference.core.uploads import save_bytes, save_jpeg
from conference.exhibition.models import Booth, BoothAllocation, Exhibitor
from conference.extensions import db
from conference.registration.models import Delegation, DelegationType, Document, Participant
from conference.registration.photos import THUMB_SIZE
from conference.scanning.models import Checkpoint

TEST_PASSWORD = "correct horse battery"
DAY1 = dt.date(2025, 10, 25)
DAY2 = dt.date(2025, 10, 26)
_password_hash: str | None = None


def _hash() -> str:
    global _password_hash  # argon2 is slow on purpose; hash the shared test password once
    if _password_hash is None:
        _password_hash = hash_password(TEST_PASSWORD)
    return _password_hash


def from_today(days: int) -> dt.date:
    """A date relative to the day the tests run, for rules the app checks against today."""
    return dt.date.today() + dt.timedelta(days=days)


def valid_passport_expiry() -> dt.date:
    """A passport still valid for five years from today, whenever the suite runs."""
    return from_today(5 * 365)


# --- files ---------------------------------------------------------------------------------------


def portrait(seed: int = 0, size: tuple[int, int] = (600, 800)) -> Image.Image:
    """A distinct synthetic head-and-shoulders picture: a light background, a head, shoulders."""
    width, height = size
    bg = (200 + seed * 7 % 55, 215 + seed * 3 % 40, 230 + seed % 25)
    image = Image.new("RGB", size, bg)
    draw = ImageDraw.Draw(image)
    draw.ellipse(
        (width * 19 // 60, height * 7 // 40, width * 41 // 60, height // 2),
        fill=(150 + seed * 13 % 100, 110 + seed * 5 % 60, 90),
    )
    draw.rounded_rectangle(
        (width * 3 // 20, height * 43 // 80, width * 17 // 20, height * 9 // 8),
        radius=width // 5,
        fill=(seed * 37 % 200, 60, 120 + seed * 11 % 120),
    )
    return image


def photo_bytes(width: int = 600, height: int = 800, fmt: str = "JPEG", seed: int = 0) -> bytes:
    """An uploadable photo file, as a browser or a focal point would send it."""
    buffer = io.BytesIO()
    portrait(seed, (width, height)).save(buffer, fmt)
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


def totp_code(secret: str) -> str:
    """The code an authenticator app shows now for ``secret``."""
    return pyotp.TOTP(secret).now()


# --- factories -----------------------------------------------------------------------------------


class _Factory(SQLAlchemyModelFactory):
    class Meta:
        abstract = True
        # A callable: the test fixture swaps ``db.session`` for one bound to its transaction.
        sqlalchemy_session_factory = lambda: db.session  # noqa: E731
        sqlalchemy_session_persistence = "flush"


class UserFactory(_Factory):
    """A verified account with ``TEST_PASSWORD``, one per role (``role=``); ``two_factor`` adds
    an authenticator secret (in ``user.totp_secret``). Tests run with TOTP_REQUIRED off."""

    class Meta:
        model = User

    class Params:
        two_factor = factory.Trait(
            totp_secret=factory.LazyFunction(pyotp.random_base32), totp_enabled_at=factory.LazyFunction(utcnow)
        )

    role = "participant"
    email = factory.LazyAttributeSequence(lambda o, n: f"{o.role}{n}@test.example")
    full_name = factory.LazyAttributeSequence(lambda o, n: f"Test {o.role} {n}")
    password_hash = factory.LazyFunction(_hash)
    email_verified_at = factory.LazyFunction(utcnow)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        kwargs["email"] = kwargs["email"].lower()  # the login form looks addresses up in lower case
        return super()._create(model_class, *args, **kwargs)


class DelegationFactory(_Factory):
    """A member state's delegation (``country_iso3=None`` makes an organisation);
    ``with_focal_point`` gives it a focal point account (or pass ``focal_point=user``)."""

    class Meta:
        model = Delegation

    class Params:
        focal_point = None
        with_focal_point = factory.Trait(focal_point=factory.SubFactory(UserFactory, role="focal_point"))

    country_iso3 = "FRA"
    type = factory.LazyAttribute(lambda o: DelegationType.MEMBER_STATE if o.country_iso3 else DelegationType.NGO)
    name = factory.LazyAttributeSequence(lambda o, n: o.country_iso3 or f"Organisation {n}")
    focal_point_id = factory.LazyAttribute(lambda o: o.focal_point.id if o.focal_point else None)


class ParticipantFactory(_Factory):
    """A participant record, a draft by default. Traits: ``approved``, ``with_photo`` (a stored
    photo and thumbnail), ``complete`` (everything needed to submit, photo included) and
    ``with_login`` (an own participant account with the same e-mail, in ``user_id``)."""

    class Meta:
        model = Participant

    class Params:
        user = None
        photo_seed = factory.Sequence(lambda n: n)
        approved = factory.Trait(status="approved")
        with_photo = factory.Trait(
            photo_path=factory.LazyAttribute(lambda o: save_jpeg(portrait(o.photo_seed), "photos")),
            photo_thumb_path=factory.LazyAttribute(
                lambda o: save_jpeg(portrait(o.photo_seed, THUMB_SIZE), "photos/thumbs")
            ),
        )
        complete = factory.Trait(
            with_photo=True,
            nationality_iso3="FRA",
            passport_number=factory.Sequence(lambda n: f"P{n:07d}"),
            passport_expiry=factory.LazyFunction(valid_passport_expiry),
            date_of_birth=dt.date(1980, 5, 17),
            consent_given_at=factory.LazyFunction(utcnow),
        )
        with_login = factory.Trait(user=factory.SubFactory(UserFactory, role="participant"))

    delegation = None
    given_names = factory.Sequence(lambda n: f"Given{n}")
    family_name = factory.Sequence(lambda n: f"Family{n}")
    category_code = "delegate"
    email = factory.LazyAttributeSequence(lambda o, n: o.user.email if o.user else f"person{n}@test.example")
    status = "draft"
    user_id = factory.LazyAttribute(lambda o: o.user.id if o.user else None)


class BadgeFactory(_Factory):
    """A badge issued by the badges service to an approved participant (``participant__…`` sets
    the holder's fields). Traits, each through the service that does it in the app: ``printed``
    (a print batch of that badge), ``revoked``, ``reprinted`` (serial 2, serial 1 superseded).
    The print and reprint services commit: in a rolled-back test that only releases a savepoint."""

    class Meta:
        model = Badge

    class Params:
        printed = factory.Trait(print_it=True)
        revoked = factory.Trait(revoke_reason="Accreditation withdrawn")
        reprinted = factory.Trait(reprint_reason=SerialReason.LOST)

    participant = factory.SubFactory(ParticipantFactory, approved=True)
    print_it = False
    revoke_reason = None
    reprint_reason = None

    @classmethod
    def _create(cls, model_class, *args, participant, print_it, revoke_reason, reprint_reason, **kwargs):
        badge = badges.issue_badge(participant.id)
        if reprint_reason:
            badges.reprint(badge.id, reprint_reason)
        if print_it:
            printing.create_batch("badge", str(badge.id))
        if revoke_reason:
            badges.revoke_for_participant(participant.id, revoke_reason)
        for field, value in kwargs.items():
            setattr(badge, field, value)
        db.session.flush()
        return badge


def _booth_allocation(exhibitor: Exhibitor, create: bool, booth: str | None, **kwargs) -> None:
    if booth:
        booth_id = db.session.scalar(select(Booth.id).where(Booth.code == booth))
        db.session.add(BoothAllocation(booth_id=booth_id, exhibitor_id=exhibitor.id))
        db.session.flush()


class ExhibitorFactory(_Factory):
    """An exhibitor with its applicant account (``user``), applied by default; ``booth="B07"``
    allocates that booth directly, whatever the exhibitor's status."""

    class Meta:
        model = Exhibitor
        exclude = ("user",)

    user = factory.SubFactory(UserFactory, role="exhibitor")
    user_id = factory.SelfAttribute("user.id")
    organisation_name = factory.Sequence(lambda n: f"Exhibitor {n}")
    kind = "tech_company"
    theme = "cybersecurity"
    requested_size_sqm = 9
    description_en = factory.LazyAttribute(lambda o: f"{o.organisation_name} shows its work.")
    status = "applied"
    booth = factory.PostGeneration(_booth_allocation)


class DocumentFactory(_Factory):
    """A delegation's uploaded PDF (a note verbale by default), stored as the upload stores it."""

    class Meta:
        model = Document
        exclude = ("data",)

    data = factory.LazyFunction(pdf_bytes)
    delegation = factory.SubFactory(DelegationFactory)
    kind = "note_verbale"
    filename = factory.LazyAttribute(lambda o: f"{o.kind}.pdf")
    path = factory.LazyAttribute(lambda o: save_bytes(o.data, "documents", ".pdf"))
    size = factory.LazyAttribute(lambda o: len(o.data))


def _room_id(code: str) -> int:
    return db.session.scalar(select(Room.id).where(Room.code == code))


class SessionFactory(_Factory):
    """A workshop of our own (seeded sessions are shared with other tests) that needs sign-up, by
    default on day 2 at 19:00–20:00 in R339, a time and room nothing else uses."""

    class Meta:
        model = ConferenceSession

    class Params:
        day = DAY2
        start = "19:00"
        end = "20:00"
        room_code = "R339"

    code = factory.Sequence(lambda n: f"T-WS-{n}")
    kind = "workshop"
    title_en = factory.Sequence(lambda n: f"Test workshop {n}")
    room_id = factory.LazyAttribute(lambda o: _room_id(o.room_code))
    starts_at = factory.LazyAttribute(lambda o: venue_datetime(o.day, o.start))
    ends_at = factory.LazyAttribute(lambda o: venue_datetime(o.day, o.end))
    languages = factory.LazyFunction(lambda: ["en"])
    topics = factory.LazyFunction(lambda: ["forensics"])
    organisers = factory.LazyFunction(list)
    guest_speakers = factory.LazyFunction(list)
    capacity = 2
    needs_signup = True


class CheckpointFactory(_Factory):
    """A scanning checkpoint, a gate of the plenary zone (P) by default."""

    class Meta:
        model = Checkpoint

    name = factory.Sequence(lambda n: f"cp-{n}")
    kind = "zone_gate"
    zone_code = factory.LazyAttribute(lambda o: "P" if o.kind == "zone_gate" else None)
