"""Accounts: creating users, passwords (argon2), login, reset and verification links, API tokens."""

from __future__ import annotations

import hashlib
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app, url_for
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import func, select

from conference.accounts.models import ApiToken, User
from conference.accounts.roles import Role
from conference.core import audit, emails
from conference.core.db import utcnow
from conference.core.errors import Conflict, DomainError, Forbidden, NotFound
from conference.core.mail import queue_mail
from conference.extensions import db

_hasher = PasswordHasher()
RESET_MAX_AGE = 3600
VERIFY_MAX_AGE = 7 * 24 * 3600
MIN_PASSWORD = 10


def normalise_email(email: str) -> str:
    return email.strip().lower()


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def check_password_strength(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise DomainError("weak_password", f"Use at least {MIN_PASSWORD} characters.")


def get_user_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == normalise_email(email)))


def create_user(
    email: str,
    *,
    role: str = Role.PARTICIPANT,
    full_name: str = "",
    password: str | None = None,
    verified: bool = False,
    commit: bool = True,
) -> User:
    """Create an account. Raises DomainError(``bad_email``) for what is not an address and
    Conflict(``email_taken``) when the email already has one."""
    try:
        email = emails.normalise_email(email)
    except emails.InvalidEmail as exc:
        raise DomainError("bad_email", f"{email!r} is not an email address.") from exc
    if role not in {r.value for r in Role}:
        raise DomainError("unknown_role", f"Unknown role {role!r}.")
    if password is not None:
        check_password_strength(password)
    if db.session.scalar(select(func.count()).select_from(User).where(User.email == email)):
        raise Conflict("email_taken", "An account with this email already exists.")
    user = User(
        email=email,
        role=str(role),
        full_name=full_name,
        password_hash=hash_password(password) if password else None,
        email_verified_at=utcnow() if verified else None,
    )
    db.session.add(user)
    db.session.flush()
    audit.record("user.create", "user", user.id, after={"email": email, "role": str(role)})
    if commit:
        db.session.commit()
    return user


def authenticate(email: str, password: str) -> User | None:
    """Return the user when the password matches; record the attempt either way."""
    user = get_user_by_email(email)
    ok = False
    if user is not None and user.password_hash and user.active:
        try:
            ok = _hasher.verify(user.password_hash, password)
        except (VerificationError, InvalidHashError):
            ok = False
        if ok and _hasher.check_needs_rehash(user.password_hash):
            user.password_hash = hash_password(password)
    if ok:
        user.last_login_at = utcnow()
        audit.record("auth.login", "user", user.id, actor_id=user.id, actor_label=user.email, security=True)
    else:
        audit.record(
            "auth.login_failed",
            "user",
            user.id if user else None,
            actor_label=normalise_email(email)[:200],
            security=True,
        )
    db.session.commit()
    return user if ok else None


def record_logout(user: User) -> None:
    audit.record("auth.logout", "user", user.id, actor_id=user.id, actor_label=user.email, security=True)
    db.session.commit()


def set_password(user: User, password: str, *, reason: str = "password.change") -> None:
    check_password_strength(password)
    user.password_hash = hash_password(password)
    audit.record(reason, "user", user.id, security=True)
    db.session.commit()


# Signed links. The password hash is part of the reset signature so a link works only once.
def _serializer(salt: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=salt)


def _fingerprint(user: User) -> str:
    return hashlib.sha256((user.password_hash or "-").encode()).hexdigest()[:16]


def make_reset_token(user: User) -> str:
    return _serializer("password-reset").dumps({"uid": user.id, "fp": _fingerprint(user)})


def request_password_reset(email: str) -> None:
    """Queue a reset mail if the account exists; say nothing either way (no account probing)."""
    user = get_user_by_email(email)
    if user is None or not user.active:
        return
    link = url_for("accounts.reset_password", token=make_reset_token(user), _external=True)
    queue_mail(
        user.email,
        "Reset your password — Hanoi Convention 2025",
        f"Someone asked to reset the password of this account.\n\nOpen this link within one hour:\n{link}\n\n"
        "If it was not you, ignore this mail.",
        topic="password_reset",
    )
    audit.record("auth.reset_requested", "user", user.id, security=True)
    db.session.commit()


def _load_link(salt: str, token: str, max_age: int, expired: str = "This link has expired. Ask for a new one.") -> dict:
    """The data of a signed link; DomainError ``link_expired`` / ``link_invalid`` otherwise."""
    try:
        return _serializer(salt).loads(token, max_age=max_age)
    except SignatureExpired as exc:
        raise DomainError("link_expired", expired) from exc
    except BadSignature as exc:
        raise DomainError("link_invalid", "This link is not valid.") from exc


def _single_use_user(data: dict, used: str) -> User:
    """The user a password link was made for, while their password is still the one it was made against."""
    user = db.session.get(User, data.get("uid"))
    if user is None or data.get("fp") != _fingerprint(user):
        raise DomainError("link_used", used)
    return user


def reset_password(token: str, password: str) -> User:
    data = _load_link("password-reset", token, RESET_MAX_AGE)
    user = _single_use_user(data, "This link has already been used. Ask for a new one.")
    set_password(user, password, reason="auth.password_reset")
    return user


def make_verify_token(user: User) -> str:
    return _serializer("email-verify").dumps({"uid": user.id, "email": user.email})


def send_verification(user: User, *, commit: bool = True) -> None:
    link = url_for("accounts.verify_email", token=make_verify_token(user), _external=True)
    queue_mail(
        user.email,
        "Confirm your email — Hanoi Convention 2025",
        f"Please confirm your email address by opening this link:\n{link}\n",
        topic="verify_email",
    )
    if commit:
        db.session.commit()


def verify_email(token: str) -> User:
    data = _load_link("email-verify", token, VERIFY_MAX_AGE)
    user = db.session.get(User, data.get("uid"))
    if user is None or user.email != data.get("email"):
        raise DomainError("link_invalid", "This link is not valid.")
    if user.email_verified_at is None:
        user.email_verified_at = utcnow()
        audit.record("user.email_verified", "user", user.id)
        db.session.commit()
    return user


def set_role(user_id: int, role: str) -> User:
    user = db.session.get(User, user_id)
    if user is None:
        raise NotFound("user_not_found", "No such user.")
    if role not in {r.value for r in Role}:
        raise DomainError("unknown_role", f"Unknown role {role!r}.")
    before = user.role
    user.role = role
    audit.record("user.role_change", "user", user.id, before={"role": before}, after={"role": role}, security=True)
    db.session.commit()
    return user


# API tokens: shown once, stored as SHA-256 (they are long random strings, so no slow hash needed).
def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_api_token(user: User, name: str) -> str:
    token = "hct_" + secrets.token_urlsafe(32)
    db.session.add(ApiToken(user_id=user.id, name=name[:120], token_hash=_token_hash(token)))
    audit.record("api_token.issue", "user", user.id, after={"name": name}, security=True)
    db.session.commit()
    return token


def api_token_holder(token: str) -> tuple[User, str] | None:
    """The one API-token look-up: the active user holding an unrevoked token, and the token's name
    (a scanning device's name). None for an unknown, revoked or deactivated one."""
    row = db.session.execute(
        select(User, ApiToken.name)
        .join(ApiToken, ApiToken.user_id == User.id)
        .where(ApiToken.token_hash == _token_hash(token), ApiToken.revoked_at.is_(None), User.active)
    ).one_or_none()
    return None if row is None else (row[0], row[1])


def user_for_api_token(token: str) -> User | None:
    holder = api_token_holder(token)
    return holder[0] if holder else None


def get_user(user_id: int) -> User | None:
    return db.session.get(User, user_id)


def user_emails(user_ids: set[int]) -> dict[int, str]:
    """user id → email, for other domains' exports."""
    return {uid: email for uid, email in db.session.execute(select(User.id, User.email).where(User.id.in_(user_ids)))}


def users_with_roles(*roles: str) -> list[User]:
    """Accounts holding one of ``roles``, by email (for other domains' pickers)."""
    return list(db.session.scalars(select(User).where(User.role.in_(roles)).order_by(User.email)))


def revoke_api_token(token_id: int, user: User) -> None:
    row = db.session.get(ApiToken, token_id)
    if row is None or (row.user_id != user.id and user.role != Role.ADMIN):
        raise NotFound("token_not_found", "No such token.")
    row.revoked_at = utcnow()
    audit.record("api_token.revoke", "user", row.user_id, after={"name": row.name}, security=True)
    db.session.commit()


def set_active(user_id: int, active: bool, *, by_user_id: int | None = None, reason: str = "") -> User:
    """Deactivate (no login, no API token) or reactivate an account.
    Raises NotFound(``user_not_found``), Forbidden(``own_account``) for one's own account."""
    user = db.session.get(User, user_id)
    if user is None:
        raise NotFound("user_not_found", "No such user.")
    if user_id == by_user_id:
        raise Forbidden("own_account", "You cannot deactivate your own account.")
    if user.active != active:
        audit.record(
            "user.reactivate" if active else "user.deactivate",
            "user",
            user.id,
            before={"active": user.active},
            after={"active": active},
            reason=reason or None,
            security=True,
        )
        user.active = active
        db.session.commit()
    return user


# Staff invitations: an account without a password and a mailed link to choose one (valid a week,
# once: like reset links, the signature covers the password hash).
INVITE_MAX_AGE = 7 * 24 * 3600


def make_invite_token(user: User) -> str:
    return _serializer("staff-invite").dumps({"uid": user.id, "fp": _fingerprint(user)})


def invite_staff(email: str, role: str, full_name: str = "") -> User:
    """Create a staff account with ``role`` and mail a link to set its password.
    Raises Conflict(``email_taken``), DomainError(``unknown_role``)."""
    user = create_user(email, role=role, full_name=full_name.strip(), commit=False)
    link = url_for("accounts.accept_invite", token=make_invite_token(user), _external=True)
    queue_mail(
        user.email,
        "Your staff account — Hanoi Convention 2025",
        f"You have been given a {Role(role).label.lower()} account on the conference platform.\n\n"
        f"Choose your password within seven days:\n{link}\n\n"
        "Organiser accounts then set up two-factor login with an authenticator app at the first login.",
        topic="staff_invite",
    )
    audit.record("user.invite", "user", user.id, after={"email": user.email, "role": role}, security=True)
    db.session.commit()
    return user


def accept_invite(token: str, password: str) -> User:
    data = _load_link(
        "staff-invite", token, INVITE_MAX_AGE, "This invitation has expired. Ask an administrator for a new one."
    )
    user = _single_use_user(data, "This link has already been used. Log in, or reset your password.")
    if user.email_verified_at is None:
        user.email_verified_at = utcnow()
    set_password(user, password, reason="auth.invite_accepted")
    return user
