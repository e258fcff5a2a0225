"""Personal links: a member opens their own record (and only theirs) from a signed, mailed link."""

from __future__ import annotations

import secrets

from flask import current_app, url_for
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from conference.accounts import services as accounts
from conference.accounts.roles import Role
from conference.core import audit
from conference.core.errors import DomainError
from conference.core.mail import queue_mail
from conference.registration import access
from conference.registration.errors import RegistrationError
from conference.registration.models import AccreditationStatus, Participant
from conference.registration.services import get_participant, participant_visible_to

LINK_MAX_AGE = 60 * 24 * 3600


def _link_serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="participant-link")


def send_personal_link(actor_id: int, participant_id: int) -> str:
    """Mail the member a link to their own record (and only theirs); a new link voids older ones."""
    participant = participant_visible_to(actor_id, participant_id)
    if not participant.email:
        raise DomainError(RegistrationError.EMAIL_MISSING, fields={"email": RegistrationError.EMAIL_MISSING.message})
    if participant.status not in access.EDITABLE_BY_FOCAL_POINT:
        raise DomainError(
            RegistrationError.NOT_EDITABLE, state=AccreditationStatus.label_of(participant.status).lower()
        )
    participant.link_nonce = secrets.token_hex(8)
    token = _link_serializer().dumps({"pid": participant.id, "n": participant.link_nonce})
    link = url_for("registration.personal_record", token=token, _external=True)
    delegation = participant.delegation.name if participant.delegation else "the conference"
    queue_mail(
        participant.email,
        "Complete your registration — Hanoi Convention 2025",
        f"Dear {participant.full_name},\n\nThe focal point of {delegation} registered you for the signing conference "
        "of the UN Convention against Cybercrime (Hanoi, 25–26 October 2025).\n\n"
        f"Please add your photo and passport details, and give your consent, here:\n{link}\n\n"
        "This link opens only your own record. Do not forward it.",
        topic="registration_link",
    )
    audit.record("participant.link_sent", "participant", participant.id, after={"email": participant.email})
    return token


def participant_for_link(token: str) -> Participant:
    try:
        data = _link_serializer().loads(token, max_age=LINK_MAX_AGE)
    except SignatureExpired as exc:
        raise DomainError(RegistrationError.PERSONAL_LINK_EXPIRED) from exc
    except BadSignature as exc:
        raise DomainError(RegistrationError.PERSONAL_LINK_INVALID) from exc
    participant = get_participant(int(data.get("pid", 0)))
    if participant is None or not participant.link_nonce or participant.link_nonce != data.get("n"):
        raise DomainError(RegistrationError.PERSONAL_LINK_INVALID)
    return participant


def create_login_from_link(token: str, password: str) -> access.Actor:
    """A member who opened their personal link creates a login (role participant; returned, to log in)
    linked to their record, so the other parts of the platform know them. The link proved the email
    address. Refused when the email already has an account or the record already has a login."""
    participant = participant_for_link(token)
    if participant.user_id is not None:
        raise DomainError(RegistrationError.LOGIN_EXISTS)
    if not participant.email:
        raise DomainError(RegistrationError.EMAIL_MISSING, fields={"email": RegistrationError.EMAIL_MISSING.message})
    user = accounts.create_user(
        participant.email,
        role=Role.PARTICIPANT,
        full_name=participant.full_name,
        password=password,
        verified=True,
    )
    participant.user_id = user.id
    audit.record("participant.login_created", "participant", participant.id, after={"user_id": user.id})
    return user
